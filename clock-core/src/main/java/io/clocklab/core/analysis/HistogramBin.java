package io.clocklab.core.analysis;

/** The number of values in {@code from..to}, both ends included. */
public record HistogramBin(long from, long to, long count) {
}
