package io.clocklab.report;

import gg.jte.Content;
import gg.jte.TemplateOutput;

import java.util.Objects;

/**
 * An inline SVG figure for a page. The SVG is written by this module's {@link Svg} writer, which
 * escapes every text and attribute it is given, so a template prints it as markup, unescaped.
 * Nothing else is ever printed unescaped.
 */
record Figure(String id, String svg) implements Content {

    Figure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(svg, "svg");
    }

    /** The figure as markup: {@code <figure id="...">} around the SVG. */
    String html() {
        return "<figure id=\"" + Markup.escape(id) + "\">" + svg + "</figure>\n";
    }

    @Override
    public void writeTo(TemplateOutput output) {
        output.writeContent(html());
    }
}
