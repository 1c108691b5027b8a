package io.sockscope.netlink;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packet, unix and MPTCP struct decoders on real replies ({@code golden/extended/{packet,unix,mptcp4}.dump},
 * see the README there), checked against what {@code zoo/extended_sockets.py} configured: ring geometries,
 * fanout groups, flags, copy threshold and filter; the shutdowns of two unix pairs; an MPTCP connection.
 */
class LocalReplyDecodeTest {
    private final AttributeTable a = new AttributeTable(8);

    private static List<MemorySegment> payloads(String dump) {
        return Golden.payloads(MemorySegment.ofArray(Golden.bytes("extended/" + dump)));
    }

    @Test
    void packetRingsFanoutFlagsAndFilters() {
        List<PacketDiagRing> rx = new ArrayList<>();
        List<PacketDiagRing> tx = new ArrayList<>();
        List<PacketFanout> fanouts = new ArrayList<>();
        List<Long> flags = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        long copyThreshold = 0;
        for (MemorySegment p : payloads("packet.dump")) {
            a.parse(p.asSlice(PacketDiagMsg.SIZE));
            versions.add(a.u32(PacketDiagMsg.PACKET_DIAG_INFO, PacketDiagInfo.VERSION));
            flags.add(a.u32(PacketDiagMsg.PACKET_DIAG_INFO, PacketDiagInfo.FLAGS));
            copyThreshold = Math.max(copyThreshold, a.u32(PacketDiagMsg.PACKET_DIAG_INFO, PacketDiagInfo.COPY_THRESH));
            if (a.has(PacketDiagMsg.PACKET_DIAG_RX_RING)) {
                rx.add(PacketDiagRing.decode(a.payload(PacketDiagMsg.PACKET_DIAG_RX_RING)));
            }
            if (a.has(PacketDiagMsg.PACKET_DIAG_TX_RING)) {
                tx.add(PacketDiagRing.decode(a.payload(PacketDiagMsg.PACKET_DIAG_TX_RING)));
            }
            if (a.has(PacketDiagMsg.PACKET_DIAG_FANOUT)) {
                fanouts.add(PacketFanout.decode(a.payload(PacketDiagMsg.PACKET_DIAG_FANOUT)));
            }
            MemorySegment program = a.payload(PacketDiagMsg.PACKET_DIAG_FILTER);
            assertEquals(1, SockFilter.count(program), "every socket drops all: one instruction");
            assertEquals(new SockFilter(0x06, 0, 0, 0), SockFilter.decode(program, 0), "BPF_RET|BPF_K 0");
        }
        assertEquals(6, versions.size());
        assertTrue(versions.contains(1L) && versions.contains(2L), "TPACKET_V2 and V3 sockets: " + versions);
        assertTrue(rx.contains(new PacketDiagRing(4096, 4, 2048, 8, 0, 0, 0)), "V2 rx ring: " + rx);
        assertTrue(rx.contains(new PacketDiagRing(8192, 2, 2048, 8, 60, 0, 0)), "V3 rx ring with its timeout");
        assertEquals(List.of(new PacketDiagRing(8192, 2, 4096, 4, 0, 0, 0)), tx);
        assertEquals(2, fanouts.stream().filter(f -> f.equals(new PacketFanout(77, PacketFanout.LOAD_BALANCE))).count());
        assertTrue(fanouts.contains(new PacketFanout(78, PacketFanout.CPU)), "fanout " + fanouts);
        long running = PacketDiagInfo.PDI_RUNNING;
        assertTrue(flags.contains(running | PacketDiagInfo.PDI_AUXDATA | PacketDiagInfo.PDI_LOSS), "flags " + flags);
        assertTrue(flags.contains(running | PacketDiagInfo.PDI_ORIGDEV | PacketDiagInfo.PDI_VNETHDR));
        assertEquals(128, copyThreshold);
    }

    @Test
    void unixShutdownsAndMemory() {
        List<Integer> shutdowns = new ArrayList<>();
        for (MemorySegment p : payloads("unix.dump")) {
            a.parse(p.asSlice(UnixDiagMsg.SIZE));
            shutdowns.add(a.u8(UnixDiagMsg.UNIX_DIAG_SHUTDOWN));
            SkMemInfo m = SkMemInfo.decode(a.payload(UnixDiagMsg.UNIX_DIAG_MEMINFO));
            assertEquals(SockDiag.SK_MEMINFO_VARS, m.count());
            assertTrue(m.rcvbuf() > 0);
        }
        shutdowns.sort(null);
        // shutdown(SHUT_WR) on one end: it may not send (2), its peer reads no more (1); SHUT_RDWR: both 3.
        assertEquals(List.of(1, 2, 3, 3), shutdowns);
    }

    @Test
    void mptcpConnectionInfo() {
        int connections = 0;
        for (MemorySegment p : payloads("mptcp4.dump")) {
            a.parse(p.asSlice(InetDiagMsg.SIZE));
            if (Fields.u8(p, InetDiagMsg.STATE) != 1) {
                continue;
            }
            MptcpInfo info = MptcpInfo.decode(a.payload(InetDiagAttribute.INET_DIAG_INFO));
            assertTrue(info.token() != 0, "an established connection has a token");
            assertTrue((info.flags() & MptcpInfo.MPTCP_INFO_FLAG_REMOTE_KEY_RECEIVED) != 0);
            assertEquals(info.writeSeq(), info.sndUna(), "everything sent was acknowledged");
            connections++;
        }
        assertEquals(4, connections, "two connections, both ends");
    }

    @Test
    void unixVfsDeviceSplitAsGlibcDoes() {
        // 254:0 in the kernel's encoding (major << 20) is what ss shows as 0/65024, as seen on this machine.
        long kernelDevice = 254L << 20;
        assertEquals(0, UnixDiagVfs.major(kernelDevice));
        assertEquals(65024, UnixDiagVfs.minor(kernelDevice));
        assertEquals(8, UnixDiagVfs.major(0x0801));
        assertEquals(1, UnixDiagVfs.minor(0x0801));
        byte[] vfs = Golden.bytes("replies/unix-ours.bin");
        long fileInode = Golden.fact("unix.path.file.inode");
        boolean found = false;
        for (MemorySegment p : Golden.payloads(MemorySegment.ofArray(vfs))) {
            a.parse(p.asSlice(UnixDiagMsg.SIZE));
            if (a.has(UnixDiagMsg.UNIX_DIAG_VFS)) {
                found |= UnixDiagVfs.decode(a.payload(UnixDiagMsg.UNIX_DIAG_VFS)).inode() == fileInode;
            }
        }
        assertTrue(found, "the listener's socket file inode, as /proc and the JDK said");
    }
}
