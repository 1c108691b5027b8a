package io.sockscope.model;

/**
 * An AF_NETLINK socket: {@code struct netlink_diag_msg} with groups and memory, or a line of
 * {@code /proc/net/netlink}. Netlink sockets carry no inode in the dump, so they have no owners.
 *
 * @param protocol  netlink protocol ({@code NETLINK_ROUTE} = 0, {@code NETLINK_SOCK_DIAG} = 4, …)
 * @param portid    the socket's port id (often the owning pid; 0 is the kernel; -1 unbound)
 * @param groups    multicast groups bitmap (first word)
 * @param connected whether the socket is connected ({@code NETLINK_CONNECTED})
 * @param dstPortid destination port id
 * @param dstGroup  destination group
 * @param recvQ     receive memory in use
 * @param sendQ     send memory in use
 * @param sk        kernel socket address (from /proc; 0 from netlink)
 * @param cb        callback address (from /proc; 0 from netlink)
 * @param inode     socket inode when known (netlink_diag reports {@code ndiag_ino}), else 0
 * @param fromSockDiag whether the socket came from a sock_diag reply rather than a {@code /proc/net/netlink}
 *                  line (ss prints memory only for the former)
 * @param memory    {@code NETLINK_DIAG_MEMINFO}, or null when absent
 */
public record NetlinkSocket(
        int protocol,
        int portid,
        long groups,
        boolean connected,
        int dstPortid,
        int dstGroup,
        long recvQ,
        long sendQ,
        long sk,
        long cb,
        long inode,
        boolean fromSockDiag,
        SocketMemory memory) implements SocketRecord {

    @Override
    public SocketTable table() {
        return SocketTable.NETLINK;
    }

    @Override
    public int state() {
        return TcpState.CLOSE.code();
    }
}
