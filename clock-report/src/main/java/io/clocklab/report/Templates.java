package io.clocklab.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The report's pages are jte templates ({@code clock-report/src/main/jte}), turned into Java classes
 * of this package when the module is built. Each page template takes one model record. Every value a
 * template prints is escaped for where it lands (text, attribute, URL); only figures drawn by
 * {@link Svg} go in as markup ({@link Figure}).
 */
final class Templates {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html, null, "io.clocklab.report");

    private Templates() {
    }

    /** Renders {@code template} (e.g. {@code "run.jte"}) with its one parameter. */
    static String render(String template, Object model) {
        StringOutput out = new StringOutput(32 * 1024);
        ENGINE.render(template, model, out);
        return out.toString();
    }
}
