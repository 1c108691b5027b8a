package io.sockscope.api;

/**
 * A process holding a socket through a file descriptor.
 *
 * @param pid     the process id
 * @param tid     the thread id: equal to {@code pid} unless the query asked for threads and another thread was
 *                found holding it
 * @param command the process name as {@code /proc/PID/stat} gives it (what ss prints in {@code users:})
 * @param fd      the descriptor number
 */
public record ProcessOwner(int pid, int tid, String command, int fd) {
}
