package io.clocklab.core.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clocklab.core.analysis.DeliverySummary;
import io.clocklab.core.log.EventLogFiles;
import io.clocklab.core.log.LogFormatException;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.run.AnalysisLimits;
import io.clocklab.core.run.EventCursor;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunEvents;
import io.clocklab.core.testing.VirtualRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the streaming checker and accounting hold and leave behind: lists capped at
 * {@code shownPerList} with exact counts, temporary files only for long runs and never left over,
 * the same results from log files as from memory, and JSON that only gains fields.
 */
class StreamingLimitsTest {

    private static final Map<String, Integer> RATES = DamagedRuns.rates(5, 30, 30);

    @TempDir
    Path temp;

    private Path sortDir() {
        return temp.resolve("sort");
    }

    private AnalysisLimits limits(int sortChunk, int shown) {
        return new AnalysisLimits(sortChunk, shown, 1000, sortDir());
    }

    // ---------------------------------------------------------------- caps

    @Test
    void moreViolationsThanShownAreAllCountedAndTheFirstOfEachRuleThenTheEarliestListed() {
        RunData run = DamagedRuns.damaged(DamagedRuns.simulated(3, RATES, 40, true), 3, 60);
        CheckReport all = RunChecker.check(run, limits(1000, 1_000_000));

        assertThat(all.violationCount()).isGreaterThan(100).isEqualTo(all.violations().size());
        assertThat(all.violations()).isSortedAccordingTo(Comparator.comparing(Violation::vm).thenComparingLong(Violation::seq)
                .thenComparing(Violation::rule));
        assertThat(all.violationsByRule()).hasSizeGreaterThan(2);
        List<Violation> firstOfEachRule = all.violationsByRule().keySet().stream().map(rule -> all.of(rule).get(0)).toList();
        List<Violation> others = all.violations().stream().filter(v -> !firstOfEachRule.contains(v)).toList();
        List<Violation> expected = Stream.concat(firstOfEachRule.stream(), others.subList(0, 50 - firstOfEachRule.size()).stream())
                .sorted(Comparator.comparingInt(all.violations()::indexOf)).toList();
        assertThat(expected).isNotEqualTo(all.violations().subList(0, 50)); // a rule would be hidden otherwise
        for (int sortChunk : List.of(1000, 5000, AnalysisLimits.DEFAULT.sortChunk())) {
            CheckReport capped = RunChecker.check(run, limits(sortChunk, 50));

            assertThat(capped.violations()).containsExactlyElementsOf(expected);
            assertThat(capped.violationCount()).isEqualTo(all.violationCount());
            assertThat(capped.violationsByRule()).isEqualTo(all.violationsByRule());
            assertThat(capped.passed()).isFalse();
            assertThat(capped.allListed()).isFalse();
        }
        assertThat(RunChecker.check(run, limits(1000, 1)).violations()).containsExactly(all.violations().get(0));
        assertThat(RunChecker.check(run, limits(1000, 2)).violations()).containsExactlyElementsOf(firstOfEachRule.stream()
                .sorted(Comparator.comparingInt(all.violations()::indexOf)).limit(2).toList());
    }

