package io.clocklab.core.analysis;

import io.clocklab.core.run.RunEvents;

import java.util.ArrayList;
import java.util.List;

/**
 * Fewer points for a plot, drawn from the original ones (never interpolated), first and last
 * always kept. Every thinning here is streaming: points are offered one at a time, in order, and at
 * most about {@code maxPoints} are held, however long the series, so a run of any length plots in
 * bounded memory.
 * <ul>
 *   <li>{@link Evenly} and {@link Peaks} know the series' length up front (a VM's event count,
 *       {@link RunEvents#count(String)}) and keep exactly the points the list versions keep.</li>
 *   <li>{@link Decimating} does not (the drift series: one sample per distinct instant of the merged
 *       timeline) and merges its min-max buckets pairwise as they fill.</li>
 * </ul>
 */
final class Thinning {

    /** The most points a VM's series keeps. */
    static final int MAX_POINTS = RunSeries.MAX_POINTS;

    private Thinning() {
    }

    /** Every k-th point: enough for a series that only climbs (a clock), where nothing hides between samples. */
    static List<Point> evenly(List<Point> points, int maxPoints) {
        Evenly<Point> thinning = new Evenly<>(points.size(), maxPoints);
        points.forEach(thinning::add);
        return thinning.result();
    }

    /**
     * The lowest and the highest point of each of {@code (maxPoints - 2) / 2} equal index buckets,
     * in time order: a spike or a dip shorter than a bucket still shows (min-max decimation).
     */
    static List<Point> keepingPeaks(List<Point> points, int maxPoints) {
        Peaks<Point> thinning = new Peaks<>(points.size(), maxPoints);
        points.forEach(point -> thinning.add(point, point.value()));
        return thinning.result();
    }

    /** Min-max decimation of a series whose length is not known up front ({@link Decimating}). */
    static List<Point> decimating(List<Point> points, int maxPoints) {
        Decimating<Point> thinning = new Decimating<>(maxPoints);
        points.forEach(point -> thinning.add(point, point.value()));
        return thinning.result();
    }

    private static void requireRoom(int maxPoints) {
        if (maxPoints < 4) {
            throw new IllegalArgumentException("maxPoints must be at least 4, got " + maxPoints);
        }
    }

    /**
     * Keeps every point while there are at most {@code maxPoints}. If a series turns out longer than it
     * was announced, the points beyond {@code maxPoints - 1} are dropped except the last one.
     */
    private static final class All<T> {
        private final int maxPoints;
        private final List<T> kept = new ArrayList<>();
        private T last;
        private boolean lastKept;

        All(int maxPoints) {
            this.maxPoints = maxPoints;
        }

        void add(T item) {
            last = item;
            lastKept = kept.size() < maxPoints - 1;
            if (lastKept) {
                kept.add(item);
            }
        }

        List<T> result() {
            List<T> result = new ArrayList<>(kept);
            if (last != null && !lastKept) {
                result.add(last);
            }
            return List.copyOf(result);
        }
    }

    /**
     * {@link #evenly} on the fly: the point at index {@code floor(i (n - 1) / (maxPoints - 1))} for
     * {@code i < maxPoints - 1}, then the last point.
     */
    static final class Evenly<T> {
        private final long expected;
        private final int maxPoints;
        private final All<T> all;
        private final List<T> kept;
        private long index;
        private int taken;
        private long wanted;
        private T last;
        private long lastKeptIndex = -1;

        /** @param expected how many points will be offered */
        Evenly(long expected, int maxPoints) {
            requireRoom(maxPoints);
            this.expected = expected;
            this.maxPoints = maxPoints;
            this.all = expected <= maxPoints ? new All<>(maxPoints) : null;
            this.kept = all == null ? new ArrayList<>(maxPoints) : null;
            this.wanted = 0;
        }

        void add(T item) {
            if (all != null) {
                all.add(item);
                return;
            }
            if (index == wanted) {
                kept.add(item);
                lastKeptIndex = index;
                taken++;
                wanted = taken < maxPoints - 1 ? (long) taken * (expected - 1) / (maxPoints - 1) : Long.MAX_VALUE;
            }
            last = item;
            index++;
        }

        List<T> result() {
            if (all != null) {
                return all.result();
            }
            List<T> result = new ArrayList<>(kept);
            if (last != null && lastKeptIndex != index - 1) {
                result.add(last);
            }
            return List.copyOf(result);
        }
    }

    /** The lowest and highest item of one stretch of the series, with their indices (the first of equals). */
    private static final class Bucket<T> {
        T low;
        T high;
        double lowValue;
        double highValue;
        long lowIndex;
        long highIndex;
        long count;

        void add(T item, double value, long index) {
            if (count == 0 || value < lowValue) {
                low = item;
                lowValue = value;
                lowIndex = index;
            }
            if (count == 0 || value > highValue) {
                high = item;
                highValue = value;
                highIndex = index;
            }
            count++;
        }

        /** Takes in the bucket right after this one. */
        void merge(Bucket<T> next) {
            if (next.count == 0) {
                return;
            }
            if (count == 0 || next.lowValue < lowValue) {
                low = next.low;
                lowValue = next.lowValue;
                lowIndex = next.lowIndex;
            }
            if (count == 0 || next.highValue > highValue) {
                high = next.high;
                highValue = next.highValue;
                highIndex = next.highIndex;
            }
            count += next.count;
        }

        void emit(List<T> out) {
            if (count == 0) {
                return;
            }
            out.add(lowIndex <= highIndex ? low : high);
            if (lowIndex != highIndex) {
                out.add(lowIndex < highIndex ? high : low);
            }
        }
    }

