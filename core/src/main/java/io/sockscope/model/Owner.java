package io.sockscope.model;

/**
 * A process (or thread) holding a socket through a file descriptor.
 *
 * @param command the process name from {@code /proc/<pid>/stat} (up to the first ')', as ss reads it)
 * @param pid     process id
 * @param tid     thread id; equal to {@code pid} unless a per-thread scan ({@code -T}) found it
 * @param fd      the descriptor number
 */
public record Owner(String command, int pid, int tid, int fd) {
}
