package io.clocklab.core.analysis;

/** One sample of a time series: seconds since the run's first event, and a value. */
public record Point(double seconds, double value) {
}
