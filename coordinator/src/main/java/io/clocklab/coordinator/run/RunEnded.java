package io.clocklab.coordinator.run;

import io.clocklab.core.archive.Run;

/** Published when a run has ended for good with its logs collected (live, at its end; simulated, when recorded). */
public record RunEnded(Run run) {
}
