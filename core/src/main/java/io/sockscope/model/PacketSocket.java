package io.sockscope.model;

/**
 * An AF_PACKET socket: {@code struct packet_diag_msg} with its attributes, or a line of
 * {@code /proc/net/packet}. Packet sockets have no state; ss shows them as closed (UNCONN).
 *
 * @param table      {@link SocketTable#PACKET_RAW} or {@link SocketTable#PACKET_DGRAM}
 * @param protocol   the ethertype in host order ({@code pdiag_num}), e.g. 0x0003 for ETH_P_ALL
 * @param ifindex    bound interface ({@code pdi_index}), 0 for all
 * @param recvQ      bytes allocated to the receive queue ({@code SK_MEMINFO_RMEM_ALLOC})
 * @param inode      socket inode
 * @param uid        owning uid
 * @param cookie     socket cookie (0 from /proc)
 * @param details    what the reply's attributes say (info, rings, fanout, filter, memory), decoded once, or
 *                   null when nothing asked for them or the socket came from /proc
 */
public record PacketSocket(
        SocketTable table,
        int protocol,
        int ifindex,
        long recvQ,
        long inode,
        int uid,
        long cookie,
        PacketDetails details) implements SocketRecord {

    @Override
    public int state() {
        return TcpState.CLOSE.code();
    }

    @Override
    public long sendQ() {
        return 0;
    }
}
