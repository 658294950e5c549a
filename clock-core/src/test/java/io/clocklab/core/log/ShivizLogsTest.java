package io.clocklab.core.log;

import io.clocklab.core.causality.CausalOrder;
import io.clocklab.core.causality.CausalityAnalyzer;
import io.clocklab.core.causality.CausalityReport;
import io.clocklab.core.causality.ShivizLog;
import io.clocklab.core.check.CheckReport;
import io.clocklab.core.check.RunChecker;
import io.clocklab.core.control.Names;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.run.RunData;
import io.clocklab.core.sim.NetworkDelay;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShivizLogsTest {

    @TempDir
    Path temp;

    /**
     * Three hosts as GoVector logs them (the host and its clock, then the description), one process
     * after another as GoVector's tool concatenates them: alice broadcasts to bob and carol, bob forwards
     * to carol, alice then works alone. Written by hand.
     */
    static final String ALICE = """
            alice {"alice":1}
            Initialization Complete
            alice {"alice":2}
            broadcast hello
            alice {"alice":3}
            local work
            """;
    static final String BOB = """
            bob {"bob":1}
            Initialization Complete
            bob {"alice":2, "bob":2}
            received hello
            bob {"bob":3, "alice":2}
            forward hello to carol
            """;
    static final String CAROL = """
            carol {"carol":1}
            Initialization Complete
            carol {"alice":2,"carol":2}
            received hello
            carol {"alice":2,"bob":3,"carol":3}
            received the forward
            """;
    static final String GOVECTOR_REGEX = "(?<host>\\S*) (?<clock>{.*})\\n(?<event>.*)";

    private Path write(String name, String text) throws IOException {
        return Files.writeString(temp.resolve(name), text);
    }

    private static Map<String, Event> byKey(RunData data) {
        Map<String, Event> events = new LinkedHashMap<>();
        data.eventsByVm().forEach((vm, list) -> list.forEach(event -> events.put(vm + "#" + event.seq(), event)));
        return events;
    }

    @Test
    void aGoVectorLogIsReadAndItsMessagesReconstructedFromTheClocks() throws IOException {
        Path file = write("chat.log", GOVECTOR_REGEX + "\n\n\n" + ALICE + BOB + CAROL);

        ShivizImport read = ShivizLogs.load(List.of(file), 10);
        RunData data = read.data();

        assertThat(data.runId()).isEqualTo("chat");
        assertThat(data.events().vms()).containsExactly("alice", "bob", "carol");
        assertThat(data.events().vms()).allSatisfy(vm -> assertThat(data.events().count(vm)).as("held count of %s", vm)
                .isEqualTo(data.events().toMap().get(vm).size()));
        assertThat(data.events().count("dave")).isZero();
        Map<String, Event> e = byKey(data);
        assertThat(e.values()).extracting(Event::type).containsExactly(
                EventType.INTERNAL, EventType.SEND, EventType.INTERNAL,
                EventType.INTERNAL, EventType.RECEIVE, EventType.SEND,
                EventType.INTERNAL, EventType.RECEIVE, EventType.RECEIVE);
        assertThat(e.get("alice#2").to()).containsExactly("bob", "carol");
        assertThat(e.get("alice#2").messageId()).isEqualTo("alice-2");
        assertThat(e.get("bob#2")).extracting(Event::from, Event::messageId, Event::messageClock).containsExactly("alice", "alice-2", 2L);
        assertThat(e.get("carol#2")).extracting(Event::from, Event::messageId, Event::messageClock).containsExactly("alice", "alice-2", 2L);
        assertThat(e.get("bob#3").to()).containsExactly("carol");
        assertThat(e.get("carol#3")).extracting(Event::from, Event::messageId, Event::messageClock).containsExactly("bob", "bob-3", 4L);
        assertThat(e.values()).extracting(Event::logicalClock).containsExactly(1L, 2L, 3L, 1L, 3L, 4L, 1L, 3L, 5L);
        assertThat(e.get("carol#3").vectorClock().counts()).containsExactly(Map.entry("alice", 2L), Map.entry("bob", 3L), Map.entry("carol", 3L));
        assertThat(e.values()).allSatisfy(event -> assertThat(event.queueLength()).isZero());

        assertThat(read.syntheticTimes()).isTrue();
        assertThat(read.receives()).isEqualTo(3);
        assertThat(read.inexactReceives()).isZero();
        assertThat(read.notes()).anySatisfy(note -> assertThat(note).startsWith("times are synthetic (the log has no group named time,"));
        // synthetic times keep the causal order, 1 ms per event, the file's order where the clocks allow
        assertThat(e.get("alice#1").systemTime()).isEqualTo(ShivizLogs.SYNTHETIC_START);
        assertThat(e.get("bob#2").systemTime()).isAfter(e.get("alice#2").systemTime());
        assertThat(e.get("carol#3").systemTime()).isAfter(e.get("bob#3").systemTime());
    }

    /** The hand-made history's happens-before, counted by hand: 9 events, 36 pairs, 20 ordered. */
    @Test
    void theForeignLogIsAnalysedAndCheckedAsFarAsItAllows() throws IOException {
        RunData data = ShivizLogs.load(List.of(write("chat.log", GOVECTOR_REGEX + "\n\n" + ALICE + BOB + CAROL)), 10).data();

        CausalityReport causality = CausalityAnalyzer.analyze(data);
        assertThat(causality.events()).isEqualTo(9);
        assertThat(causality.orderedPairs()).isEqualTo(20);
        assertThat(causality.concurrentPairs()).isEqualTo(16);
        // concurrent with equal Lamport clocks: alice#1-bob#1, alice#1-carol#1, bob#1-carol#1, alice#3-bob#2, alice#3-carol#2, bob#2-carol#2
        assertThat(causality.falseOrderings()).isEqualTo(10);
        assertThat(causality.longestChain()).as("alice#1, alice#2, bob#2, bob#3, carol#3").isEqualTo(5);
        assertThat(causality.receivesWithoutSend()).isZero();

        CheckReport verdict = RunChecker.check(data);
        assertThat(verdict.passed()).as(verdict.violations().toString()).isTrue();
    }

    @Test
    void perProcessLogsWithoutAHeaderGivenOneByOneAreOneRun() throws IOException {
        RunData together = ShivizLogs.load(List.of(write("chat.log", GOVECTOR_REGEX + "\n\n" + ALICE + BOB + CAROL)), 10).data();

        RunData apart = ShivizLogs.load(List.of(write("alice-Log.txt", ALICE), write("bob-Log.txt", BOB), write("carol-Log.txt", CAROL)), 10).data();
        RunData otherOrder = ShivizLogs.load(List.of(temp.resolve("carol-Log.txt"), temp.resolve("bob-Log.txt"), temp.resolve("alice-Log.txt")), 10).data();

        assertThat(apart.eventsByVm()).isEqualTo(together.eventsByVm());
        assertThat(otherOrder.eventsByVm().get("carol")).as("the same but for the synthetic times, which follow the files' order")
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("systemTime").isEqualTo(together.eventsByVm().get("carol"));
    }

    @Test
    void theDescriptionMayComeFirstWithoutAHeader() throws IOException {
        String swapped = swapPairs(ALICE + BOB + CAROL);

        RunData data = ShivizLogs.load(List.of(write("swapped.log", swapped)), 10).data();

        assertThat(data.eventsByVm()).isEqualTo(ShivizLogs.load(List.of(write("chat.log", ALICE + BOB + CAROL)), 10).data().eventsByVm());
    }

    private static String swapPairs(String text) {
        String[] lines = text.split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i += 2) {
            out.append(lines[i + 1]).append('\n').append(lines[i]).append('\n');
        }
        return out.toString();
    }

    @Test
    void isoTimesInATimeGroupAreRead() throws IOException {
        String log = "(?<time>\\S+) (?<event>.*)\\n(?<host>\\S+) (?<clock>\\{.*\\})\n\n"
                + "2024-05-01T10:00:00Z start\nalice {\"alice\":1}\n"
                + "2024-05-01T12:00:00.250+02:00 send\nbob {\"bob\":1}\n"
                + "2024-05-01T10:00:01 got it\nalice {\"alice\":2,\"bob\":1}\n";

        ShivizImport read = ShivizLogs.load(List.of(write("timed.log", log)), 10);

        assertThat(read.syntheticTimes()).isFalse();
        assertThat(read.timeGroup()).isEqualTo("time");
        Map<String, Event> e = byKey(read.data());
        assertThat(e.get("alice#1").systemTime()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(e.get("bob#1").systemTime()).isEqualTo(Instant.parse("2024-05-01T10:00:00.250Z"));
        assertThat(e.get("alice#2").systemTime()).isEqualTo(Instant.parse("2024-05-01T10:00:01Z"));

        ShivizImport notIso = ShivizLogs.load(List.of(write("nanos.log", log.replace("2024-05-01T10:00:00Z", "1456966522871394967"))), 10);
        assertThat(notIso.syntheticTimes()).isTrue();
        assertThat(notIso.whySynthetic()).isEqualTo("the time of " + temp.resolve("nanos.log") + ":3, '1456966522871394967', is not ISO-8601");
    }

    /**
     * clocklab's own export read back: the same events as far as the format carries them. A fixed
     * network delay keeps every message's RECEIVE visible in the clocks (no message overtakes what it
     * caused); a SEND nobody received before the run ended cannot be seen, and reads as INTERNAL.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aSimulatedRunExportedAndReadBackIsTheSameRun(boolean withHeader) throws IOException {
        Map<String, Integer> rates = new LinkedHashMap<>();
        rates.put("vm1", 1);
        rates.put("vm2", 6);
        rates.put("vm3", 4);
        rates.put("vm4", 3);
        RunData original = Simulator.run(new SimulationSpec("roundtrip", rates, 10, 7, Duration.ofSeconds(40),
                NetworkDelay.fixed(Duration.ofMillis(1)), SimulationSpec.DEFAULT_START));
        StringWriter text = new StringWriter();
        ShivizLog.write(original, text);
        String exported = withHeader ? text.toString() : text.toString().substring(text.toString().indexOf("\n\n") + 2);

        ShivizImport read = ShivizLogs.load(List.of(write("roundtrip.shiviz.log", exported)), 10);
        RunData imported = read.data();

        assertThat(read.syntheticTimes()).isEqualTo(!withHeader);
        assertThat(read.inexactReceives()).isZero();
        Map<String, Set<String>> receivedBy = new HashMap<>();
        original.events().vms().forEach(vm -> original.events().forEach(vm, event -> {
            if (event.type() == EventType.RECEIVE) {
                receivedBy.computeIfAbsent(event.messageId(), id -> new TreeSet<>(Names.NATURAL_ORDER)).add(vm);
            }
        }));
        List<String> vms = CausalOrder.vmsOf(original);
        Map<String, long[]> derived = new HashMap<>();
        CausalOrder.stream(vms, original.events(), (v, event, vector, chain) -> derived.put(event.vm() + "#" + event.seq(), vector.clone()));
        assertThat(imported.events().vms()).containsExactlyElementsOf(original.events().vms());
        long sends = 0;
        for (String vm : original.events().vms()) {
            List<Event> before = original.eventsByVm().get(vm);
            List<Event> after = imported.eventsByVm().get(vm);
            assertThat(after).hasSameSizeAs(before);
            for (int i = 0; i < before.size(); i++) {
                Event was = before.get(i);
                Event is = after.get(i);
                String at = vm + "#" + was.seq();
                assertThat(is.seq()).as(at).isEqualTo(was.seq());
                assertThat(is.logicalClock()).as(at).isEqualTo(was.logicalClock());
                if (withHeader) {
                    assertThat(is.systemTime()).as(at).isEqualTo(was.systemTime());
                }
                long[] vector = derived.get(at);
                Map<String, Long> expected = new LinkedHashMap<>();
                for (int v = 0; v < vms.size(); v++) {
                    if (vector[v] > 0) {
                        expected.put(vms.get(v), vector[v]);
                    }
                }
                assertThat(is.vectorClock().counts()).as(at).isEqualTo(expected);
                Set<String> recipients = was.type() == EventType.SEND ? receivedBy.getOrDefault(was.messageId(), Set.of()) : Set.of();
                if (was.type() == EventType.SEND && recipients.isEmpty()) {
                    assertThat(is.type()).as(at + ": a message nobody received").isEqualTo(EventType.INTERNAL);
                    continue;
                }
                assertThat(is.type()).as(at).isEqualTo(was.type());
                assertThat(is.messageId()).as(at).isEqualTo(was.messageId());
                assertThat(is.from()).as(at).isEqualTo(was.from());
                assertThat(is.messageClock()).as(at).isEqualTo(was.messageClock());
                if (was.type() == EventType.SEND) {
                    sends++;
                    assertThat(is.to()).as(at).containsExactlyElementsOf(recipients);
                }
            }
        }
        assertThat(sends).as("the run sent messages").isGreaterThan(20);
        assertThat(RunChecker.check(imported).passed()).isTrue();
    }

    @Test
    void anImportedLogExportsAsItWasRead() throws IOException {
        RunData first = ShivizLogs.load(List.of(write("chat.log", GOVECTOR_REGEX + "\n\n" + ALICE + BOB + CAROL)), 10).data();
        StringWriter text = new StringWriter();
        ShivizLog.write(first, text);

        RunData second = ShivizLogs.load(List.of(write("again.log", text.toString())), 10).data();

        assertThat(second.eventsByVm()).isEqualTo(first.eventsByVm());
        StringWriter again = new StringWriter();
        ShivizLog.write(second, again);
        assertThat(again.toString()).isEqualTo(text.toString());
    }

    @Test
    void aReceiveThatMergesTwoMessagesIsJoinedToOneSenderAndSaidSo() throws IOException {
        String log = """
                a {"a":1}
                send
                b {"b":1}
                send
                c {"a":1,"b":1,"c":1}
                received both at once
                """;

        ShivizImport read = ShivizLogs.load(List.of(write("merged.log", log)), 10);

        assertThat(read.inexactReceives()).isEqualTo(1);
        assertThat(read.firstInexact()).isEqualTo("c#1 at " + temp.resolve("merged.log") + ":5");
        Map<String, Event> e = byKey(read.data());
        assertThat(e.get("c#1").from()).as("both counts are 1: the first host by name").isEqualTo("a");
        assertThat(e.get("b#1").type()).isEqualTo(EventType.INTERNAL);
        assertThat(read.notes()).anySatisfy(note -> assertThat(note).startsWith("1 receives merge more than one message's clock"));
    }

    // ------------------------------------------------------------------ errors, each naming file and line

    private void refused(String log, int line, String problem) throws IOException {
        Path file = write("bad.log", log);
        assertThatThrownBy(() -> ShivizLogs.load(List.of(file), 10)).isInstanceOf(LogFormatException.class)
                .hasMessage(file.toAbsolutePath().normalize() + ":" + line + ": " + problem)
                .satisfies(e -> assertThat(((LogFormatException) e).line()).isEqualTo(line));
    }

    @Test
    void aClockThatIsNotJsonIsRefused() throws IOException {
        Path file = write("bad.log", GOVECTOR_REGEX + "\n\n" + ALICE + BOB.replace("{\"alice\":2, \"bob\":2}", "{\"alice\":2, bob:2}"));
        assertThatThrownBy(() -> ShivizLogs.load(List.of(file), 10)).isInstanceOf(LogFormatException.class)
                .hasMessageStartingWith(file + ":11: the clock is not valid JSON (Unexpected character ('b'")
                .hasMessageEndingWith("): '{\"alice\":2, bob:2}'");
    }

    @Test
    void aZeroCountIsRefused() throws IOException {
        refused(ALICE.replace("{\"alice\":3}", "{\"alice\":3,\"bob\":0}"), 5, "the clock's count of bob is 0: counts start at 1, and a host"
                + " none of whose events is known is left out of the clock (ShiViz's rule: no zero entries)");
    }

    @Test
    void aCountThatIsNoWholeNumberIsRefused() throws IOException {
        refused(ALICE.replace("{\"alice\":3}", "{\"alice\":\"3\"}"), 5, "the clock's count of alice must be a whole number, got '3'");
    }

    @Test
    void anOwnCountThatSkipsIsRefused() throws IOException {
        refused(ALICE.replace("{\"alice\":3}", "{\"alice\":4}"), 5, "alice's own count goes from 2 to 4: it rises by exactly 1 with each"
                + " of its events, in the order of the file");
        refused(ALICE.replace("{\"alice\":1}", "{\"alice\":2}"), 1, "alice's first event counts 2 in its own clock: a host's own count starts at 1");
    }

    @Test
    void aHostMissingFromItsOwnClockIsRefused() throws IOException {
        refused(ALICE + BOB.replace("bob {\"alice\":2, \"bob\":2}", "bob {\"alice\":2}"), 9,
                "the host bob is not in its own clock (ShiViz's rule: a host counts its own events, from 1)");
    }

    @Test
    void aClaimOnAnEventTheLogDoesNotHaveIsRefused() throws IOException {
        refused(ALICE + BOB + CAROL.replace("{\"alice\":2,\"bob\":3,\"carol\":3}", "{\"alice\":5,\"bob\":3,\"carol\":3}"), 17,
                "the clock claims event 5 of alice, but the log has 3 of alice's events");
        refused(ALICE + BOB.replace("{\"bob\":3, \"alice\":2}", "{\"bob\":3, \"alice\":2, \"dave\":1}"), 11,
                "the clock claims event 1 of dave, but dave logs no events");
    }

    @Test
    void aClockThatDoesNotIncludeTheClocksOfTheEventsItCountsIsRefused() throws IOException {
        // carol knows bob's third event, which knew alice's second, but carol's clock counts only alice's first
        refused(ALICE + BOB + CAROL.replace("carol {\"alice\":2,\"carol\":2}\nreceived hello\n", "carol {\"alice\":1,\"carol\":2}\nreceived hello\n")
                        .replace("{\"alice\":2,\"bob\":3,\"carol\":3}", "{\"alice\":1,\"bob\":3,\"carol\":3}"), 17,
                "the clock claims event 3 of bob (" + temp.resolve("bad.log") + ":11), which counts 2 events of alice, but this clock counts 1:"
                        + " a clock includes the clocks of the events it counts");
    }

    @Test
    void aClockThatGoesBackIsRefused() throws IOException {
        refused(ALICE + BOB.replace("{\"bob\":3, \"alice\":2}", "{\"bob\":3, \"alice\":1}"), 11,
                "bob's clock counts 1 events of alice, its previous event's 2 (" + temp.resolve("bad.log") + ":9): a host's clock never goes back");
    }

    @Test
    void anEntryThatDoesNotMatchTheExpressionIsRefused() throws IOException {
        refused(ALICE.replace("alice {\"alice\":2}", "alice{\"alice\":2}"), 3,
                "the entry does not match the parsing expression '" + GOVECTOR_REGEX + "': got 'alice{\"alice\":2}\\nbroadcast hello'");
    }

    @Test
    void aHostThatIsNoVmNameIsRefused() throws IOException {
        refused(DESCRIPTION_FIRST_HEADER + "start\nalice:8080 {\"alice:8080\":1}\n", 4,
                "the host 'alice:8080' cannot be a VM name: it must be " + Names.RULE);
    }

    private static final String DESCRIPTION_FIRST_HEADER = "(?<event>.*)\\n(?<host>\\S*) (?<clock>{.*})\n\n";

    @Test
    void headersThatCannotBeUsedAreRefused() throws IOException {
        refused("(?<host>\\S*) (?<event>.*)\n\n" + ALICE, 1, "the parsing regular expression must name the groups host, clock and event"
                + " ((?<host>...)); it lacks clock: '(?<host>\\S*) (?<event>.*)'");
        refused(GOVECTOR_REGEX + "\n=== run ===\n" + ALICE, 2, "the line after the parsing expression is ShiViz's delimiter of several"
                + " executions, and must be empty: clocklab reads one execution per file; got '=== run ==='");
        refused(ALICE + "alice {\"alice\":4}\n", 7, "the file ends inside an entry: each entry is 2 lines, as the parsing expression '"
                + GOVECTOR_REGEX + "' has them, and this one has 1");
    }

    @Test
    void clocksThatContradictEachOtherAreRefused() throws IOException {
        refused("""
                a {"a":1,"b":1}
                x
                b {"a":1,"b":1}
                y
                """, 1, "the clocks contradict each other: this event of a and the events its clock counts wait on each other, so no"
                + " order of the events agrees with every clock");
    }

    @Test
    void aFolderIsRefused() {
        assertThatThrownBy(() -> ShivizLogs.load(List.of(temp), 10)).isInstanceOf(LogFormatException.class)
                .hasMessage(temp + ": is a folder: ShiViz logs are read from files given by name");
    }

    @Test
    void theFormatIsDetected() throws IOException {
        Path withHeader = write("a.log", GOVECTOR_REGEX + "\n\n" + ALICE);
        Path goVector = write("b.txt", ALICE);
        Path descriptionFirst = write("c.txt", swapPairs(ALICE));
        assertThat(LogFormat.detect(List.of(withHeader))).isEqualTo(LogFormat.SHIVIZ);
        assertThat(LogFormat.detect(List.of(goVector, descriptionFirst))).isEqualTo(LogFormat.SHIVIZ);
        Path jsonl = write("vm1.jsonl", "{\"seq\":1}\n");
        assertThatThrownBy(() -> LogFormat.detect(List.of(jsonl, withHeader))).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("is a ShiViz log but " + jsonl + " is a clocklab JSON Lines log: give the logs of one run, in one format");
        List<String> names = new ArrayList<>();
        for (LogFormat format : LogFormat.values()) {
            names.add(format.option());
        }
        assertThat(names).contains("shiviz");
        assertThat(LogFormat.ofOption("ShiViz")).isEqualTo(LogFormat.SHIVIZ);
    }
}
