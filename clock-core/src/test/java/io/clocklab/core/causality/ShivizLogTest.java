package io.clocklab.core.causality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clocklab.core.model.Event;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunEvents;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.clocklab.core.causality.HandMade.at;
import static io.clocklab.core.causality.HandMade.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShivizLogTest {

    private static String shiviz(List<String> vms, RunEvents events) throws IOException {
        StringWriter out = new StringWriter();
        ShivizLog.write(vms, events, out);
        return out.toString();
    }

    @Test
    void aHandMadeRunIsWrittenLineForLine() throws IOException {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        logs.put("vm1", List.of(Event.send(1, "vm1", at(0), 1, 0, List.of("vm2", "vm3"), "vm1-1"), Event.internal(2, "vm1", at(2), 2, 0)));
        logs.put("vm2", List.of(Event.receive(1, "vm2", at(0.5), 2, 0, from("vm1", "vm1-1", 1))));
        logs.put("vm3", List.of());

        String text = shiviz(List.of("vm1", "vm2", "vm3"), RunEvents.of(logs));

        assertThat(text).isEqualTo(ShivizLog.REGEX + "\n\n"
                + "SEND vm1-1 to=vm2,vm3 lamport=1 queue=0 time=2026-01-01T00:00:00Z seq=1\n"
                + "vm1 {\"vm1\":1}\n"
                + "RECEIVE vm1-1 from=vm1 messageClock=1 lamport=2 queue=0 time=2026-01-01T00:00:00.500Z seq=1\n"
                + "vm2 {\"vm1\":1,\"vm2\":1}\n"
                + "INTERNAL lamport=2 queue=0 time=2026-01-01T00:00:02Z seq=2\n"
                + "vm1 {\"vm1\":2}\n");
    }

    /** Parsed with the file's own first line, as ShiViz parses it; every rule ShiViz sets on vector clocks holds. */
    @Test
    void aSimulatedRunKeepsEveryShivizRule() throws IOException {
        Map<String, Integer> rates = new LinkedHashMap<>();
        rates.put("vm1", 1);
        rates.put("vm2", 6);
        rates.put("vm3", 6);
        rates.put("vm4", 3);
        RunData data = Simulator.run(SimulationSpec.of("shiviz", rates, 11, Duration.ofSeconds(30)));

        String text = shiviz(List.of("vm1", "vm2", "vm3", "vm4"), data.events());

        String[] head = text.split("\n", 3);
        assertThat(head[0]).isEqualTo(ShivizLog.REGEX);
        assertThat(head[1]).as("one execution: no delimiter").isEmpty();
        Matcher entry = Pattern.compile(head[0]).matcher(head[2]);
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> ownCount = new HashMap<>();
        Map<String, JsonNode> sentWith = new HashMap<>();
        int entries = 0;
        int end = 0;
        while (entry.find()) {
            assertThat(entry.start()).as("nothing between entries").isEqualTo(end);
            end = entry.end() + 1;
            entries++;
            String host = entry.group("host");
            JsonNode clock = json.readTree(entry.group("clock"));
            long own = ownCount.merge(host, 1L, Long::sum);
            assertThat(clock.path(host).asLong()).as("%s's own count rises by 1 from 1", host).isEqualTo(own);
            assertThat(clock.properties()).allSatisfy(count -> assertThat(count.getValue().asLong()).as("no zero").isPositive());
            assertThat(entry.group("seq")).isEqualTo(Long.toString(own));
            String[] words = entry.group("event").split(" ");
            if (words[0].equals("SEND")) {
                sentWith.put(words[1], clock);
            } else if (words[0].equals("RECEIVE")) {
                JsonNode sent = sentWith.get(words[1]);
                assertThat(sent).as("the SEND of %s comes first", words[1]).isNotNull();
                sent.properties().forEach(count -> assertThat(clock.path(count.getKey()).asLong())
                        .as("a receive has seen all its send had").isGreaterThanOrEqualTo(count.getValue().asLong()));
            }
        }
        assertThat(end).isEqualTo(head[2].length());
        assertThat((long) entries).isEqualTo(data.eventCount());
    }

    @Test
    void aNameThatWouldNeedQuotingIsRefusedNamingTheEvent() {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        logs.put("vm1", List.of(Event.send(1, "vm1", at(0), 1, 0, List.of("vm2"), "m\n1")));
        logs.put("vm2", List.of());

        assertThatThrownBy(() -> shiviz(List.of("vm1", "vm2"), RunEvents.of(logs))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write vm1#1 in ShiViz's format: its message id must be 1-64 characters of letters, digits, '.', '_' or '-',"
                        + " starting with a letter or digit, got 'm\n1'");
    }

    @Test
    void aWriterThatFailsEndsTheWriteWithItsError() {
        Map<String, List<Event>> logs = Map.of("vm1", List.of(Event.internal(1, "vm1", at(0), 1, 0)));
        Writer broken = new Writer() {
            private int writes;

            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                if (++writes > 2) {
                    throw new IOException("disk full");
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        assertThatThrownBy(() -> ShivizLog.write(List.of("vm1"), RunEvents.of(logs), broken)).isInstanceOf(IOException.class).hasMessage("disk full");
    }
}
