package io.sockscope.model;

/**
 * An AF_UNIX socket: {@code struct unix_diag_msg} with its attributes, or a line of {@code /proc/net/unix}.
 *
 * @param table     {@link SocketTable#UNIX_STREAM}, {@link SocketTable#UNIX_DGRAM} or
 *                  {@link SocketTable#UNIX_SEQPACKET}
 * @param state     kernel state code ({@link TcpState})
 * @param recvQ     {@code UNIX_DIAG_RQLEN} read queue (for listeners: pending connections)
 * @param sendQ     {@code UNIX_DIAG_RQLEN} write queue (for listeners: the backlog)
 * @param name      the bound name as the kernel holds it (an abstract name starts with a NUL byte), or
 *                  {@code null} for an unnamed socket; never modified
 * @param inode     socket inode
 * @param peerInode the peer's inode ({@code UNIX_DIAG_PEER}), 0 for none
 * @param peerName  the peer's name when the source knows it (the /proc fallback looks it up), else null
 * @param shutdown  {@code UNIX_DIAG_SHUTDOWN} mask, or -1 when absent
 * @param vfsInode  {@code UNIX_DIAG_VFS} inode of the socket file, or -1 when absent
 * @param vfsDevice {@code UNIX_DIAG_VFS} device (kernel encoding), or -1 when absent
 * @param pendingPeers {@code UNIX_DIAG_ICONS}: inodes of connections not yet accepted, or null when absent
 * @param uid       {@code UNIX_DIAG_UID}, or -1 when absent
 * @param memory    {@code UNIX_DIAG_MEMINFO}, or null when not asked for or absent
 */
public record UnixSocket(
        SocketTable table,
        int state,
        long recvQ,
        long sendQ,
        byte[] name,
        long inode,
        long peerInode,
        byte[] peerName,
        int shutdown,
        long vfsInode,
        long vfsDevice,
        int[] pendingPeers,
        int uid,
        SocketMemory memory) implements SocketRecord {
}
