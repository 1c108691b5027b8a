package io.sockscope.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The width of the terminal on a file descriptor ({@code isatty} + {@code TIOCGWINSZ}), which decides whether
 * ss spreads its columns over the screen or prints them compact.
 */
public final class TerminalWidth {
    private static final long TIOCGWINSZ = 0x5413;

    private TerminalWidth() {
    }

    /**
     * Whether {@code fd} is a terminal at all ({@code isatty}), sized or not: a terminal whose size is unset (a
     * pseudo-terminal nobody sized) still obeys what is written to it.
     */
    public static boolean isTerminal(int fd) {
        if (JniCalls.AVAILABLE) {
            // Straight to the library: Libc's first use would start the foreign-memory API (see of()).
            return JniCalls.isatty(fd) == 1;
        }
        return Libc.isatty(fd) == 1;
    }

    /** The column count of the terminal on {@code fd}, or -1 when it is not a terminal or has no size. */
    public static int of(int fd) {
        if (JniCalls.AVAILABLE) {
            // One call that needs no struct in native memory.
            long columns = JniCalls.terminalColumns(fd);
            return columns > 0 ? (int) columns : -1;
        }
        if (Libc.isatty(fd) != 1) {
            return -1;
        }
        try (Arena arena = Arena.ofConfined()) {
            // struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; }
            MemorySegment winsize = arena.allocate(8, 2);
            if (Libc.ioctl(fd, TIOCGWINSZ, winsize) == -1) {
                return -1;
            }
            int columns = Short.toUnsignedInt(winsize.get(ValueLayout.JAVA_SHORT, 2));
            return columns > 0 ? columns : -1;
        }
    }
}
