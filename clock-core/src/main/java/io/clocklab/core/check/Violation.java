package io.clocklab.core.check;

/** One broken invariant, naming the offending event by VM and seq. */
public record Violation(Rule rule, String vm, long seq, String detail) {

    @Override
    public String toString() {
        return rule + " at " + vm + "#" + seq + ": " + detail;
    }
}
