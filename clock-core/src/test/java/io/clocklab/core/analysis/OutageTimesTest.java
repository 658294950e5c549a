package io.clocklab.core.analysis;

import io.clocklab.core.model.Event;
import io.clocklab.core.run.Outage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutageTimesTest {

    static final Instant T0 = Instant.parse("2026-11-22T05:00:00Z");

    /** vm2 ticks every 200 ms, except between 8.0 s and 25.4 s (killed, then back in its run). */
    static List<Event> ticksWithAGap() {
        List<Event> events = new ArrayList<>();
        long seq = 0;
        for (long ms = 0; ms <= 30_000; ms += 200) {
            if (ms > 8_000 && ms < 25_400) {
                continue;
            }
            seq++;
            events.add(Event.internal(seq, "vm2", T0.plusMillis(ms), seq, 0));
        }
        return events;
    }

    @Test
    void aRestartSeenLateByARestartedCoordinatorIsMovedBackToTheVmsLastEvent() {
        Outage seen = new Outage("vm2", T0.plusMillis(24_500), T0.plusMillis(25_500), "restarted");

        List<Outage> placed = OutageTimes.fromLogs(List.of(seen), Map.of("vm2", ticksWithAGap()));

        assertThat(placed).containsExactly(new Outage("vm2", T0.plusMillis(8_000), T0.plusMillis(25_400), "restarted"));
    }

    @Test
    void aRestartSeenFromAnEarlierHeartbeatIsMovedForwardToTheVmsLastEvent() {
        Outage seen = new Outage("vm2", T0.plusMillis(5_300), T0.plusMillis(25_500), "restarted");

        assertThat(OutageTimes.fromLogs(List.of(seen), Map.of("vm2", ticksWithAGap())).get(0).from()).isEqualTo(T0.plusMillis(8_000));
    }

    @Test
    void aVmDownUntilTheEndIsDownFromItsLastEvent() {
        List<Event> events = ticksWithAGap().stream().filter(e -> e.systemTime().isBefore(T0.plusMillis(9_000))).toList();
        Outage seen = new Outage("vm2", T0.plusMillis(5_300), null, "restarted");

        assertThat(OutageTimes.fromLogs(List.of(seen), Map.of("vm2", events)))
                .containsExactly(new Outage("vm2", T0.plusMillis(8_000), null, "restarted"));
    }

    @Test
    void anOutageThatIsNotARestartOrHasNoEventsIsKeptAsRecorded() {
        Outage silent = new Outage("vm2", T0.plusMillis(9_000), T0.plusMillis(20_000), "not heard from");
        Outage noLog = new Outage("vm3", T0.plusMillis(9_000), T0.plusMillis(20_000), "restarted");

        assertThat(OutageTimes.fromLogs(List.of(silent, noLog), Map.of("vm2", ticksWithAGap()))).containsExactly(silent, noLog);
    }
}
