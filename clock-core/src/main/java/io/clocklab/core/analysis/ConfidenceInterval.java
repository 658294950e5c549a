package io.clocklab.core.analysis;

/**
 * The 95 % confidence interval of a mean: {@code mean +- t(0.975, n-1) * s / sqrt(n)}, with s the
 * sample standard deviation (n - 1 in the denominator) and t from {@link StudentT}. It assumes the
 * runs are independent and their values roughly normal; with few runs the t value makes the
 * interval honestly wide (12.7 standard errors for two runs).
 */
public final class ConfidenceInterval {

    private ConfidenceInterval() {
    }

    /**
     * @return with one value, an interval of just that value (no spread can be seen)
     * @throws IllegalArgumentException with no values (there is no mean), or a NaN or infinite one
     */
    public static Estimate of(double... values) {
        int n = values.length;
        if (n == 0) {
            throw new IllegalArgumentException("a confidence interval needs at least one value, got none");
        }
        double sum = 0;
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("values must be finite numbers, got " + value);
            }
            sum += value;
        }
        double mean = sum / n;
        if (n == 1) {
            return new Estimate(1, mean, mean, mean);
        }
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        double halfWidth = StudentT.criticalValue95(n - 1) * Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
        return new Estimate(n, mean, mean - halfWidth, mean + halfWidth);
    }
}
