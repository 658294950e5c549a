package io.clocklab.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Three hand-made machines in the logical-clocks exercise's text format, for the tests of every module
 * that reads them: a sends to b at 0.5 s (clock 2); c sends to a at 0.6 s (clock 3). 10 events.
 */
public final class ExerciseTrial {

    public static final String A = """
            =============LOG START=============
            clock_rate = 2
            [Internal event], [System time]: 2023-03-06 20:13:18.000000, [Logical Clock Time]: 1
            [Send]: 2, [System time]: 2023-03-06 20:13:18.500000, [Logical Clock Time]: 2
            [Receive]: 3, [System time]: 2023-03-06 20:13:19.000000, [Message Queue Length]: 0, [Logical Clock Time]: 4
            [Internal event], [System time]: 2023-03-06 20:13:19.500000, [Logical Clock Time]: 5
            """;
    public static final String B = """
            =============LOG START=============
            clock_rate = 1
            [Receive]: 2, [System time]: 2023-03-06 20:13:18.800000, [Message Queue Length]: 0, [Logical Clock Time]: 3
            [Internal event], [System time]: 2023-03-06 20:13:19.800000, [Logical Clock Time]: 4
            """;
    public static final String C = """
            =============LOG START=============
            clock_rate = 3
            [Internal event], [System time]: 2023-03-06 20:13:18.100000, [Logical Clock Time]: 1
            [Internal event], [System time]: 2023-03-06 20:13:18.400000, [Logical Clock Time]: 2
            [Send]: 3, [System time]: 2023-03-06 20:13:18.600000, [Logical Clock Time]: 3
            [Internal event], [System time]: 2023-03-06 20:13:18.900000, [Logical Clock Time]: 4
            """;

    private ExerciseTrial() {
    }

    /** Writes a.log, b.log and c.log with these texts into {@code folder} (made if missing); returns the folder. */
    public static Path write(Path folder, String a, String b, String c) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("a.log"), a);
        Files.writeString(folder.resolve("b.log"), b);
        Files.writeString(folder.resolve("c.log"), c);
        return folder;
    }
}
