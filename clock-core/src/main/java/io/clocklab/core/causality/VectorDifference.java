package io.clocklab.core.causality;

import io.clocklab.core.model.VectorTime;

/** An event whose carried vector clock is not the one derived from the run's messages ({@link CarriedVectors}). */
public record VectorDifference(EventRef event, VectorTime carried, VectorTime derived) {
}
