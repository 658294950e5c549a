package io.clocklab.core.analysis;

/** The ordinary least-squares slope of y against x: how fast a series grows, in y units per x unit. */
final class LeastSquares {

    private double n;
    private double sumX;
    private double sumY;
    private double sumXX;
    private double sumXY;

    void add(double x, double y) {
        n++;
        sumX += x;
        sumY += y;
        sumXX += x * x;
        sumXY += x * y;
    }

    /** 0 when the x values do not spread (fewer than two distinct x): no trend can be seen. */
    double slope() {
        double spread = n * sumXX - sumX * sumX;
        if (n < 2 || spread <= 1e-12 * Math.max(1, sumXX)) {
            return 0;
        }
        return (n * sumXY - sumX * sumY) / spread;
    }
}
