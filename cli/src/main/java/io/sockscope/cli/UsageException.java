package io.sockscope.cli;

/** The command line cannot be run as given; the message is printed as one line and the code is the exit code. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** ss exits with -1 (255) on usage errors; scripts that check for it keep working. */
    static final int SS_USAGE_EXIT = 255;

    private final int exitCode;
    private final boolean pointsToHelp;

    UsageException(String message) {
        this(message, SS_USAGE_EXIT);
    }

    /** A failure with {@code exitCode}; ss's usage-error code also points the user to {@code -h}. */
    UsageException(String message, int exitCode) {
        this(message, exitCode, exitCode == SS_USAGE_EXIT);
    }

    /** A failure with {@code exitCode} whose line points to {@code -h} or not (255 is not only ss's usage error). */
    UsageException(String message, int exitCode, boolean pointsToHelp) {
        super(message);
        this.exitCode = exitCode;
        this.pointsToHelp = pointsToHelp;
    }

    int exitCode() {
        return exitCode;
    }

    /** Whether the line should end by pointing to {@code sockscope -h}: a command line it cannot parse. */
    boolean pointsToHelp() {
        return pointsToHelp;
    }
}
