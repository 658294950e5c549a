package io.clocklab.core.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Fewer points for a plot, drawn from the original ones (never interpolated), first and last
 * always kept.
 */
final class Thinning {

    /** The most points a VM's series keeps. */
    static final int MAX_POINTS = 1000;

    private Thinning() {
    }

    /** Every k-th point: enough for a series that only climbs (a clock), where nothing hides between samples. */
    static List<Point> evenly(List<Point> points, int maxPoints) {
        int n = points.size();
        if (n <= maxPoints) {
            return List.copyOf(points);
        }
        List<Point> kept = new ArrayList<>(maxPoints);
        for (int i = 0; i < maxPoints - 1; i++) {
            kept.add(points.get((int) ((long) i * (n - 1) / (maxPoints - 1))));
        }
        kept.add(points.get(n - 1));
        return kept;
    }

    /**
     * The lowest and the highest point of each of {@code (maxPoints - 2) / 2} equal index buckets,
     * in time order: a spike or a dip shorter than a bucket still shows (min-max decimation).
     */
    static List<Point> keepingPeaks(List<Point> points, int maxPoints) {
        int n = points.size();
        if (n <= maxPoints) {
            return List.copyOf(points);
        }
        int buckets = (maxPoints - 2) / 2;
        List<Point> kept = new ArrayList<>(maxPoints);
        kept.add(points.get(0));
        int inner = n - 2;
        for (int b = 0; b < buckets; b++) {
            int from = 1 + (int) ((long) b * inner / buckets);
            int to = 1 + (int) ((long) (b + 1) * inner / buckets);
            if (from >= to) {
                continue;
            }
            int low = from;
            int high = from;
            for (int i = from + 1; i < to; i++) {
                if (points.get(i).value() < points.get(low).value()) {
                    low = i;
                }
                if (points.get(i).value() > points.get(high).value()) {
                    high = i;
                }
            }
            kept.add(points.get(Math.min(low, high)));
            if (low != high) {
                kept.add(points.get(Math.max(low, high)));
            }
        }
        kept.add(points.get(n - 1));
        return kept;
    }
}