    /**
     * {@link #keepingPeaks} on the fly: the first point, then the inner points {@code 1..n-2} cut into
     * {@code (maxPoints - 2) / 2} equal index buckets, each giving its lowest and highest point in
     * index order, then the last point.
     */
    static final class Peaks<T> {
        private final All<T> all;
        private final List<T> kept;
        private final int buckets;
        private final long inner;
        private final Bucket<T> current = new Bucket<>();
        private int bucket;
        private long bucketEnd;
        private long index;
        private T last;
        private long lastKeptIndex = -1;

        /** @param expected how many points will be offered */
        Peaks(long expected, int maxPoints) {
            requireRoom(maxPoints);
            this.all = expected <= maxPoints ? new All<>(maxPoints) : null;
            this.kept = all == null ? new ArrayList<>(maxPoints) : null;
            this.buckets = (maxPoints - 2) / 2;
            this.inner = expected - 2;
            this.bucketEnd = end(0);
        }

        /** Bucket b holds the indices {@code [end(b - 1), end(b))}; the last one ends at n - 1. */
        private long end(int b) {
            return 1 + (b + 1) * inner / buckets;
        }

        void add(T item, double value) {
            if (all != null) {
                all.add(item);
                return;
            }
            if (index == 0) {
                kept.add(item);
                lastKeptIndex = 0;
            } else {
                while (bucket < buckets && index >= bucketEnd) {
                    flush();
                }
                if (bucket < buckets) {
                    current.add(item, value, index);
                }
            }
            last = item;
            index++;
        }

        private void flush() {
            if (current.count > 0) {
                current.emit(kept);
                lastKeptIndex = Math.max(current.lowIndex, current.highIndex);
            }
            current.count = 0;
            bucket++;
            bucketEnd = end(bucket);
        }

        List<T> result() {
            if (all != null) {
                return all.result();
            }
            List<T> result = new ArrayList<>(kept);
            if (current.count > 0) {
                current.emit(result);
                lastKeptIndex = Math.max(lastKeptIndex, Math.max(current.lowIndex, current.highIndex));
            }
            if (last != null && lastKeptIndex != index - 1) {
                result.add(last);
            }
            return List.copyOf(result);
        }
    }

    /**
     * Min-max decimation of a series of unknown length, in bounded memory. The first point is kept;
     * the latest point is held back as the candidate last one; every point in between goes into
     * buckets of {@code width} consecutive points, each remembering only its lowest and its highest
     * point. There are at most {@code maxPoints - 2} buckets: when they are all full, neighbours
     * merge pairwise and the width doubles. At the end, while nothing was merged (at most
     * {@code maxPoints} points) every point is returned; otherwise the buckets are grouped into
     * {@code (maxPoints - 2) / 2} runs of one or two neighbours and each run gives its lowest and
     * highest point, in time order: the same shape as {@link #keepingPeaks}, with buckets equal to
     * within a factor of two instead of exactly equal.
     */
    static final class Decimating<T> {
        private final int groups;
        private final List<Bucket<T>> buckets;
        private final int capacity;
        private long width = 1;
        private int used;
        private T first;
        private T pending;
        private double pendingValue;
        private long index;

        Decimating(int maxPoints) {
            requireRoom(maxPoints);
            this.groups = (maxPoints - 2) / 2;
            this.capacity = maxPoints - 2;
            this.buckets = new ArrayList<>(capacity);
        }

        void add(T item, double value) {
            if (first == null) {
                first = item;
            } else {
                if (pending != null) {
                    bucket(pending, pendingValue, index - 1);
                }
                pending = item;
                pendingValue = value;
            }
            index++;
        }

        private void bucket(T item, double value, long at) {
            if (used == capacity && buckets.get(used - 1).count >= width) {
                mergePairs();
            }
            if (used == 0 || buckets.get(used - 1).count >= width) {
                if (used == buckets.size()) {
                    buckets.add(new Bucket<>());
                }
                Bucket<T> fresh = buckets.get(used++);
                fresh.count = 0;
                fresh.add(item, value, at);
            } else {
                buckets.get(used - 1).add(item, value, at);
            }
        }

        private void mergePairs() {
            int merged = 0;
            for (int i = 0; i < used; i += 2) {
                Bucket<T> target = buckets.get(i);
                if (i + 1 < used) {
                    target.merge(buckets.get(i + 1));
                }
                move(target, buckets.get(merged++));
            }
            used = merged;
            width *= 2;
        }

        private static <T> void move(Bucket<T> from, Bucket<T> to) {
            if (from == to) {
                return;
            }
            to.low = from.low;
            to.high = from.high;
            to.lowValue = from.lowValue;
            to.highValue = from.highValue;
            to.lowIndex = from.lowIndex;
            to.highIndex = from.highIndex;
            to.count = from.count;
        }

        List<T> result() {
            List<T> result = new ArrayList<>(capacity + 2);
            if (first == null) {
                return List.of();
            }
            result.add(first);
            if (width == 1) {
                for (int i = 0; i < used; i++) {
                    buckets.get(i).emit(result);
                }
            } else {
                int runs = Math.min(groups, used);
                for (int g = 0; g < runs; g++) {
                    int from = (int) ((long) g * used / runs);
                    int to = (int) ((long) (g + 1) * used / runs);
                    Bucket<T> run = new Bucket<>();
                    for (int i = from; i < to; i++) {
                        run.merge(buckets.get(i));
                    }
                    run.emit(result);
                }
            }
            if (pending != null) {
                result.add(pending);
            }
            return List.copyOf(result);
        }
    }
}
