package io.clocklab.vm.run;

import io.clocklab.core.control.Peer;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.RunStart;
import io.clocklab.core.model.Message;
import io.clocklab.vm.Node;
import io.clocklab.vm.VmClient;
import io.clocklab.vm.net.Inbound.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The queue's bound on {@link VmRuntime#deliver}: a full queue makes a delivery wait, never drop. */
class QueueBoundTest {

    private static final Duration LONG = Duration.ofSeconds(10);

    @TempDir
    Path logs;
    private Node vm;
    private final String runId = VmClient.newRunId();

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
    }

    private Node node(int bound) {
        vm = new Node("vmB", logs, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(1), bound);
        return vm;
    }

    private RunSetup setup(String id, int rate) {
        return new RunSetup(id, List.of(new Peer("vmA", "127.0.0.1:1")), rate, 10, 12);
    }

    private Message message(long seq) {
        return new Message(runId, "vmA", "vmA-" + seq, seq);
    }

    private CompletableFuture<Delivery> deliverAsync(Message message, AtomicBoolean open) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return vm.runtime.deliver(message, open::get);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aFullQueueMakesDeliverWaitUntilATickTakesOne() throws Exception {
        node(2);
        vm.runtime.setUp(setup(runId, 5));
        assertThat(vm.runtime.deliver(message(1))).isEqualTo(Delivery.QUEUED);
        assertThat(vm.runtime.deliver(message(2))).isEqualTo(Delivery.QUEUED);
        assertThat(vm.backpressureWaits()).isZero();

        CompletableFuture<Delivery> third = deliverAsync(message(3), new AtomicBoolean(true));
        await().during(Duration.ofMillis(300)).atMost(LONG).until(() -> !third.isDone() && vm.runtime.view().queueLength() == 2);
        assertThat(vm.backpressureWaits()).isEqualTo(1);
        assertThat(vm.runtime.view().logicalClock()).as("GET /clock is not held up by the wait").isZero();

        vm.runtime.start(new RunStart(runId, Instant.now(), null));
        assertThat(third.get(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(Delivery.QUEUED);
        assertThat(vm.runtime.view().queueLength()).isLessThanOrEqualTo(2);
        await().atMost(LONG).until(() -> vm.receivedFrom(runId, "vmA").size() == 3);
        assertThat(vm.receivedFrom(runId, "vmA")).containsExactly("vmA-1", "vmA-2", "vmA-3");
    }

    @Test
    void aDuplicateGivesItsPlaceBack() throws Exception {
        node(2);
        vm.runtime.setUp(setup(runId, 5));
        assertThat(vm.runtime.deliver(message(1))).isEqualTo(Delivery.QUEUED);
        assertThat(vm.runtime.deliver(message(1))).isEqualTo(Delivery.DUPLICATE);
        assertThat(vm.runtime.deliver(message(2))).isEqualTo(Delivery.QUEUED);
        assertThat(vm.backpressureWaits()).as("the duplicate took no place").isZero();
        assertThat(vm.runtime.view().queueLength()).isEqualTo(2);
    }

    @Test
    void theWaitEndsWhenTheConnectionCloses() throws Exception {
        node(1);
        vm.runtime.setUp(setup(runId, 5));
        vm.runtime.deliver(message(1));
        AtomicBoolean open = new AtomicBoolean(true);
        CompletableFuture<Delivery> waiting = deliverAsync(message(2), open);
        await().during(Duration.ofMillis(200)).atMost(LONG).until(() -> !waiting.isDone());
        open.set(false);
        assertThat(waiting.get(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(Delivery.GAVE_UP);
        assertThat(vm.runtime.view().queueLength()).isEqualTo(1);
    }

    @Test
    void theWaitEndsWhenTheRunStopsOrIsSwitched() throws Exception {
        node(1);
        vm.runtime.setUp(setup(runId, 1));
        vm.runtime.deliver(message(1));
        vm.runtime.start(new RunStart(runId, Instant.now().plusSeconds(3600), null)); // RUNNING, no tick for an hour
        CompletableFuture<Delivery> waiting = deliverAsync(message(2), new AtomicBoolean(true));
        await().during(Duration.ofMillis(200)).atMost(LONG).until(() -> !waiting.isDone());
        vm.runtime.stop(runId);
        assertThat(waiting.get(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(Delivery.GAVE_UP);

        String next = VmClient.newRunId();
        vm.runtime.setUp(setup(next, 1));
        vm.runtime.deliver(new Message(next, "vmA", "vmA-1", 1));
        CompletableFuture<Delivery> switched = CompletableFuture.supplyAsync(() -> {
            try {
                return vm.runtime.deliver(new Message(next, "vmA", "vmA-2", 2), () -> true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().during(Duration.ofMillis(200)).atMost(LONG).until(() -> !switched.isDone());
        vm.runtime.setUp(setup(VmClient.newRunId(), 1)); // a run switch: takes the lock while the delivery waits
        assertThat(switched.get(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(Delivery.GAVE_UP);
        assertThat(vm.runtime.view().queueLength()).as("the new run's queue is empty").isZero();
    }
}
