package io.sockscope.api;

/**
 * A netlink socket; always {@link SocketState#UNCONNECTED}.
 *
 * @param protocol        {@link Protocol#NETLINK}
 * @param state           {@link SocketState#UNCONNECTED}
 * @param recvQueue       receive memory in use
 * @param sendQueue       send memory in use
 * @param netlinkProtocol the netlink family number ({@code NETLINK_ROUTE} = 0, {@code NETLINK_SOCK_DIAG} = 4…)
 * @param protocolName    its name as ss prints it ({@code rtnl}, {@code tcpdiag}…)
 * @param portId          the port id, unsigned (the kernel's own sockets have 0; one the kernel chose may be above
 *                        2^31)
 * @param groups          the multicast groups bitmap (first word)
 * @param connected       whether it is connected
 * @param peerPortId      the destination port id
 * @param peerGroup       the destination group
 * @param inode           the inode, 0 when the source does not say
 * @param owners          the holding processes
 */
public record NetlinkSocketEntry(
        Protocol protocol,
        SocketState state,
        long recvQueue,
        long sendQueue,
        int netlinkProtocol,
        String protocolName,
        long portId,
        long groups,
        boolean connected,
        long peerPortId,
        long peerGroup,
        long inode,
        Owners owners) implements SocketEntry {
}
