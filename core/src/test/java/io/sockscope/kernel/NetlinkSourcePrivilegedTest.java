package io.sockscope.kernel;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.netlink.SockDiag;
import io.sockscope.source.DumpKind;
import io.sockscope.source.DumpRequest;
import io.sockscope.source.NetlinkSource;
import io.sockscope.testing.ProcNet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Packet sockets need CAP_NET_RAW to exist at all; as root these run, otherwise they skip and say why. */
class NetlinkSourcePrivilegedTest {
    private static final int ETH_P_ALL = 0x0003;
    private static final int ETH_P_ARP = 0x0806;

    @Test
    void packetSocketsAreListedWhateverTheTableMask() throws Exception {
        Assumptions.assumeTrue(ProcNet.isRoot(), "needs root: opening AF_PACKET sockets takes CAP_NET_RAW");
        int lo = ProcNet.loopbackIndex();
        int raw = RawSockets.packet(SockDiag.SOCK_RAW, ETH_P_ALL, lo);
        int dgram = RawSockets.packet(SockDiag.SOCK_DGRAM, ETH_P_ARP, 0);
        try {
            long rawInode = ProcNet.packetInode(SockDiag.SOCK_RAW, ETH_P_ALL, lo);
            long dgramInode = ProcNet.packetInode(SockDiag.SOCK_DGRAM, ETH_P_ARP, 0);
            // ss keeps every packet socket on the netlink path, even when only p_dgr was asked for.
            DumpRequest request = new DumpRequest(SocketTable.PACKET_DGRAM.bit(), TcpState.ALL,
                    AddressFamily.mask(AddressFamily.PACKET), AddressFamily.UNSPEC, true, false, false, false, true,
                    null);
            List<SocketRecord> sockets = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            new NetlinkSource().dump(DumpKind.PACKET, request, sockets::add, warnings::add);

            PacketSocket r = find(sockets, rawInode);
            assertEquals(SocketTable.PACKET_RAW, r.table());
            assertEquals(ETH_P_ALL, r.protocol());
            assertEquals(lo, r.ifindex());
            assertEquals(0, r.uid());
            assertNotNull(r.details(), "details and memory decode the attributes");
            PacketSocket d = find(sockets, dgramInode);
            assertEquals(SocketTable.PACKET_DGRAM, d.table());
            assertEquals(ETH_P_ARP, d.protocol());
            assertEquals(0, d.ifindex());
            assertEquals(List.of(), warnings);
        } finally {
            RawSockets.close(raw);
            RawSockets.close(dgram);
        }
    }

    private static PacketSocket find(List<SocketRecord> sockets, long inode) {
        assertTrue(inode > 0, "/proc/net/packet lists the socket");
        return sockets.stream()
                .filter(s -> s instanceof PacketSocket p && p.inode() == inode)
                .map(PacketSocket.class::cast)
                .findFirst().orElseThrow();
    }
}
