package io.sockscope.kernel;

/**
 * The width of the terminal on a file descriptor ({@code isatty} + {@code TIOCGWINSZ}), which decides whether
 * ss spreads its columns over the screen or prints them compact.
 */
public final class TerminalWidth {
    private TerminalWidth() {
    }

    /**
     * Whether {@code fd} is a terminal at all ({@code isatty}), sized or not: a terminal whose size is unset (a
     * pseudo-terminal nobody sized) still obeys what is written to it.
     */
    public static boolean isTerminal(int fd) {
        return NativeLayer.syscalls().isatty(fd) == 1;
    }

    /** The column count of the terminal on {@code fd}, or -1 when it is not a terminal or has no size. */
    public static int of(int fd) {
        long columns = NativeLayer.syscalls().terminalColumns(fd);
        return columns > 0 ? (int) columns : -1;
    }
}
