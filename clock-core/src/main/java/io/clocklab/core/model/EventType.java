package io.clocklab.core.model;

/** The three things a machine can do on a tick. */
public enum EventType {
    SEND,
    RECEIVE,
    INTERNAL
}
