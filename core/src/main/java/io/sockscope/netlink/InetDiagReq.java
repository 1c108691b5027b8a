package io.sockscope.netlink;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct inet_diag_req}, the original inet_diag request ({@code TCPDIAG_GETSOCK},
 * {@code DCCPDIAG_GETSOCK}). ss falls back to it when a {@code SOCK_DIAG_BY_FAMILY} dump fails; the kernel
 * answers it with the sockets of every family.
 *
 * <pre>
 * struct inet_diag_req {
 *     __u8    idiag_family;
 *     __u8    idiag_src_len;
 *     __u8    idiag_dst_len;
 *     __u8    idiag_ext;
 *     struct inet_diag_sockid id;
 *     __u32   idiag_states;
 *     __u32   idiag_dbs;        // unused
 * };
 * </pre>
 */
public final class InetDiagReq {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U8.withName("idiag_family"),
                FieldLayouts.U8.withName("idiag_src_len"),
                FieldLayouts.U8.withName("idiag_dst_len"),
                FieldLayouts.U8.withName("idiag_ext"),
                InetDiagSockId.layout().withName("id"),
                FieldLayouts.U32.withName("idiag_states"),
                FieldLayouts.U32.withName("idiag_dbs"));
    }

    public static final int SIZE = 60;
    public static final long FAMILY = 0;
    public static final long SRC_LEN = 1;
    public static final long DST_LEN = 2;
    public static final long EXT = 3;
    public static final long ID = 4;
    public static final long STATES = 52;
    public static final long DBS = 56;

    private InetDiagReq() {
    }

    /**
     * Encodes a whole dump request message with the flags ss uses.
     *
     * @param type       {@link SockDiag#TCPDIAG_GETSOCK} or {@link SockDiag#DCCPDIAG_GETSOCK}
     * @param family     {@code idiag_family} (ss sends {@code AF_INET})
     * @param extensions {@code idiag_ext} bits
     * @param states     {@code idiag_states} mask
     * @param bytecode   filter program, or null
     * @param seq        {@code nlmsg_seq}
     */
    public static byte[] encode(int type, int family, int extensions, int states, byte[] bytecode, int seq) {
        RequestAttributes.checkPayload(bytecode, "bytecode");
        boolean hasBytecode = bytecode != null && bytecode.length > 0;
        int length = NetlinkHeader.SIZE + SIZE + (hasBytecode ? RequestAttributes.size(bytecode.length) : 0);
        byte[] out = new byte[length];
        // Written as an array: a segment view would start the foreign-memory API for a plain listing.
        byte[] s = out;
        NetlinkHeader.write(s, 0, length, type, SockDiag.DUMP_REQUEST_FLAGS, seq, 0);
        long base = NetlinkHeader.SIZE;
        Fields.putU8(s, base + FAMILY, family);
        Fields.putU8(s, base + EXT, extensions);
        Fields.putU32(s, base + STATES, states);
        if (hasBytecode) {
            RequestAttributes.put(s, base + SIZE, InetDiagAttribute.INET_DIAG_REQ_BYTECODE, bytecode);
        }
        return out;
    }
}
