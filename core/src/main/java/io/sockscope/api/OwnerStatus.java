package io.sockscope.api;

/**
 * Whether the processes holding a socket are known, and if not, why. A socket is never silently without
 * owners: {@link Owners#status()} says which of these applies.
 */
public enum OwnerStatus {
    /** The owners were looked up and at least one process holds the socket. */
    KNOWN("known"),
    /** The query did not ask for owners ({@link SocketQuery.Builder#withOwners()}). */
    NOT_REQUESTED("not-requested"),
    /**
     * No readable process holds it, and it belongs to another user: reading other users' {@code /proc/PID/fd}
     * needs root (or {@code CAP_SYS_PTRACE}).
     */
    NOT_PERMITTED("not-permitted"),
    /**
     * No process visible in this {@code /proc} holds it although every descriptor could be read: its holder lives
     * in another PID namespace (a container), or the descriptor is in flight over a unix socket.
     */
    OTHER_NAMESPACE("other-namespace"),
    /**
     * The kernel alone holds it: TIME-WAIT and SYN-RECV entries, orphaned connections after close (no inode),
     * netlink sockets of the kernel (port id 0).
     */
    KERNEL("kernel");

    private final String text;

    OwnerStatus(String text) {
        this.text = text;
    }

    /** {@return the name used in sockscope's JSON output ({@code not-permitted}, …)} */
    public String text() {
        return text;
    }
}
