package io.clocklab.coordinator.analysis;

import io.clocklab.coordinator.cluster.RegisteredVm;
import io.clocklab.coordinator.cluster.VmRegistry;
import io.clocklab.coordinator.experiment.Experiment;
import io.clocklab.coordinator.experiment.ExperimentRun;
import io.clocklab.coordinator.run.AnalysisTurns;
import io.clocklab.coordinator.run.LiveLogs;
import io.clocklab.coordinator.run.RunArchive;
import io.clocklab.coordinator.run.RunEnded;
import io.clocklab.coordinator.run.RunNotFoundException;
import io.clocklab.coordinator.run.RunService;
import io.clocklab.core.analysis.ExperimentAnalysis;
import io.clocklab.core.analysis.ExperimentAnalyzer;
import io.clocklab.core.analysis.HybridAnalyzer;
import io.clocklab.core.analysis.HybridReport;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.RunAnalyzer;
import io.clocklab.core.archive.Run;
import io.clocklab.core.causality.CausalityAnalyzer;
import io.clocklab.core.causality.CausalityLimitException;
import io.clocklab.core.causality.CausalityReport;
import io.clocklab.core.log.RunLogs;
import io.clocklab.core.run.AnalysisLimits;
import io.clocklab.core.run.RunData;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Analyses runs on demand. An ended run is read from the data directory once and kept (a small
 * cache of analyses; the events stay on disk and are streamed). A live run still under way is
 * brought up to date from the VMs each time ({@link LiveLogs}: only the new pages), as far as it
 * has got, and analysed as unfinished.
 */
@Service
public class AnalysisService {

    private static final int CACHED_RUNS = 24;

