package io.clocklab.core.run;

import io.clocklab.core.model.Event;

/**
 * One VM's events of a run, read one at a time in seq order (see {@link RunEvents}). Close it when
 * done: a cursor over files holds them open.
 */
public interface EventCursor extends AutoCloseable {

    /**
     * @return the next event, null after the last one
     * @throws java.io.UncheckedIOException when the log cannot be read or holds a line that is not an
     *                                      event; the cause is then a {@link io.clocklab.core.log.LogFormatException}
     *                                      naming the file and line
     */
    Event next();

    @Override
    void close();
}
