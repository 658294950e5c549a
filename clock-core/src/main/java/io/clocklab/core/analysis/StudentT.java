package io.clocklab.core.analysis;

/**
 * The two-sided 95 % critical value of Student's t distribution, {@code t(0.975, df)}: exact table
 * values (three decimals) for df 1..30, then linear interpolation in {@code 1/df} between the
 * table's anchors 30, 40, 60, 120 and infinity (1.960, the normal value). The interpolation error is
 * below 0.002.
 */
final class StudentT {

    private static final double[] UP_TO_30 = {
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
            2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
    private static final int[] ANCHOR_DF = {30, 40, 60, 120};
    private static final double[] ANCHOR_T = {2.042, 2.021, 2.000, 1.980};
    private static final double NORMAL = 1.960;

    private StudentT() {
    }

    static double criticalValue95(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + df);
        }
        if (df <= 30) {
            return UP_TO_30[df - 1];
        }
        double x = 1.0 / df;
        for (int i = 0; i + 1 < ANCHOR_DF.length; i++) {
            if (df <= ANCHOR_DF[i + 1]) {
                return interpolate(x, 1.0 / ANCHOR_DF[i], ANCHOR_T[i], 1.0 / ANCHOR_DF[i + 1], ANCHOR_T[i + 1]);
            }
        }
        return interpolate(x, 1.0 / 120, 1.980, 0, NORMAL);
    }

    private static double interpolate(double x, double x0, double y0, double x1, double y1) {
        return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
    }
}
