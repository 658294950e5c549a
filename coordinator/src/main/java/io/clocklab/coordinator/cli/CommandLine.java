package io.clocklab.coordinator.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.RunAnalyzer;
import io.clocklab.core.causality.CausalityAnalyzer;
import io.clocklab.core.causality.CausalityLimitException;
import io.clocklab.core.causality.CausalityReport;
import io.clocklab.core.causality.ShivizLog;
import io.clocklab.core.check.CheckReport;
import io.clocklab.core.check.DeliveryReport;
import io.clocklab.core.check.RunChecker;
import io.clocklab.core.check.Rule;
import io.clocklab.core.check.Violation;
import io.clocklab.core.log.EventLogFiles;
import io.clocklab.core.log.ExerciseLogs;
import io.clocklab.core.log.LogFormat;
import io.clocklab.core.log.LogFormatException;
import io.clocklab.core.log.RunLogs;
import io.clocklab.core.log.ShivizImport;
import io.clocklab.core.log.ShivizLogs;
import io.clocklab.core.run.AnalysisLimits;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunMode;
import io.clocklab.report.RunReportData;
import io.clocklab.report.RunView;
import io.clocklab.report.StaticReport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The coordinator jar as a command-line tool, for logs copied out of {@code ./logs/} or the data
 * directory: {@code analyze} writes the report the coordinator serves, {@code check} gives the
 * checker's verdict. Progress goes to stderr, results to stdout. No Spring: it starts in a blink.
 */
public final class CommandLine {

    public static final int OK = 0;
    public static final int VIOLATIONS = 1;
    public static final int BAD_INPUT = 2;
    static final int VIOLATIONS_PRINTED = 20;

    private static final Set<String> COMMANDS = Set.of("analyze", "check", "export", "help", "--help", "-h");
    static final String USAGE = """
            usage: java -jar coordinator.jar <command> ...
              analyze <log folder or log files>... --out DIR [--random-range N] [--format exercise|jsonl|shiviz]
                  writes the run's report to DIR: index.html, the plots as SVG, analysis.json, stats.csv,
                  causality.json (happens-before: concurrency, the orderings Lamport invents, the longest chain),
                  shiviz.log (the run for ShiViz), logs.zip
              check <log folder or log files>... [--random-range N] [--format exercise|jsonl|shiviz]
                  checks every invariant; exit 0 when all hold, 1 when one is broken, 2 on bad input
              export <log folder or log files>... --format shiviz [--out FILE]
                  writes the run in ShiViz's log format (events in causal order with their vector
                  clocks) to FILE, or to standard output
            A log folder holds one <vm>.jsonl per VM of one run (./logs/<runId>/), with or without the
            coordinator's run.json. Without it the rates are measured and --random-range (default 10) is assumed.
            analyze and check also read the logical-clocks exercise's text logs (one file per machine, starting
            =============LOG START=============): the format is told from the files, or forced with --format.
            Those logs name no messages: the rules that need message ids are not checkable, and there is no
            happens-before or delivery accounting. All three also read ShiViz logs (vector clocks: clocklab's
            shiviz.log, GoVector's logs), given by file name: the messages are reconstructed from the clocks.
            Without a command, the coordinator starts as a server.""";

    private final PrintStream out;
    private final PrintStream err;

