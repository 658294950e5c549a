package io.clocklab.core.check;

import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.MessageIds;
import io.clocklab.core.model.SentRange;
import io.clocklab.core.run.AnalysisLimits;
import io.clocklab.core.run.EndState;
import io.clocklab.core.run.EventCursor;
import io.clocklab.core.run.Outage;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunEvents;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine behind {@link RunChecker} and {@link DeliveryAccounting}: checks a run and keeps its
 * delivery books in memory bounded by {@link AnalysisLimits}, whatever the run's length. Use those
 * two classes; this one is public only so that both can share one pass ({@link #checkAndAccount}).
 * <p>
 * Three passes, none holding the run:
 * <ol>
 *   <li><b>Per VM</b>: each VM's log is streamed once ({@link RunEvents#open}). SEQ_CONTIGUOUS,
 *   CLOCK_INCREASES, UPDATE_RULE and RATE_LIMIT need only the previous clock and the last
 *   {@code rate + 1} timestamps. Every SEND and RECEIVE becomes a compact binary record keyed by
 *   its message id, and so does every id of the end state's queues; the records are
 *   sorted by (message id, kind, VM, position in the log) in chunks of {@code sortChunk}, spilled to
 *   files under {@code tempDir} and merged ({@link RecordSorter}).</li>
 *   <li><b>Per message</b>: the sorted records come grouped by message, the SENDs first, then the
 *   RECEIVEs, the end state, and each SEND again with its recipients. One group at a time decides
 *   UNIQUE_MESSAGE_ID, NO_DUPLICATE_RECEIVE, RECEIVE_MATCHES_SEND, what the end state's queues hold,
 *   and each (SEND, recipient) pair: received (counted), or not (a record for pass 3, with its
 *   reason when the end state says it).</li>
 *   <li><b>Per recipient</b>: the unreceived pairs, sorted by (recipient, sent time, sender, seq),
 *   are attributed in that order (with the end state, as pass 2 said; without, from the queue
 *   lengths, which needs them in sent order) and counted; the first of each list are kept.</li>
 * </ol>
 * For logs that name no messages ({@link #checkPerVm}) only pass 1 runs, making no records: the
 * per-VM rules are checked where they always are, and the {@link #MESSAGE_RULES} are not checkable.
 * <p>
 * Held in memory: one sort chunk, a few counters per VM, the first {@code shownPerList} entries of
 * each result list, and the end state (which the run's {@code run.json} holds anyway). A run that
 * fits one chunk never touches the disk. The temporary files are deleted when done, also after a
 * failure (a bad log line, a full disk).
 */
public final class RunJoin {

    /** The most VM names (log owners, recipients, end-state names) one run may use: per-VM state stays small. */
    public static final int MAX_VMS = 4096;

    // record kinds, in the order a message's records are sorted
    private static final int SEND = 0;
    private static final int RECEIVE = 1;
    private static final int QUEUED = 2;
    private static final int PAIRS = 3;
    // what became of an unreceived pair: the reasons by ordinal, then these
    private static final int LOST = 3;
    private static final int UNDECIDED = 4;
    private static final int UNACCOUNTED = 5;
    private static final Undelivered.Reason[] REASONS = Undelivered.Reason.values();

    /** A verdict and the delivery books, from one pass over a run. */
    public record Outcome(CheckReport verdict, DeliveryReport delivery) {
    }

    private final RunData run;
    private final AnalysisLimits limits;
    private final boolean eventRules;
    private final boolean runRules;
    private final boolean messageRules;
    private final boolean conservation;
    private final boolean pairs;
    private final boolean books;
    private final EndState end;
    private final int perRecipient;
    private final List<String> logs;
    private final Violations violations;

    // names: rank = id, in the run's VM order (rates, then logs, then as met)
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> misfiled = new ArrayList<>(); // event vm names not their log's, until pass 1 is done
    private final Map<String, Integer> misfiledIds = new HashMap<>();
    private int[] misfiledId;
    private byte[][] nameBytes;
    private int[] nameOrder; // rank of each name in String order (the sent order's tie-break)

    // per log (position in `logs`)
    private int[] logName;
    private Event[] last;
    private long[] receivesIn;
    private long eventCount;

    // per name
    private int[] logOf;
    private boolean[] hasOutage;
    private boolean[] downAtEnd;
    private long[] addressed;
    private long[] received;
    private long[] mustHave;
    private long[] mayHave;
    private boolean[] outagesMatter;
    private long[] newestSec; // the latest sent time of a received pair
    private int[] newestNano;
    private boolean[] hasNewest;
    private long[] firstNewestSec; // the same over the first SEND to it of each received id (the counting rule's)
    private int[] firstNewestNano;
    private boolean[] hasFirstNewest;
    private int[] pairMark;
    private long[] overtaken;
    private Earliest[] overtakenFirst;
    private long[][] byReason;
    private long[] lostCount;
    private long[] mustArrive;
    private long[] unreceivedSeen;
    private long[] mayNotSeen;
    private List<String>[] lostIds;
    private List<Undelivered>[] undeliveredListed;
    private final Map<Integer, ConservationRule.QueueProblems> queueProblems = new LinkedHashMap<>();
    private final Map<Long, SentRange> unconfirmed = new HashMap<>(); // (sender, recipient) -> the end state's range

    // the message group being read in pass 2
    private int gen;
    private int[] addressedMark;
    private int[] receivedByMark;
    private int[] receivedAtMark;
    private int[] queuedMark;
    private byte[] gid = new byte[64];
    private int gidLen;
    private long gidHash;
    private boolean gidNull;
    private String gidString;
    private boolean hasRef;
    private int refVm;
    private long refSeq;
    private long refClock;
    private int refToCount;
    private int[] refTo = new int[8];
    private long emitted;

    // pass 1 scratch
    private int[] toMark = new int[16];
    private int toGen;
    private int[] toIds = new int[16];
    private final RecordBytes rec = new RecordBytes();
    private final RecordBytes id = new RecordBytes();
    private final RecordBytes.Reader in = new RecordBytes.Reader();

    private final List<Undelivered> undeliveredShown = new ArrayList<>();
    private final List<String> lostShown = new ArrayList<>();

    /**
     * @param eventRules   the rules of each event: the per-VM ones, and (with messageRules) those of each message
     * @param runRules     the rules that need the run: RATE_LIMIT, and (with messageRules, once finished) CONSERVATION
     * @param messageRules false for logs that name no messages: pass 1 only, making no records
     */
    private RunJoin(RunData run, AnalysisLimits limits, boolean eventRules, boolean runRules, boolean messageRules, boolean account,
                    boolean books) {
        this.run = run;
        this.limits = limits;
        this.eventRules = eventRules;
        this.runRules = runRules;
        this.messageRules = messageRules;
        this.conservation = runRules && messageRules && run.finished();
        this.pairs = account || books || conservation;
        this.books = books;
        this.end = run.endState();
        this.perRecipient = books ? Math.max(limits.shownPerList(), ConservationRule.IDS_SHOWN) : ConservationRule.IDS_SHOWN;
        this.logs = run.events().vms();
        this.violations = new Violations(limits.shownPerList());
    }

    /** Every rule, as {@link RunChecker#check(RunData, AnalysisLimits)}. */
    public static CheckReport check(RunData run, AnalysisLimits limits) {
        RunJoin join = new RunJoin(run, limits, true, true, true, false, false);
        join.run();
        return join.violations.report(join.eventCount);
    }

    /** The rules that need only the events, as {@link RunChecker#check(Map)}. */
    public static CheckReport checkEvents(RunEvents events, AnalysisLimits limits) {
        RunData run = new RunData("events", Map.of(), 1, false, events, List.of(), null);
        RunJoin join = new RunJoin(run, limits, true, false, true, false, false);
        join.run();
        return join.violations.report(join.eventCount);
    }

    /** The rules that need to know which SEND each RECEIVE is of: logs that name no messages cannot be checked for them. */
    public static final List<Rule> MESSAGE_RULES =
            List.of(Rule.RECEIVE_MATCHES_SEND, Rule.UNIQUE_MESSAGE_ID, Rule.NO_DUPLICATE_RECEIVE, Rule.CONSERVATION);

    /**
     * The rules each VM's log can be checked for alone (SEQ_CONTIGUOUS, CLOCK_INCREASES, UPDATE_RULE,
     * and RATE_LIMIT for each VM whose rate is known), as {@link RunChecker#checkPerVm}: the per-VM pass
     * only, for logs that name no messages. The {@link #MESSAGE_RULES} come out as not checkable.
     */
    public static CheckReport checkPerVm(RunData run, AnalysisLimits limits) {
        RunJoin join = new RunJoin(run, limits, true, true, false, false, false);
        join.run();
        return join.violations.report(join.eventCount).notChecking(MESSAGE_RULES);
    }

    /** The delivery books, as {@link DeliveryAccounting#account(RunData, AnalysisLimits)}. */
    public static DeliveryReport account(RunData run, AnalysisLimits limits) {
        RunJoin join = new RunJoin(run, limits, false, false, true, true, false);
        join.run();
        return join.delivery();
    }

    /** The books per recipient, as {@link DeliveryAccounting#byRecipient(RunData, AnalysisLimits)}. */
    public static List<DeliveryAccounting.Books> books(RunData run, AnalysisLimits limits) {
        RunJoin join = new RunJoin(run, limits, false, false, true, true, true);
        join.run();
        return join.booksByRecipient();
    }

    /** Every rule and the delivery books in one pass: half the work of calling both. */
    public static Outcome checkAndAccount(RunData run, AnalysisLimits limits) {
        RunJoin join = new RunJoin(run, limits, true, true, true, true, false);
        join.run();
        return new Outcome(join.violations.report(join.eventCount), join.delivery());
    }

    // ---------------------------------------------------------------- names

    private int idOf(String name) {
        Integer known = ids.get(name);
        if (known != null) {
            return known;
        }
        if (names.size() + misfiled.size() >= MAX_VMS) {
            throw new IllegalArgumentException("run " + run.runId() + " names more than " + MAX_VMS
                    + " VMs (log owners, recipients, end state): not a run this lab can make");
        }
        ids.put(name, names.size());
        names.add(name);
        return names.size() - 1;
    }

    private String name(int vm) {
        return names.get(vm);
    }

    /**
     * The id of an event's {@code vm} field: its log's when it is the same (always, in an honest run).
     * A misfiled event's name gets a provisional (negative) id, made a name only after pass 1, so
     * that it does not take a place among the recipients, whose order is the order they are met in.
     */
    private int eventVm(Event event, String log, int logId) {
        String vm = event.vm();
        if (vm.equals(log)) {
            return logId;
        }
        Integer known = ids.get(vm);
        if (known != null) {
            return known;
        }
        Integer provisional = misfiledIds.get(vm);
        if (provisional == null) {
            if (names.size() + misfiled.size() >= MAX_VMS) {
                idOf(vm); // throws
            }
            provisional = -1 - misfiled.size();
            misfiledIds.put(vm, provisional);
            misfiled.add(vm);
        }
        return provisional;
    }

    private int resolve(int vm) {
        return vm >= 0 ? vm : misfiledId[-1 - vm];
    }

    // ---------------------------------------------------------------- the passes

    private void run() {
        run.clockRates().keySet().forEach(this::idOf);
        logs.forEach(this::idOf);
        int sortChunk = limits.sortChunk();
        try (RecordSorter messages = new RecordSorter(sortChunk, limits.tempDirOrDefault())) {
            perVm(messages);
            endStateRecords(messages);
            perName();
            int left = messages.spilled() ? sortChunk : (int) Math.max(1000, sortChunk - messages.size());
            try (RecordSorter unreceived = new RecordSorter(left, limits.tempDirOrDefault())) {
                perMessage(messages, unreceived);
                if (pairs) {
                    perRecipient(unreceived);
                }
            }
        }
        if (conservation) {
            conservationVerdicts();
        }
    }

    /** Pass 1: each VM's log once: the per-VM rules, and the records to sort by message. */
    private void perVm(RecordSorter messages) {
        logName = new int[logs.size()];
        last = new Event[logs.size()];
        receivesIn = new long[logs.size()];
        boolean records = (eventRules && messageRules) || pairs;
        for (int lp = 0; lp < logs.size(); lp++) {
            String vm = logs.get(lp);
            int vmId = idOf(vm);
            logName[lp] = vmId;
            RateLimitRule.Window window = null;
            Integer rate = run.clockRates().get(vm);
            if (runRules && rate != null && rate > 0) {
                window = new RateLimitRule.Window(vm, vmId, rate, run.outagesOf(vm), run.skewOf(vm));
            }
            long position = 0;
            long previousClock = 0;
            Event lastEvent = null;
            long receives = 0;
            try (EventCursor cursor = run.events().open(vm)) {
                for (Event event = cursor.next(); event != null; event = cursor.next()) {
                    position++;
                    if (eventRules) {
                        eventRules(vm, vmId, position, event, previousClock);
                    }
                    previousClock = event.logicalClock();
                    if (window != null) {
                        window.add(event, violations);
                    }
                    if (event.type() == EventType.RECEIVE) {
                        receives++;
                        if (records) {
                            receiveRecord(messages, lp, position, event, eventVm(event, vm, vmId));
                        }
                    } else if (event.type() == EventType.SEND && records) {
                        sendRecords(messages, lp, position, event, eventVm(event, vm, vmId));
                    }
                    lastEvent = event;
                }
            }
            eventCount += position;
            last[lp] = lastEvent;
            receivesIn[lp] = receives;
        }
    }

    private void eventRules(String vm, int vmId, long position, Event event, long previousClock) {
        long seq = event.seq();
        if (seq != position) {
            violations.report(Rule.SEQ_CONTIGUOUS, vmId, vm, seq, () -> "expected seq " + position);
        }
        if (!vm.equals(event.vm())) {
            violations.report(Rule.SEQ_CONTIGUOUS, vmId, vm, seq, () -> "event of " + event.vm() + " in the log of " + vm);
        }
        long clock = event.logicalClock();
        if (clock <= previousClock) {
            violations.report(Rule.CLOCK_INCREASES, vmId, vm, seq, () -> "clock " + clock + " after " + previousClock);
        }
        long expected = switch (event.type()) {
            case SEND, INTERNAL -> previousClock + 1;
            case RECEIVE -> event.messageClock() == null ? -1 : Math.max(previousClock, event.messageClock()) + 1;
        };
        if (clock != expected) {
            violations.report(Rule.UPDATE_RULE, vmId, vm, seq, () -> event.type() + " gave clock " + clock + ", the rule gives " + expected
                    + " (clock before: " + previousClock + (event.type() == EventType.RECEIVE ? ", messageClock: " + event.messageClock() : "") + ")");
        }
    }

    /** The key of a record: message id, kind, then two numbers. Leaves {@link #rec} at the payload. */
    private int key(int kind, int a, long b) {
        rec.reset();
        System.arraycopy(id.buf, 0, ensure(rec, id.len), 0, id.len);
        rec.len = id.len;
        rec.put(kind);
        rec.putInt(a);
        rec.putSortableLong(b);
        return rec.len;
    }

    private static byte[] ensure(RecordBytes bytes, int length) {
        if (bytes.buf.length < length + 64) {
            bytes.buf = Arrays.copyOf(bytes.buf, Math.max(length + 64, bytes.buf.length * 2));
        }
        return bytes.buf;
    }

    private void sendRecords(RecordSorter messages, int lp, long position, Event send, int evVm) {
        id.reset();
        long hash = id.putString(send.messageId());
        List<String> to = send.to();
        if (eventRules && messageRules) {
            int keyLen = key(SEND, lp, position);
            rec.putVarInt(evVm);
            rec.putVarLong(send.seq());
            rec.putVarLong(send.logicalClock());
            if (to == null) {
                rec.putVarInt(0);
            } else {
                rec.putVarInt(to.size() + 1);
                for (String recipient : to) {
                    rec.putVarInt(idOf(recipient));
                }
            }
            messages.add(hash, rec.buf, keyLen, rec.len);
        }
        if (pairs && to != null && !to.isEmpty()) {
            int n = distinct(to);
            int keyLen = key(PAIRS, lp, position);
            rec.putVarInt(evVm);
            rec.putVarLong(send.seq());
            rec.putVarLong(send.systemTime().getEpochSecond());
            rec.putVarInt(send.systemTime().getNano());
            rec.putVarInt(n);
            for (int i = 0; i < n; i++) {
                rec.putVarInt(toIds[i]);
            }
            messages.add(hash, rec.buf, keyLen, rec.len);
        }
    }

    /** The recipients of a SEND, each once (a recipient named twice is one pair), into {@link #toIds}. */
    private int distinct(List<String> to) {
        toGen++;
        if (toIds.length < to.size()) {
            toIds = new int[to.size()];
        }
        int n = 0;
        for (String recipient : to) {
            int r = idOf(recipient);
            if (r >= toMark.length) {
                toMark = Arrays.copyOf(toMark, Math.max(r + 1, toMark.length * 2));
            }
            if (toMark[r] != toGen) {
                toMark[r] = toGen;
                toIds[n++] = r;
            }
        }
        return n;
    }

    private void receiveRecord(RecordSorter messages, int lp, long position, Event receive, int evVm) {
        id.reset();
        long hash = id.putString(receive.messageId());
        int keyLen = key(RECEIVE, lp, position);
        rec.putVarInt(evVm);
        rec.putVarLong(receive.seq());
        rec.putVarLong(receive.logicalClock());
        if (receive.messageClock() == null) {
            rec.put(0);
        } else {
            rec.put(1);
            rec.putVarLong(receive.messageClock());
        }
        rec.putString(receive.from());
        messages.add(hash, rec.buf, keyLen, rec.len);
    }

    /** The end state's ids, keyed by message like the events: where each unreceived message was. */
    private void endStateRecords(RecordSorter messages) {
        misfiledId = new int[misfiled.size()];
        List<String> provisional = List.copyOf(misfiled);
        misfiled.clear();
        for (int i = 0; i < provisional.size(); i++) {
            misfiledId[i] = idOf(provisional.get(i));
        }
        if (end == null || !pairs) {
            return;
        }
        end.queued().forEach((vm, queue) -> {
            int q = idOf(vm);
            long position = 0;
            for (String messageId : queue) {
                id.reset();
                long hash = id.putString(messageId);
                int keyLen = key(QUEUED, q, ++position);
                messages.add(hash, rec.buf, keyLen, rec.len);
            }
        });
        end.unconfirmed().forEach((sender, byRecipient) -> byRecipient.forEach((recipient, range) -> {
            if (!range.isEmpty()) {
                unconfirmed.put(pair(idOf(sender), idOf(recipient)), range);
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private void perName() {
        int n = names.size();
        nameBytes = new byte[n][];
        Integer[] sorted = new Integer[n];
        for (int i = 0; i < n; i++) {
            nameBytes[i] = names.get(i).getBytes(StandardCharsets.UTF_8);
            sorted[i] = i;
        }
        Arrays.sort(sorted, (a, b) -> names.get(a).compareTo(names.get(b)));
        nameOrder = new int[n];
        for (int i = 0; i < n; i++) {
            nameOrder[sorted[i]] = i;
        }
        logOf = new int[n];
        Arrays.fill(logOf, -1);
        for (int lp = 0; lp < logs.size(); lp++) {
            logOf[logName[lp]] = lp;
        }
        hasOutage = new boolean[n];
        downAtEnd = new boolean[n];
        for (Outage outage : run.outages()) {
            Integer vm = ids.get(outage.vm());
            if (vm != null) {
                hasOutage[vm] = true;
                downAtEnd[vm] |= outage.untilTheEnd();
            }
        }
        addressed = new long[n];
        received = new long[n];
        mustHave = new long[n];
        mayHave = new long[n];
        outagesMatter = new boolean[n];
        newestSec = new long[n];
        newestNano = new int[n];
        hasNewest = new boolean[n];
        firstNewestSec = new long[n];
        firstNewestNano = new int[n];
        hasFirstNewest = new boolean[n];
        pairMark = new int[n];
        overtaken = new long[n];
        overtakenFirst = new Earliest[n];
        byReason = new long[n][REASONS.length];
        lostCount = new long[n];
        mustArrive = new long[n];
        unreceivedSeen = new long[n];
        mayNotSeen = new long[n];
        lostIds = new List[n];
        undeliveredListed = new List[n];
        addressedMark = new int[n];
        receivedByMark = new int[n];
        receivedAtMark = new int[n];
        queuedMark = new int[n];
    }

    private Event lastOf(int vm) {
        return logOf[vm] < 0 ? null : last[logOf[vm]];
    }

    /** Pass 2: one message at a time. */
    private void perMessage(RecordSorter messages, RecordSorter unreceived) {
        boolean counting = conservation && end == null;
        try (RecordSorter.Records records = messages.open()) {
            while (records.next()) {
                byte[] b = records.buf();
                int off = records.off();
                in.at(b, off);
                int idLength = in.getInt() - 1;
                int idPart = 4 + Math.max(0, idLength);
                if (!sameMessage(records.hash(), b, off, idPart)) {
                    newMessage(records.hash(), b, off, idPart, idLength < 0);
                }
                in.pos = off + idPart;
                int kind = in.get();
                int a = in.getInt();
                long position = in.getSortableLong();
                switch (kind) {
                    case SEND -> send();
                    case RECEIVE -> receive(a);
                    case QUEUED -> queued(a, position);
                    case PAIRS -> pairs(unreceived, counting, a, position);
                    default -> throw new IllegalStateException("record kind " + kind);
                }
            }
        }
    }

    private boolean sameMessage(long hash, byte[] b, int off, int idPart) {
        return gen > 0 && hash == gidHash && idPart == gidLen && Arrays.equals(b, off, off + idPart, gid, 0, gidLen);
    }

    private void newMessage(long hash, byte[] b, int off, int idPart, boolean isNull) {
        gen++;
        if (gid.length < idPart) {
            gid = new byte[Math.max(idPart, gid.length * 2)];
        }
        System.arraycopy(b, off, gid, 0, idPart);
        gidLen = idPart;
        gidHash = hash;
        gidNull = isNull;
        gidString = null;
        hasRef = false;
    }

    private String messageId() {
        if (gidString == null && !gidNull) {
            gidString = new String(gid, 4, gidLen - 4, StandardCharsets.UTF_8);
        }
        return gidString;
    }

    private void send() {
        int evVm = resolve(in.getVarInt());
        long seq = in.getVarLong();
        long clock = in.getVarLong();
        int toCount = in.getVarInt() - 1;
        if (!hasRef) {
            hasRef = true;
            refVm = evVm;
            refSeq = seq;
            refClock = clock;
            refToCount = toCount;
            if (refTo.length < Math.max(0, toCount)) {
                refTo = new int[toCount];
            }
            for (int i = 0; i < toCount; i++) {
                refTo[i] = in.getVarInt();
                addressedMark[refTo[i]] = gen;
            }
            return;
        }
        violations.report(Rule.UNIQUE_MESSAGE_ID, evVm, name(evVm), seq,
                () -> "messageId " + messageId() + " was already sent by " + name(refVm));
        for (int i = 0; i < toCount; i++) {
            addressedMark[in.getVarInt()] = gen;
        }
    }

    private void receive(int lp) {
        int v = resolve(in.getVarInt());
        long seq = in.getVarLong();
        long clock = in.getVarLong();
        boolean hasMessageClock = in.get() != 0;
        long messageClock = hasMessageClock ? in.getVarLong() : 0;
        int fromAt = in.pos + 4;
        int fromLength = in.skipString();
        byte[] b = in.buf;
        receivedAtMark[logName[lp]] = gen;
        if (!eventRules) {
            return;
        }
        if (receivedByMark[v] == gen) {
            violations.report(Rule.NO_DUPLICATE_RECEIVE, v, name(v), seq, () -> "message " + messageId() + " received again");
        }
        receivedByMark[v] = gen;
        if (!hasRef) {
            violations.report(Rule.RECEIVE_MATCHES_SEND, v, name(v), seq, () -> "no SEND has messageId " + messageId());
            return;
        }
        byte[] sender = nameBytes[refVm];
        boolean fromSender = fromLength == sender.length && Arrays.equals(b, fromAt, fromAt + fromLength, sender, 0, sender.length);
        boolean toIt = false;
        for (int i = 0; i < refToCount && !toIt; i++) {
            toIt = refTo[i] == v;
        }
        boolean sameClock = hasMessageClock && messageClock == refClock;
        boolean later = clock > refClock;
        if (fromSender && toIt && sameClock && later) {
            return;
        }
        boolean finalToIt = toIt;
        violations.report(Rule.RECEIVE_MATCHES_SEND, v, name(v), seq, () -> {
            List<String> problems = new ArrayList<>();
            if (!fromSender) {
                String from = fromLength < 0 ? null : new String(b, fromAt, fromLength, StandardCharsets.UTF_8);
                problems.add("from " + from + " but sent by " + name(refVm));
            }
            if (!finalToIt) {
                problems.add("the SEND (" + name(refVm) + "#" + refSeq + ") went to " + refToText());
            }
            if (!sameClock) {
                problems.add("messageClock " + (hasMessageClock ? String.valueOf(messageClock) : "null") + " but the SEND's clock was " + refClock);
            }
            if (!later) {
                problems.add("receive clock " + clock + " is not after the SEND's " + refClock);
            }
            return messageId() + ": " + String.join("; ", problems);
        });
    }

    /** The first SEND's {@code to} as the event would print it. */
    private String refToText() {
        if (refToCount < 0) {
            return "null";
        }
        List<String> to = new ArrayList<>();
        for (int i = 0; i < refToCount; i++) {
            to.add(name(refTo[i]));
        }
        return to.toString();
    }

    private void queued(int q, long position) {
        boolean first = queuedMark[q] != gen;
        queuedMark[q] = gen;
        if (!conservation || end == null) {
            return;
        }
        if (!first) {
            problems(q).twice.add(position, messageId());
        } else if (addressedMark[q] != gen) {
            problems(q).neverSent.add(position, messageId());
        } else if (receivedAtMark[q] == gen) {
            problems(q).alreadyReceived.add(position, messageId());
        }
    }

    private ConservationRule.QueueProblems problems(int q) {
        return queueProblems.computeIfAbsent(q, k -> new ConservationRule.QueueProblems());
    }

    private void pairs(RecordSorter unreceived, boolean counting, int lp, long position) {
        int sender = resolve(in.getVarInt());
        long seq = in.getVarLong();
        long sec = in.getVarLong();
        int nano = in.getVarInt();
        int n = in.getVarInt();
        for (int k = 0; k < n; k++) {
            int r = in.getVarInt();
            addressed[r]++;
            boolean firstToIt = pairMark[r] != gen;
            pairMark[r] = gen;
            if (counting) {
                countForConservation(r, sender, sec, nano);
            }
            if (!gidNull && receivedAtMark[r] == gen) {
                received[r]++;
                if (firstToIt && (!hasFirstNewest[r] || compare(sec, nano, firstNewestSec[r], firstNewestNano[r]) > 0)) {
                    hasFirstNewest[r] = true;
                    firstNewestSec[r] = sec;
                    firstNewestNano[r] = nano;
                }
                if (!hasNewest[r] || compare(sec, nano, newestSec[r], newestNano[r]) > 0) {
                    hasNewest[r] = true;
                    newestSec[r] = sec;
                    newestNano[r] = nano;
                }
                continue;
            }
            int outcome = UNDECIDED;
            if (end != null) {
                if (queuedMark[r] == gen) {
                    outcome = Undelivered.Reason.QUEUED.ordinal();
                } else if (unconfirmedAtTheEnd(sender, r)) {
                    outcome = Undelivered.Reason.IN_TRANSIT.ordinal();
                } else if (downAtEnd[r]) {
                    outcome = Undelivered.Reason.RECIPIENT_DOWN.ordinal();
                } else if (downAtEnd[sender]) {
                    outcome = Undelivered.Reason.IN_TRANSIT.ordinal();
                } else {
                    outcome = LOST;
                }
            }
            rec.reset();
            rec.putInt(r);
            rec.putSortableLong(sec);
            rec.putInt(nano);
            rec.putInt(nameOrder[sender]);
            rec.putSortableLong(seq);
            rec.putSortableLong(emitted++);
            int keyLen = rec.len;
            rec.putVarInt(sender);
            rec.put(outcome);
            rec.putVarInt(lp);
            rec.putVarLong(position);
            ensure(rec, rec.len + gidLen);
            System.arraycopy(gid, 0, rec.buf, rec.len, gidLen);
            rec.len += gidLen;
            unreceived.add(r, rec.buf, keyLen, rec.len);
        }
    }

    /** True when the end state says that the sender had sent this message to {@code r}, and {@code r} had not confirmed it. */
    private boolean unconfirmedAtTheEnd(int sender, int r) {
        SentRange range = unconfirmed.get(pair(sender, r));
        return range != null && range.contains(MessageIds.seqIfFrom(name(sender), messageId()));
    }

    private static long pair(int sender, int recipient) {
        return ((long) sender << 32) | recipient;
    }

    /** Without the end state: what the counting rule needs of every pair to a VM that logged events. */
    private void countForConservation(int r, int sender, long sec, int nano) {
        Event lastEvent = lastOf(r);
        if (lastEvent == null) {
            return;
        }
        Instant at = lastEvent.systemTime();
        Duration u = DeliveryAccounting.UNCERTAIN;
        if (!hasOutage[r] && !hasOutage[sender]) { // the deadline is the sent time + UNCERTAIN
            if (plusBefore(sec, nano, u, at.getEpochSecond(), at.getNano())) {
                mustHave[r]++;
            }
        } else {
            Instant sentAt = Instant.ofEpochSecond(sec, nano);
            Instant deadline = DeliveryAccounting.deadline(sentAt, name(sender), name(r), run.outages());
            if (deadline != null && deadline.isBefore(at)) {
                mustHave[r]++;
            }
            outagesMatter[r] |= !sentAt.plus(u).equals(deadline);
        }
        Instant possiblyArrived = at.plus(u);
        if (compare(sec, nano, possiblyArrived.getEpochSecond(), possiblyArrived.getNano()) <= 0) {
            mayHave[r]++;
        }
    }

    /** True when (sec, nano) + d is before (atSec, atNano). */
    private static boolean plusBefore(long sec, int nano, Duration d, long atSec, int atNano) {
        long s = sec + d.getSeconds();
        long ns = (long) nano + d.getNano();
        if (ns >= 1_000_000_000L) {
            s++;
            ns -= 1_000_000_000L;
        }
        return compare(s, (int) ns, atSec, atNano) < 0;
    }

    private static int compare(long sec, int nano, long otherSec, int otherNano) {
        return sec != otherSec ? Long.compare(sec, otherSec) : Integer.compare(nano, otherNano);
    }

    /** The deadline of an unreceived pair (null: never); sent at (sec, nano). */
    private Instant deadline(int sender, int r, long sec, int nano) {
        Instant sentAt = Instant.ofEpochSecond(sec, nano);
        if (!hasOutage[r] && !hasOutage[sender]) {
            return sentAt.plus(DeliveryAccounting.UNCERTAIN);
        }
        return DeliveryAccounting.deadline(sentAt, name(sender), name(r), run.outages());
    }

    private boolean inferable(int r) {
        return end == null && !downAtEnd[r] && lastOf(r) != null;
    }

    /** Pass 3: the unreceived pairs per recipient, in sent order. */
    private void perRecipient(RecordSorter unreceived) {
        if (end == null && run.finished()) {
            // the messages that must have reached each queue, to know how many places are left in it
            try (RecordSorter.Records records = unreceived.open()) {
                while (records.next()) {
                    in.at(records.buf(), records.off());
                    int r = in.getInt();
                    long sec = in.getSortableLong();
                    int nano = in.getInt();
                    in.pos = records.off() + records.keyLen();
                    int sender = in.getVarInt();
                    if (!inferable(r)) {
                        continue;
                    }
                    Instant deadline = deadline(sender, r, sec, nano);
                    if (deadline != null && !overtaken(r, deadline) && deadline.isBefore(lastOf(r).systemTime())) {
                        mustArrive[r]++;
                    }
                }
            }
        }
        int shown = limits.shownPerList();
        try (RecordSorter.Records records = unreceived.open()) {
            while (records.next()) {
                in.at(records.buf(), records.off());
                int r = in.getInt();
                long sec = in.getSortableLong();
                int nano = in.getInt();
                in.getInt();
                long seq = in.getSortableLong();
                in.pos = records.off() + records.keyLen();
                int sender = in.getVarInt();
                int outcome = in.get();
                int lp = in.getVarInt();
                long position = in.getVarLong();
                int idAt = in.pos;
                if (conservation && end == null && lastOf(r) != null) {
                    overtakenForCounting(r, sender, sec, nano, lp, position, records.buf(), idAt);
                }
                if (outcome == UNDECIDED) {
                    outcome = inferred(r, sender, sec, nano);
                }
                unreceivedSeen[r]++;
                if (outcome == UNACCOUNTED) {
                    continue;
                }
                in.pos = idAt;
                String messageId = String.valueOf(in.getString());
                if (outcome == LOST) {
                    lostCount[r]++;
                    if (lostShown.size() < shown) {
                        lostShown.add(DeliveryReport.lostPair(messageId, name(r)));
                    }
                    if (lostIds[r] == null) {
                        lostIds[r] = new ArrayList<>();
                    }
                    if (lostIds[r].size() < perRecipient) {
                        lostIds[r].add(messageId);
                    }
                } else {
                    byReason[r][outcome]++;
                    boolean global = undeliveredShown.size() < shown;
                    boolean own = books && (undeliveredListed[r] == null || undeliveredListed[r].size() < perRecipient);
                    if (global || own) {
                        Undelivered u = new Undelivered(messageId, name(sender), name(r), REASONS[outcome]);
                        if (global) {
                            undeliveredShown.add(u);
                        }
                        if (own) {
                            if (undeliveredListed[r] == null) {
                                undeliveredListed[r] = new ArrayList<>();
                            }
                            undeliveredListed[r].add(u);
                        }
                    }
                }
            }
        }
    }

    /**
     * The counting rule's overtaken messages: never received although the message of a received id
     * (its first SEND to {@code r}) was sent after their deadline; named oldest first, then in log order.
     */
    private void overtakenForCounting(int r, int sender, long sec, int nano, int lp, long position, byte[] b, int idAt) {
        if (!hasFirstNewest[r]) {
            return;
        }
        Instant deadline = deadline(sender, r, sec, nano);
        if (deadline == null || !deadline.isBefore(Instant.ofEpochSecond(firstNewestSec[r], firstNewestNano[r]))) {
            return;
        }
        overtaken[r]++;
        if (overtakenFirst[r] == null) {
            overtakenFirst[r] = new Earliest(ConservationRule.IDS_SHOWN);
        }
        overtakenFirst[r].add(sec, nano, lp, position, b, idAt);
    }

    /** The first few ids by (sent time, log, position in the log), whatever order they come in. */
    private static final class Earliest {
        private final long[] sec;
        private final int[] nano;
        private final int[] lp;
        private final long[] position;
        private final String[] ids;
        private int size;

        Earliest(int capacity) {
            sec = new long[capacity];
            nano = new int[capacity];
            lp = new int[capacity];
            position = new long[capacity];
            ids = new String[capacity];
        }

        private int compareTo(int i, long s, int n, int l, long p) {
            int c = compare(sec[i], nano[i], s, n);
            if (c == 0) {
                c = Integer.compare(lp[i], l);
            }
            return c != 0 ? c : Long.compare(position[i], p);
        }

        void add(long s, int n, int l, long p, byte[] b, int idAt) {
            int capacity = ids.length;
            if (size == capacity && compareTo(size - 1, s, n, l, p) <= 0) {
                return;
            }
            int i = Math.min(size, capacity - 1);
            while (i > 0 && compareTo(i - 1, s, n, l, p) > 0) {
                sec[i] = sec[i - 1];
                nano[i] = nano[i - 1];
                lp[i] = lp[i - 1];
                position[i] = position[i - 1];
                ids[i] = ids[i - 1];
                i--;
            }
            sec[i] = s;
            nano[i] = n;
            lp[i] = l;
            position[i] = p;
            ids[i] = String.valueOf(new RecordBytes.Reader().at(b, idAt).getString());
            size = Math.min(size + 1, capacity);
        }

        List<String> ids() {
            return List.copyOf(Arrays.asList(ids).subList(0, size));
        }
    }

    private boolean overtaken(int r, Instant deadline) {
        return hasNewest[r] && deadline.isBefore(Instant.ofEpochSecond(newestSec[r], newestNano[r]));
    }

    /** Without the end state, what an unreceived pair was, from its recipient's last event (see {@link DeliveryAccounting}). */
    private int inferred(int r, int sender, long sec, int nano) {
        if (downAtEnd[r]) {
            return Undelivered.Reason.RECIPIENT_DOWN.ordinal();
        }
        Event lastEvent = lastOf(r);
        if (lastEvent == null) {
            return UNACCOUNTED; // no queue length known: nothing can be said
        }
        long queueLength = lastEvent.queueLength();
        if (!run.finished()) {
            return unreceivedSeen[r] < queueLength ? Undelivered.Reason.QUEUED.ordinal() : Undelivered.Reason.IN_TRANSIT.ordinal();
        }
        Instant deadline = deadline(sender, r, sec, nano);
        if (deadline != null && overtaken(r, deadline)) {
            return LOST; // a message sent after it should have arrived was received
        }
        if (deadline != null && deadline.isBefore(lastEvent.systemTime())) {
            // it must be in the queue; if more must be than it held, some were lost, which ones the logs cannot tell
            return mustArrive[r] <= queueLength ? Undelivered.Reason.QUEUED.ordinal() : UNACCOUNTED;
        }
        long slots = mustArrive[r] <= queueLength ? queueLength - mustArrive[r] : 0;
        return mayNotSeen[r]++ < slots ? Undelivered.Reason.QUEUED.ordinal() : Undelivered.Reason.IN_TRANSIT.ordinal();
    }

    // ---------------------------------------------------------------- results

    private void conservationVerdicts() {
        if (end != null) {
            for (int r = 0; r < names.size(); r++) {
                if (lostCount[r] > 0) {
                    Event lastEvent = lastOf(r);
                    int vm = r;
                    violations.report(Rule.CONSERVATION, r, name(r), lastEvent == null ? 0 : lastEvent.seq(),
                            () -> ConservationRule.lost(name(vm), lostCount[vm], lostIds[vm]));
                }
            }
            queueProblems.forEach((q, problems) -> {
                Event lastEvent = lastOf(q);
                violations.report(Rule.CONSERVATION, q, name(q), lastEvent == null ? 0 : lastEvent.seq(), () -> problems.detail(name(q)));
            });
            return;
        }
        for (int lp = 0; lp < logs.size(); lp++) {
            Event lastEvent = last[lp];
            if (lastEvent == null) {
                continue; // no queue length known
            }
            int r = logName[lp];
            List<String> first = overtakenFirst[r] == null ? List.of() : overtakenFirst[r].ids();
            String detail = ConservationRule.counted(name(r), receivesIn[lp], lastEvent.queueLength(), mayHave[r], mustHave[r],
                    outagesMatter[r], overtaken[r], first);
            if (detail != null) {
                violations.report(Rule.CONSERVATION, r, name(r), lastEvent.seq(), () -> detail);
            }
        }
    }

    private DeliveryReport delivery() {
        long allAddressed = 0;
        long allReceived = 0;
        long allLost = 0;
        Map<Undelivered.Reason, Long> reasons = new EnumMap<>(Undelivered.Reason.class);
        for (Undelivered.Reason reason : REASONS) {
            reasons.put(reason, 0L);
        }
        for (int r = 0; r < names.size(); r++) {
            allAddressed += addressed[r];
            allReceived += received[r];
            allLost += lostCount[r];
            for (Undelivered.Reason reason : REASONS) {
                reasons.merge(reason, byReason[r][reason.ordinal()], Long::sum);
            }
        }
        return new DeliveryReport(allAddressed, allReceived, undeliveredShown, lostShown, reasons, allLost);
    }

    private List<DeliveryAccounting.Books> booksByRecipient() {
        int shown = limits.shownPerList();
        List<DeliveryAccounting.Books> all = new ArrayList<>();
        for (int r = 0; r < names.size(); r++) {
            if (addressed[r] == 0) {
                continue;
            }
            long undelivered = Arrays.stream(byReason[r]).sum();
            List<Undelivered> listed = undeliveredListed[r] == null ? List.of() : undeliveredListed[r];
            List<String> lost = lostIds[r] == null ? List.of() : lostIds[r];
            all.add(new DeliveryAccounting.Books(name(r), lastOf(r), addressed[r], received[r],
                    listed.subList(0, Math.min(shown, listed.size())), lost.subList(0, Math.min(shown, lost.size())),
                    undelivered, lostCount[r]));
        }
        return all;
    }
}
