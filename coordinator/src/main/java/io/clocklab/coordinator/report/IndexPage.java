package io.clocklab.coordinator.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The start page: runs and experiments with links, and a live-clocks panel that polls
 * {@link ReportLinks#liveClocks()} once a second and shows "unavailable" when that fails.
 */
public final class IndexPage {

    /**
     * The panel's script. It reads its URL from the panel's data attribute (so no data is ever put
     * inside script text), builds cells with textContent, and swallows every failure into the status line.
     */
    static final String LIVE_CLOCKS_SCRIPT = """
            (function () {
              var panel = document.getElementById('live-clocks');
              if (!panel || !window.fetch) { return; }
              var url = panel.getAttribute('data-url');
              var rows = panel.querySelector('tbody');
              var status = panel.querySelector('.status');
              function cell(tr, text, numeric) {
                var td = document.createElement('td');
                td.textContent = text === undefined || text === null ? '–' : String(text);
                if (numeric) { td.className = 'num'; }
                tr.appendChild(td);
              }
              function show(clocks) {
                if (!Array.isArray(clocks)) { throw new Error('not a list'); }
                var body = document.createDocumentFragment();
                clocks.forEach(function (c) {
                  var tr = document.createElement('tr');
                  cell(tr, c.vm); cell(tr, c.state); cell(tr, c.logicalClock, true);
                  cell(tr, c.clockRate, true); cell(tr, c.queueLength, true);
                  body.appendChild(tr);
                });
                rows.replaceChildren(body);
                status.textContent = clocks.length ? 'live' : 'no VMs registered';
              }
              function poll() {
                fetch(url, { cache: 'no-store', headers: { 'Accept': 'application/json' } })
                  .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
                  .then(show)
                  .catch(function () { status.textContent = 'unavailable'; })
                  .then(function () { setTimeout(poll, 1000); });
              }
              poll();
            })();
            """;

    /** The banner's line while the cluster secret is the compose file's public default. */
    public static final String DEFAULT_SECRET_WARNING = "The default cluster secret (clocklab-dev-secret-change-me) is in use:"
            + " anyone who can reach these services can register VMs, control them and break every run."
            + " Set CLOCKLAB_CLUSTER_SECRET to a secret of your own (e.g. openssl rand -hex 32) for the coordinator and every VM,"
            + " then restart them.";
    /** The banner's line while no API token is set. */
    public static final String NO_API_TOKEN_WARNING = "No API token is set: anyone who can reach port 8080 can start runs"
            + " and experiments. Set CLOCKLAB_API_TOKEN on the coordinator to require 'Authorization: Bearer <token>'"
            + " on POST, PUT and DELETE under /api.";

    private final ReportLinks links;
    private final List<String> warnings;

    public IndexPage(ReportLinks links) {
        this(links, List.of());
    }

    /** @param warnings lines of a warning banner at the top of the page; none, no banner */
    public IndexPage(ReportLinks links, List<String> warnings) {
        this.links = Objects.requireNonNull(links, "links");
        this.warnings = List.copyOf(warnings);
    }

    /** The banner's lines for a coordinator whose secret is, or not, the public default, and that has, or not, an API token. */
    public static List<String> safetyWarnings(boolean defaultSecret, boolean apiToken) {
        List<String> lines = new ArrayList<>(2);
        if (defaultSecret) {
            lines.add(DEFAULT_SECRET_WARNING);
        }
        if (!apiToken) {
            lines.add(NO_API_TOKEN_WARNING);
        }
        return lines;
    }

    public String render(List<IndexEntry> runs, List<IndexEntry> experiments) {
        StringBuilder body = new StringBuilder(16 * 1024);
        if (!warnings.isEmpty()) {
            body.append("<section class=\"banner\" id=\"safety-warnings\" role=\"alert\">\n");
            warnings.forEach(line -> body.append("<p><strong>Warning:</strong> ").append(Html.esc(line)).append("</p>\n"));
            body.append("</section>\n");
        }
        body.append("<h1>clocklab</h1>\n<p class=\"muted\">Lamport clocks on model machines: runs, experiments and their reports.</p>\n");
        String live = links.liveClocks();
        if (live != null) {
            body.append("<h2>Live clocks</h2>\n<section id=\"live-clocks\" data-url=\"").append(Html.esc(live)).append("\">\n")
                    .append("<p class=\"status muted\" role=\"status\">connecting…</p>\n")
                    .append("<table><thead><tr><th>VM</th><th>state</th><th class=\"num\">logical clock</th>")
                    .append("<th class=\"num\">rate (ticks/s)</th><th class=\"num\">queue</th></tr></thead><tbody></tbody></table>\n")
                    .append("</section>\n");
        }
        section(body, "Experiments", "experiments", experiments, true);
        section(body, "Runs", "runs", runs, false);
        if (live != null) {
            body.append("<script>\n").append(LIVE_CLOCKS_SCRIPT).append("</script>\n");
        }
        return Html.page("clocklab", body.toString());
    }

    private void section(StringBuilder body, String title, String id, List<IndexEntry> entries, boolean experiments) {
        body.append("<h2 id=\"").append(id).append("\">").append(title).append("</h2>\n");
        if (entries.isEmpty()) {
            body.append("<p class=\"muted\">None yet.</p>\n");
            return;
        }
        body.append("<div class=\"scroll\"><table class=\"").append(id).append("\"><thead><tr><th>id</th><th>state</th><th>started</th><th>summary</th></tr></thead><tbody>\n");
        for (IndexEntry entry : entries) {
            String href = experiments ? links.experiment(entry.id()) : links.run(entry.id());
            body.append("<tr><td>").append(Html.link(href, entry.id())).append("</td><td>").append(Html.esc(Html.orDash(entry.state())))
                    .append("</td><td>").append(Html.time(entry.started())).append("</td><td>").append(Html.esc(Html.orDash(entry.summary())))
                    .append("</td></tr>\n");
        }
        body.append("</tbody></table></div>\n");
    }
}
