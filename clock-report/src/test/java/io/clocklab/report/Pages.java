package io.clocklab.report;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A report page parsed as a browser would (jsoup's HTML5 parser), and what the tests read off it. */
final class Pages {

    private Pages() {
    }

    /** Parses the page, failing on anything the HTML5 parser had to repair (an unclosed or stray tag). */
    static Document parse(String html) {
        Parser parser = Parser.htmlParser().setTrackErrors(100);
        Document document = Jsoup.parse(html, "", parser);
        if (!parser.getErrors().isEmpty()) {
            throw new AssertionError("the page is not well-formed HTML: " + parser.getErrors());
        }
        return document;
    }

    /** A {@code <dl>}'s terms and their descriptions, as text, in order. */
    static Map<String, String> definitions(Element list) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (Element term : list.select("dt")) {
            entries.put(term.text(), term.nextElementSibling().text());
        }
        return entries;
    }

    /** The links under {@code element}: text to href, in order; a link's href as written, entities decoded. */
    static List<Map.Entry<String, String>> links(Element element) {
        List<Map.Entry<String, String>> links = new ArrayList<>();
        for (Element a : element.select("a")) {
            links.add(Map.entry(a.text(), a.attr("href")));
        }
        return links;
    }

    /** The cells after the first of the table row whose first cell reads {@code name}. */
    static List<String> row(Element table, String name) {
        for (Element row : table.select("tr")) {
            if (row.childrenSize() > 0 && row.child(0).text().equals(name)) {
                return row.children().subList(1, row.childrenSize()).stream().map(Element::text).toList();
            }
        }
        throw new AssertionError("no row " + name + " in " + table.outerHtml());
    }

    /** The element right after the heading with this id. */
    static Element after(Document page, String headingId) {
        Element heading = page.getElementById(headingId);
        if (heading == null) {
            throw new AssertionError("no heading #" + headingId);
        }
        return heading.nextElementSibling();
    }
}
