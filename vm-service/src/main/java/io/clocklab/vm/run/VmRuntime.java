package io.clocklab.vm.run;

import io.clocklab.core.control.ClockView;
import io.clocklab.core.control.DeliveryState;
import io.clocklab.core.control.Names;
import io.clocklab.core.control.Peer;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.RunStart;
import io.clocklab.core.control.VmState;
import io.clocklab.core.log.EventJson;
import io.clocklab.core.log.JsonLinesEventLog;
import io.clocklab.core.log.LogFormatException;
import io.clocklab.core.log.RecoveredState;
import io.clocklab.core.model.Checkpoint;
import io.clocklab.core.model.ClockKind;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.Message;
import io.clocklab.core.model.MessageIds;
import io.clocklab.core.model.MessageQueue;
import io.clocklab.core.model.ModelMachine;
import io.clocklab.core.model.SkewedTime;
import io.clocklab.core.model.Seeds;
import io.clocklab.core.model.SentRange;
import io.clocklab.core.model.TickOutcome;
import io.clocklab.core.model.TickSchedule;
import io.clocklab.core.wire.FrameCodec;
import io.clocklab.core.wire.FrameRejectedException;
import io.clocklab.core.wire.RejectReason;
import io.clocklab.vm.config.VmProperties;
import io.clocklab.vm.metrics.VmMetrics;
import io.clocklab.vm.net.DeliveryProgress;
import io.clocklab.vm.net.Inbound;
import io.clocklab.vm.net.PeerLinks;
import io.clocklab.vm.net.SentMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The VM's life across runs: set up (reset clock, queue and log, or recover them from the log of a
 * run it was part of before a restart), start, tick, stop. Thin on purpose: every rule of the
 * exercise is in {@link ModelMachine}; this class only wires it to the log file, the peers, the
 * metrics and real time.
 */
