package io.sockscope.model;

import java.util.Objects;

/**
 * A process (or thread) holding a socket through a file descriptor.
 *
 * @param command the process name from {@code /proc/<pid>/stat} (up to the first ')', as ss reads it) or from
 *                the task's {@code comm}: the kernel's bytes, which need not be UTF-8
 * @param pid     process id
 * @param tid     thread id; equal to {@code pid} unless a per-thread scan ({@code -T}) found it
 * @param fd      the descriptor number
 */
public record Owner(ProcessName command, int pid, int tid, int fd) {
    public Owner {
        Objects.requireNonNull(command, "command");
    }

    /** An owner whose name is the UTF-8 encoding of {@code command}. */
    public Owner(String command, int pid, int tid, int fd) {
        this(ProcessName.ofText(command), pid, tid, fd);
    }
}
