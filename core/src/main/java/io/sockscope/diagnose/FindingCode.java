package io.sockscope.diagnose;

/**
 * The doctor's findings. Codes are stable: scripts may match on them, and {@code docs/doctor.md} explains each
 * with an example.
 */
public enum FindingCode {
    /** Nothing is bound to the port (or unix path) the client wants. */
    NOT_LISTENING,
    /** Bound to a loopback address, while the client is remote. */
    LOOPBACK_ONLY,
    /** Bound to a specific address (or device) other than the one the client's packets arrive on. */
    WRONG_ADDRESS,
    /** An IPv6 socket that does not accept IPv4 clients (IPV6_V6ONLY, {@code net.ipv6.bindv6only}). */
    V6_ONLY,
    /** IPv4 sockets only, while the client uses IPv6. */
    V4_ONLY,
    /** The firewall's input path drops or rejects the client's packets. */
    FIREWALL_BLOCKED,
    /** The firewall's answer depends on something the doctor cannot see, or the ruleset could not be read. */
    FIREWALL_UNKNOWN,
    /** A listener's accept queue is at its limit. */
    BACKLOG_FULL,
    /**
     * The owner holds CLOSE-WAIT sockets: peers closed, the application never called close(). Information only
     * when the leak is on the owner's other ports (under the threshold on the port asked about) and the owner
     * has descriptors to spare.
     */
    CLOSE_WAIT_LEAK,
    /** The owner's open descriptors approach its RLIMIT_NOFILE. */
    FD_LIMIT_NEAR,
    /** Many TIME-WAIT sockets: expected after connections close. */
    TIME_WAIT_NORMAL,
    /** Connections to one destination approach the number of ephemeral ports. */
    EPHEMERAL_PORTS_LOW,
    /** A bind below {@code ip_unprivileged_port_start} without CAP_NET_BIND_SERVICE. */
    PRIVILEGED_PORT,
    /** Another socket holds the port a bind asks for. */
    ADDRESS_IN_USE,
    /** No file at the unix socket path (or not a socket). */
    UNIX_SOCKET_MISSING,
    /** A socket file nobody listens on (left behind by a process that exited). */
    UNIX_SOCKET_NOT_LISTENING,
    /** The user may not connect: write permission on the socket, search permission on its directories. */
    UNIX_SOCKET_PERMISSION,
    /**
     * No client can connect by this path: it does not fit a unix socket address (108 bytes of {@code sun_path}
     * with the terminating NUL), or a file name in it is longer than 255 bytes.
     */
    UNIX_PATH_TOO_LONG,
    /** The path cannot be resolved (a symbolic link loop) or examined. */
    UNIX_PATH_UNRESOLVABLE,
    /** The socket's owner could not be seen. */
    OWNER_HIDDEN
}
