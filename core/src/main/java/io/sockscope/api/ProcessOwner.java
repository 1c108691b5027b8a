package io.sockscope.api;

import io.sockscope.model.ProcessName;

/**
 * A process holding a socket through a file descriptor.
 *
 * <p>A process name is bytes that need not be UTF-8 ({@code prctl(PR_SET_NAME)} takes any). {@code command}
 * is those bytes decoded as UTF-8 with nothing lost: a byte B that is not part of valid UTF-8 stands as the
 * lone surrogate U+DC00+B (as Python's {@code surrogateescape} does), so two different names never read
 * alike, and {@link #commandBytes()} gives the kernel's bytes back. For a name that is valid UTF-8, which is
 * nearly every name, {@code command} is simply its text.
 *
 * @param pid     the process id
 * @param tid     the thread id: equal to {@code pid} unless the query asked for threads and another thread was
 *                found holding it
 * @param command the process name as {@code /proc/PID/stat} gives it (what ss prints in {@code users:}),
 *                decoded as described above
 * @param fd      the descriptor number
 */
public record ProcessOwner(int pid, int tid, String command, int fd) {

    /** The process name exactly as the kernel holds it, the bytes ss prints. */
    public byte[] commandBytes() {
        return ProcessName.ofEscapedText(command).bytes();
    }

    /** Whether the name is valid UTF-8, so that {@code command} holds no stand-in for a stray byte. */
    public boolean commandIsUtf8() {
        return !ProcessName.hasEscapedBytes(command);
    }
}
