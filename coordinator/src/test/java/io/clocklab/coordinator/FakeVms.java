package io.clocklab.coordinator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

final class FakeVms {

    private FakeVms() {
    }

    static List<FakeVm> create(String... names) {
        return Arrays.stream(names).map(name -> {
            try {
                return new FakeVm(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
