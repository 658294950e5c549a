package io.clocklab.core.control;

import java.util.regex.Pattern;

/** VM names and run ids end up in file names, metric labels and frames: keep them plain. */
public final class Names {

    /** The one rule, as a regular expression (for {@code @Pattern} too): 1-64 letters, digits, '.', '_' or '-', not starting with a sign. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";

    private static final Pattern SAFE = Pattern.compile(PATTERN);

    private Names() {
    }

    public static boolean isValid(String value) {
        return value != null && SAFE.matcher(value).matches();
    }

    public static String requireValid(String what, String value) {
        if (!isValid(value)) {
            throw new IllegalArgumentException(what + " must be 1-64 characters of letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit; got " + (value == null ? "nothing" : "'" + value + "'"));
        }
        return value;
    }
}
