package io.sockscope.netlink;

import io.sockscope.model.BpfInstruction;
import io.sockscope.model.InetSocket;
import io.sockscope.model.MptcpInfo;
import io.sockscope.model.PacketDetails;
import io.sockscope.model.PacketFanout;
import io.sockscope.model.PacketInfo;
import io.sockscope.model.PacketRing;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.SocketTable;
import io.sockscope.model.UnixSocket;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packet, unix and MPTCP struct decoders on real replies ({@code golden/extended/{packet,unix,mptcp4}.dump},
 * see the README there), checked against what {@code zoo/extended_sockets.py} configured: ring geometries,
 * fanout groups, flags, copy threshold and filter; the shutdowns of two unix pairs; an MPTCP connection.
 */
class LocalReplyDecodeTest {
    private static List<byte[]> payloads(String dump) {
        return Golden.payloads(Golden.bytes("extended/" + dump));
    }

    private static void noWarning(String warning) {
        throw new AssertionError(warning);
    }

    @Test
    void packetRingsFanoutFlagsAndFilters() throws Exception {
        List<PacketRing> rx = new ArrayList<>();
        List<PacketRing> tx = new ArrayList<>();
        List<PacketFanout> fanouts = new ArrayList<>();
        List<Long> flags = new ArrayList<>();
        List<Integer> versions = new ArrayList<>();
        long copyThreshold = 0;
        for (byte[] p : payloads("packet.dump")) {
            PacketSocket s = PacketDiagMsg.decode(p, 0, p.length, true, LocalReplyDecodeTest::noWarning);
            PacketDetails d = s.details();
            versions.add(d.info().version());
            flags.add(d.info().flags());
            copyThreshold = Math.max(copyThreshold, d.info().copyThreshold());
            if (d.rxRing() != null) {
                rx.add(d.rxRing());
            }
            if (d.txRing() != null) {
                tx.add(d.txRing());
            }
            if (d.fanout() != null) {
                fanouts.add(d.fanout());
            }
            assertEquals(List.of(new BpfInstruction(0x06, 0, 0, 0)), d.filter(),
                    "every socket drops all: one instruction, BPF_RET|BPF_K 0");
            assertNotNull(d.memory());
        }
        assertEquals(6, versions.size());
        assertTrue(versions.contains(1) && versions.contains(2), "TPACKET_V2 and V3 sockets: " + versions);
        assertTrue(rx.contains(new PacketRing(4096, 4, 2048, 8, 0, 0, 0)), "V2 rx ring: " + rx);
        assertTrue(rx.contains(new PacketRing(8192, 2, 2048, 8, 60, 0, 0)), "V3 rx ring with its timeout");
        assertEquals(List.of(new PacketRing(8192, 2, 4096, 4, 0, 0, 0)), tx);
        assertEquals(2, fanouts.stream().filter(f -> f.equals(new PacketFanout(77, PacketFanout.LOAD_BALANCE))).count());
        assertTrue(fanouts.contains(new PacketFanout(78, PacketFanout.CPU)), "fanout " + fanouts);
        long running = PacketInfo.PDI_RUNNING;
        assertTrue(flags.contains(running | PacketInfo.PDI_AUXDATA | PacketInfo.PDI_LOSS), "flags " + flags);
        assertTrue(flags.contains(running | PacketInfo.PDI_ORIGDEV | PacketInfo.PDI_VNETHDR));
        assertEquals(128, copyThreshold);
    }

    @Test
    void unixShutdownsAndMemory() throws Exception {
        List<Integer> shutdowns = new ArrayList<>();
        for (byte[] p : payloads("unix.dump")) {
            UnixSocket s = UnixDiagMsg.decode(p, 0, p.length, true, LocalReplyDecodeTest::noWarning);
            shutdowns.add(s.shutdown());
            assertEquals(SockDiag.SK_MEMINFO_VARS, s.memory().count());
            assertTrue(s.memory().rcvbuf() > 0);
        }
        shutdowns.sort(null);
        // shutdown(SHUT_WR) on one end: it may not send (2), its peer reads no more (1); SHUT_RDWR: both 3.
        assertEquals(List.of(1, 2, 3, 3), shutdowns);
    }

    @Test
    void mptcpConnectionInfo() throws Exception {
        int connections = 0;
        for (byte[] p : payloads("mptcp4.dump")) {
            InetSocket s = InetDiagMsg.decode(p, 0, p.length, SocketTable.MPTCP, true,
                    LocalReplyDecodeTest::noWarning);
            if (s.state() != 1) {
                continue;
            }
            MptcpInfo info = s.details().mptcpInfo();
            assertNotNull(info, "an MPTCP socket's INET_DIAG_INFO is mptcp_info");
            assertTrue(info.token() != 0, "an established connection has a token");
            assertTrue((info.flags() & MptcpInfo.FLAG_REMOTE_KEY_RECEIVED) != 0);
            assertEquals(info.writeSeq(), info.sndUna(), "everything sent was acknowledged");
            connections++;
        }
        assertEquals(4, connections, "two connections, both ends");
    }

    @Test
    void unixVfsInode() throws Exception {
        byte[] vfs = Golden.bytes("replies/unix-ours.bin");
        long fileInode = Golden.fact("unix.path.file.inode");
        boolean found = false;
        for (byte[] p : Golden.payloads(vfs)) {
            byte[] b = p;
            found |= UnixDiagMsg.decode(b, 0, b.length, false, LocalReplyDecodeTest::noWarning).vfsInode()
                    == fileInode;
        }
        assertTrue(found, "the listener's socket file inode, as /proc and the JDK said");
    }
}
