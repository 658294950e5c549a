package io.clocklab.web.openapi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The committed copy of a service's OpenAPI spec, {@code docs/openapi/<service>.json}: written with
 * {@code -Dopenapi.write=true}, otherwise compared with the spec the service serves.
 */
public final class OpenApiDocs {

    /** {@code -Dopenapi.write=true}: write the committed copy instead of checking it. */
    public static final boolean WRITE = Boolean.getBoolean("openapi.write");

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiDocs() {
    }

    /** {@code ../docs/openapi/<service>.json}, from the module's folder (where Maven runs its tests). */
    public static Path committedCopy(String service) {
        return Path.of("..", "docs", "openapi", service + ".json");
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static JsonNode read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, JsonNode spec) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, pretty(spec), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The spec in one fixed form, so the same spec always makes the same file: every object's keys
     * sorted, and the top-level tags (whose order springdoc does not fix) sorted by name.
     */
    public static JsonNode normalized(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JSON.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(name -> sorted.set(name, normalized(node.get(name))));
            if (sorted.get("tags") instanceof ArrayNode tags && sorted.has("openapi")) {
                List<JsonNode> byName = new ArrayList<>();
                tags.forEach(byName::add);
                byName.sort(Comparator.comparing(tag -> tag.path("name").asText()));
                sorted.set("tags", JSON.createArrayNode().addAll(byName));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode items = JSON.createArrayNode();
            node.forEach(item -> items.add(normalized(item)));
            return items;
        }
        return node;
    }

    /** Where two specs differ, as JSON pointers ({@code /paths/~1clock/get/summary}), at most {@code limit} of them. */
    public static List<String> differences(JsonNode expected, JsonNode actual, int limit) {
        List<String> found = new ArrayList<>();
        collect("", expected, actual, found, limit);
        return found;
    }

    private static void collect(String pointer, JsonNode expected, JsonNode actual, List<String> found, int limit) {
        if (found.size() >= limit || expected.equals(actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!expected.has(name) || !actual.has(name)) {
                    if (found.size() < limit) {
                        found.add(child + (expected.has(name) ? " (only in the committed file)" : " (only in the served spec)"));
                    }
                } else {
                    collect(child, expected.get(name), actual.get(name), found, limit);
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                collect(pointer + "/" + i, expected.get(i), actual.get(i), found, limit);
            }
        } else {
            found.add(pointer + ": committed " + abbreviated(expected) + ", served " + abbreviated(actual));
        }
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** Two-space indents, one value a line, {@code "key": value}, '\n' line ends and a final newline. */
    public static String pretty(JsonNode spec) {
        try {
            return JSON.writer(new Printer()).writeValueAsString(normalized(spec)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Jackson's pretty printer, with '\n' whatever the platform, and {@code []} and {@code {}} for empty ones. */
    private static final class Printer extends DefaultPrettyPrinter {

        Printer() {
            super(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            indentObjectsWith(indenter);
            indentArraysWith(indenter);
        }

        private Printer(Printer base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new Printer(this);
        }

        @Override
        public void writeEndArray(JsonGenerator generator, int values) throws IOException {
            --_nesting;
            if (values > 0) {
                _arrayIndenter.writeIndentation(generator, _nesting);
            }
            generator.writeRaw(']');
        }

        @Override
        public void writeEndObject(JsonGenerator generator, int entries) throws IOException {
            --_nesting;
            if (entries > 0) {
                _objectIndenter.writeIndentation(generator, _nesting);
            }
            generator.writeRaw('}');
        }
    }
}
