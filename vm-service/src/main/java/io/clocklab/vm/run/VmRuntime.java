package io.clocklab.vm.run;

import io.clocklab.core.control.Peer;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.RunStart;
import io.clocklab.core.control.VmState;
import io.clocklab.core.log.JsonLinesEventLog;
import io.clocklab.core.model.Message;
import io.clocklab.core.model.MessageQueue;
import io.clocklab.core.model.ModelMachine;
import io.clocklab.core.model.Seeds;
import io.clocklab.core.model.TickOutcome;
import io.clocklab.core.model.TickSchedule;
import io.clocklab.core.wire.FrameCodec;
import io.clocklab.core.wire.FrameRejectedException;
import io.clocklab.vm.config.VmProperties;
import io.clocklab.vm.metrics.VmMetrics;
import io.clocklab.vm.net.PeerLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * The VM's life across runs: set up (reset clock, queue and log), start, tick, stop. Thin on
 * purpose: every rule of the exercise is in {@link ModelMachine}; this class only wires it to
 * the log file, the peers, the metrics and real time.
 */
@Component
public class VmRuntime implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VmRuntime.class);

    private final VmProperties properties;
    private final InstantSource wallClock;
    private final MonotonicClock monotonicClock;
    private final PeerLinks peers;
    private final FrameCodec codec;
    private final VmMetrics metrics;
    /** Guards run switches against deliveries, so no frame of one run lands in another's queue. */
    private final Object switchLock = new Object();
    private volatile ActiveRun run;

    public VmRuntime(VmProperties properties, InstantSource wallClock, MonotonicClock monotonicClock,
                     PeerLinks peers, FrameCodec codec, VmMetrics metrics) {
        this.properties = properties;
        this.wallClock = wallClock;
        this.monotonicClock = monotonicClock;
        this.peers = peers;
        this.codec = codec;
        this.metrics = metrics;
    }

    public String name() {
        return properties.name();
    }

    public ClockView view() {
        ActiveRun current = run;
        if (current == null) {
            return new ClockView(name(), 0, null, 0, VmState.WAITING, null);
        }
        return new ClockView(name(), current.machine.clock(), current.setup.clockRate(), current.queue.size(),
                current.state, current.id());
    }

    /** Ends whatever run there was and prepares a fresh one: clock 0, empty queue, a new log file. */
    public ClockView setUp(RunSetup setup) {
        synchronized (switchLock) {
            ActiveRun previous = run;
            if (previous != null && previous.id().equals(setup.runId())) {
                if (previous.setup.equals(setup) && previous.state == VmState.WAITING) {
                    return view(); // a retried request: already done
                }
                throw new RunConflictException("run " + setup.runId() + " was already set up on " + name() + "; use a new run id");
            }
            if (previous != null) {
                previous.stopTicking();
                closeLog(previous);
            }
            Path file = properties.logDir().resolve(setup.runId()).resolve(name() + ".jsonl");
            JsonLinesEventLog eventLog;
            try {
                eventLog = JsonLinesEventLog.create(file);
            } catch (IOException e) {
                run = null;
                throw new UncheckedIOException("cannot create the log " + file + ": " + e.getMessage(), e);
            }
            MessageQueue queue = new MessageQueue();
            List<String> peerNames = setup.peers().stream().map(Peer::name).toList();
            ModelMachine machine = new ModelMachine(name(), setup.runId(), peerNames, setup.randomRange(),
                    Seeds.rollsFor(setup.seed(), name()), queue, wallClock);
            run = new ActiveRun(setup, queue, machine, eventLog);
            peers.connect(setup.runId(), setup.peers());
            log.info("run {} set up: rate {}/s, randomRange {}, peers {}, log {}", setup.runId(), setup.clockRate(),
                    setup.randomRange(), peerNames, file);
            return view();
        }
    }

    /** Starts ticking at {@code startAt} (wall clock), for {@code durationSeconds} if given. */
    public ClockView start(RunStart start) {
        synchronized (switchLock) {
            ActiveRun current = requireRun(start.runId());
            if (current.state == VmState.RUNNING) {
                return view();
            }
            if (current.state == VmState.STOPPED) {
                throw new RunConflictException("run " + start.runId() + " has ended on " + name() + "; set up a new run");
            }
            long startNanos = monotonicClock.nanoTime() + Duration.between(wallClock.instant(), start.startAt()).toNanos();
            long endNanos = start.durationSeconds() == null ? Long.MAX_VALUE
                    : startNanos + Duration.ofSeconds(start.durationSeconds()).toNanos();
            TickSchedule schedule = new TickSchedule(startNanos, current.setup.clockRate(), endNanos);
            current.startTicking(TickLoop.start("ticker-" + current.id(), schedule, monotonicClock,
                    () -> tick(current),
                    () -> finished(current, "its duration is over"),
                    failure -> finished(current, "a tick failed: " + failure.getMessage())));
            log.info("run {} starts at {}{}", start.runId(), start.startAt(),
                    start.durationSeconds() == null ? "" : " for " + start.durationSeconds() + " s");
            return view();
        }
    }

    public ClockView stop(String runId) {
        synchronized (switchLock) {
            requireRun(runId).stopTicking();
            return view();
        }
    }

    /** Queues a message from the side port, if it belongs to the current run. */
    public void deliver(Message message) throws FrameRejectedException {
        synchronized (switchLock) {
            ActiveRun current = run;
            FrameCodec.requireRun(message, current == null ? null : current.id());
            current.queue.add(message);
        }
    }

    private void tick(ActiveRun current) {
        TickOutcome outcome = current.machine.tick();
        try {
            current.log.append(outcome.event());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + current.log.file(), e);
        }
        if (outcome.outbound() != null) {
            peers.send(outcome.recipients(), current.id(), codec.encode(outcome.outbound()));
        }
        metrics.recorded(outcome);
    }

    private void finished(ActiveRun current, String why) {
        current.state = VmState.STOPPED;
        log.info("run {} stopped: {}", current.id(), why);
    }

    private ActiveRun requireRun(String runId) {
        ActiveRun current = run;
        if (current == null || !current.id().equals(runId)) {
            throw new RunConflictException(name() + " is not set up for run " + runId
                    + (current == null ? " (it has no run)" : " (its run is " + current.id() + ")"));
        }
        return current;
    }

    /** The current run's events, as JSON lines, for {@code GET /log}. */
    public List<String> events(long from, int limit) {
        while (true) {
            ActiveRun current = run;
            if (current == null) {
                return List.of();
            }
            try {
                return current.log.page(from, limit);
            } catch (IOException e) {
                if (run != current) {
                    continue; // a new run closed this log while we read it: serve the new run
                }
                throw new UncheckedIOException("cannot read " + current.log.file(), e);
            }
        }
    }

    private static void closeLog(ActiveRun previous) {
        try {
            previous.log.close();
        } catch (IOException e) {
            log.warn("closing {} failed: {}", previous.log.file(), e.getMessage());
        }
    }

    @Override
    public void destroy() {
        synchronized (switchLock) {
            ActiveRun current = run;
            if (current != null) {
                current.stopTicking();
                closeLog(current);
            }
        }
    }
}
