package io.clocklab.core.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TickAgendaTest {

    @Test
    void theEarliestVmTicksNextAndTheFirstInOrderOnTies() {
        TickAgenda agenda = new TickAgenda(4);
        agenda.add(3, 5);
        agenda.add(2, 0);
        agenda.add(1, 5);
        agenda.add(0, 5);
        List<String> order = new ArrayList<>();
        while (!agenda.isEmpty()) {
            order.add(agenda.nextVm() + "@" + agenda.nextDue());
            agenda.removeNext();
        }
        assertThat(order).containsExactly("2@0", "0@5", "1@5", "3@5");
    }

    @Test
    void aRescheduledVmTakesItsPlaceByItsNewTime() {
        TickAgenda agenda = new TickAgenda(3);
        agenda.add(0, 0);
        agenda.add(1, 10);
        agenda.add(2, 20);
        agenda.reschedule(15);
        assertThat(agenda.nextVm()).isEqualTo(1);
        agenda.reschedule(15);
        // 0 and 1 are both due at 15: 0 first
        assertThat(agenda.nextVm()).isEqualTo(0);
        assertThat(agenda.nextDue()).isEqualTo(15);
    }
}
