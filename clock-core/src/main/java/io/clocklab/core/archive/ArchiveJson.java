package io.clocklab.core.archive;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON of the data directory ({@link Run#FILE}, experiments, saved analyses), for the
 * coordinator that writes it and the CLI that reads it: instants as ISO strings, and lenient about
 * fields it does not know, so a newer coordinator still reads an older data directory.
 */
public final class ArchiveJson {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ArchiveJson() {
    }
}
