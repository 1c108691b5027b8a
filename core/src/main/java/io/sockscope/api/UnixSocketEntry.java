package io.sockscope.api;

import java.util.List;

/**
 * A unix domain socket.
 *
 * @param protocol     {@link Protocol#UNIX_STREAM}, {@link Protocol#UNIX_DGRAM} or {@link Protocol#UNIX_SEQPACKET}
 * @param state        the state
 * @param recvQueue    bytes (or, listening, connections) waiting to be read
 * @param sendQueue    bytes waiting to be sent (or, listening, the backlog)
 * @param path         the bound name: a file system path, or for an abstract name the name after its NUL byte;
 *                     null for an unnamed socket
 * @param abstractName whether the name is in the abstract namespace (ss prints it with a leading {@code @})
 * @param inode        the inode
 * @param peerInode    the peer's inode, 0 for none
 * @param peerPath     the peer's name when the source knows it, else null
 * @param uid          the owning user id, or -1 when the kernel did not say
 * @param shutdown     which directions were shut down, or null when the kernel did not say
 * @param pendingPeers inodes of connections waiting to be accepted (listeners, with details asked for); never null
 * @param memory       the socket memory, or null unless asked for
 * @param owners       the holding processes
 */
public record UnixSocketEntry(
        Protocol protocol,
        SocketState state,
        long recvQueue,
        long sendQueue,
        String path,
        boolean abstractName,
        long inode,
        long peerInode,
        String peerPath,
        long uid,
        Shutdown shutdown,
        List<Long> pendingPeers,
        SocketMemory memory,
        Owners owners) implements SocketEntry {
    public UnixSocketEntry {
        pendingPeers = List.copyOf(pendingPeers);
    }
}
