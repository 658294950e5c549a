package io.clocklab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The start page ({@code index.jte}): runs and experiments with links, and a live-clocks panel
 * whose script polls {@link ReportLinks#liveClocks()} once a second and shows "unavailable" when that fails.
 */
public final class IndexPage {

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

    /** The page's model: {@code index.jte}'s one parameter. */
    record Model(List<String> warnings, String liveClocks, List<Row> experiments, List<Row> runs) {
    }

    /** One run or experiment in a list; {@code href} null shows the id without a link. */
    record Row(String href, String id, String state, String started, String summary) {
    }

    public String render(List<IndexEntry> runs, List<IndexEntry> experiments) {
        return Templates.render("index.jte", new Model(warnings, links.liveClocks(), rows(experiments, true), rows(runs, false)));
    }

    private List<Row> rows(List<IndexEntry> entries, boolean experiments) {
        return entries.stream().map(entry -> new Row(experiments ? links.experiment(entry.id()) : links.run(entry.id()), entry.id(),
                Html.orDash(entry.state()), Html.time(entry.started()), Html.orDash(entry.summary()))).toList();
    }
}
