package io.sockscope.cli;

/** The command line cannot be run as given; the message is printed as one line and the code is the exit code. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** ss exits with -1 (255) on usage errors; scripts that check for it keep working. */
    static final int SS_USAGE_EXIT = 255;

    private final int exitCode;

    UsageException(String message) {
        this(message, SS_USAGE_EXIT);
    }

    UsageException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
