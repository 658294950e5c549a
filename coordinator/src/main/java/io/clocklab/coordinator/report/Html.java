package io.clocklab.coordinator.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The frame every report page shares (doctype, viewport, one small inline stylesheet) and a few
 * helpers that escape whatever they are given. Pages are self-contained: no external CSS, fonts or scripts.
 */
final class Html {

    static final String CSS = """
            :root{--fg:#1f2328;--muted:#5b636b;--line:#d8dee4;--bg:#fff;--soft:#f6f8fa;--ok:#1a7f37;--bad:#b42318}
            *{box-sizing:border-box}
            body{margin:0;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
            main{max-width:1000px;margin:0 auto;padding:20px 16px 48px}
            h1{font-size:1.6rem;margin:.2em 0 .4em}
            h2{font-size:1.2rem;margin:1.8em 0 .6em;padding-bottom:.25em;border-bottom:1px solid var(--line)}
            a{color:#0969da}
            .muted{color:var(--muted)}
            .nowrap{white-space:nowrap}
            nav.crumbs{font-size:.9rem;margin-bottom:.4em}
            table{border-collapse:collapse;font-size:.9rem}
            th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            tr.group th{background:var(--soft);font-weight:600;text-align:left}
            .scroll{overflow-x:auto}
            dl.params{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}
            dl.params dt{color:var(--muted)}
            dl.params dd{margin:0}
            .verdict{padding:10px 14px;border-radius:6px;border:1px solid}
            .verdict.passed{border-color:var(--ok);background:#eefbf1;color:var(--ok);font-weight:600}
            .verdict.failed{border-color:var(--bad);background:#fef3f2}
            .verdict.failed strong{color:var(--bad)}
            .verdict ul{margin:.4em 0 0;padding-left:1.2em}
            .banner{padding:10px 14px;border-radius:6px;border:1px solid var(--bad);background:#fef3f2;margin:0 0 12px}
            .banner p{margin:.2em 0}
            .swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:baseline}
            figure{margin:12px 0 20px}
            figure svg{max-width:100%;height:auto;display:block}
            .toolbar{display:flex;flex-wrap:wrap;gap:8px;margin:6px 0}
            .toolbar a,.toolbar span{padding:3px 10px;border:1px solid var(--line);border-radius:6px;text-decoration:none;background:var(--soft)}
            .toolbar span{color:var(--muted)}
            ul.downloads{padding-left:1.2em}
            .ok{color:var(--ok)}
            .bad{color:var(--bad);font-weight:600}
            h3{font-size:1rem;margin:1.2em 0 .4em}
            details.undelivered{margin:.6em 0}
            details.undelivered summary{cursor:pointer;font-weight:600}
            ul.reasons{margin:.2em 0 .6em;padding-left:1.2em;font-size:.9rem}
            code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
            """;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Html() {
    }

    /** A whole page around an already-built body. */
    static String page(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                // An empty icon, so the browser does not ask the server for /favicon.ico and log a 404.
                + "<link rel=\"icon\" href=\"data:,\">\n"
                + "<title>" + esc(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n<main>\n"
                + body + "</main>\n</body>\n</html>\n";
    }

    static String esc(String text) {
        return Markup.escape(text);
    }

    /** A link, or just the text when there is no href. */
    static String link(String href, String text) {
        return href == null ? esc(text) : "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
    }

    static String time(Instant at) {
        return at == null ? "–" : TIME.format(at);
    }

    static String orDash(Object value) {
        return value == null ? "–" : String.valueOf(value);
    }

    /** A figure holding an inline SVG (already escaped by {@link Svg}). */
    static String figure(String id, String svg) {
        return "<figure id=\"" + esc(id) + "\">" + svg + "</figure>\n";
    }

    static String swatch(String color) {
        return "<span class=\"swatch\" style=\"background:" + esc(color) + "\"></span>";
    }
}
