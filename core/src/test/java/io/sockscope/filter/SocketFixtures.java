package io.sockscope.filter;

import io.sockscope.model.InetSocket;
import io.sockscope.model.NetlinkSocket;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.UnixSocket;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes sockets in the formats ss reads instead of asking the kernel: a raw {@code inet_diag} dump (what
 * {@code TCPDIAG_FILE} replays) and the text of {@code /proc/net/unix}, {@code /proc/net/packet} and
 * {@code /proc/net/netlink}.
 */
final class SocketFixtures {
    private static final int SOCK_DIAG_BY_FAMILY = 20;
    private static final int NLMSG_DONE = 3;
    private static final int INET_DIAG_MARK = 15;
    private static final int INET_DIAG_CGROUP_ID = 21;

    private SocketFixtures() {
    }

    /** {@code nlmsghdr} + {@code inet_diag_msg} + mark and cgroup attributes per socket, then DONE. */
    static byte[] inetDiagDump(List<InetSocket> sockets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (InetSocket s : sockets) {
            ByteBuffer b = ByteBuffer.allocate(16 + 72 + 8 + 12).order(ByteOrder.nativeOrder());
            b.putInt(b.capacity()).putShort((short) SOCK_DIAG_BY_FAMILY).putShort((short) 2).putInt(0).putInt(0);
            b.put((byte) s.family()).put((byte) s.state()).put((byte) 0).put((byte) 0);
            b.order(ByteOrder.BIG_ENDIAN).putShort((short) s.local().port()).putShort((short) s.peer().port());
            b.order(ByteOrder.nativeOrder());
            b.put(java.util.Arrays.copyOf(s.local().address(), 16));
            b.put(java.util.Arrays.copyOf(s.peer().address(), 16));
            b.putInt(s.ifindex()).putInt(0).putInt(0);
            b.putInt(0).putInt(0).putInt(0).putInt(s.uid()).putInt((int) s.inode());
            b.putShort((short) 8).putShort((short) INET_DIAG_MARK).putInt(s.mark());
            b.putShort((short) 12).putShort((short) INET_DIAG_CGROUP_ID).putLong(s.cgroupId());
            out.writeBytes(b.array());
        }
        ByteBuffer done = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        done.putInt(20).putShort((short) NLMSG_DONE).putShort((short) 2).putInt(0).putInt(0).putInt(0);
        out.writeBytes(done.array());
        return out.toByteArray();
    }

    /**
     * {@code /proc/net/unix}. With {@code peerColumn} the first column carries the peer's inode (the format
     * ss calls "new", headed {@code Peer}); otherwise it is the kernel's {@code Num} and ss ignores peers.
     * Names are shown as the kernel shows them: '@' for each NUL of an abstract name.
     */
    static String procNetUnix(List<UnixSocket> sockets, boolean peerColumn) {
        StringBuilder b = new StringBuilder(peerColumn ? "Peer" : "Num");
        b.append("       RefCount Protocol Flags    Type St Inode Path\n");
        for (UnixSocket s : sockets) {
            int type = switch (s.table()) {
                case UNIX_DGRAM -> 2;
                case UNIX_SEQPACKET -> 5;
                default -> 1;
            };
            boolean listening = s.state() == 10;
            int st = listening ? 1 : s.state() == 1 ? 3 : 1;
            b.append(String.format("%016x: %08X %08X %08X %04X %02X %5d", peerColumn ? s.peerInode() : 0L, 2, 0,
                    listening ? 0x10000 : 0, type, st, s.inode()));
            if (s.name() != null) {
                byte[] shown = s.name().clone();
                int len = shown.length;
                if (shown[0] != 0) {
                    while (len > 0 && shown[len - 1] == 0) {
                        len--;
                    }
                }
                for (int i = 0; i < len; i++) {
                    if (shown[i] == 0) {
                        shown[i] = '@';
                    }
                }
                b.append(' ').append(new String(shown, 0, len, StandardCharsets.ISO_8859_1));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** {@code /proc/net/packet}. */
    static String procNetPacket(List<PacketSocket> sockets) {
        StringBuilder b = new StringBuilder("sk       RefCnt Type Proto  Iface R Rmem   User   Inode\n");
        for (PacketSocket s : sockets) {
            b.append(String.format("%016x %-6d %-4d %04x   %-5d 1 %-6d %-6d %d%n", 0, 3,
                    s.table() == io.sockscope.model.SocketTable.PACKET_DGRAM ? 2 : 3, s.protocol(), s.ifindex(), 0,
                    s.uid(), s.inode()));
        }
        return b.toString();
    }

    /** {@code /proc/net/netlink}. */
    static String procNetNetlink(List<NetlinkSocket> sockets) {
        StringBuilder b = new StringBuilder(
                "sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode\n");
        for (NetlinkSocket s : sockets) {
            b.append(String.format("%016x %-3d %-10d %08x %-8d %-8d %-5d %-8d %-8d %d%n", 0, s.protocol(),
                    s.portid(), s.groups(), 0, 0, 0, 2, 0, s.inode()));
        }
        return b.toString();
    }

}
