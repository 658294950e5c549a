package io.clocklab.vm.web;

import io.clocklab.core.control.LogPages;

/** The {@code from} and {@code limit} of a log page, as {@code GET /log} and the internal log endpoint read them. */
record PageParams(long from, int limit) {

    /** @throws BadRequestException naming the parameter that is not a whole number in range */
    static PageParams parse(String from, String limit) {
        return new PageParams(parse("from", from, 1, 1, Long.MAX_VALUE), (int) parse("limit", limit, LogPages.DEFAULT_LIMIT, 1, LogPages.MAX_LIMIT));
    }

    private static long parse(String name, String text, long fallback, long min, long max) {
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("'" + name + "' must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new BadRequestException("'" + name + "' must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
