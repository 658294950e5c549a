package io.clocklab.report;

/**
 * Escaping shared by the SVG and HTML writers. One function for text and attribute values alike,
 * so no caller has to know which characters matter where.
 */
public final class Markup {

    private Markup() {
    }

    /**
     * Escapes {@code & < > " '} and replaces characters XML forbids (control characters other than
     * tab, newline and carriage return, lone surrogates) with U+FFFD, so any string is safe as
     * element text or as a quoted attribute value in both XML and HTML. Null gives "".
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c) || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                            || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
