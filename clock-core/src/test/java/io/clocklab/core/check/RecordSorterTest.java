package io.clocklab.core.check;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RecordSorterTest {

    @TempDir
    Path temp;

    private record Rec(long hash, byte[] bytes, int keyLength) {
    }

    private static final Comparator<Rec> ORDER = (a, b) -> {
        int c = Long.compare(a.hash(), b.hash());
        return c != 0 ? c : Arrays.compareUnsigned(a.bytes(), 0, a.keyLength(), b.bytes(), 0, b.keyLength());
    };

    /** Records with few distinct hashes (so keys decide), unique keys, payloads of any length. */
    private static List<Rec> records(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Rec> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int keyLength = 4 + random.nextInt(12);
            byte[] bytes = new byte[keyLength + random.nextInt(40)];
            random.nextBytes(bytes);
            bytes[0] = (byte) (i >>> 24); // unique keys
            bytes[1] = (byte) (i >>> 16);
            bytes[2] = (byte) (i >>> 8);
            bytes[3] = (byte) i;
            records.add(new Rec(random.nextInt(5) - 2, bytes, keyLength));
        }
        return records;
    }

    private static List<String> read(RecordSorter sorter) {
        List<String> out = new ArrayList<>();
        try (RecordSorter.Records records = sorter.open()) {
            while (records.next()) {
                out.add(records.hash() + ":" + records.keyLen() + ":"
                        + Arrays.toString(Arrays.copyOfRange(records.buf(), records.off(), records.off() + records.len())));
            }
        }
        return out;
    }

    private static List<String> expected(List<Rec> records) {
        return records.stream().sorted(ORDER).map(r -> r.hash() + ":" + r.keyLength() + ":" + Arrays.toString(r.bytes())).toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 64, 1000, 100_000})
    void recordsComeOutInOrderHoweverSmallTheChunks(int chunk) throws IOException {
        List<Rec> records = records(chunk, 3000);
        Path root = temp.resolve("sort");
        try (RecordSorter sorter = new RecordSorter(chunk, root)) {
            records.forEach(r -> sorter.add(r.hash(), r.bytes(), r.keyLength(), r.bytes().length));

            assertThat(read(sorter)).containsExactlyElementsOf(expected(records));
            assertThat(read(sorter)).as("opened again").containsExactlyElementsOf(expected(records));
            assertThat(sorter.spilled()).isEqualTo(chunk < 3000);
            assertThat(sorter.size()).isEqualTo(3000);
        }
        assertThat(files(root)).isEmpty();
        if (chunk >= 3000) {
            assertThat(root).doesNotExist();
        }
    }

    @Test
    void aRecordLargerThanABlockIsKept() {
        List<Rec> records = new ArrayList<>(records(7, 50));
        byte[] big = new byte[3 << 20];
        new SplittableRandom(1).nextBytes(big);
        records.add(25, new Rec(0, big, 100));
        for (int chunk : List.of(20, 1000)) {
            try (RecordSorter sorter = new RecordSorter(chunk, temp.resolve("big"))) {
                records.forEach(r -> sorter.add(r.hash(), r.bytes(), r.keyLength(), r.bytes().length));
                assertThat(read(sorter)).containsExactlyElementsOf(expected(records));
            }
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
