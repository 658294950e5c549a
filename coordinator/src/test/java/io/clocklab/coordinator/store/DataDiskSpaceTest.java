package io.clocklab.coordinator.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDiskSpaceTest {

    private static final long MB = 1_000_000;

    @Test
    void aRunWhoseLogsFitBesidesWhatIsKeptFreeMayStart() {
        DataDiskSpace disk = new DataDiskSpace(() -> 1_000 * MB, 256 * MB);

        assertThatCode(() -> disk.requireRoomFor(2_000_000, "this run")).as("2 M events: 680 MB of 744 MB").doesNotThrowAnyException();
        assertThatCode(() -> disk.requireRoomFor(0, "this run")).doesNotThrowAnyException();
    }

    @Test
    void aRunThatCouldFillTheDiskIsRefusedWithTheFigures() {
        DataDiskSpace disk = new DataDiskSpace(() -> 1_000 * MB, 256 * MB);

        assertThatThrownBy(() -> disk.requireRoomFor(2_200_000, "this run")).isInstanceOfSatisfying(InsufficientStorageException.class, e -> {
            assertThat(e.neededBytes()).isEqualTo(DataDiskSpace.bytesFor(2_200_000)).isEqualTo(748 * MB);
            assertThat(e.usableBytes()).isEqualTo(1_000 * MB);
            assertThat(e.keepFreeBytes()).isEqualTo(256 * MB);
            assertThat(e.getMessage()).startsWith("this run could need 748 MB").contains("1,000 MB are free", "256 MB are to stay free",
                    "clocklab.coordinator.disk.keep-free");
        });
    }

    @Test
    void withLessFreeThanKeepFreeEvenARunOfUnknownLengthIsRefused() {
        DataDiskSpace disk = new DataDiskSpace(() -> 100 * MB, 256 * MB);

        assertThatThrownBy(() -> disk.requireRoomFor(0, "this run")).isInstanceOf(InsufficientStorageException.class)
                .hasMessageContaining("100 MB are free");
    }
}