    public CommandLine(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** True when the arguments ask for a command rather than the server. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public int run(String... args) {
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        String command = args.length == 0 ? "help" : args[0];
        try {
            return switch (command) {
                case "analyze" -> analyze(CommandArguments.parse(rest, RunLogs.DEFAULT_RANDOM_RANGE));
                case "check" -> check(CommandArguments.parse(rest, RunLogs.DEFAULT_RANDOM_RANGE));
                case "export" -> export(CommandArguments.parse(rest, RunLogs.DEFAULT_RANDOM_RANGE));
                case "help", "--help", "-h" -> {
                    out.println(USAGE);
                    yield OK;
                }
                default -> throw new UsageException("unknown command " + command);
            };
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return BAD_INPUT;
        } catch (LogFormatException e) {
            err.println("error: bad log: " + e.getMessage());
            return BAD_INPUT;
        } catch (UncheckedIOException e) {
            // a bad line found while the logs were streamed
            err.println("error: " + (e.getCause() instanceof LogFormatException ? "bad log: " : "") + describe(e.getCause()));
            return BAD_INPUT;
        } catch (IOException | RuntimeException e) {
            err.println("error: " + describe(e));
            return BAD_INPUT;
        }
    }

    /**
     * An error as a line a user can act on. A file-system error's message is often only the path
     * ({@code AccessDeniedException: /logs/vm1.jsonl}), so it is said what went wrong with it.
     */
    static String describe(Throwable e) {
        if (e instanceof FileSystemException file) {
            String reason = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or folder"
                    : e instanceof NotDirectoryException ? "not a folder"
                    : file.getReason() != null ? file.getReason() : e.getClass().getSimpleName();
            return "cannot read " + file.getFile() + (file.getOtherFile() != null ? " or " + file.getOtherFile() : "") + ": " + reason;
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private int check(CommandArguments arguments) throws IOException, UsageException {
        if (arguments.out() != null) {
            throw new UsageException("check writes no report; --out belongs to analyze");
        }
        LogFormat format = inputFormat(arguments);
        Loaded loaded = load(arguments, format);
        RunData data = loaded.data();
        progress("checking %,d events", data.eventCount());
        CheckReport report = format.namesMessages() ? RunChecker.check(data) : RunChecker.checkPerVm(data, AnalysisLimits.DEFAULT);
        report = report.notChecking(format.notCheckable());
        if (report.passed() && report.notCheckable().isEmpty()) {
            out.printf("PASSED: %,d events of %d VMs in run %s keep every invariant%n", report.eventsChecked(),
                    data.events().vms().size(), data.runId());
            return OK;
        }
        if (report.passed()) {
            out.printf("PASSED as far as this format allows: %,d events of %d VMs in run %s keep %s; %s%n", report.eventsChecked(),
                    data.events().vms().size(), data.runId(), names(report.checked()), notCheckable(report, format));
            notes(loaded);
            return OK;
        }
        out.printf("FAILED: %d violations in %,d events of run %s%n", report.violationCount(), report.eventsChecked(), data.runId());
        report.violations().stream().limit(VIOLATIONS_PRINTED).forEach(violation -> out.println("  " + violation));
        long printed = Math.min(VIOLATIONS_PRINTED, report.violations().size());
        if (report.violationCount() > printed) {
            out.printf("  ... and %d more (by rule: %s)%n", report.violationCount() - printed, report.violationsByRule());
        }
        if (!report.notCheckable().isEmpty()) {
            out.println("  " + notCheckable(report, format));
        }
        notes(loaded);
        return VIOLATIONS;
    }

    private static String notCheckable(CheckReport report, LogFormat format) {
        return "not checkable from this format (" + format.notCheckableBecause() + "): " + names(report.notCheckable());
    }

    /** What the reader of a ShiViz log made up or could not tell, one {@code note:} line each. */
    private void notes(Loaded loaded) {
        if (loaded.shiviz() != null) {
            loaded.shiviz().notes().forEach(note -> out.println("note: " + note));
        }
    }

    private static String names(List<Rule> rules) {
        return rules.stream().map(Rule::name).collect(Collectors.joining(", "));
    }

    private int analyze(CommandArguments arguments) throws IOException, UsageException {
        if (arguments.out() == null) {
            throw new UsageException("analyze needs --out DIR, the folder the report goes to");
        }
        LogFormat format = inputFormat(arguments);
        Loaded loaded = load(arguments, format);
        RunData data = loaded.data();
        boolean messages = format.namesMessages();
        RunAnalysis analysis;
        CausalityReport causality = null;
        String notDerived = null;
        if (messages) {
            progress("analysing %,d events and checking every invariant", data.eventCount());
            analysis = RunAnalyzer.analyze(data);
            if (format == LogFormat.SHIVIZ) {
                // no delivery books: a message nobody received leaves no trace in vector clocks
                analysis = new RunAnalysis(analysis.runId(), analysis.start(), analysis.end(), analysis.durationSeconds(),
                        analysis.randomRange(), analysis.events(), analysis.vms(), analysis.series(),
                        analysis.verdict().notChecking(format.notCheckable()), analysis.outages(), null);
            }
            progress("deriving vector clocks for happens-before");
            try {
                causality = CausalityAnalyzer.analyze(data);
            } catch (CausalityLimitException e) {
                notDerived = e.getMessage();
            }
        } else {
            progress("analysing %,d events and checking the invariants this format allows", data.eventCount());
            analysis = RunAnalyzer.analyzeWithoutMessages(data, AnalysisLimits.DEFAULT);
        }
        // hybrid clocks, against the skews the run's run.json names (none without it: ε = 0); null for a run without them
        io.clocklab.core.analysis.HybridReport hybrid = analysis.start() == null ? null : io.clocklab.core.analysis.HybridAnalyzer.analyze(
                data, data.clockSkew(), java.time.Duration.between(analysis.start(), analysis.end()));
        hybrid = hybrid != null && hybrid.analysed() ? hybrid : null;
        progress("writing the report to %s", arguments.out());
        RunView view = new RunView(data.runId(), data.finished() ? "FINISHED" : "RUNNING", RunMode.LIVE, data.clockRates(),
                data.randomRange(), null, null, analysis.start(), analysis.end(), null, null, clockOf(data), data.clockSkew(),
                loaded.shiviz() == null ? List.of() : loaded.shiviz().notes());
        Map<String, Path> files = logFiles(arguments.logs(), format);
        List<Path> written = StaticReport.writeRun(arguments.out(), new RunReportData(view, analysis, data.events(), files, causality, hybrid));
        out.printf("wrote %d files to %s; open %s%n", written.size(), arguments.out(), arguments.out().resolve("index.html"));
        CheckReport verdict = analysis.verdict();
        out.printf("verdict: %s%n", !verdict.passed() ? verdict.violationCount() + " violations (see the report)"
                : verdict.notCheckable().isEmpty() ? "PASSED" : "PASSED as far as this format allows; " + notCheckable(verdict, format));
        notes(loaded);
        if (hybrid != null) {
            out.printf("hybrid clocks: %s; max l - pt %d ms (ε %d ms), max c %d (bound %d)%s%n",
                    hybrid.withinBounds() ? "within the bounds" : "outside the bounds (see hybrid.json)",
                    hybrid.vms().stream().mapToLong(io.clocklab.core.analysis.HybridVm::maxAheadMillis).max().orElse(0), hybrid.epsilonMillis(),
                    hybrid.vms().stream().mapToLong(io.clocklab.core.analysis.HybridVm::maxC).max().orElse(0), hybrid.cBound(),
                    data.clockSkew().isEmpty() ? "; no clock skews known (they are in a run's run.json), so ε is 0 ms" : "");
        }
        if (!messages) {
            out.println("happens-before: not derivable from this format (its logs name no messages)");
            out.println("delivery: not accountable from this format (its logs name no messages)");
            return OK;
        }
        if (causality == null) {
            out.println(notDerived);
        } else {
            out.printf(Locale.ROOT, "happens-before: %.1f %% of event pairs concurrent; Lamport orders %,d concurrent pairs (%.1f %% of the"
                    + " pairs it orders); longest causal chain %,d events%s%n", 100 * causality.concurrentShare(), causality.falseOrderings(),
                    100 * causality.falseOrderingShare(), causality.longestChain(), causality.receivesWithoutSend() == 0 ? ""
                            : String.format(Locale.ROOT, "; %,d receives whose send is in no log", causality.receivesWithoutSend()));
        }
        DeliveryReport delivery = analysis.delivery();
        if (delivery == null) {
            out.println("delivery: not accountable from this format (a message nobody received leaves no trace in vector clocks)");
            return OK;
        }
        StringBuilder reasons = new StringBuilder();
        delivery.countByReason().forEach((reason, count) -> {
            if (count > 0) {
                reasons.append(reasons.isEmpty() ? " (" : ", ").append(reason).append(' ').append(count);
            }
        });
        out.printf("delivery: %,d messages addressed, %,d received, %,d undelivered%s, %,d lost%s%n", delivery.addressed(),
                delivery.received(), delivery.undeliveredCount(), reasons.isEmpty() ? "" : reasons + ")", delivery.lostCount(),
                delivery.unaccounted() == 0 ? "" : String.format(", %,d not accounted for (no end state)", delivery.unaccounted()));
        return OK;
    }

    /** The clock algorithm a run's logs show: the time its first event carries beside Lamport's. */
    private static io.clocklab.core.model.ClockKind clockOf(RunData data) {
        for (String vm : data.events().vms()) {
            try (io.clocklab.core.run.EventCursor cursor = data.events().open(vm)) {
                io.clocklab.core.model.Event first = cursor.next();
                if (first != null && first.stamp() != null) {
                    return first.stamp().kind();
                }
            }
        }
        return io.clocklab.core.model.ClockKind.LAMPORT;
    }

    /** The formats {@code export} writes. */
    static final Set<String> EXPORT_FORMATS = Set.of("shiviz");

    private int export(CommandArguments arguments) throws IOException, UsageException {
        if (arguments.format() == null || !EXPORT_FORMATS.contains(arguments.format())) {
            throw new UsageException(arguments.format() == null ? "export needs --format shiviz"
                    : "export cannot write the format '" + arguments.format() + "'; it writes: shiviz");
        }
        LogFormat format = LogFormat.detect(arguments.logs());
        if (!format.namesMessages()) {
            throw new UsageException("export needs clocklab's JSON Lines logs or a ShiViz log: the exercise's text logs name no"
                    + " messages, so the run's happens-before (which ShiViz shows) cannot be derived from them");
        }
        RunData data = load(arguments, format).data();
        if (arguments.out() == null) {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            ShivizLog.write(data, writer);
            writer.flush();
            return OK;
        }
        try (Writer writer = Files.newBufferedWriter(arguments.out(), StandardCharsets.UTF_8)) {
            ShivizLog.write(data, writer);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(arguments.out()); // no half-written file left behind
            throw e;
        }
        progress("wrote %,d events of %d VMs in ShiViz's format to %s", data.eventCount(), data.events().vms().size(), arguments.out());
        return OK;
    }

    /**
     * For analyze and check, {@code --format} names the format of the logs read (for export, the one
     * written); without it, the format is told from the files ({@link LogFormat#detect}).
     */
    private static LogFormat inputFormat(CommandArguments arguments) throws IOException, UsageException {
        if (arguments.format() == null) {
            return LogFormat.detect(arguments.logs());
        }
        try {
            return LogFormat.ofOption(arguments.format());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format for analyze and check is the format of the logs read: exercise, jsonl or shiviz; got '"
                    + arguments.format() + "'");
        }
    }

    /** A run read from its logs; for a ShiViz log, also what its reader made up ({@link ShivizImport#notes}), else null. */
    private record Loaded(RunData data, ShivizImport shiviz) {
    }

    private Loaded load(CommandArguments arguments, LogFormat format) throws IOException {
        long started = System.nanoTime();
        progress("reading %s as %s", arguments.logs(), format.title());
        ShivizImport shiviz = format == LogFormat.SHIVIZ ? ShivizLogs.load(arguments.logs(), arguments.randomRange()) : null;
        RunData data = shiviz != null ? shiviz.data() : RunLogs.load(arguments.logs(), arguments.randomRange(), format);
        progress("read %,d events of %d VMs (run %s) in %d ms", data.eventCount(), data.events().vms().size(), data.runId(),
                (System.nanoTime() - started) / 1_000_000);
        return new Loaded(data, shiviz);
    }

    /** Every log file given, by file name, for the report's zip of the logs. */
    private static Map<String, Path> logFiles(List<Path> paths, LogFormat format) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        List<Path> read = switch (format) {
            case EXERCISE -> ExerciseLogs.files(paths);
            case SHIVIZ -> ShivizLogs.files(paths);
            case JSONL -> EventLogFiles.files(paths);
        };
        read.forEach(file -> files.put(file.getFileName().toString(), file));
        return files;
    }

    private void progress(String format, Object... args) {
        err.println("[clocklab] " + String.format(Locale.ROOT, format, args));
    }
}
