package io.sockscope.api;

/**
 * A netlink socket: {@link Protocol#NETLINK}, always {@link SocketState#UNCONNECTED}. {@link #recvQueue()} and
 * {@link #sendQueue()} are the receive and send memory in use.
 */
public sealed interface NetlinkSocketEntry extends SocketEntry permits NetlinkSocketEntryRecord {
    /** {@return the netlink family number ({@code NETLINK_ROUTE} = 0, {@code NETLINK_SOCK_DIAG} = 4…)} */
    int netlinkProtocol();

    /** {@return the family's name as ss prints it ({@code rtnl}, {@code tcpdiag}…)} */
    String protocolName();

    /**
     * {@return the port id, unsigned} The kernel's own sockets have 0; one the kernel chose may be above 2^31.
     */
    long portId();

    /** {@return the multicast groups bitmap (its first word)} */
    long groups();

    /** {@return whether it is connected} */
    boolean connected();

    /** {@return the destination port id} */
    long peerPortId();

    /** {@return the destination group} */
    long peerGroup();
}
