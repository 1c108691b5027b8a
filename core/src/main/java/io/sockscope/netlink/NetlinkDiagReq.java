package io.sockscope.netlink;

import io.sockscope.model.AddressFamily;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct netlink_diag_req}, the request for AF_NETLINK sockets.
 *
 * <pre>
 * struct netlink_diag_req {
 *     __u8    sdiag_family;     // AF_NETLINK
 *     __u8    sdiag_protocol;   // a netlink protocol, or NDIAG_PROTO_ALL
 *     __u16   pad;
 *     __u32   ndiag_ino;
 *     __u32   ndiag_show;       // NDIAG_SHOW_* bits
 *     __u32   ndiag_cookie[2];
 * };
 * </pre>
 */
public final class NetlinkDiagReq {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U8.withName("sdiag_family"),
                FieldLayouts.U8.withName("sdiag_protocol"),
                FieldLayouts.U16.withName("pad"),
                FieldLayouts.U32.withName("ndiag_ino"),
                FieldLayouts.U32.withName("ndiag_show"),
                MemoryLayout.sequenceLayout(2, FieldLayouts.U32).withName("ndiag_cookie"));
    }

    public static final int SIZE = 20;
    public static final long FAMILY = 0;
    public static final long PROTOCOL = 1;
    public static final long INO = 4;
    public static final long SHOW = 8;
    public static final long COOKIE = 12;

    /** {@code sdiag_protocol} value that asks for every netlink protocol. */
    public static final int NDIAG_PROTO_ALL = 0xff;

    public static final int NDIAG_SHOW_MEMINFO = 0x1;
    public static final int NDIAG_SHOW_GROUPS = 0x2;
    public static final int NDIAG_SHOW_RING_CFG = 0x4;
    public static final int NDIAG_SHOW_FLAGS = 0x8;

    private NetlinkDiagReq() {
    }

    /** Encodes a whole dump request message with the flags ss uses. */
    public static byte[] encode(int protocol, int show, int seq) {
        int length = NetlinkHeader.SIZE + SIZE;
        byte[] out = new byte[length];
        // Written as an array: a segment view would start the foreign-memory API for a plain listing.
        byte[] s = out;
        NetlinkHeader.write(s, 0, length, SockDiag.SOCK_DIAG_BY_FAMILY, SockDiag.DUMP_REQUEST_FLAGS, seq, 0);
        long base = NetlinkHeader.SIZE;
        Fields.putU8(s, base + FAMILY, AddressFamily.NETLINK);
        Fields.putU8(s, base + PROTOCOL, protocol);
        Fields.putU32(s, base + SHOW, show);
        return out;
    }
}
