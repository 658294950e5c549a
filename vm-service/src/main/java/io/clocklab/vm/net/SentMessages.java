package io.clocklab.vm.net;

import io.clocklab.core.model.Message;

import java.io.IOException;
import java.util.List;

/**
 * The messages this VM sent in a run, read back from its own log (every SEND is logged, with its
 * id, clock and recipients, before it is handed to a link). A link keeps at most
 * {@code clocklab.vm.max-unconfirmed-in-memory} messages per peer in memory and reads the rest
 * from here when it must send them.
 */
@FunctionalInterface
public interface SentMessages {

    /**
     * The messages addressed to {@code peer} whose seq is above {@code afterSeq} and at most
     * {@code upToSeq}, oldest first, at most {@code max} of them. Fewer than {@code max} means there
     * are no more in that range.
     */
    List<Message> sentTo(String peer, long afterSeq, long upToSeq, int max) throws IOException;
}
