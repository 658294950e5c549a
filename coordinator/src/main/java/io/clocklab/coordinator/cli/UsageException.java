package io.clocklab.coordinator.cli;

/** The command line itself is wrong: exit code 2, with the usage. */
class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
