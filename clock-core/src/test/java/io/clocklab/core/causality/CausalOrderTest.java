package io.clocklab.core.causality;

import io.clocklab.core.model.Event;
import io.clocklab.core.run.RunEvents;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.clocklab.core.causality.HandMade.at;
import static io.clocklab.core.causality.HandMade.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CausalOrderTest {

    private record Seen(String event, List<Long> vector, long chain) {
    }

    private static List<Seen> stream(List<String> vms, Map<String, List<Event>> logs, long[] withoutSend) {
        List<Seen> seen = new ArrayList<>();
        CausalOrder.stream(vms, RunEvents.of(logs), new CausalOrder.Listener() {
            @Override
            public void event(int vm, Event event, long[] vector, long chain) {
                seen.add(new Seen(event.vm() + event.seq(), Arrays.stream(vector).boxed().toList(), chain));
            }

            @Override
            public void end(long receivesWithoutSend) {
                withoutSend[0] = receivesWithoutSend;
            }
        });
        return seen;
    }

    /** a sends to b and c at once; c forwards to b; b receives both. */
    @Test
    void eachEventGetsTheCountsOfEveryVmsEventsInItsPast() {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        logs.put("a", List.of(Event.send(1, "a", at(0), 1, 0, List.of("b", "c"), "a-1")));
        logs.put("b", List.of(Event.internal(1, "b", at(0.1), 1, 0),
                Event.receive(2, "b", at(0.3), 2, 1, from("a", "a-1", 1)),
                Event.receive(3, "b", at(0.4), 4, 0, from("c", "c-1", 3))));
        logs.put("c", List.of(Event.internal(1, "c", at(0), 1, 0),
                Event.receive(2, "c", at(0.1), 2, 0, from("a", "a-1", 1)),
                Event.send(3, "c", at(0.2), 3, 0, List.of("b"), "c-1")));
        long[] withoutSend = {-1};

        List<Seen> seen = stream(List.of("a", "b", "c"), logs, withoutSend);

        assertThat(seen).containsExactly(
                new Seen("a1", List.of(1L, 0L, 0L), 1),
                new Seen("c1", List.of(0L, 0L, 1L), 1),
                new Seen("b1", List.of(0L, 1L, 0L), 1),
                new Seen("c2", List.of(1L, 0L, 2L), 2),
                new Seen("c3", List.of(1L, 0L, 3L), 3),
                new Seen("b2", List.of(1L, 2L, 0L), 2),
                new Seen("b3", List.of(1L, 3L, 3L), 4));
        assertThat(withoutSend[0]).isZero();
    }

    /** b's clock runs 5 s behind: its receive is stamped before the send, and still comes after it. */
    @Test
    void aReceiveStampedBeforeItsSendStillComesAfterIt() {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        logs.put("a", List.of(Event.internal(1, "a", at(4), 1, 0), Event.send(2, "a", at(5), 2, 0, List.of("b"), "a-1")));
        logs.put("b", List.of(Event.receive(1, "b", at(0.5), 3, 0, from("a", "a-1", 2)), Event.internal(2, "b", at(1), 4, 0)));

        List<Seen> seen = stream(List.of("a", "b"), logs, new long[1]);

        assertThat(seen).extracting(Seen::event).containsExactly("a1", "a2", "b1", "b2");
        assertThat(seen.get(2).vector()).containsExactly(2L, 1L);
    }

    /** The sender's log is missing (or was cut): the receive is counted, merges nothing, and the others go on. */
    @Test
    void aReceiveWhoseSendIsInNoLogIsCountedAndMergesNothing() {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        logs.put("a", List.of(Event.receive(1, "a", at(0), 8, 0, from("ghost", "ghost-1", 7)),
                Event.send(2, "a", at(1), 9, 0, List.of("b"), "a-1")));
        logs.put("b", List.of(Event.receive(1, "b", at(0.5), 2, 0, from("a", "a-9", 1)),
                Event.receive(2, "b", at(2), 10, 0, from("a", "a-1", 9))));
        long[] withoutSend = {-1};

        List<Seen> seen = stream(List.of("a", "b"), logs, withoutSend);

        assertThat(seen).extracting(Seen::event).containsExactly("a1", "a2", "b1", "b2");
        assertThat(seen.get(0).vector()).containsExactly(1L, 0L);
        assertThat(seen.get(3).vector()).containsExactly(2L, 2L);
        assertThat(withoutSend[0]).isEqualTo(2);
    }

    /** Only blocked receives at the heads: the one whose sender's log is finished goes first, not merely the earliest. */
    @Test
    void whenEveryHeadWaitsTheOneWhoseSenderHasFinishedGoesFirst() {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        // a's receive waits for b's send, which comes after b's receive from c; c's log ends before its send
        logs.put("a", List.of(Event.receive(1, "a", at(0.1), 3, 0, from("b", "b-1", 2))));
        logs.put("b", List.of(Event.receive(1, "b", at(0.2), 2, 0, from("c", "c-1", 1)),
                Event.send(2, "b", at(0.3), 3, 0, List.of("a"), "b-1")));
        logs.put("c", List.of());
        long[] withoutSend = {-1};

        List<Seen> seen = stream(List.of("a", "b", "c"), logs, withoutSend);

        assertThat(seen).extracting(Seen::event).containsExactly("b1", "b2", "a1");
        assertThat(seen.get(2).vector()).containsExactly(1L, 2L, 0L);
        assertThat(withoutSend[0]).isEqualTo(1);
    }

    @Test
    void theVectorsOfChosenEventsAreKeptAndNoOthers() {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        logs.put("a", List.of(Event.send(1, "a", at(0), 1, 0, List.of("b"), "a-1"), Event.internal(2, "a", at(1), 2, 0)));
        logs.put("b", List.of(Event.receive(1, "b", at(0.5), 2, 0, from("a", "a-1", 1))));

        Map<String, long[]> vectors = CausalOrder.vectors(List.of("a", "b"), RunEvents.of(logs), java.util.Set.of("b#1", "a#2", "c#9"));

        assertThat(vectors).containsOnlyKeys("b#1", "a#2");
        assertThat(vectors.get("b#1")).containsExactly(1, 1);
        assertThat(vectors.get("a#2")).containsExactly(2, 0);
    }

    /** b receives a-1 twice; c, the other recipient, still gets a-1's past, and nothing is counted without a send. */
    @Test
    void aRecipientReceivingTwiceTakesNoOtherRecipientsTurn() {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        logs.put("a", List.of(Event.send(1, "a", at(0), 1, 0, List.of("b", "c"), "a-1")));
        logs.put("b", List.of(Event.receive(1, "b", at(0.1), 2, 0, from("a", "a-1", 1)), Event.receive(2, "b", at(0.2), 3, 0, from("a", "a-1", 1))));
        logs.put("c", List.of(Event.internal(1, "c", at(0.05), 1, 0), Event.receive(2, "c", at(0.3), 2, 0, from("a", "a-1", 1))));
        long[] withoutSend = {-1};

        List<Seen> seen = stream(List.of("a", "b", "c"), logs, withoutSend);

        assertThat(seen).filteredOn(s -> s.event().equals("c2")).singleElement().extracting(Seen::vector).isEqualTo(List.of(1L, 0L, 2L));
        assertThat(seen).filteredOn(s -> s.event().equals("b2")).singleElement().extracting(Seen::vector).isEqualTo(List.of(1L, 2L, 0L));
        assertThat(withoutSend[0]).isZero();
    }

    /**
     * b receives a-1, then again (a duplicate, its SEND gone), then sends b-1 to a; a's clock runs behind,
     * so a's receive of b-1 is stamped earliest, and both receives wait at once. The duplicate goes first
     * (a's clock is already past a-1's), not the earliest: a's receive still gets b's past.
     */
    @Test
    void whenEveryHeadWaitsADuplicateWhoseSendIsBehindGoesFirstNotTheEarliest() {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        logs.put("a", List.of(Event.send(1, "a", at(0), 1, 0, List.of("b"), "a-1"), Event.receive(2, "a", at(0.1), 5, 0, from("b", "b-1", 4))));
        logs.put("b", List.of(Event.receive(1, "b", at(1), 2, 0, from("a", "a-1", 1)), Event.receive(2, "b", at(1.1), 3, 0, from("a", "a-1", 1)),
                Event.send(3, "b", at(1.2), 4, 0, List.of("a"), "b-1")));
        long[] withoutSend = {-1};

        List<Seen> seen = stream(List.of("a", "b"), logs, withoutSend);

        assertThat(seen).extracting(Seen::event).containsExactly("a1", "b1", "b2", "b3", "a2");
        assertThat(seen.get(4).vector()).containsExactly(2L, 3L);
        assertThat(withoutSend[0]).isEqualTo(1);
    }

    /** A SEND only to VMs without a log is not held; more messages in flight than allowed stop the derivation with a clear error. */
    @Test
    void messagesInFlightAreCappedAndThoseNobodyHereCanReceiveAreNotHeld() {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        logs.put("a", List.of(Event.send(1, "a", at(0), 1, 0, List.of("ghost"), "a-1"), Event.send(2, "a", at(1), 2, 0, List.of("ghost"), "a-2"),
                Event.send(3, "a", at(2), 3, 0, List.of("b"), "a-3"), Event.send(4, "a", at(3), 4, 0, List.of("b"), "a-4")));
        logs.put("b", List.of(Event.internal(1, "b", at(5), 1, 0)));
        CausalOrder.Listener ignore = (vm, event, vector, chain) -> { };

        CausalOrder.stream(List.of("a", "b"), RunEvents.of(Map.of("a", logs.get("a").subList(0, 3), "b", logs.get("b"))), ignore, 1);
        assertThatThrownBy(() -> CausalOrder.stream(List.of("a", "b"), RunEvents.of(logs), ignore, 1))
                .isInstanceOf(CausalityLimitException.class)
                .hasMessage("happens-before not derived: more than 1 messages were sent and not yet received at one point of the run"
                        + " (a VM far behind its peers keeps a growing backlog), more than the derivation holds");
    }
}
