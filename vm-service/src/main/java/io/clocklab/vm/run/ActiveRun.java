package io.clocklab.vm.run;

import io.clocklab.core.control.Peer;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.VmState;
import io.clocklab.core.log.JsonLinesEventLog;
import io.clocklab.core.model.ClockKind;
import io.clocklab.core.model.Message;
import io.clocklab.core.model.MessageQueue;
import io.clocklab.core.model.ModelMachine;
import io.clocklab.core.model.SkewedTime;
import io.clocklab.core.model.Stamp;
import io.clocklab.core.model.VectorTime;
import io.clocklab.core.wire.FrameRejectedException;
import io.clocklab.core.wire.RejectReason;

import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/** The VM's current run: its settings, machine, queue, receipts and log, and where it stands. */
final class ActiveRun {

    final RunSetup setup;
    final MessageQueue queue;
    final ModelMachine machine;
    /** The time the machine reads: the wall clock, skewed as the run's set-up says. */
    final SkewedTime time;
    final JsonLinesEventLog log;
    final Receipts receipts;
    /** The run's peers: the only senders whose HELLO is accepted. */
    final Set<String> peerNames;
    /**
     * Room in the queue: one permit per free place. A side-port thread takes one before it queues
     * (waiting, outside any lock, while there is none), and gives it back when the message turns out
     * a duplicate; the ticker gives one back for each message it receives. So the queue never holds
     * more than the bound.
     */
    final Semaphore room;
    volatile VmState state = VmState.WAITING;
    private TickLoop ticker;

    ActiveRun(RunSetup setup, MessageQueue queue, int capacity, ModelMachine machine, SkewedTime time, JsonLinesEventLog log,
              Receipts receipts) {
        this.time = time;
        this.room = new Semaphore(capacity);
        this.setup = setup;
        this.queue = queue;
        this.machine = machine;
        this.log = log;
        this.receipts = receipts;
        this.peerNames = setup.peers().stream().map(Peer::name).collect(Collectors.toUnmodifiableSet());
    }

    String id() {
        return setup.runId();
    }

    /**
     * A message carries the time of the run's clock algorithm, and a vector counts only the run's
     * VMs: a peer of another version or set-up would otherwise make this VM's clock wrong silently.
     *
     * @throws FrameRejectedException wrong_clock otherwise
     */
    void requireRunsClock(Message message) throws FrameRejectedException {
        ClockKind kind = setup.clock();
        Stamp stamp = message.stamp();
        ClockKind carried = stamp == null ? ClockKind.LAMPORT : stamp.kind();
        if (carried != kind) {
            throw new FrameRejectedException(RejectReason.WRONG_CLOCK, "message " + message.messageId() + " carries "
                    + carried.label() + " time, run " + id() + " uses " + kind.label() + " clocks");
        }
        if (stamp instanceof VectorTime vector) {
            for (String vm : vector.counts().keySet()) {
                if (!peerNames.contains(vm) && !vm.equals(machine.name())) {
                    throw new FrameRejectedException(RejectReason.WRONG_CLOCK, "message " + message.messageId()
                            + "'s vector counts " + vm + ", which is not in run " + id());
                }
            }
        }
    }

    synchronized void startTicking(TickLoop ticker) {
        this.ticker = ticker;
        state = VmState.RUNNING;
    }

    synchronized void stopTicking() {
        if (ticker != null) {
            ticker.stop();
        }
        if (state == VmState.RUNNING) {
            state = VmState.STOPPED;
        }
    }
}
