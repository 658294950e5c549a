package io.clocklab.core.check;

import io.clocklab.core.model.Event;
import io.clocklab.core.model.MessageQueue;
import io.clocklab.core.model.ModelMachine;
import io.clocklab.core.model.Seeds;
import io.clocklab.core.model.TickOutcome;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Honest runs for the checker's tests: machines ticking in a fixed pattern, messages delivered at once. */
final class SmallRuns {

    private SmallRuns() {
    }

    /** @param ticksPerRound how often each machine ticks per round (a slow machine ticks less) */
    static Map<String, List<Event>> run(long seed, int rounds, Map<String, Integer> ticksPerRound) {
        List<String> names = List.copyOf(ticksPerRound.keySet());
        Map<String, MessageQueue> queues = new LinkedHashMap<>();
        Map<String, ModelMachine> machines = new LinkedHashMap<>();
        Map<String, List<Event>> events = new LinkedHashMap<>();
        for (String name : names) {
            queues.put(name, new MessageQueue());
            List<String> peers = names.stream().filter(n -> !n.equals(name)).toList();
            machines.put(name, new ModelMachine(name, "run", peers, 10, Seeds.rollsFor(seed, name), queues.get(name),
                    InstantSource.fixed(Instant.EPOCH)));
            events.put(name, new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
            for (String name : names) {
                for (int i = 0; i < ticksPerRound.get(name); i++) {
                    TickOutcome outcome = machines.get(name).tick();
                    events.get(name).add(outcome.event());
                    outcome.recipients().forEach(to -> queues.get(to).add(outcome.outbound()));
                }
            }
        }
        return events;
    }
}
