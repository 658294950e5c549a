package io.clocklab.coordinator.run;

import io.clocklab.core.archive.Run;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The runs, in memory and in the data directory, and which one the VMs hold. Every method is
 * short and makes no network call, so reads (the API, the pages) never wait for a VM.
 */
@Component
public class RunStore {

    private final RunArchive archive;
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private String currentId;

    public RunStore(RunArchive archive) {
        this.archive = archive;
    }

    /** Every run in the data directory, oldest first; called once at start-up. */
    synchronized List<Run> load() {
        List<Run> loaded = archive.loadAll();
        loaded.forEach(run -> runs.put(run.id(), run));
        return loaded;
    }

    /** Saves a run (to disk first) and returns it. */
    public synchronized Run save(Run run) {
        archive.save(run);
        runs.put(run.id(), run);
        return run;
    }

    /** Saves a run and makes it the one the VMs hold. */
    synchronized Run saveCurrent(Run run) {
        save(run);
        currentId = run.id();
        return run;
    }

    /** Applies a change to a stored run and saves it; returns the changed run, or empty if there is none. */
    synchronized Optional<Run> update(String id, UnaryOperator<Run> change) {
        Run run = runs.get(id);
        if (run == null) {
            return Optional.empty();
        }
        Run changed = change.apply(run);
        if (!changed.equals(run)) {
            save(changed);
        }
        return Optional.of(changed);
    }

    public synchronized Optional<Run> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    public synchronized List<Run> all() {
        return List.copyOf(runs.values());
    }

    public synchronized boolean exists(String id) {
        return runs.containsKey(id);
    }

    /** The run the VMs hold, if any: ended runs stay current until the next one starts. */
    public synchronized Optional<Run> current() {
        return currentId == null ? Optional.empty() : Optional.ofNullable(runs.get(currentId));
    }

    /** The current run while it is live. */
    public synchronized Optional<Run> live() {
        return current().filter(Run::isRunning);
    }
}
