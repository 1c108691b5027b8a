package io.sockscope.netlink;

import io.sockscope.model.AddressFamily;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct packet_diag_req}, the request for AF_PACKET sockets.
 *
 * <pre>
 * struct packet_diag_req {
 *     __u8    sdiag_family;     // AF_PACKET
 *     __u8    sdiag_protocol;   // 0
 *     __u16   pad;
 *     __u32   pdiag_ino;
 *     __u32   pdiag_show;       // PACKET_SHOW_* bits
 *     __u32   pdiag_cookie[2];
 * };
 * </pre>
 */
public final class PacketDiagReq {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U8.withName("sdiag_family"),
                FieldLayouts.U8.withName("sdiag_protocol"),
                FieldLayouts.U16.withName("pad"),
                FieldLayouts.U32.withName("pdiag_ino"),
                FieldLayouts.U32.withName("pdiag_show"),
                MemoryLayout.sequenceLayout(2, FieldLayouts.U32).withName("pdiag_cookie"));
    }

    public static final int SIZE = 20;
    public static final long FAMILY = 0;
    public static final long PROTOCOL = 1;
    public static final long INO = 4;
    public static final long SHOW = 8;
    public static final long COOKIE = 12;

    public static final int PACKET_SHOW_INFO = 0x01;
    public static final int PACKET_SHOW_MCLIST = 0x02;
    public static final int PACKET_SHOW_RING_CFG = 0x04;
    public static final int PACKET_SHOW_FANOUT = 0x08;
    public static final int PACKET_SHOW_MEMINFO = 0x10;
    public static final int PACKET_SHOW_FILTER = 0x20;

    private PacketDiagReq() {
    }

    /** Encodes a whole dump request message with the flags ss uses. */
    public static byte[] encode(int show, int seq) {
        int length = NetlinkHeader.SIZE + SIZE;
        byte[] out = new byte[length];
        // Written as an array: a segment view would start the foreign-memory API for a plain listing.
        byte[] s = out;
        NetlinkHeader.write(s, 0, length, SockDiag.SOCK_DIAG_BY_FAMILY, SockDiag.DUMP_REQUEST_FLAGS, seq, 0);
        long base = NetlinkHeader.SIZE;
        Fields.putU8(s, base + FAMILY, AddressFamily.PACKET);
        Fields.putU32(s, base + SHOW, show);
        return out;
    }
}
