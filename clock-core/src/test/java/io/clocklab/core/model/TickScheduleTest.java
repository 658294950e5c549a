package io.clocklab.core.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TickScheduleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void slotsAreDueOnTheNominalGrid() {
        TickSchedule schedule = TickSchedule.endless(5 * SECOND, 4);
        assertThat(schedule.dueAt(0)).isEqualTo(5 * SECOND);
        assertThat(schedule.dueAt(1)).isEqualTo(5 * SECOND + SECOND / 4);
        assertThat(schedule.dueAt(4)).isEqualTo(6 * SECOND);
    }

    @Test
    void theGridDoesNotDriftWhenThePeriodIsNotWholeNanoseconds() {
        TickSchedule schedule = TickSchedule.endless(0, 3);
        assertThat(schedule.dueAt(3_000_000)).isEqualTo(1_000_000 * SECOND);
    }

    @Test
    void onTimeTicksRunEverySlot() {
        TickSchedule schedule = TickSchedule.endless(0, 6);
        assertThat(schedule.nextSlot(0, schedule.dueAt(0) + 1000)).isEqualTo(1);
    }

    @Test
    void aLateTickStillRunsInItsOwnPeriodButTheNextOneIsNotPulledForward() {
        TickSchedule schedule = TickSchedule.endless(0, 2);
        // slot 1 ran 400 ms late (due at 500 ms): slot 2 is still due at 1000 ms, not at 900 ms.
        long now = 900_000_000L;
        long next = schedule.nextSlot(1, now);
        assertThat(next).isEqualTo(2);
        assertThat(schedule.dueAt(next)).isEqualTo(SECOND);
    }

    @Test
    void missedSlotsAreDroppedNotBurst() {
        TickSchedule schedule = TickSchedule.endless(0, 10);
        // slot 0 ran, then the thread stalled for 1.05 s: slots 1..9 are gone, slot 10 runs now.
        long now = 1_050_000_000L;
        assertThat(schedule.nextSlot(0, now)).isEqualTo(10);
        assertThat(schedule.nextSlot(10, now + 1)).isEqualTo(11);
    }

    @Test
    void aRunOfSixtySecondsHasRateTimesSixtySlots() {
        for (int rate = 1; rate <= 6; rate++) {
            TickSchedule schedule = new TickSchedule(7, rate, 7 + 60 * SECOND);
            List<Long> slots = new ArrayList<>();
            for (long slot = schedule.nextSlot(-1, 7); schedule.runs(slot); slot = schedule.nextSlot(slot, schedule.dueAt(slot))) {
                slots.add(slot);
            }
            assertThat(slots).hasSize(60 * rate);
        }
    }

    @Test
    void beforeTheStartTheFirstSlotIsZero() {
        TickSchedule schedule = TickSchedule.endless(10 * SECOND, 1);
        assertThat(schedule.nextSlot(-1, 0)).isZero();
    }

    @Test
    void theRateMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> TickSchedule.endless(0, 0));
    }
}
