package io.clocklab.it;

import io.clocklab.core.model.Event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every VM's log of a live run, cut at one wall-clock instant. Logs read one after another are not
 * a consistent snapshot (a VM read later may have received a message sent after an earlier VM was
 * read); keeping only events stamped before an instant that precedes every read is one, because
 * the containers share the host's clock and a SEND is always stamped before its RECEIVE.
 */
final class ClusterLogs {

    private ClusterLogs() {
    }

    static Map<String, List<Event>> readConsistently(List<String> vms, Function<String, String> urlOf) {
        // Margin for an event stamped just before the cut but appended just after the reads began.
        Instant cut = Instant.now().minusMillis(500);
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        for (String vm : vms) {
            logs.put(vm, Http.log(urlOf.apply(vm)).stream().filter(e -> !e.systemTime().isAfter(cut)).toList());
        }
        return logs;
    }
}
