package io.clocklab.core.analysis;

import java.util.List;

/** An experiment's variations side by side, in the order they were asked for. */
public record ExperimentAnalysis(List<VariationSummary> variations) {

    public ExperimentAnalysis {
        variations = List.copyOf(variations);
    }
}
