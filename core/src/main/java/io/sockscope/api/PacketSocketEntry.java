package io.sockscope.api;

/**
 * A packet socket ({@code AF_PACKET}); always {@link SocketState#UNCONNECTED}.
 *
 * @param protocol      {@link Protocol#PACKET_RAW} or {@link Protocol#PACKET_DGRAM}
 * @param state         {@link SocketState#UNCONNECTED}
 * @param recvQueue     bytes allocated to the receive queue
 * @param sendQueue     always 0
 * @param etherType     the link-layer protocol it receives, host order (0x0003 {@code ETH_P_ALL}, 0x0800 IPv4…)
 * @param interfaceName the interface it is bound to, or null for every interface
 * @param inode         the inode
 * @param uid           the owning user id
 * @param cookie        the socket cookie in hexadecimal, or null when the source has none
 * @param owners        the holding processes
 */
public record PacketSocketEntry(
        Protocol protocol,
        SocketState state,
        long recvQueue,
        long sendQueue,
        int etherType,
        String interfaceName,
        long inode,
        long uid,
        String cookie,
        Owners owners) implements SocketEntry {
}
