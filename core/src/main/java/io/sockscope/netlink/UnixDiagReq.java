package io.sockscope.netlink;

import io.sockscope.model.AddressFamily;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct unix_diag_req}, the request for AF_UNIX sockets of every type.
 *
 * <pre>
 * struct unix_diag_req {
 *     __u8    sdiag_family;     // AF_UNIX
 *     __u8    sdiag_protocol;   // 0
 *     __u16   pad;
 *     __u32   udiag_states;
 *     __u32   udiag_ino;
 *     __u32   udiag_show;       // UDIAG_SHOW_* bits
 *     __u32   udiag_cookie[2];
 * };
 * </pre>
 */
public final class UnixDiagReq {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U8.withName("sdiag_family"),
                FieldLayouts.U8.withName("sdiag_protocol"),
                FieldLayouts.U16.withName("pad"),
                FieldLayouts.U32.withName("udiag_states"),
                FieldLayouts.U32.withName("udiag_ino"),
                FieldLayouts.U32.withName("udiag_show"),
                MemoryLayout.sequenceLayout(2, FieldLayouts.U32).withName("udiag_cookie"));
    }

    public static final int SIZE = 24;
    public static final long FAMILY = 0;
    public static final long PROTOCOL = 1;
    public static final long STATES = 4;
    public static final long INO = 8;
    public static final long SHOW = 12;
    public static final long COOKIE = 16;

    public static final int UDIAG_SHOW_NAME = 0x01;
    public static final int UDIAG_SHOW_VFS = 0x02;
    public static final int UDIAG_SHOW_PEER = 0x04;
    public static final int UDIAG_SHOW_ICONS = 0x08;
    public static final int UDIAG_SHOW_RQLEN = 0x10;
    public static final int UDIAG_SHOW_MEMINFO = 0x20;
    public static final int UDIAG_SHOW_UID = 0x40;

    private UnixDiagReq() {
    }

    /** Encodes a whole dump request message with the flags ss uses. */
    public static byte[] encode(int states, int show, int seq) {
        int length = NetlinkHeader.SIZE + SIZE;
        byte[] out = new byte[length];
        // Written as an array: a segment view would start the foreign-memory API for a plain listing.
        byte[] s = out;
        NetlinkHeader.write(s, 0, length, SockDiag.SOCK_DIAG_BY_FAMILY, SockDiag.DUMP_REQUEST_FLAGS, seq, 0);
        long base = NetlinkHeader.SIZE;
        Fields.putU8(s, base + FAMILY, AddressFamily.UNIX);
        Fields.putU32(s, base + STATES, states);
        Fields.putU32(s, base + SHOW, show);
        return out;
    }
}
