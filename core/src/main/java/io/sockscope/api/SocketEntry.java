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
}