    @Test
    void passingDependsOnTheCountNotOnTheList() {
        CheckReport unlisted = new CheckReport(10, List.of(), 3, Map.of(Rule.RATE_LIMIT, 3L));

        assertThat(unlisted.passed()).isFalse();
        assertThat(unlisted.count(Rule.RATE_LIMIT)).isEqualTo(3);
        assertThat(new CheckReport(10, List.of()).passed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void moreLostMessagesThanShownAreAllCountedAndTheFirstListed(boolean endState) {
        // every other message to vm2 is lost: without the end state too, each is overtaken by the next one received
        VirtualRuns runs = VirtualRuns.of(RATES, 10, 4).withJitter()
                .losing((message, to, at) -> to.equals("vm2") && Math.floorMod(message.messageId().hashCode(), 2) == 0);
        RunData run = (endState ? runs.withEndState() : runs).run(40);
        DeliveryReport all = DeliveryAccounting.account(run, limits(1000, 1_000_000));

        assertThat(all.lostCount()).isGreaterThan(40).isEqualTo(all.lost().size());
        for (int sortChunk : List.of(1000, AnalysisLimits.DEFAULT.sortChunk())) {
            DeliveryReport capped = DeliveryAccounting.account(run, limits(sortChunk, 20));

            assertThat(capped.lost()).containsExactlyElementsOf(all.lost().subList(0, 20));
            assertThat(capped.undelivered()).containsExactlyElementsOf(all.undelivered().subList(0, Math.min(20, all.undelivered().size())));
            assertThat(capped.lostCount()).isEqualTo(all.lostCount());
            assertThat(capped.countByReason()).isEqualTo(all.countByReason());
            assertThat(capped.unaccounted()).isEqualTo(all.unaccounted());
            assertThat(capped.allListed()).isFalse();
            DeliverySummary summary = DeliverySummary.of(capped);
            assertThat(summary.lost()).isEqualTo(all.lostCount());
            assertThat(summary.undelivered()).isEqualTo(all.countByReason());
            assertThat(summary.unaccounted()).isEqualTo(all.unaccounted());
            assertThat(summary.lostShown()).containsExactlyElementsOf(all.lost().subList(0, 20));
        }
        List<DeliveryAccounting.Books> books = DeliveryAccounting.byRecipient(run, limits(1000, 20));
        assertThat(books).filteredOn(b -> b.recipient().equals("vm2")).singleElement().satisfies(b -> {
            assertThat(b.lostIds()).hasSize(20);
            assertThat(b.lostCount()).isEqualTo(all.lostCount());
        });
        CheckReport verdict = RunChecker.check(run, limits(1000, 20));
        assertThat(verdict.of(Rule.CONSERVATION)).singleElement().satisfies(v -> assertThat(v.detail())
                .contains("and " + (all.lostCount() - ConservationRule.IDS_SHOWN) + " more"));
    }

    @Test
    void theEndStatesQueueProblemsAreCountedAndTheFirstNamedInQueueOrder() {
        RunData run = VirtualRuns.of(RATES, 10, 6).withJitter().withEndState().run(40);
        List<String> queue = new ArrayList<>(run.endState().queuedAt("vm1"));
        IntStream.range(0, 30).forEach(i -> queue.add("vm9-" + (100 - i)));
        Map<String, List<String>> queued = new LinkedHashMap<>(run.endState().queued());
        queued.put("vm1", queue);

        CheckReport report = RunChecker.check(run.with(List.of(), new io.clocklab.core.run.EndState(queued, run.endState().unconfirmed())),
                limits(1000, 100));

        assertThat(report.of(Rule.CONSERVATION)).singleElement().satisfies(v -> assertThat(v.detail())
                .contains("never sent to it: vm9-100, vm9-99, vm9-98, vm9-97, vm9-96 and 25 more"));
    }

    // ---------------------------------------------------------------- temporary files

    @Test
    void aLongRunSpillsToTemporaryFilesAndLeavesNone() throws IOException {
        Watched events = new Watched(DamagedRuns.simulated(7, RATES, 60, true).events());
        RunData run = new RunData("r", RATES, 10, true, events, List.of(), null);

        CheckReport report = RunChecker.check(run, limits(1000, 100));

        assertThat(events.mostFilesSeen).as("sorted chunks on disk while reading").isGreaterThan(1);
        assertThat(filesUnder(sortDir())).isEmpty();
        assertThat(report).isEqualTo(RunChecker.check(run, limits(AnalysisLimits.DEFAULT.sortChunk(), 100)));
    }

    @Test
    void aRunThatFitsOneChunkNeverTouchesTheDisk() throws IOException {
        Watched events = new Watched(DamagedRuns.simulated(7, RATES, 60, true).events());
        RunData run = new RunData("r", RATES, 10, true, events, List.of(), null);

        RunChecker.checkAndAccount(run, limits(AnalysisLimits.DEFAULT.sortChunk(), 100));

        assertThat(events.mostFilesSeen).isZero();
        assertThat(sortDir()).doesNotExist();
    }

    @Test
    void aBadLogLineFailsTheCheckAndLeavesNoTemporaryFile() throws IOException {
        RunData run = DamagedRuns.simulated(8, RATES, 60, false);
        Path logs = temp.resolve("logs");
        EventLogFiles.write(logs, run.eventsByVm());
        Path vm3 = logs.resolve("vm3.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(vm3));
        lines.set(lines.size() - 2, lines.get(lines.size() - 2).replaceFirst("\"logicalClock\":(\\d+)", "\"logicalClock\":\"$1x\""));
        Files.write(vm3, lines);
        Watched events = new Watched(EventLogFiles.open(List.of(logs)));
        RunData fromFiles = new RunData("r", RATES, 10, true, events, List.of(), null);

        assertThatThrownBy(() -> RunChecker.check(fromFiles, limits(1000, 100)))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(LogFormatException.class);
        assertThatThrownBy(() -> DeliveryAccounting.account(fromFiles, limits(1000, 100))).isInstanceOf(UncheckedIOException.class);
        assertThat(events.mostFilesSeen).isGreaterThan(1);
        assertThat(filesUnder(sortDir())).isEmpty();
    }

    // ---------------------------------------------------------------- logs on disk

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void aRunReadFromItsFilesGetsTheSameVerdictAndBooksAsInMemory(long seed) throws IOException {
        RunData run = DamagedRuns.simulated(seed, RATES, 40, true);
        Path logs = temp.resolve("logs-" + seed);
        EventLogFiles.write(logs, run.eventsByVm());
        RunData fromFiles = new RunData(run.runId(), run.clockRates(), run.randomRange(), run.finished(), EventLogFiles.open(List.of(logs)),
                run.outages(), run.endState());

        for (AnalysisLimits limits : List.of(limits(1000, 1000), limits(AnalysisLimits.DEFAULT.sortChunk(), 1000))) {
            RunJoin.Outcome expected = RunChecker.checkAndAccount(run, limits);
            RunJoin.Outcome actual = RunChecker.checkAndAccount(fromFiles, limits);
            assertThat(actual).isEqualTo(expected);
            assertThat(RunChecker.check(fromFiles, limits)).isEqualTo(expected.verdict());
            assertThat(DeliveryAccounting.account(fromFiles, limits)).isEqualTo(expected.delivery());
            assertThat(actual.verdict().violations()).containsExactlyInAnyOrderElementsOf(ReferenceChecker.check(run).violations());
            assertThat(actual.delivery()).isEqualTo(ReferenceChecker.Accounting.account(run));
        }
    }

    // ---------------------------------------------------------------- JSON

    @Test
    void theReportsJsonOnlyGainsTheCountsAndOlderJsonReadsBackCountingItsLists() throws IOException {
        ObjectMapper json = new ObjectMapper();
        RunData run = DamagedRuns.damaged(DamagedRuns.simulated(5, RATES, 20, true), 5, 20);
        RunJoin.Outcome outcome = RunChecker.checkAndAccount(run, limits(1000, 3));

        JsonNode verdict = json.readTree(json.writeValueAsString(outcome.verdict()));
        JsonNode delivery = json.readTree(json.writeValueAsString(outcome.delivery()));

        assertThat(verdict.fieldNames()).toIterable().containsExactly("eventsChecked", "violations", "violationCount", "violationsByRule");
        assertThat(verdict.get("violations")).hasSize(3);
        assertThat(verdict.get("violationCount").asLong()).isEqualTo(outcome.verdict().violationCount()).isGreaterThan(3);
        assertThat(delivery.fieldNames()).toIterable()
                .containsExactly("addressed", "received", "undelivered", "lost", "undeliveredByReason", "lostCount");
        assertThat(delivery.get("undeliveredByReason").fieldNames()).toIterable().containsExactly("QUEUED", "IN_TRANSIT", "RECIPIENT_DOWN");
        assertThat(json.readValue(json.writeValueAsString(outcome.verdict()), CheckReport.class)).isEqualTo(outcome.verdict());
        assertThat(json.readValue(json.writeValueAsString(outcome.delivery()), DeliveryReport.class)).isEqualTo(outcome.delivery());

        CheckReport old = json.readValue("""
                {"eventsChecked":3,"violations":[{"rule":"RATE_LIMIT","vm":"vm2","seq":57,"detail":"8 events"}]}""", CheckReport.class);
        assertThat(old.violationCount()).isEqualTo(1);
        assertThat(old.violationsByRule()).isEqualTo(Map.of(Rule.RATE_LIMIT, 1L));
        assertThat(old.passed()).isFalse();
        DeliveryReport oldDelivery = json.readValue("""
                {"addressed":3,"received":1,"undelivered":[{"messageId":"vm2-17","from":"vm2","to":"vm1","reason":"QUEUED"}],
                 "lost":["vm3-4 to vm1"]}""", DeliveryReport.class);
        assertThat(oldDelivery).isEqualTo(new DeliveryReport(3, 1, List.of(new Undelivered("vm2-17", "vm2", "vm1", Undelivered.Reason.QUEUED)),
                List.of("vm3-4 to vm1")));
        assertThat(oldDelivery.lostCount()).isEqualTo(1);
        assertThat(oldDelivery.unaccounted()).isZero();
        assertThat(oldDelivery.countByReason()).containsEntry(Undelivered.Reason.QUEUED, 1L).containsEntry(Undelivered.Reason.IN_TRANSIT, 0L);
    }

    // ---------------------------------------------------------------- hostile input

    @Test
    void messagesWithoutIdsAreCheckedWithoutFailing() {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        logs.put("a", List.of(Event.send(1, "a", VirtualRuns.at(0), 1, 0, List.of("b"), null),
                Event.send(2, "a", VirtualRuns.at(1), 2, 0, List.of("b"), null)));
        logs.put("b", List.of(new Event(1, "b", EventType.RECEIVE, VirtualRuns.at(5), 3, 0, null, null, "a", 2L)));
        RunData run = new RunData("r", Map.of("a", 1, "b", 1), 10, true, logs)
                .with(List.of(), new io.clocklab.core.run.EndState(Map.of("a", List.of(), "b", List.of()), Map.of()));

        RunJoin.Outcome outcome = RunChecker.checkAndAccount(run, limits(1000, 100));

        assertThat(outcome.verdict().violationsByRule()).containsKeys(Rule.UNIQUE_MESSAGE_ID, Rule.CONSERVATION);
        assertThat(outcome.delivery().lost()).containsExactly("null to b", "null to b");
    }

    @Test
    void aRunNamingMoreVmsThanTheLimitIsRefused() {
        List<String> everyone = IntStream.range(0, RunJoin.MAX_VMS + 1).mapToObj(i -> "x" + i).toList();
        RunData run = new RunData("r", Map.of("a", 1), 10, true, Map.of("a", List.of(Event.send(1, "a", VirtualRuns.at(0), 1, 0, everyone, "a-1"))));

        assertThatIllegalArgumentException().isThrownBy(() -> RunChecker.check(run, limits(1000, 10)))
                .withMessageContaining("more than " + RunJoin.MAX_VMS + " VMs");
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    /** A run's logs that note, whenever a VM's log is closed, how many temporary files exist. */
    private final class Watched implements RunEvents {
        private final RunEvents events;
        long mostFilesSeen;

        Watched(RunEvents events) {
            this.events = events;
        }

        @Override
        public List<String> vms() {
            return events.vms();
        }

        @Override
        public EventCursor open(String vm) {
            EventCursor cursor = events.open(vm);
            return new EventCursor() {
                @Override
                public Event next() {
                    return cursor.next();
                }

                @Override
                public void close() {
                    cursor.close();
                    try {
                        mostFilesSeen = Math.max(mostFilesSeen, filesUnder(sortDir()).size());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        }
    }
}
