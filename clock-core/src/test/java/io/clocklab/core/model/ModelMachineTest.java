package io.clocklab.core.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ModelMachineTest {

    private static final InstantSource TIME = InstantSource.fixed(Instant.parse("2026-11-21T10:00:00.123456789Z"));
    private final MessageQueue queue = new MessageQueue();

    /** A generator that returns the given rolls (as nextInt(1, bound) would), in order. */
    private static RandomGenerator rolls(int... values) {
        return new RandomGenerator() {
            int next;

            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int nextInt(int origin, int bound) {
                return values[next++];
            }
        };
    }

    private ModelMachine machine(RandomGenerator rolls) {
        return new ModelMachine("vm1", "run-1", List.of("vm2", "vm3"), 10, rolls, queue, TIME);
    }

    @Test
    void aQueuedMessageIsReceivedBeforeAnyRoll() {
        ModelMachine machine = machine(rolls());
        queue.add(new Message("run-1", "vm2", "vm2-1", 41));
        queue.add(new Message("run-1", "vm3", "vm3-4", 7));

        TickOutcome outcome = machine.tick();

        assertThat(outcome.event()).isEqualTo(new Event(1, "vm1", EventType.RECEIVE,
                Instant.parse("2026-11-21T10:00:00.123456Z"), 42, 1, null, "vm2-1", "vm2", 41L));
        assertThat(outcome.jump()).isEqualTo(42);
        assertThat(outcome.outbound()).isNull();
    }

    @Test
    void onlyOneMessageIsTakenPerTick() {
        ModelMachine machine = machine(rolls());
        for (int i = 1; i <= 3; i++) {
            queue.add(new Message("run-1", "vm2", "vm2-" + i, i));
        }
        machine.tick();
        assertThat(machine.queueLength()).isEqualTo(2);
    }

    @Test
    void aSendCarriesTheIncrementedClockAndLogsOneEventForAllPeers() {
        ModelMachine machine = machine(rolls(3));

        TickOutcome outcome = machine.tick();

        assertThat(outcome.event().type()).isEqualTo(EventType.SEND);
        assertThat(outcome.event().to()).containsExactly("vm2", "vm3");
        assertThat(outcome.event().logicalClock()).isEqualTo(1);
        assertThat(outcome.outbound()).isEqualTo(new Message("run-1", "vm1", "vm1-1", 1));
        assertThat(outcome.event().messageId()).isEqualTo("vm1-1");
        assertThat(outcome.recipients()).containsExactly("vm2", "vm3");
    }

    @Test
    void anInternalEventAddsOneAndSendsNothing() {
        ModelMachine machine = machine(rolls(4, 10));
        machine.tick();
        TickOutcome outcome = machine.tick();
        assertThat(outcome.event()).isEqualTo(Event.internal(2, "vm1", Instant.parse("2026-11-21T10:00:00.123456Z"), 2, 0));
        assertThat(outcome.recipients()).isEmpty();
    }

    @Test
    void seqCountsEveryEventFromOne() {
        ModelMachine machine = machine(rolls(1, 5, 2));
        queue.add(new Message("run-1", "vm3", "vm3-1", 0));
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seqs.add(machine.tick().event().seq());
        }
        assertThat(seqs).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void theSameSeedGivesTheSameEvents() {
        List<Event> first = run(Seeds.rollsFor(99, "vm1"));
        List<Event> second = run(Seeds.rollsFor(99, "vm1"));
        assertThat(first).isEqualTo(second).hasSize(200);
    }

    @Test
    void anotherSeedGivesOtherEvents() {
        assertThat(run(Seeds.rollsFor(1, "vm1"))).isNotEqualTo(run(Seeds.rollsFor(2, "vm1")));
    }

    /** The largest range the model takes rolls without overflow; 2^31 - 1 once stopped every VM at its first tick. */
    @Test
    void theLargestRandomRangeRollsAndALargerOneIsRefused() {
        ModelMachine widest = new ModelMachine("vm1", "r", List.of("vm2"), RandomRange.MAX, Seeds.rollsFor(1, "vm1"), queue, TIME);
        for (int i = 0; i < 100; i++) {
            assertThat(widest.tick().event().seq()).isEqualTo(i + 1);
        }
        assertThatIllegalArgumentException().isThrownBy(() ->
                new ModelMachine("vm1", "r", List.of("vm2"), Integer.MAX_VALUE, rolls(), queue, TIME))
                .withMessage("randomRange must be at most 1000000000, got 2147483647");
    }

    @Test
    void aMachineCannotBeItsOwnPeer() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                new ModelMachine("vm1", "r", List.of("vm1"), 10, rolls(), queue, TIME));
    }

    @Test
    void randomRangeMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                new ModelMachine("vm1", "r", List.of("vm2"), 0, rolls(), queue, TIME));
    }

    private static List<Event> run(RandomGenerator rolls) {
        ModelMachine machine = new ModelMachine("vm1", "run-1", List.of("vm2", "vm3"), 10, rolls, new MessageQueue(), TIME);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(machine.tick().event());
        }
        return events;
    }

    @Test
    void aMachineResumedFromItsCheckpointGoesOnExactlyAsIfItHadNeverStopped() {
        MessageQueue inboxA = new MessageQueue();
        MessageQueue inboxB = new MessageQueue();
        ModelMachine uninterrupted = new ModelMachine("vm1", "run-1", List.of("vm2", "vm3"), 5, Seeds.rollsFor(99, "vm1"), inboxA, TIME);
        List<Event> first = new ArrayList<>();
        long rolls = 0;
        for (int i = 1; i <= 200; i++) {
            if (i % 7 == 0) {
                inboxA.add(new Message("run-1", "vm2", "vm2-" + i, i * 3L));
            }
            Event event = uninterrupted.tick().event();
            first.add(event);
            rolls += event.type() == EventType.RECEIVE ? 0 : 1;
        }
        Event last = first.get(first.size() - 1);

        ModelMachine resumed = new ModelMachine("vm1", "run-1", List.of("vm2", "vm3"), 5, Seeds.rollsFor(99, "vm1"), inboxB, TIME,
                new Checkpoint(last.seq(), last.logicalClock(), rolls));
        for (int i = 201; i <= 400; i++) {
            if (i % 7 == 0) {
                Message message = new Message("run-1", "vm2", "vm2-" + i, i * 3L);
                inboxA.add(message);
                inboxB.add(message);
            }
            assertThat(resumed.tick()).isEqualTo(uninterrupted.tick());
        }
        assertThat(resumed.clock()).isEqualTo(uninterrupted.clock()).isGreaterThan(last.logicalClock());
    }

    @Test
    void aResumedMachinesNextEventFollowsItsLastOne() {
        ModelMachine resumed = new ModelMachine("vm1", "run-1", List.of("vm2", "vm3"), 10, rolls(5), queue, TIME,
                new Checkpoint(41, 97, 0));
        Event next = resumed.tick().event();
        assertThat(next.seq()).isEqualTo(42);
        assertThat(next.logicalClock()).isEqualTo(98);
    }
}
