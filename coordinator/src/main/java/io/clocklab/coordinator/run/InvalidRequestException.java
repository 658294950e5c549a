package io.clocklab.coordinator.run;

import java.util.List;

/** 400: a run or experiment request that cannot be carried out as given, with every problem listed; nothing was changed. */
public class InvalidRequestException extends RuntimeException {

    private final String what;
    private final List<String> problems;

    /** @param what what was asked for, as the problem's title says it: "run", "experiment" */
    public InvalidRequestException(String what, List<String> problems) {
        super(String.join("; ", problems));
        this.what = what;
        this.problems = List.copyOf(problems);
    }

    public String what() {
        return what;
    }

    public List<String> problems() {
        return problems;
    }
}
