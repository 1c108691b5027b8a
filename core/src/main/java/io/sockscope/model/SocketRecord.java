package io.sockscope.model;

/**
 * One socket as the kernel (or a {@code /proc/net} file, or a replayed dump) describes it.
 * Implementations are immutable records; byte arrays they hold are never modified after construction.
 */
public sealed interface SocketRecord permits InetSocket, UnixSocket, PacketSocket, NetlinkSocket {
    /** The table the socket belongs to (decides the Netid column). */
    SocketTable table();

    /** The kernel state code, see {@link TcpState}. */
    int state();

    /** Bytes (or, for listeners, connections) waiting to be read. */
    long recvQ();

    /** Bytes waiting to be sent (or, for listeners, the backlog). */
    long sendQ();

    /** The socket's inode number, the key that links it to {@code /proc/<pid>/fd} entries; 0 when unknown. */
    long inode();
}
