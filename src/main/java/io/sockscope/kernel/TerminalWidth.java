package io.sockscope.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The width of the terminal on a file descriptor ({@code isatty} + {@code TIOCGWINSZ}), which decides whether
 * ss spreads its columns over the screen or prints them compact.
 */
public final class TerminalWidth {
    private static final int TIOCGWINSZ = 0x5413;

    private TerminalWidth() {
    }

    /** The column count of the terminal on {@code fd}, or -1 when it is not a terminal or has no size. */
    public static int of(int fd) {
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle isatty = linker.downcallHandle(linker.defaultLookup().findOrThrow("isatty"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            if ((int) isatty.invokeExact(fd) != 1) {
                return -1;
            }
            MethodHandle ioctl = linker.downcallHandle(linker.defaultLookup().findOrThrow("ioctl"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                            ValueLayout.ADDRESS),
                    Linker.Option.firstVariadicArg(2));
            try (Arena arena = Arena.ofConfined()) {
                // struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; }
                MemorySegment winsize = arena.allocate(8, 2);
                if ((int) ioctl.invokeExact(fd, (long) TIOCGWINSZ, winsize) == -1) {
                    return -1;
                }
                int columns = Short.toUnsignedInt(winsize.get(ValueLayout.JAVA_SHORT, 2));
                return columns > 0 ? columns : -1;
            }
        } catch (Throwable t) {
            // No terminal information means compact output, which is what ss does when ioctl fails.
            return -1;
        }
    }
}
