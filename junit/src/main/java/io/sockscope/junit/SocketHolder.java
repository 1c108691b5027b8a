package io.sockscope.junit;

import java.util.Objects;

/**
 * A process that holds a leaked socket through a file descriptor: this JVM or one of its descendants. Made by the
 * extension only; accessors may be added in a later version.
 */
public final class SocketHolder {
    private final long pid;
    private final int fd;
    private final String command;

    SocketHolder(long pid, int fd, String command) {
        this.pid = pid;
        this.fd = fd;
        this.command = Objects.requireNonNull(command, "command");
    }

    /** {@return the process id} */
    public long pid() {
        return pid;
    }

    /** {@return the descriptor number} */
    public int fd() {
        return fd;
    }

    /** {@return the process name, as {@code /proc/PID/comm} gives it; {@code ?} when the process is gone} */
    public String command() {
        return command;
    }

    /** {@return whether the holder is this JVM itself, not a child process} */
    public boolean isThisProcess() {
        return pid == ProcessHandle.current().pid();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SocketHolder h && h.pid == pid && h.fd == fd && h.command.equals(command);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pid, fd, command);
    }

    /** {@return the holder as ss prints it inside {@code users:(…)}: {@code ("java",pid=12,fd=34)}} */
    @Override
    public String toString() {
        return "(\"" + command + "\",pid=" + pid + ",fd=" + fd + ")";
    }
}
