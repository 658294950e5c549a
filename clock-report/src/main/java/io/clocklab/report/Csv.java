package io.clocklab.report;

import java.util.Arrays;
import java.util.List;

/** RFC 4180 CSV: CRLF line ends; a field with a comma, quote, CR or LF is quoted and its quotes doubled. */
public final class Csv {

    private final StringBuilder out = new StringBuilder();

    public Csv row(List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    public Csv row(Object... fields) {
        return row(Arrays.asList(fields));
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** One field, quoted only when it must be. Null is the empty field; doubles use a dot and no grouping. */
    public static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text;
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            // NaN (no data) is an empty field; infinities spelled the way spreadsheets and pandas read them.
            text = Double.isNaN(number) ? "" : Double.isInfinite(number) ? (number > 0 ? "inf" : "-inf") : Labels.number(number, 6);
        } else {
            text = value.toString();
        }
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
