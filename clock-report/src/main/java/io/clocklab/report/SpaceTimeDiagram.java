package io.clocklab.report;

import io.clocklab.core.causality.CausalOrder;
import io.clocklab.core.control.Names;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.LamportClock;
import io.clocklab.core.run.Outage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Lamport space-time diagram of one window of a run: a lane per VM (natural name order, vm2 before
 * vm10; lanes get lower past ten VMs, down to {@link #MIN_LANE}), wall time along x, a dot per
 * event (its clock value above it where there is room) and an arrow from each SEND to each of its
 * RECEIVEs. A RECEIVE that moved the clock by more than one tick gets a ring and its jump.
 *
 * <p>Outages, when given, are translucent bands in the VM's colour over its lane (over every lane,
 * for a VM without one), labelled "vmX down (cause)", with a legend row under the axis.
 *
 * <p>Built once per run (indexes the events by time, so a window is found by binary search) and
 * then rendered for any window. A window holding more than {@link #cap()} events draws only its
 * first {@code cap} and says so, so a page stays light however long the run.
 */
public final class SpaceTimeDiagram {

    public static final int DEFAULT_CAP = 800;
    static final double WIDTH = 960;
    static final double LEFT = 84;
    static final double RIGHT = 24;
    static final double TOP = 64;
    /** A lane's height with up to ten VMs. */
    static final double LANE = 72;
    /** More lanes share this much height, down to {@link #MIN_LANE} each. */
    static final double LANES_HEIGHT = 720;
    /**
     * The lowest lane: a clock label (10 px, its baseline 11 px over the dot) still clears the lane
     * above's dots and jump rings (radius 8), and lane names (12 px) stay apart.
     */
    static final double MIN_LANE = 30;
    static final double BOTTOM = 56;
    static final String HIGHLIGHT = "#000";

    /** One event's place in the index. */
    private record At(int lane, int index) {
    }

    private final List<String> vms;
    private final double lane;
    private final VmColors colors;
    private final Instant start;
    private final int cap;
    private final double[][] seconds;
    private final Event[][] events;
    private final long[][] clockBefore;
    private final Map<String, At> sendById;
    private final Map<String, List<At>> receivesById;
    private final long total;
    private final double lastSeconds;
    private final Totals totals;
    /** The events' vector clocks, or null: then no event can be clicked for its causal past and future. */
    private final EventVectors vectors;

    /**
     * What a diagram built over a slice of a long run ({@link SpaceTimeSlices}) cannot see in the
     * slice: the run's size and length, its default window, and how many events the window the slice
     * was cut for holds (other windows are counted in the slice).
     */
    public record Totals(long events, double lastSeconds, SpaceTimeWindow defaultWindow, SpaceTimeWindow window, long inWindow) {
    }

    /** A diagram of these logs, timed from the earliest event, VMs coloured in their order. */
    public SpaceTimeDiagram(Map<String, List<Event>> eventsByVm) {
        this(eventsByVm, null, VmColors.of(List.copyOf(eventsByVm.keySet())), DEFAULT_CAP);
    }

    /**
     * @param eventsByVm each VM's log in seq order; lanes in natural name order
     * @param runStart   what time 0 is; null means the earliest event
     * @param colors     the VMs' colours, shared with the report's other plots
     * @param cap        the most events one window draws
     */
    public SpaceTimeDiagram(Map<String, List<Event>> eventsByVm, Instant runStart, VmColors colors, int cap) {
        this(eventsByVm, runStart, colors, cap, null);
    }

    /**
     * A diagram of a slice of a run: {@code eventsByVm} holds, per VM, the events of the window to draw
     * (at least its first {@code cap + 1}) and some before it (for the arrows that come in from the
     * edge and for each event's clock before it); {@code totals} tells the rest.
     */
    public SpaceTimeDiagram(Map<String, List<Event>> eventsByVm, Instant runStart, VmColors colors, int cap, Totals totals) {
        this.totals = totals;
        this.vectors = null;
        this.sendById = new HashMap<>();
        this.receivesById = new HashMap<>();
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be at least 1, got " + cap);
        }
        this.vms = eventsByVm.keySet().stream().sorted(Names.NATURAL_ORDER).toList();
        this.lane = laneHeight(vms.size());
        this.colors = colors;
        this.cap = cap;
        this.start = runStart != null ? runStart : earliest(eventsByVm);
        int lanes = vms.size();
        seconds = new double[lanes][];
        events = new Event[lanes][];
        clockBefore = new long[lanes][];
        int count = 0;
        double last = 0;
        for (int lane = 0; lane < lanes; lane++) {
            List<Event> log = eventsByVm.get(vms.get(lane));
            int n = log.size();
            Integer[] order = new Integer[n];
            long[] before = new long[n];
            long previous = 0;
            for (int i = 0; i < n; i++) {
                order[i] = i;
                before[i] = previous;
                previous = log.get(i).logicalClock();
            }
            // A log is in seq order, which is time order unless the wall clock stepped back; sort to be sure.
            Arrays.sort(order, Comparator.comparing(i -> log.get(i).systemTime()));
            seconds[lane] = new double[n];
            events[lane] = new Event[n];
            clockBefore[lane] = new long[n];
            for (int k = 0; k < n; k++) {
                Event event = log.get(order[k]);
                events[lane][k] = event;
                seconds[lane][k] = secondsOf(event.systemTime());
                clockBefore[lane][k] = before[order[k]];
                last = Math.max(last, seconds[lane][k]);
                if (event.messageId() != null) {
                    if (event.type() == EventType.SEND) {
                        sendById.putIfAbsent(event.messageId(), new At(lane, k));
                    } else if (event.type() == EventType.RECEIVE) {
                        receivesById.computeIfAbsent(event.messageId(), id -> new ArrayList<>(2)).add(new At(lane, k));
                    }
                }
            }
            count += n;
        }
        this.total = totals != null ? totals.events() : count;
        this.lastSeconds = totals != null ? totals.lastSeconds() : last;
    }

    private SpaceTimeDiagram(SpaceTimeDiagram diagram, EventVectors vectors) {
        this.vms = diagram.vms;
        this.lane = diagram.lane;
        this.colors = diagram.colors;
        this.start = diagram.start;
        this.cap = diagram.cap;
        this.seconds = diagram.seconds;
        this.events = diagram.events;
        this.clockBefore = diagram.clockBefore;
        this.sendById = diagram.sendById;
        this.receivesById = diagram.receivesById;
        this.total = diagram.total;
        this.lastSeconds = diagram.lastSeconds;
        this.totals = diagram.totals;
        this.vectors = vectors;
    }

    /** The same diagram whose events carry their vector clocks ({@code data-vc}), so a click can light up causality; null changes nothing. */
    public SpaceTimeDiagram withVectors(EventVectors vectors) {
        return vectors == null ? this : new SpaceTimeDiagram(this, vectors);
    }

    public boolean hasVectors() {
        return vectors != null;
    }

    /** Every event the diagram holds (whichever window is drawn), as {@code vm#seq}. */
    public Set<String> eventKeys() {
        Set<String> keys = new HashSet<>();
        for (int lane = 0; lane < events.length; lane++) {
            for (Event event : events[lane]) {
                keys.add(CausalOrder.key(vms.get(lane), event.seq()));
            }
        }
        return keys;
    }

    public Instant start() {
        return start;
    }

    public long eventCount() {
        return total;
    }

    public int cap() {
        return cap;
    }

    /** Seconds from the start to the last event. */
    public double durationSeconds() {
        return lastSeconds;
    }

    /** The first 10 seconds, or less if that holds more than 300 events. */
    public SpaceTimeWindow defaultWindow() {
        if (totals != null) {
            return totals.defaultWindow();
        }
        double end = 10;
        int[] next = new int[vms.size()];
        for (int taken = 0; taken < 300; taken++) {
            int lane = earliestLane(next, null);
            if (lane < 0) {
                break;
            }
            next[lane]++;
        }
        int lane = earliestLane(next, null);
        if (lane >= 0) {
            // End at the 301st event, rounded down to 0.1 s for a tidy link (to the ms if that leaves nothing).
            double cut = seconds[lane][next[lane]];
            double tidy = Math.floor(cut * 10) / 10;
            end = Math.min(end, tidy > 0 ? tidy : Math.max(SpaceTimeWindow.MIN_WIDTH, Math.floor(cut * 1000) / 1000));
        }
        return SpaceTimeWindow.of(0, end);
    }

    /** Events with a time in the window. */
    public long countIn(SpaceTimeWindow window) {
        if (totals != null && window.equals(totals.window())) {
            return totals.inWindow();
        }
        int count = 0;
        for (int lane = 0; lane < vms.size(); lane++) {
            count += lowerBound(seconds[lane], window.toSeconds()) - lowerBound(seconds[lane], window.fromSeconds());
        }
        return count;
    }

    public String render(SpaceTimeWindow window) {
        return render(window, List.of());
    }

    /** The window with these outages shaded (times relative to {@link #start()}). */
    public String render(SpaceTimeWindow window, List<Outage> outages) {
        int lanes = vms.size();
        int[] from = new int[lanes];
        int[] to = new int[lanes];
        int inWindow = 0;
        for (int lane = 0; lane < lanes; lane++) {
            from[lane] = lowerBound(seconds[lane], window.fromSeconds());
            to[lane] = lowerBound(seconds[lane], window.toSeconds());
            inWindow += to[lane] - from[lane];
        }
        double drawnTo = window.toSeconds();
        if (inWindow > cap) {
            // Keep the window's first `cap` events by time and end the axis at the first one left out.
            int[] next = from.clone();
            for (int taken = 0; taken < cap; taken++) {
                next[earliestLane(next, to)]++;
            }
            int lane = earliestLane(next, to);
            drawnTo = Math.max(window.fromSeconds() + SpaceTimeWindow.MIN_WIDTH, seconds[lane][next[lane]]);
            to = next;
        }
        int drawn = Math.min(inWindow, cap);
        double windowFrom = window.fromSeconds();
        double windowTo = drawnTo;
        List<OutageBand> bands = OutageBand.of(outages, start).stream().filter(b -> b.overlaps(windowFrom, windowTo)).toList();
        double height = TOP + Math.max(1, lanes) * lane + BOTTOM + (bands.isEmpty() ? 0 : OUTAGE_LEGEND);
        String title = "Space-time diagram, " + Labels.number(window.fromSeconds(), 3) + "–" + Labels.number(window.toSeconds(), 3) + " s";
        Svg svg = Svg.document(WIDTH, height, title,
                "One lane per VM, wall time along x, a dot per event and an arrow from each SEND to its RECEIVEs");
        svg.empty("rect", "width", WIDTH, "height", height, "fill", "#fff");
        PlotFrame.title(svg, 12, title);
        long inWindowOfRun = totals != null ? countIn(window) : inWindow;
        String note = inWindow > cap
                ? "Showing the first " + cap + " of " + inWindowOfRun + " events in this window (up to "
                  + Labels.number(drawnTo, 3) + " s). Zoom in to see them all."
                : inWindowOfRun + (inWindowOfRun == 1 ? " event" : " events") + " in this window; run has " + total
                  + " events over " + Labels.number(lastSeconds, 1) + " s.";
        svg.text(12, 40, note, "fill", inWindow > cap ? "#B35900" : PlotFrame.MUTED, "class", inWindow > cap ? "capped" : "window-note");
        legend(svg);

        PlotFrame frame = new PlotFrame(LEFT, TOP, WIDTH - LEFT - RIGHT, Math.max(1, lanes) * lane,
                NiceScale.of(window.fromSeconds(), drawnTo, 10), new NiceScale(0, 1, 1, List.of()));
        // The axis spans exactly the drawn interval, not the nice-rounded one, so events are not squeezed.
        frame = new PlotFrame(LEFT, TOP, WIDTH - LEFT - RIGHT, Math.max(1, lanes) * lane,
                new NiceScale(window.fromSeconds(), drawnTo, frame.xScale.step(), ticksWithin(frame.xScale, window.fromSeconds(), drawnTo)),
                new NiceScale(0, 1, 1, List.of()));
        frame.draw(svg, "seconds since the run's start", null);
        outageBands(svg, frame, bands);
        if (lanes == 0 || drawn == 0) {
            frame.noData(svg, lanes == 0 ? "no VMs" : "no events in this window");
        }
        for (int lane = 0; lane < lanes; lane++) {
            double y = laneY(lane);
            String vm = vms.get(lane);
            svg.empty("line", "x1", frame.left, "x2", frame.right(), "y1", y, "y2", y, "stroke", "#bbb", "class", "lane");
            svg.text(frame.left - 8, y + 4, Labels.shortenMiddle(vm, 10), "text-anchor", "end", "font-weight", 600,
                    "class", "lane-label", "data-vm", vm, "fill", colors.color(vm));
        }
        svg.open("g", "class", "messages", "fill", "none");
        int[] first = from;
        int[] end = to;
        double endSeconds = drawnTo;
        for (int lane = 0; lane < lanes; lane++) {
            for (int k = from[lane]; k < to[lane]; k++) {
                Event event = events[lane][k];
                if (event.type() == EventType.SEND) {
                    arrowsFromSend(svg, frame, lane, k, first, end, window.fromSeconds(), endSeconds);
                } else if (event.type() == EventType.RECEIVE) {
                    At send = sendById.get(event.messageId());
                    if (send != null && !drawn(send, first, end)) {
                        // Its SEND is outside what is drawn: come in from the edge.
                        arrow(svg, frame, send.lane(), seconds[send.lane()][send.index()], lane, seconds[lane][k], true,
                                event.messageId() + " from " + event.from() + " at " + Labels.number(seconds[send.lane()][send.index()], 3) + " s");
                    }
                }
            }
        }
        svg.close();
        if (vectors == null) {
            svg.open("g", "class", "events");
        } else {
            svg.open("g", "class", "events causal", "data-vms", String.join(",", vectors.vms()));
        }
        for (int lane = 0; lane < lanes; lane++) {
            double lastLabelEnd = Double.NEGATIVE_INFINITY;
            for (int k = from[lane]; k < to[lane]; k++) {
                lastLabelEnd = dot(svg, frame, lane, k, lastLabelEnd);
            }
        }
        svg.close();
        return svg.finish();
    }

    /** Room under the axis for the outages' legend row. */
    static final double OUTAGE_LEGEND = 24;

    private void outageBands(Svg svg, PlotFrame frame, List<OutageBand> bands) {
        if (bands.isEmpty()) {
            return;
        }
        svg.open("g", "class", "outages");
        for (OutageBand band : bands) {
            double x1 = clampX(frame, frame.x(band.fromSeconds()));
            double x2 = band.toSeconds() == null ? frame.right() : clampX(frame, frame.x(band.toSeconds()));
            int lane = vms.indexOf(band.vm());
            double top = lane >= 0 ? laneY(lane) - this.lane / 2 + 3 : frame.top;
            double height = lane >= 0 ? this.lane - 6 : frame.height;
            String color = colors.color(band.vm());
            svg.open("g", "class", "outage", "data-vm", band.vm());
            svg.element("title", band.tooltip());
            svg.empty("rect", "x", x1, "y", top, "width", Math.max(1, x2 - x1), "height", height, "fill", color,
                    "fill-opacity", OutageBand.OPACITY);
            String label = band.label();
            int fits = (int) ((x2 - x1 - 6) / 5.6);
            if (fits >= 6) {
                svg.text(x1 + 3, top + 10, Labels.shorten(label, fits), "font-size", 9, "fill", "#333", "class", "outage-label");
            }
            svg.close();
        }
        svg.close();
        // the legend row, under the axis label
        double y = frame.bottom() + BOTTOM + 14;
        double x = LEFT;
        svg.open("g", "class", "legend outage-legend", "font-size", 11);
        List<OutageBand> entries = OutageBand.distinctLabels(bands);
        for (int i = 0; i < entries.size(); i++) {
            OutageBand entry = entries.get(i);
            String label = Labels.shorten(entry.label(), 40);
            double width = 20 + label.length() * 6.2 + 18;
            if (x + width > WIDTH - RIGHT) {
                svg.text(x, y, "+" + (entries.size() - i) + " more", "fill", PlotFrame.MUTED);
                break;
            }
            svg.empty("rect", "x", x, "y", y - 10, "width", 12, "height", 12, "fill", colors.color(entry.vm()),
                    "fill-opacity", OutageBand.OPACITY * 2, "stroke", colors.color(entry.vm()), "stroke-opacity", 0.5);
            svg.text(x + 18, y, label, "fill", "#222", "class", "outage-entry");
            x += width;
        }
        svg.close();
    }

    private void arrowsFromSend(Svg svg, PlotFrame frame, int lane, int k, int[] first, int[] end, double from, double to) {
        Event send = events[lane][k];
        List<At> receives = receivesById.getOrDefault(send.messageId(), List.of());
        for (At receive : receives) {
            boolean inside = drawn(receive, first, end);
            arrow(svg, frame, lane, seconds[lane][k], receive.lane(), seconds[receive.lane()][receive.index()], !inside,
                    send.messageId() + " to " + vms.get(receive.lane())
                            + (inside ? "" : ", received at " + Labels.number(seconds[receive.lane()][receive.index()], 3) + " s"));
        }
        if (send.to() != null) {
            for (String peer : send.to()) {
                int peerLane = vms.indexOf(peer);
                boolean received = receives.stream().anyMatch(r -> r.lane() == peerLane);
                if (peerLane >= 0 && !received) {
                    // Never received (still queued when the log ended): a short dashed stub towards the peer.
                    double x = frame.x(seconds[lane][k]);
                    double y1 = laneY(lane);
                    double y2 = y1 + (laneY(peerLane) - y1) * 0.35;
                    svg.open("line", "x1", x, "y1", y1, "x2", x + 10, "y2", y2, "stroke", "#999", "stroke-dasharray", "2 3");
                    svg.element("title", send.messageId() + " to " + peer + ": not received in the log");
                    svg.close();
                }
            }
        }
    }

    /** How far a message whose other end is outside the drawing is drawn: a short dashed stub, the tooltip says the rest. */
    static final double STUB = 32;

    /**
     * A message line from (fromLane, t1) to (toLane, t2). When one end is outside what is drawn
     * ({@code clipped}), only a dashed stub leaves the inside end, pointing towards the other lane
     * and the other end's side: a line across the whole window would lie along the lanes and hide them.
     */
    private void arrow(Svg svg, PlotFrame frame, int fromLane, double t1, int toLane, double t2, boolean clipped, String tooltip) {
        double x1 = frame.x(t1);
        double y1 = laneY(fromLane);
        double x2 = frame.x(t2);
        double y2 = laneY(toLane);
        boolean sendInside = x1 >= frame.left && x1 <= frame.right();
        if (clipped) {
            double direction = Math.signum(t2 - t1) == 0 ? 1 : Math.signum(t2 - t1);
            if (sendInside) {
                x2 = clampX(frame, x1 + direction * STUB);
                y2 = y1 + (y2 - y1) * 0.5;
            } else {
                x1 = clampX(frame, x2 - direction * STUB);
                y1 = y2 + (y1 - y2) * 0.5;
            }
        }
        svg.open("g", "class", clipped ? "message clipped" : "message");
        svg.element("title", tooltip);
        svg.empty("line", "x1", x1, "y1", y1, "x2", x2, "y2", y2, "stroke", "#555", "stroke-width", 1,
                "stroke-dasharray", clipped ? "4 3" : null);
        double angle = Math.atan2(y2 - y1, x2 - x1);
        // Stop the head at the dot's edge when it ends on a dot (not at the loose end of an outgoing stub).
        double back = clipped && sendInside ? 0 : 5;
        double tipX = x2 - back * Math.cos(angle);
        double tipY = y2 - back * Math.sin(angle);
        svg.empty("polygon", "points", head(tipX, tipY, angle), "fill", "#555");
        svg.close();
    }

    private static double clampX(PlotFrame frame, double x) {
        return Math.max(frame.left, Math.min(frame.right(), x));
    }

    private static String head(double x, double y, double angle) {
        double size = 7;
        double spread = 0.4;
        return Svg.num(x) + "," + Svg.num(y) + " "
                + Svg.num(x - size * Math.cos(angle - spread)) + "," + Svg.num(y - size * Math.sin(angle - spread)) + " "
                + Svg.num(x - size * Math.cos(angle + spread)) + "," + Svg.num(y - size * Math.sin(angle + spread));
    }

    private double dot(Svg svg, PlotFrame frame, int lane, int k, double lastLabelEnd) {
        Event event = events[lane][k];
        String vm = vms.get(lane);
        String color = colors.color(vm);
        double x = frame.x(seconds[lane][k]);
        double y = laneY(lane);
        long jump = LamportClock.jump(clockBefore[lane][k], event);
        boolean bigJump = event.type() == EventType.RECEIVE && jump > 1;
        String tooltip = vm + "#" + event.seq() + " " + event.type() + " at " + Labels.number(seconds[lane][k], 3) + " s, clock "
                + event.logicalClock() + switch (event.type()) {
                    case SEND -> " to " + (event.to() == null ? "?" : String.join(", ", event.to()));
                    case RECEIVE -> " from " + (event.from() == null ? "?" : event.from()) + " (message clock " + event.messageClock() + ", jump +" + jump + ")";
                    case INTERNAL -> "";
                };
        if (bigJump) {
            svg.empty("circle", "cx", x, "cy", y, "r", 8, "fill", "none", "stroke", HIGHLIGHT, "stroke-width", 2, "class", "jump");
        }
        String key = CausalOrder.key(vm, event.seq());
        long[] vector = vectors == null ? null : vectors.byEvent().get(key);
        String vc = vector == null ? null : joined(vector);
        String id = vector == null ? null : key;
        String clock = vector == null ? null : Long.toString(event.logicalClock());
        if (event.type() == EventType.RECEIVE) {
            svg.open("rect", "x", x - 4, "y", y - 4, "width", 8, "height", 8, "fill", color, "class", "receive", "data-event", id, "data-vc", vc,
                    "data-clock", clock);
        } else if (event.type() == EventType.SEND) {
            svg.open("circle", "cx", x, "cy", y, "r", 4.5, "fill", color, "class", "send", "data-event", id, "data-vc", vc, "data-clock", clock);
        } else {
            svg.open("circle", "cx", x, "cy", y, "r", 3.5, "fill", "#fff", "stroke", color, "stroke-width", 1.5, "class", "internal",
                    "data-event", id, "data-vc", vc, "data-clock", clock);
        }
        svg.element("title", tooltip);
        svg.close();
        String label = bigJump ? event.logicalClock() + " (+" + jump + ")" : Long.toString(event.logicalClock());
        double labelWidth = label.length() * 7;
        if (x - labelWidth / 2 > lastLabelEnd + 4) {
            svg.text(x, y - 11, label, "text-anchor", "middle", "font-size", 10, "fill", bigJump ? HIGHLIGHT : "#333",
                    "font-weight", bigJump ? 600 : null);
            return x + labelWidth / 2;
        }
        return lastLabelEnd;
    }

    private static String joined(long[] vector) {
        StringBuilder text = new StringBuilder();
        for (long count : vector) {
            text.append(text.isEmpty() ? "" : ",").append(count);
        }
        return text.toString();
    }

    private void legend(Svg svg) {
        double x = WIDTH - 420;
        double y = 22;
        svg.open("g", "class", "legend", "font-size", 11);
        svg.empty("circle", "cx", x, "cy", y - 4, "r", 4.5, "fill", "#555");
        svg.text(x + 8, y, "SEND", "fill", "#222");
        svg.empty("rect", "x", x + 50, "y", y - 8, "width", 8, "height", 8, "fill", "#555");
        svg.text(x + 62, y, "RECEIVE", "fill", "#222");
        svg.empty("circle", "cx", x + 124, "cy", y - 4, "r", 3.5, "fill", "#fff", "stroke", "#555", "stroke-width", 1.5);
        svg.text(x + 132, y, "INTERNAL", "fill", "#222");
        svg.empty("circle", "cx", x + 200, "cy", y - 4, "r", 7, "fill", "none", "stroke", HIGHLIGHT, "stroke-width", 2);
        svg.text(x + 212, y, "jump > 1", "fill", "#222");
        svg.empty("line", "x1", x + 270, "x2", x + 300, "y1", y - 4, "y2", y - 4, "stroke", "#555", "stroke-dasharray", "4 3");
        svg.text(x + 306, y, "other end outside", "fill", "#222");
        svg.close();
    }

    private boolean drawn(At at, int[] first, int[] end) {
        return at.index() >= first[at.lane()] && at.index() < end[at.lane()];
    }

    /** The height of each lane when there are this many: {@link #LANE} for up to ten, less for more, at least {@link #MIN_LANE}. */
    static double laneHeight(int lanes) {
        return Math.max(MIN_LANE, Math.min(LANE, LANES_HEIGHT / Math.max(1, lanes)));
    }

    private double laneY(int lane) {
        return TOP + this.lane * (lane + 0.5);
    }

    /** The lane whose next event (at next[lane], below limit[lane] if given) is earliest; -1 if none is left. */
    private int earliestLane(int[] next, int[] limit) {
        int best = -1;
        for (int lane = 0; lane < next.length; lane++) {
            int bound = limit == null ? seconds[lane].length : limit[lane];
            if (next[lane] < bound && (best < 0 || seconds[lane][next[lane]] < seconds[best][next[best]])) {
                best = lane;
            }
        }
        return best;
    }

    private static List<Double> ticksWithin(NiceScale scale, double from, double to) {
        return scale.ticks().stream().filter(t -> t >= from - 1e-9 && t <= to + 1e-9).toList();
    }

    /** The first index whose time is at or after {@code value}. */
    static int lowerBound(double[] times, double value) {
        int low = 0;
        int high = times.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private double secondsOf(Instant at) {
        Duration d = Duration.between(start, at);
        return d.getSeconds() + d.getNano() / 1e9;
    }

    private static Instant earliest(Map<String, List<Event>> eventsByVm) {
        return eventsByVm.values().stream().flatMap(List::stream).map(Event::systemTime)
                .min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    }
}
