package io.clocklab.coordinator.experiment;

import java.util.List;

/** 400: lists every problem with an experiment request. */
public class InvalidExperimentException extends RuntimeException {

    private final List<String> problems;

    public InvalidExperimentException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
