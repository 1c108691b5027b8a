package io.sockscope.diagnose;

/**
 * The doctor's findings. Codes are stable: scripts may match on them, and {@code docs/doctor.md} explains each
 * with an example.
 */
public enum FindingCode {
    /** Nothing is bound to the port (or unix path) the client wants. */
    NOT_LISTENING("nothing is bound to the port (or unix path); what is nearby"),
    /**
     * Nothing is bound to the port in the examined network namespace, but a socket listens on it in another one
     * (a container, a pod, an {@code ip netns} namespace): the client's packets never reach it. Replaces
     * {@link #NOT_LISTENING}, whose verdict it keeps.
     */
    LISTENING_IN_OTHER_NETNS("not here, but it listens in another network namespace (a container)"),
    /** Bound to a loopback address, while the client is remote. */
    LOOPBACK_ONLY("bound to 127.0.0.0/8 or ::1 only, and the client is remote"),
    /** Bound to a specific address (or device) other than the one the client's packets arrive on. */
    WRONG_ADDRESS("bound to another address (or device) than the client's packets reach"),
    /** An IPv6 socket that does not accept IPv4 clients (IPV6_V6ONLY, {@code net.ipv6.bindv6only}). */
    V6_ONLY("an IPv6 socket that refuses IPv4 clients (IPV6_V6ONLY)"),
    /** IPv4 sockets only, while the client uses IPv6. */
    V4_ONLY("IPv4 sockets only, and the client uses IPv6"),
    /** The firewall's input path drops or rejects the client's packets. */
    FIREWALL_BLOCKED("the firewall drops or rejects the client's first packet"),
    /** The firewall's answer depends on something the doctor cannot see, or the ruleset could not be read. */
    FIREWALL_UNKNOWN("the firewall's answer depends on the client, or it cannot be read"),
    /**
     * Information: a destination NAT rule publishes the port to another address (a container's, as Docker's
     * {@code -p} does), and a socket there takes the translated packets.
     */
    PUBLISHED_TO_NETNS("a DNAT rule publishes the port to a network namespace that serves it"),
    /**
     * A destination NAT rule publishes the port to another network namespace, whose listener is bound to its
     * loopback address only: it works inside the container and is refused from outside.
     */
    PUBLISHED_TO_LOOPBACK_ONLY("published by DNAT to a container that listens on its loopback only"),
    /**
     * A destination NAT rule publishes the port to another network namespace, whose listener is bound to another
     * address (or family, or device) than the one the rule sends the packets to.
     */
    PUBLISHED_TO_WRONG_ADDRESS("published by DNAT to an address its listener there is not bound to"),
    /** A destination NAT rule publishes the port to another address, where nothing listens on the rule's port. */
    PUBLISHED_NOT_LISTENING("published by DNAT to an address where nothing listens on that port"),
    /** A listener's accept queue is at its limit. */
    BACKLOG_FULL("the accept queue is full: the owner does not call accept()"),
    /**
     * The owner holds CLOSE-WAIT sockets: peers closed, the application never called close(). Information only
     * when the leak is on the owner's other ports (under the threshold on the port asked about) and the owner
     * has descriptors to spare.
     */
    CLOSE_WAIT_LEAK("the owner never closes connections its clients hung up"),
    /** The owner's open descriptors approach its RLIMIT_NOFILE. */
    FD_LIMIT_NEAR("the owner's open descriptors near its RLIMIT_NOFILE"),
    /** Many TIME-WAIT sockets: expected after connections close. */
    TIME_WAIT_NORMAL("many TIME-WAIT sockets: expected, nothing to fix"),
    /** Connections to one destination approach the number of ephemeral ports. */
    EPHEMERAL_PORTS_LOW("connections to one destination near the ephemeral port range"),
    /** A bind below {@code ip_unprivileged_port_start} without CAP_NET_BIND_SERVICE. */
    PRIVILEGED_PORT("bind: a port below ip_unprivileged_port_start, without the capability"),
    /** Another socket holds the port a bind asks for. */
    ADDRESS_IN_USE("bind: another socket holds the port"),
    /** No file at the unix socket path (or not a socket). */
    UNIX_SOCKET_MISSING("no socket file at the path"),
    /** A socket file nobody listens on (left behind by a process that exited). */
    UNIX_SOCKET_NOT_LISTENING("a stale socket file that nobody listens on"),
    /** The user may not connect: write permission on the socket, search permission on its directories. */
    UNIX_SOCKET_PERMISSION("the user may not connect (directory search, socket write permission)"),
    /**
     * No client can connect by this path: it does not fit a unix socket address (108 bytes of {@code sun_path}
     * with the terminating NUL), or a file name in it is longer than 255 bytes.
     */
    UNIX_PATH_TOO_LONG("the path does not fit a unix socket address"),
    /** The path cannot be resolved (a symbolic link loop) or examined. */
    UNIX_PATH_UNRESOLVABLE("the path cannot be resolved (a symbolic link loop) or examined"),
    /** The socket's owner could not be seen. */
    OWNER_HIDDEN("the owner of a socket could not be seen, and why");

    private final String meaning;

    FindingCode(String meaning) {
        this.meaning = meaning;
    }

    /** What the code means, in a line ({@code sockscope doctor --help} lists them). */
    public String meaning() {
        return meaning;
    }
}
