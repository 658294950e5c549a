package io.clocklab.core.analysis;

/**
 * A mean over {@code n} runs with its 95 % confidence interval (Student's t). With one run the
 * interval is just the value.
 */
public record Estimate(int n, double mean, double low, double high) {
}