    private final RunService runs;
    private final RunArchive archive;
    private final LiveLogs liveLogs;
    private final VmRegistry registry;
    private final AnalysisTurns turns;
    private static final Logger log = LoggerFactory.getLogger(AnalysisService.class);
    private final ExecutorService preparing = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "analysis-in-advance");
        thread.setDaemon(true);
        return thread;
    });
    private final AnalysisLimits limits;
    /** A live run's analysis is reused for a few seconds: a page and its plots ask at once, and a long run takes a while. */
    private static final long LIVE_REUSE_NANOS = 3_000_000_000L;
    private volatile LiveAnalysis lastLive;

    private record LiveAnalysis(RunAndAnalysis analyzed, long at) {
    }
    private final Map<String, RunAndAnalysis> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RunAndAnalysis> eldest) {
            return size() > CACHED_RUNS;
        }
    };

    /** The time a live run without a duration has lasted so far, for its hybrid clocks' ε. */
    private final InstantSource clock;

    public AnalysisService(RunService runs, RunArchive archive, LiveLogs liveLogs, VmRegistry registry, AnalysisTurns turns,
                        AnalysisLimits limits, InstantSource clock) {
        this.clock = clock;
        this.runs = runs;
        this.archive = archive;
        this.liveLogs = liveLogs;
        this.registry = registry;
        this.turns = turns;
        this.limits = limits;
    }

    /**
     * @throws RunNotFoundException      no such run
     * @throws LogsNotAvailableException an ended run whose logs were never collected
     */
    public RunAndAnalysis run(String runId) {
        return run(runId, false);
    }

    /**
     * @param background true for an analysis in advance, which waits for its turn as long as it
     *                   takes; a request waits at most {@link #PATIENCE} ({@link AnalysisBusyException})
     */
    private RunAndAnalysis run(String runId, boolean background) {
        Run run = runs.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (run.isRunning()) {
            LiveAnalysis recent = lastLive;
            if (recent != null && recent.analyzed().run().id().equals(runId) && System.nanoTime() - recent.at() < LIVE_REUSE_NANOS) {
                return recent.analyzed();
            }
            RunData data = liveData(run);
            RunAndAnalysis analyzed;
            try {
                analyzed = oneAtATime(runId, background, () -> new RunAndAnalysis(run, RunAnalyzer.analyze(data, limits)));
            } catch (UncheckedIOException e) {
                // The run ended meanwhile and its live copy was deleted: its collected logs answer instead.
                if (runs.find(runId).map(Run::isRunning).orElse(true)) {
                    throw e;
                }
                return run(runId, background);
            }
            lastLive = new LiveAnalysis(analyzed, System.nanoTime());
            return analyzed;
        }
        requireCollected(run);
        synchronized (cache) {
            RunAndAnalysis cached = cache.get(runId);
            if (cached != null && cached.run().equals(run)) {
                return cached;
            }
        }
        return oneAtATime(runId, background, () -> {
            synchronized (cache) {
                RunAndAnalysis cached = cache.get(runId); // analysed while this request waited its turn
                if (cached != null && cached.run().equals(run)) {
                    return cached;
                }
            }
            try {
                RunAnalysis analysis = archive.savedAnalysis(run, limits).orElse(null);
                if (analysis == null) {
                    RunData data = RunLogs.load(List.of(archive.directory(runId)));
                    analysis = RunAnalyzer.analyze(data, limits);
                    try {
                        archive.saveAnalysis(run, limits, analysis);
                    } catch (UncheckedIOException e) {
                        log.warn("run {}: its analysis is not kept (it will be made again after a restart): {}", runId, e.getMessage());
                    }
                }
                RunAndAnalysis analyzed = new RunAndAnalysis(run, analysis);
                synchronized (cache) {
                    cache.put(runId, analyzed);
                }
                return analyzed;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read run " + runId + " from the data directory: " + e.getMessage(), e);
            }
        });
    }

    /** A live run's logs as far as the VMs have got (only the new pages are fetched). */
    private RunData liveData(Run run) {
        List<RegisteredVm> members = registry.all().stream().filter(vm -> run.vms().contains(vm.name())).toList();
        return new RunData(run.id(), run.clockRates(), run.randomRange(), false, liveLogs.read(members, run.id()), run.outages(), null,
                run.clockSkew());
    }

    private static void requireCollected(Run run) {
        if (!run.logsCollected()) {
            String runId = run.id();
            throw new LogsNotAvailableException("the logs of run " + runId + " were not collected when it ended (missing: "
                    + run.logsMissing() + "); POST /api/runs/" + runId + "/collect tries again while the VMs hold the files; "
                    + "each VM's own file is under the log folder (./logs/" + runId + "/ with docker compose)");
        }
    }

    /**
     * Happens-before in a run ({@link CausalityAnalyzer}): made on demand, in the analyses' turn, from
     * the collected logs of an ended run (kept for the newest few) or from a live run's logs as far as
     * they have got.
     *
     * @throws RunNotFoundException      no such run
     * @throws LogsNotAvailableException an ended run whose logs were never collected
     * @throws AnalysisBusyException     another analysis held the turn for longer than {@link #PATIENCE}
     * @throws CausalityLimitException   the run held more messages in flight than a derivation may
     */
    public CausalityReport causality(String runId) {
        return clocks(runId, false).answer();
    }

    /**
     * A run's hybrid clocks against their bounds ({@link HybridAnalyzer}); for a run without hybrid
     * times a report that says so. Made with the run's happens-before, and kept with it.
     *
     * @throws RunNotFoundException      no such run
     * @throws LogsNotAvailableException an ended run whose logs were never collected
     * @throws AnalysisBusyException     another analysis held the turn for longer than {@link #PATIENCE}
     */
    public HybridReport hybrid(String runId) {
        return clocks(runId, false).hybrid();
    }

    /** What the logs say about the run's clocks: happens-before (or why not) and the hybrid clocks. */
    private Clocks clocks(String runId, boolean background) {
        Run run = runs.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (run.isRunning()) {
            RunData data = liveData(run);
            try {
                return inTurn(runId, background, () -> Clocks.of(run, data, clock.instant()));
            } catch (UncheckedIOException e) {
                if (runs.find(runId).map(Run::isRunning).orElse(true)) {
                    throw e;
                }
                return clocks(runId, background); // it ended meanwhile: its collected logs answer
            }
        }
        requireCollected(run);
        Clocks kept = keptClocks(run);
        if (kept != null) {
            return kept;
        }
        return inTurn(runId, background, () -> {
            Clocks again = keptClocks(run); // derived while this request waited its turn
            if (again != null) {
                return again;
            }
            Clocks made;
            try {
                made = Clocks.of(run, RunLogs.load(List.of(archive.directory(runId))), clock.instant());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read run " + runId + " from the data directory: " + e.getMessage(), e);
            }
            synchronized (causalities) {
                causalities.put(runId, made);
            }
            return made;
        });
    }

    /**
     * For a run's page: an ended run's happens-before and hybrid clocks if they have been derived,
     * else empty, and their derivation is queued in the background (a long run's would hold the
     * analyses' turn for a while). {@link Clocks#answer()} throws {@link CausalityLimitException}
     * when happens-before could not be derived.
     */
    public Optional<Clocks> clocksIfReady(String runId) {
        Run run = runs.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (run.isRunning() || !run.logsCollected()) {
            return Optional.empty();
        }
        Clocks kept = keptClocks(run);
        if (kept != null) {
            return Optional.of(kept);
        }
        preparing.execute(() -> {
            try {
                clocks(runId, true);
            } catch (RuntimeException e) {
                log.warn("run {}: happens-before not derived: {}", runId, e.getMessage());
            }
        });
        return Optional.empty();
    }

    private Clocks keptClocks(Run run) {
        synchronized (causalities) {
            Clocks kept = causalities.get(run.id());
            return kept != null && kept.run().equals(run) ? kept : null;
        }
    }

    /** A run's derived happens-before, or why it could not be derived, and its hybrid clocks against their bounds. */
    public record Clocks(Run run, CausalityReport report, CausalityLimitException failure, HybridReport hybrid) {

        /** @param now for a run without a duration that goes on, where its length ends */
        static Clocks of(Run run, RunData data, Instant now) {
            HybridReport hybrid = HybridAnalyzer.analyze(data, run.clockSkew(), length(run, now));
            try {
                return new Clocks(run, CausalityAnalyzer.analyze(data), null, hybrid);
            } catch (CausalityLimitException e) {
                return new Clocks(run, null, e, hybrid);
            }
        }

        /**
         * How long the skews drifted, for ε: the asked duration (a run stopped early drifted less, so
         * the bound stays safe), else from the start to the end, or to now while the run goes on.
         */
        static Duration length(Run run, Instant now) {
            if (run.durationSeconds() != null) {
                return Duration.ofSeconds(run.durationSeconds());
            }
            Instant end = run.endedAt() != null ? run.endedAt() : now;
            return run.startAt() == null || end.isBefore(run.startAt()) ? Duration.ZERO : Duration.between(run.startAt(), end);
        }

        /** The happens-before. */
        public CausalityReport answer() {
            if (failure != null) {
                throw new CausalityLimitException(failure);
            }
            return report;
        }
    }

    private final Map<String, Clocks> causalities = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Clocks> eldest) {
            return size() > CACHED_RUNS;
        }
    };

    /** How long a request waits for its turn before it is told to come back (503). */
    static final Duration PATIENCE = Duration.ofSeconds(5);

    private RunAndAnalysis oneAtATime(String runId, boolean background, Supplier<RunAndAnalysis> analysis) {
        return inTurn(runId, background, analysis);
    }

    private <T> T inTurn(String runId, boolean background, Supplier<T> work) {
        return background ? turns.oneAtATime(work) : turns.oneAtATime(runId, PATIENCE, work);
    }

    /**
     * A run that has just ended is analysed at once, in the background, and its analysis kept beside
     * its logs (its happens-before in memory): the first look at a long run's page is then as quick as the next.
     */
    @EventListener
    void onRunEnded(RunEnded ended) {
        String runId = ended.run().id();
        preparing.execute(() -> {
            try {
                run(runId, true);
                clocks(runId, true);
            } catch (RuntimeException e) {
                log.warn("run {}: not analysed in advance: {}", runId, e.getMessage());
            }
        });
    }

    /** How many of the newest ended runs without a saved analysis are analysed in advance at start-up. */
    static final int PREPARED_AT_START = 3;

    /**
     * At start-up: spill folders a crash left behind are deleted, and the newest ended runs whose
     * analysis was never kept (the coordinator stopped before it was made) are analysed in advance.
     * Only the files' presence is checked here, so a data directory of many runs starts as fast; a
     * kept analysis that no longer fits is made again when it is first asked for.
     */
    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        try {
            int deleted = limits.deleteLeftoverSpills(java.time.Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()));
            if (deleted > 0) {
                log.info("deleted {} spill folders left in {}", deleted, limits.tempDirOrDefault());
            }
        } catch (IOException e) {
            log.warn("cannot delete the spill folders left in {}: {}", limits.tempDirOrDefault(), e.getMessage());
        }
        List<Run> ended = new ArrayList<>(runs.all().stream().filter(run -> !run.isRunning() && run.logsCollected()).toList());
        Collections.reverse(ended); // newest first
        ended.stream().filter(run -> !archive.hasSavedAnalysis(run.id())).limit(PREPARED_AT_START)
                .forEach(run -> onRunEnded(new RunEnded(run)));
    }

    @PreDestroy
    void stopPreparing() {
        preparing.shutdownNow();
    }

    /** The variations side by side, over the runs that have finished so far. */
    public ExperimentAnalysis experiment(Experiment experiment) {
        LinkedHashMap<String, List<RunAnalysis>> byVariation = new LinkedHashMap<>();
        for (ExperimentRun planned : experiment.runs()) {
            if (planned.done() && planned.runId() != null) {
                byVariation.computeIfAbsent(planned.variation(), label -> new ArrayList<>()).add(run(planned.runId()).analysis());
            }
        }
        return ExperimentAnalyzer.analyze(byVariation);
    }
}
