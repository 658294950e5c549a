package io.clocklab.coordinator.report;

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

    private final ReportLinks links;

    public IndexPage(ReportLinks links) {
        this.links = Objects.requireNonNull(links, "links");
    }

    public String render(List<IndexEntry> runs, List<IndexEntry> experiments) {
        StringBuilder body = new StringBuilder(16 * 1024);
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
