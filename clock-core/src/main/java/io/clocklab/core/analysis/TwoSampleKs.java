package io.clocklab.core.analysis;

import java.util.Arrays;

/**
 * The two-sample Kolmogorov–Smirnov test: do two samples come from one distribution? Used to say
 * whether the simulator's jump sizes match a live run's. On integer data (jump sizes) the test is
 * conservative: it rejects less often than its nominal level, never more.
 */
public final class TwoSampleKs {

    private TwoSampleKs() {
    }

    /** The largest gap between the two empirical distribution functions, in [0, 1]. */
    public static double statistic(long[] a, long[] b) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("both samples need values, got " + a.length + " and " + b.length);
        }
        long[] x = a.clone();
        long[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            long value = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == value) {
                i++;
            }
            while (j < y.length && y[j] == value) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    /**
     * The statistic above which the samples differ at level {@code alpha} (asymptotic:
     * {@code sqrt(-ln(alpha/2)/2) * sqrt((n+m)/(n*m))}).
     */
    public static double criticalValue(int n, int m, double alpha) {
        if (n < 1 || m < 1 || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("need n, m >= 1 and 0 < alpha < 1; got " + n + ", " + m + ", " + alpha);
        }
        return Math.sqrt(-Math.log(alpha / 2) / 2) * Math.sqrt((double) (n + m) / ((double) n * m));
    }
}
