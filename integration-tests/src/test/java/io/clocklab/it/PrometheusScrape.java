package io.clocklab.it;

import java.time.Instant;

/** One read of a service's {@code /actuator/prometheus}: its series, summed by name and labels. */
record PrometheusScrape(Instant at, String text) {

    static PrometheusScrape of(String serviceUrl) {
        return new PrometheusScrape(Instant.now(), Http.get(serviceUrl + "/actuator/prometheus"));
    }

    /**
     * The sum of every series called {@code name} that carries each of {@code labels} (written
     * {@code reason=duplicate}); null when there is no such series at all.
     */
    Double sum(String name, String... labels) {
        double total = 0;
        boolean found = false;
        for (String line : text.lines().toList()) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (!line.substring(0, brace >= 0 ? brace : space).equals(name)) {
                continue;
            }
            String series = brace >= 0 ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
            boolean matches = true;
            for (String label : labels) {
                int equals = label.indexOf('=');
                matches &= series.contains(label.substring(0, equals) + "=\"" + label.substring(equals + 1) + "\"");
            }
            if (matches) {
                total += Double.parseDouble(line.substring(space + 1));
                found = true;
            }
        }
        return found ? total : null;
    }

    /** How much a counter grew from {@code before} to this scrape; null when this scrape lacks it (before, a missing one counts 0). */
    Double since(PrometheusScrape before, String name, String... labels) {
        Double now = sum(name, labels);
        if (now == null) {
            return null;
        }
        Double then = before.sum(name, labels);
        return now - (then == null ? 0 : then);
    }
}
