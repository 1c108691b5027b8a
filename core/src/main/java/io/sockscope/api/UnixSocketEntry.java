package io.sockscope.api;

import java.util.List;

/**
 * A unix domain socket: {@link Protocol#UNIX_STREAM}, {@link Protocol#UNIX_DGRAM} or
 * {@link Protocol#UNIX_SEQPACKET}. For a listener, {@link #recvQueue()} counts connections waiting to be
 * accepted and {@link #sendQueue()} is the backlog.
 *
 * <p>A unix name is bytes that need not be UTF-8. {@link #path()} and {@link #peerPath()} decode them as
 * {@link ProcessOwner} decodes a process name, losing nothing (a stray byte B stands as the lone surrogate
 * U+DC00+B), and {@link #pathBytes()} and {@link #peerPathBytes()} give the kernel's bytes back.
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

    /**
     * {@return the bound name exactly as the kernel holds it (without an abstract name's leading NUL), the bytes
     * ss prints; null for an unnamed socket; a fresh array}
     */
    byte[] pathBytes();

    /** {@return whether the bound name is valid UTF-8 (or there is none), so {@link #path()} is simply its text} */
    boolean pathIsUtf8();

    /** {@return the peer's name exactly as the kernel holds it, null when unknown; a fresh array} */
    byte[] peerPathBytes();

    /** {@return whether the peer's name is valid UTF-8 (or unknown), so {@link #peerPath()} is simply its text} */
    boolean peerPathIsUtf8();
}
