package io.clocklab.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MessageIdsTest {

    @Test
    void anIdIsTheSenderAndTheSeqOfItsSend() {
        assertThat(MessageIds.of("vm2", 17)).isEqualTo("vm2-17");
        assertThat(MessageIds.seqOf("vm2-17")).isEqualTo(17);
    }

    @Test
    void namesWithDashesKeepTheirSeqAfterTheLastDash() {
        assertThat(MessageIds.seqOf(MessageIds.of("vm-a-1", 40))).isEqualTo(40);
        assertThat(MessageIds.seqIfFrom("vm-a-1", "vm-a-1-40")).isEqualTo(40);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm2", "vm2-", "-17", "vm2-0", "vm2-017", "vm2-+1", "vm2-1x", "vm2-99999999999999999999"})
    void anythingElseIsNoMessageId(String id) {
        assertThatIllegalArgumentException().isThrownBy(() -> MessageIds.seqOf(id));
        assertThat(MessageIds.seqIfFrom("vm2", id)).isEqualTo(-1);
    }

    @Test
    void anIdFromAnotherSenderIsNotTheirs() {
        assertThat(MessageIds.seqIfFrom("vm2", "vm3-4")).isEqualTo(-1);
        assertThat(MessageIds.seqIfFrom("vm2", "vm22-4")).isEqualTo(-1);
        assertThat(MessageIds.seqIfFrom("vm2", "vm2-4")).isEqualTo(4);
    }

    @Test
    void aSeqStartsAtOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> MessageIds.of("vm2", 0));
    }

    @Test
    void everySeqAnIdCanBeWrittenWithReadsBackUpToTheLargestLong() {
        assertThat(MessageIds.seqOf(MessageIds.of("vm1", Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(MessageIds.seqOf(MessageIds.of("vm1", 1_000_000_000_000_000_000L))).isEqualTo(1_000_000_000_000_000_000L);
        assertThat(MessageIds.seqIfFrom("vm1", "vm1-9223372036854775808")).as("one past Long.MAX_VALUE").isEqualTo(-1);
        assertThat(MessageIds.seqIfFrom("vm1", "vm1-99999999999999999999")).as("20 digits").isEqualTo(-1);
    }
}
