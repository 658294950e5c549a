package io.clocklab.core.control;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * VM names and run ids end up in file names, metric labels and frames: keep them plain. And the order
 * people read VM names in: {@link #NATURAL_ORDER}.
 */
public final class Names {

    /** The one rule, as a regular expression (for {@code @Pattern} too): 1-64 letters, digits, '.', '_' or '-', not starting with a sign. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";

    /** {@link #PATTERN} in words, for the messages that refuse a name. */
    public static final String RULE = "1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit";

    /**
     * Text order, except that runs of digits compare by their value: vm2 before vm10, vm-9 before
     * vm-10. Names equal by value ("vm02", "vm2") fall back to plain text order, so only equal names
     * compare as 0 and the order is total. For showing VMs (plots, legends, tables, file listings),
     * and the coordinator's registry, so a live run's fixed peer order is this one, as the simulator's is.
     */
    public static final Comparator<String> NATURAL_ORDER = Names::compareNaturally;

    private static final Pattern SAFE = Pattern.compile(PATTERN);

    private Names() {
    }

    public static boolean isValid(String value) {
        return value != null && SAFE.matcher(value).matches();
    }

    public static String requireValid(String what, String value) {
        if (!isValid(value)) {
            throw new IllegalArgumentException(what + " must be " + RULE + "; got " + (value == null ? "nothing" : "'" + value + "'"));
        }
        return value;
    }

    private static int compareNaturally(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                // by value, without parsing (a run of digits may be longer than a long): skip leading zeros, then
                // the longer run is the bigger number, and runs of one length compare digit by digit
                int fromA = skipZeros(a, i, endA);
                int fromB = skipZeros(b, j, endB);
                int byValue = Integer.compare(endA - fromA, endB - fromB);
                for (int k = 0; byValue == 0 && k < endA - fromA; k++) {
                    byValue = Character.compare(a.charAt(fromA + k), b.charAt(fromB + k));
                }
                if (byValue != 0) {
                    return byValue;
                }
                i = endA;
                j = endB;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int byRest = Integer.compare(a.length() - i, b.length() - j);
        return byRest != 0 ? byRest : a.compareTo(b);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /** The first non-zero digit of s[from, end), keeping the last digit ("000" is "0"). */
    private static int skipZeros(String s, int from, int end) {
        int at = from;
        while (at < end - 1 && s.charAt(at) == '0') {
            at++;
        }
        return at;
    }
}
