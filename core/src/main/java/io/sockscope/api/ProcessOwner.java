package io.sockscope.api;

/**
 * A process holding a socket through a file descriptor. Made by the library only; accessors may be added in a
 * later version (docs/library.md, Compatibility).
 *
 * <p>A process name is bytes that need not be UTF-8 ({@code prctl(PR_SET_NAME)} takes any). {@link #command()}
 * is those bytes decoded as UTF-8 with nothing lost: a byte B that is not part of valid UTF-8 stands as the
 * lone surrogate U+DC00+B (as Python's {@code surrogateescape} does), so two different names never read
 * alike, and {@link #commandBytes()} gives the kernel's bytes back. For a name that is valid UTF-8, which is
 * nearly every name, {@code command} is simply its text.
 */
public sealed interface ProcessOwner permits ProcessOwnerRecord {
    /** {@return the process id} */
    int pid();

    /**
     * {@return the thread id} Equal to {@link #pid()} unless the query asked for threads and another thread was
     * found holding the socket.
     */
    int tid();

    /**
     * {@return the process name as {@code /proc/PID/stat} gives it} That is what ss prints in {@code users:},
     * decoded as the type's description says.
     */
    String command();

    /** {@return the descriptor number} */
    int fd();

    /** {@return the process name exactly as the kernel holds it, the bytes ss prints; a fresh array} */
    byte[] commandBytes();

    /** {@return whether the name is valid UTF-8, so that {@link #command()} holds no stand-in for a stray byte} */
    boolean commandIsUtf8();
}
