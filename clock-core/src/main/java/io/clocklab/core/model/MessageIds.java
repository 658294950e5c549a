package io.clocklab.core.model;

/**
 * The one rule for message ids: {@code <sender>-<seq of its SEND>}, e.g. {@code vm2-17}. Unique in a
 * run, and ordered per sender by its seq, which is what the side port's de-duplication relies on.
 * Names may contain '-', so the seq is what follows the last one.
 */
public final class MessageIds {

    private MessageIds() {
    }

    public static String of(String vm, long seq) {
        if (seq < 1) {
            throw new IllegalArgumentException("a SEND's seq starts at 1, got " + seq);
        }
        return vm + "-" + seq;
    }

    /** @throws IllegalArgumentException when the id does not end in {@code -<positive number>} */
    public static long seqOf(String id) {
        int dash = id == null ? -1 : id.lastIndexOf('-');
        long seq = dash < 1 ? -1 : parsePositive(id, dash + 1);
        if (seq < 1) {
            throw new IllegalArgumentException("a message id is <sender>-<seq>, got " + id);
        }
        return seq;
    }

    /** The seq of {@code id} if it is {@code <sender>-<n>} with n >= 1, otherwise -1. */
    public static long seqIfFrom(String sender, String id) {
        if (sender == null || id == null || id.length() <= sender.length() + 1
                || !id.startsWith(sender) || id.charAt(sender.length()) != '-') {
            return -1;
        }
        return parsePositive(id, sender.length() + 1);
    }

    /** The number from {@code start} to the end: plain ASCII digits, no sign, no leading zero; -1 if not. */
    private static long parsePositive(String text, int start) {
        int length = text.length() - start;
        if (length < 1 || length > 19 || text.charAt(start) == '0') { // Long.MAX_VALUE has 19 digits
            return -1;
        }
        long value = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            int digit = c - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return -1; // past Long.MAX_VALUE: no seq can be that large
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