@Component
public class VmRuntime implements Inbound, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VmRuntime.class);
    private static final int RECOVERY_PAGE = 1000;
    /** How often a connection waiting for room checks that it, and its run, are still there. */
    private static final long ROOM_CHECK_MILLIS = 50;

    private final VmProperties properties;
    private final InstantSource wallClock;
    private final MonotonicClock monotonicClock;
    private final PeerLinks peers;
    private final VmMetrics metrics;
    /** Guards run switches against deliveries, so no frame of one run lands in another's queue. */
    private final Object switchLock = new Object();
    private volatile ActiveRun run;
    /** Another run's log, open read-only for {@code /internal/runs/{id}/log}: collectors page through one at a time. */
    private final Object otherLogLock = new Object();
    private JsonLinesEventLog otherLog;

    public VmRuntime(VmProperties properties, InstantSource wallClock, MonotonicClock monotonicClock,
                     PeerLinks peers, VmMetrics metrics) {
        this.properties = properties;
        this.wallClock = wallClock;
        this.monotonicClock = monotonicClock;
        this.peers = peers;
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

    /**
     * Ends whatever run there was and prepares this one, WAITING. A run new to this VM starts at clock
     * 0 with an empty queue and a new log file. A run whose log file exists already (this VM was in
     * it before a restart) is recovered from that file: see {@link #recover}.
     */
    public ClockView setUp(RunSetup setup) {
        synchronized (switchLock) {
            ActiveRun previous = run;
            if (previous != null && previous.id().equals(setup.runId())) {
                if (previous.setup.equals(setup)) {
                    return view(); // a retried or repeated request: already done
                }
                throw new RunConflictException("run " + setup.runId() + " was already set up on " + name() + " with other settings; use a new run id");
            }
            if (previous != null) {
                previous.stopTicking();
                closeLog(previous);
                run = null;
            }
            requireVectorsFit(setup);
            Path file = logFile(setup.runId());
            Prepared prepared = Files.exists(file) ? recover(setup, file) : fresh(setup, file);
            run = prepared.run();
            peers.connect(setup.runId(), setup.peers(), Map.of(), prepared.sentUpTo(), sentMessages(prepared.run()));
            return view();
        }
    }

    /**
     * What a set-up hands on: the run, and per peer the highest seq sent there before a restart; the links
     * read those messages back from the log once the peer says what it has.
     */
    private record Prepared(ActiveRun run, Map<String, Long> sentUpTo) {
    }

    /** How many lines of the log are read at a time when messages are read back for a link. */
    private static final int SENT_PAGE = 512;

    /**
     * The run's SENDs read back from its log, for the links: a message's seq is its SEND's line in
     * the file (seq 1..n, no gaps), so a range of seqs is a range of lines.
     */
    private SentMessages sentMessages(ActiveRun current) {
        JsonLinesEventLog eventLog = current.log;
        String runId = current.id();
        return (peer, afterSeq, upToSeq, max) -> {
            List<Message> found = new ArrayList<>();
            long from = afterSeq + 1;
            while (from <= upToSeq && found.size() < max) {
                List<String> page = eventLog.page(from, (int) Math.min(SENT_PAGE, upToSeq - from + 1));
                if (page.isEmpty()) {
                    break;
                }
                for (int i = 0; i < page.size(); i++) {
                    Event event = EventJson.parse(eventLog.file(), Math.toIntExact(from + i), page.get(i));
                    if (event.type() == EventType.SEND && event.to().contains(peer)) {
                        found.add(new Message(runId, name(), event.messageId(), event.logicalClock(), event.stamp()));
                        if (found.size() == max) {
                            break;
                        }
                    }
                }
                from += page.size();
            }
            return found;
        };
    }

    private Prepared fresh(RunSetup setup, Path file) {
        JsonLinesEventLog eventLog;
        try {
            eventLog = JsonLinesEventLog.create(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log " + file + ": " + e.getMessage(), e);
        }
        ActiveRun fresh = newRun(setup, eventLog, Checkpoint.START, Map.of());
        log.info("run {} set up: rate {}/s, randomRange {}, peers {}, log {}", setup.runId(), setup.clockRate(),
                setup.randomRange(), peerNames(setup), file);
        return new Prepared(fresh, Map.of());
    }

    /**
     * Rejoins a run after a restart: the log is opened for append (never truncated), and read back
     * for the next seq, the clock, the rolls already drawn, per sender what was received (R = Q: the
     * queue died with the process, the senders send it again), and per peer the last seq sent there
     * (the links read those messages back from the log and send again what the peer's RESUME says it
     * lacks). Reading it back holds no event in memory.
     */
    private Prepared recover(RunSetup setup, Path file) {
        JsonLinesEventLog eventLog;
        RecoveredState.Reader state;
        try {
            eventLog = JsonLinesEventLog.openForAppend(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reopen the log " + file + " to rejoin run " + setup.runId() + ": " + e.getMessage(), e);
        }
        try {
            state = readBack(setup.runId(), eventLog);
        } catch (IOException e) {
            closeQuietly(eventLog);
            throw new UncheckedIOException("cannot rejoin run " + setup.runId() + ": " + e.getMessage(), e);
        }
        RecoveredState recoveredState = state.state();
        ActiveRun recovered = newRun(setup, eventLog, recoveredState.checkpoint(), recoveredState.receivedUpTo());
        log.info("run {} recovered from {}: {} events, clock {}, {} rolls drawn, received up to {}, sent up to {}", setup.runId(), file,
                recoveredState.checkpoint().seq(), recoveredState.checkpoint().clock(), recoveredState.checkpoint().rolls(),
                recoveredState.receivedUpTo(), state.sentUpTo());
        return new Prepared(recovered, state.sentUpTo());
    }

    /** A vector run's messages carry a count per VM: refused here, before anything changes, when they could not be sent. */
    private void requireVectorsFit(RunSetup setup) {
        if (setup.clock() != ClockKind.VECTOR) {
            return;
        }
        List<String> vms = new ArrayList<>(peerNames(setup));
        vms.add(name());
        int needed = FrameCodec.largestVectorMessageBytes(setup.runId(), vms);
        if (needed > properties.maxFrameBytes()) {
            throw new RunConflictException("a vector run of " + vms.size() + " VMs needs frames of up to " + needed
                    + " bytes, over this VM's limit of " + properties.maxFrameBytes() + " (clocklab.vm.max-frame-bytes)");
        }
    }

    private RecoveredState.Reader readBack(String runId, JsonLinesEventLog eventLog) throws IOException {
        RecoveredState.Reader reader = RecoveredState.reader(runId, name()).withoutMessages();
        long line = 1;
        for (List<String> page = eventLog.page(1, RECOVERY_PAGE); !page.isEmpty(); page = eventLog.page(line, RECOVERY_PAGE)) {
            for (String text : page) {
                reader.add(EventJson.parse(eventLog.file(), Math.toIntExact(line), text));
                line++;
            }
        }
        return reader;
    }

    private ActiveRun newRun(RunSetup setup, JsonLinesEventLog eventLog, Checkpoint from, Map<String, Long> receivedUpTo) {
        MessageQueue queue = new MessageQueue();
        SkewedTime time = new SkewedTime(wallClock, setup.clockSkew());
        ModelMachine machine = new ModelMachine(name(), setup.runId(), peerNames(setup), setup.randomRange(),
                Seeds.rollsFor(setup.seed(), name()), queue, time, from, setup.clock());
        return new ActiveRun(setup, queue, properties.maxQueueLength(), machine, time, eventLog, new Receipts(receivedUpTo));
    }

    /**
     * Starts ticking on the grid of {@code startAt} (wall clock), for {@code durationSeconds} if given.
     * A rejoining VM gets the run's original start: its ticks go on from the next slot of that grid,
     * and when the run's end has passed it is STOPPED at once.
     */
    public ClockView start(RunStart start) {
        synchronized (switchLock) {
            ActiveRun current = requireRun(start.runId());
            if (current.state == VmState.RUNNING) {
                return view();
            }
            if (current.state == VmState.STOPPED) {
                throw new RunConflictException("run " + start.runId() + " has ended on " + name() + "; set up a new run");
            }
            Instant now = wallClock.instant();
            if (start.durationSeconds() != null && !now.isBefore(start.startAt().plusSeconds(start.durationSeconds()))) {
                current.state = VmState.STOPPED;
                log.info("run {} ended at {}, before this start: stopped at once", start.runId(), start.startAt().plusSeconds(start.durationSeconds()));
                return view();
            }
            current.time.startsAt(start.startAt());
            long startNanos = monotonicClock.nanoTime() + Duration.between(now, start.startAt()).toNanos();
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

    /**
     * A sender's HELLO: how far this VM has got with its messages in that run.
     *
     * @throws FrameRejectedException wrong_run when this VM does not hold that run; unknown_sender when
     *                                the sender is not one of that run's peers (this VM itself included)
     */
    @Override
    public DeliveryProgress hello(String runId, String sender) throws FrameRejectedException {
        ActiveRun current = run;
        FrameCodec.requireRun(runId, current == null ? null : current.id());
        if (sender.equals(name())) {
            throw new FrameRejectedException(RejectReason.UNKNOWN_SENDER, "HELLO from " + sender + ", which is this VM itself");
        }
        if (!current.peerNames.contains(sender)) {
            throw new FrameRejectedException(RejectReason.UNKNOWN_SENDER, "HELLO from " + sender + ", not a peer of run "
                    + runId + " " + current.peerNames);
        }
        return current.receipts.of(sender);
    }

    /** The progress to ACK on a connection of {@code runId}, or null when that is no longer the run. */
    @Override
    public DeliveryProgress progress(String runId, String sender) {
        ActiveRun current = run;
        return current == null || !current.id().equals(runId) ? null : current.receipts.of(sender);
    }

    /** {@link #deliver(Message, BooleanSupplier)} for a connection that stays open. */
    public Delivery deliver(Message message) throws FrameRejectedException {
        return deliver(message, () -> true);
    }

    /**
     * Queues a message from the side port if it belongs to the current run and is new: its seq is
     * above what this sender already had queued. De-duplication and the queue's add happen together,
     * and atomically with run switches.
     * <p>
     * When the queue holds {@code clocklab.vm.max-queue-length} messages, this waits for a tick to
     * take one: the calling connection stops reading meanwhile, and TCP holds its sender back. The
     * wait takes no lock (GET /clock, the ticker and run switches go on), and ends when there is
     * room, when {@code stillOpen} says false, or when the run stops or is switched.
     *
     * @param stillOpen whether the connection the message came on is still open
     * @throws FrameRejectedException wrong_run when the message is not of the current run,
     *                                clock_out_of_range when its clock is above the ceiling
     */
    @Override
    public Delivery deliver(Message message, BooleanSupplier stillOpen) throws FrameRejectedException {
        FrameCodec.requireClockInRange(message); // the codec checked already; the tick's safety rests on it
        long seq = MessageIds.seqOf(message.messageId());
        ActiveRun target = run;
        FrameCodec.requireRun(message.runId(), target == null ? null : target.id());
        target.requireRunsClock(message);
        if (!awaitRoom(target, stillOpen)) {
            return Delivery.GAVE_UP;
        }
        synchronized (switchLock) {
            ActiveRun current = run;
            if (current != target) {
                target.room.release(); // that run is over; its semaphore goes with it
                return Delivery.GAVE_UP;
            }
            if (!current.receipts.queue(message.from(), seq)) {
                current.room.release();
                return Delivery.DUPLICATE;
            }
            current.queue.add(message);
            return Delivery.QUEUED;
        }
    }

    /** Takes one place in {@code target}'s queue, waiting (outside every lock) while there is none. */
    private boolean awaitRoom(ActiveRun target, BooleanSupplier stillOpen) {
        if (target.room.tryAcquire()) {
            return true;
        }
        metrics.backpressureWait();
        try {
            while (!target.room.tryAcquire(ROOM_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (run != target || target.state == VmState.STOPPED || !stillOpen.getAsBoolean()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The most messages the queue holds: {@code clocklab.vm.max-queue-length}. */
    public int queueCapacity() {
        return properties.maxQueueLength();
    }

    private void tick(ActiveRun current) {
        TickOutcome outcome = current.machine.tick();
        Event event = outcome.event();
        if (event.type() == EventType.RECEIVE) {
            current.room.release(); // the message left the queue: one sender may go on
        }
        try {
            current.log.append(event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + current.log.file(), e);
        }
        if (event.type() == EventType.RECEIVE) {
            current.receipts.received(event.from(), MessageIds.seqOf(event.messageId()));
        }
        if (outcome.outbound() != null) {
            peers.send(outcome.recipients(), outcome.outbound());
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

    /**
     * Any run's events from its log file, as JSON lines, whether or not it is the current run.
     *
     * @throws NoSuchRunLogException when this VM has no log for that run
     */
    public List<String> events(String runId, long from, int limit) {
        Names.requireValid("runId", runId);
        ActiveRun current = run;
        if (current != null && current.id().equals(runId)) {
            try {
                return current.log.page(from, limit);
            } catch (IOException e) {
                // a run switch closed it while we read: read the file as any other run's
            }
        }
        Path file = logFile(runId);
        synchronized (otherLogLock) {
            try {
                if (otherLog == null || !otherLog.file().equals(file) || otherLog.size() != Files.size(file)) {
                    if (otherLog != null) {
                        closeQuietly(otherLog);
                        otherLog = null;
                    }
                    otherLog = JsonLinesEventLog.openReadOnly(file);
                }
                return otherLog.page(from, limit);
            } catch (NoSuchFileException e) {
                throw new NoSuchRunLogException(name() + " has no log for run " + runId);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The current run's messages in flight: those in this VM's queue, and per peer those sent there
     * that the peer has not confirmed as queued.
     *
     * @throws RunConflictException when {@code runId} is not the current run
     */
    public DeliveryState delivery(String runId) {
        ActiveRun current = requireRun(runId);
        List<String> queued = current.queue.snapshot().stream().map(Message::messageId).toList();
        Map<String, SentRange> sent = peers.unconfirmed(runId);
        Map<String, SentRange> unconfirmed = new LinkedHashMap<>();
        for (String peer : peerNames(current.setup)) {
            unconfirmed.put(peer, sent.getOrDefault(peer, SentRange.NONE));
        }
        return new DeliveryState(runId, name(), queued, unconfirmed);
    }

    private Path logFile(String runId) {
        return properties.logDir().resolve(runId).resolve(name() + ".jsonl");
    }

    private static List<String> peerNames(RunSetup setup) {
        return setup.peers().stream().map(Peer::name).toList();
    }

    private static void closeLog(ActiveRun previous) {
        closeQuietly(previous.log);
    }

    private static void closeQuietly(JsonLinesEventLog eventLog) {
        try {
            eventLog.close();
        } catch (IOException e) {
            log.warn("closing {} failed: {}", eventLog.file(), e.getMessage());
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
        synchronized (otherLogLock) {
            if (otherLog != null) {
                closeQuietly(otherLog);
                otherLog = null;
            }
        }
    }
}
