package io.sockscope.api;

/**
 * One socket of a listing: what every table has in common. There are four kinds; switch over them:
 * <pre>{@code
 * switch (entry) {
 *     case InetSocketEntry inet -> ...
 *     case UnixSocketEntry unix -> ...
 *     case PacketSocketEntry packet -> ...
 *     case NetlinkSocketEntry netlink -> ...
 * }
 * }</pre>
 *
 * <p>Entries are made by the library only, and are immutable. Each kind is an interface of accessors, so that a
 * later version can add accessors without breaking a caller (docs/library.md, Compatibility): use the
 * accessors, not the classes behind them. Two entries are {@linkplain Object#equals equal} when every accessor
 * answers alike; {@code toString} is for people and may change.
 */
public sealed interface SocketEntry permits InetSocketEntry, UnixSocketEntry, PacketSocketEntry, NetlinkSocketEntry {
    /** {@return the table the socket was listed from} */
    Protocol protocol();

    /** {@return its state} */
    SocketState state();

    /** {@return the bytes waiting to be read; for a listener, the connections waiting to be accepted} */
    long recvQueue();

    /** {@return the bytes waiting to be sent; for a listener, the backlog} */
    long sendQueue();

    /**
     * {@return the socket's inode number} That is what {@code /proc/PID/fd} links name; 0 for sockets without a
     * file (TIME-WAIT and SYN-RECV entries, orphans) and when the source does not say.
     */
    long inode();

    /** {@return the processes holding it, or why they are not known; never null} */
    Owners owners();

    /**
     * {@return the network namespace the socket was listed in} Null unless the entry was listed by a query across
     * network namespaces (as the command's {@code --all-netns} lists them): a query of one namespace reads the
     * calling thread's own, which needs no naming.
     */
    NetworkNamespace namespace();

    /**
     * {@return the container its owner runs in, as far as the socket's cgroup path tells} Null when the listing
     * did not look for workloads (only a listing across network namespaces does), and when the path names no
     * container of {@code docker}, {@code containerd}, {@code cri-o} or {@code podman}.
     */
    Container container();

    /**
     * {@return the Kubernetes pod its owner runs in, as far as the socket's cgroup path tells} Null when the
     * listing did not look for workloads (only a listing across network namespaces does), and when the path
     * names no pod. A socket in a pod has a {@link #container()} too.
     */
    Pod pod();

    /**
     * {@return the systemd unit its owner runs in ({@code nginx.service}, {@code docker-ID.scope}), as far as the
     * socket's cgroup path tells} Null when the listing did not look for workloads (only a listing across network
     * namespaces does), and when the path names no unit.
     */
    String unit();
}
