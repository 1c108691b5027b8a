package io.sockscope.api;

import java.util.List;

/**
 * A unix domain socket: {@link Protocol#UNIX_STREAM}, {@link Protocol#UNIX_DGRAM} or
 * {@link Protocol#UNIX_SEQPACKET}. For a listener, {@link #recvQueue()} counts connections waiting to be
 * accepted and {@link #sendQueue()} is the backlog.
 */
public sealed interface UnixSocketEntry extends SocketEntry permits UnixSocketEntryRecord {
    /**
     * {@return the bound name} A file system path, or for an abstract name the name after its NUL byte; null for
     * an unnamed socket.
     */
    String path();

    /** {@return whether the name is in the abstract namespace (ss prints it with a leading {@code @})} */
    boolean abstractName();

    /** {@return the peer's inode, 0 for none} */
    long peerInode();

    /** {@return the peer's name when the source knows it, else null} */
    String peerPath();

    /** {@return the owning user id, or -1 when the kernel did not say} */
    long uid();

    /** {@return which directions were shut down, or null when the kernel did not say} */
    Shutdown shutdown();

    /**
     * {@return the inodes of connections waiting to be accepted} Filled for listeners when details were asked
     * for; never null, unmodifiable.
     */
    List<Long> pendingPeers();

    /** {@return the socket memory, or null unless asked for} */
    SocketMemory memory();
}
