package io.clocklab.coordinator.run;

import java.util.List;

/** A run request that cannot be carried out as given; nothing was changed. */
public class InvalidRunException extends RuntimeException {

    private final List<String> problems;

    public InvalidRunException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
