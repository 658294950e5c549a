package io.clocklab.coordinator.run;

import io.clocklab.coordinator.cluster.RegisteredVm;
import io.clocklab.coordinator.vmclient.VmControlClient;
import io.clocklab.core.log.EventLogFiles;
import io.clocklab.core.model.Event;
import io.clocklab.core.run.RunEvents;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The logs of a run still under way, for its live analysis: copied from the VMs into
 * {@code <data-dir>/live/<runId>/}, each call fetching only the pages logged since the last one,
 * and streamed from there, every VM's log cut at the time the first of them was copied up to. Memory holds one page, whatever the run's length. Callers that ask for
 * the same run at once share one refresh (no lock is held while the VMs are asked). The copy is
 * deleted when the run's logs are collected for good ({@link #discard}).
 */
@Component
public class LiveLogs {

    private final VmControlClient vms;
    private final RunArchive archive;
    /** Events already copied, per "runId/vm". */
    private final Map<String, Long> copied = new ConcurrentHashMap<>();
    /** The time of the last event copied, per "runId/vm". */
    private final Map<String, Instant> lastCopied = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<RunEvents>> refreshing = new ConcurrentHashMap<>();

    public LiveLogs(VmControlClient vms, RunArchive archive) {
        this.vms = vms;
        this.archive = archive;
    }

    /** The members' logs as far as they have got. */
    public RunEvents read(List<RegisteredVm> members, String runId) {
        CompletableFuture<RunEvents> mine = new CompletableFuture<>();
        CompletableFuture<RunEvents> running = refreshing.putIfAbsent(runId, mine);
        if (running != null) {
            return join(running);
        }
        try {
            mine.complete(refresh(members, runId));
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
        } finally {
            refreshing.remove(runId, mine);
        }
        return join(mine);
    }

    private RunEvents refresh(List<RegisteredVm> members, String runId) {
        Path folder = archive.liveDirectory(runId);
        try {
            Files.createDirectories(folder);
            Instant cut = null;
            for (RegisteredVm vm : members) {
                Path file = folder.resolve(vm.name() + ".jsonl");
                String key = runId + "/" + vm.name();
                long have = copied.computeIfAbsent(key, k -> restart(file));
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    while (true) {
                        List<Event> page = vms.log(vm, runId, have + 1, LogCollector.PAGE);
                        out.write(EventLogFiles.jsonLines(page).getBytes(StandardCharsets.UTF_8));
                        have += page.size();
                        copied.put(key, have);
                        if (!page.isEmpty()) {
                            lastCopied.put(key, page.get(page.size() - 1).systemTime());
                        }
                        if (page.size() < LogCollector.PAGE) {
                            break;
                        }
                    }
                }
                Instant last = lastCopied.get(key);
                cut = last == null ? cut : cut == null || last.isBefore(cut) ? last : cut;
            }
            RunEvents events = EventLogFiles.open(List.of(folder)).inOrder(members.stream().map(RegisteredVm::name).toList());
            // The VMs were copied one after the other: cut them all where the first one stopped, so no
            // RECEIVE is counted whose SEND, logged a moment later elsewhere, was not copied yet.
            return cut == null ? events : events.until(cut);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the live logs of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** A copy left by an earlier coordinator is not trusted: start it again. */
    private static long restart(Path file) {
        try {
            Files.deleteIfExists(file);
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the live copy of a run once its logs are in the archive. */
    public void discard(String runId) {
        copied.keySet().removeIf(key -> key.startsWith(runId + "/"));
        lastCopied.keySet().removeIf(key -> key.startsWith(runId + "/"));
        Path folder = archive.liveDirectory(runId);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder + ": " + e.getMessage(), e);
        }
    }

    private static RunEvents join(CompletableFuture<RunEvents> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
