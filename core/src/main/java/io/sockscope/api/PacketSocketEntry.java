package io.sockscope.api;

/**
 * A packet socket ({@code AF_PACKET}): {@link Protocol#PACKET_RAW} or {@link Protocol#PACKET_DGRAM}, always
 * {@link SocketState#UNCONNECTED}. {@link #recvQueue()} is the bytes allocated to the receive queue;
 * {@link #sendQueue()} is always 0.
 */
public sealed interface PacketSocketEntry extends SocketEntry permits PacketSocketEntryRecord {
    /**
     * {@return the link-layer protocol it receives, in host order} For example 0x0003 ({@code ETH_P_ALL}) or
     * 0x0800 (IPv4).
     */
    int etherType();

    /** {@return the interface it is bound to, or null for every interface} */
    String interfaceName();

    /** {@return the owning user id} */
    long uid();

    /** {@return the socket cookie in hexadecimal, or null when the source has none} */
    String cookie();
}
