package io.sockscope.api;

/**
 * One socket of a listing: what every table has in common. The four kinds are records; switch over them:
 * <pre>{@code
 * switch (entry) {
 *     case InetSocketEntry inet -> ...
 *     case UnixSocketEntry unix -> ...
 *     case PacketSocketEntry packet -> ...
 *     case NetlinkSocketEntry netlink -> ...
 * }
 * }</pre>
 */
public sealed interface SocketEntry permits InetSocketEntry, UnixSocketEntry, PacketSocketEntry, NetlinkSocketEntry {
    /** The table the socket was listed from. */
    Protocol protocol();

    /** Its state. */
    SocketState state();

    /** Bytes waiting to be read; for a listener, connections waiting to be accepted. */
    long recvQueue();

    /** Bytes waiting to be sent; for a listener, the backlog. */
    long sendQueue();

    /** The socket's inode number (what {@code /proc/PID/fd} links name); 0 for sockets without a file. */
    long inode();

    /** The processes holding it, or why they are not known. */
    Owners owners();
}
