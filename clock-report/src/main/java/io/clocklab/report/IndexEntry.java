package io.clocklab.report;

import java.time.Instant;
import java.util.Objects;

/** One run or experiment in the index page's lists. {@code started} may be null; {@code summary} is one line of free text. */
public record IndexEntry(String id, String state, Instant started, String summary) {

    public IndexEntry {
        Objects.requireNonNull(id, "id");
    }
}
