package io.sockscope.netlink;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct inet_diag_req_v2}, the {@code SOCK_DIAG_BY_FAMILY} request for TCP, UDP, raw, DCCP, SCTP and
 * MPTCP sockets of one address family.
 *
 * <pre>
 * struct inet_diag_req_v2 {
 *     __u8    sdiag_family;
 *     __u8    sdiag_protocol;
 *     __u8    idiag_ext;        // bit (n - 1) asks for reply attribute n
 *     __u8    pad;
 *     __u32   idiag_states;     // bit s keeps sockets in state s
 *     struct inet_diag_sockid id;
 * };
 * </pre>
 * Followed, in this order, by an optional {@code INET_DIAG_REQ_BYTECODE} filter program and, for protocol
 * numbers that do not fit {@code sdiag_protocol} (MPTCP is 262), an {@code INET_DIAG_REQ_PROTOCOL}
 * {@code __u32}; {@code sdiag_protocol} then holds the low byte of the number, as ss leaves it.
 */
public final class InetDiagReqV2 {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U8.withName("sdiag_family"),
                FieldLayouts.U8.withName("sdiag_protocol"),
                FieldLayouts.U8.withName("idiag_ext"),
                FieldLayouts.U8.withName("pad"),
                FieldLayouts.U32.withName("idiag_states"),
                InetDiagSockId.layout().withName("id"));
    }

    public static final int SIZE = 56;
    public static final long FAMILY = 0;
    public static final long PROTOCOL = 1;
    public static final long EXT = 2;
    public static final long STATES = 4;
    public static final long ID = 8;

    private InetDiagReqV2() {
    }

    /**
     * Encodes a whole dump request message (header, struct, attributes) with the flags ss uses.
     *
     * @param family     {@code AF_INET} or {@code AF_INET6}
     * @param protocol   IP protocol number; above 255 it travels in {@code INET_DIAG_REQ_PROTOCOL}
     * @param extensions {@code idiag_ext} bits
     * @param states     {@code idiag_states} mask
     * @param bytecode   filter program, or null (an empty program is not sent, as in ss)
     * @param seq        {@code nlmsg_seq}
     */
    public static byte[] encode(int family, int protocol, int extensions, int states, byte[] bytecode, int seq) {
        RequestAttributes.checkPayload(bytecode, "bytecode");
        boolean hasBytecode = bytecode != null && bytecode.length > 0;
        boolean extendedProtocol = protocol > 255;
        int length = NetlinkHeader.SIZE + SIZE
                + (hasBytecode ? RequestAttributes.size(bytecode.length) : 0)
                + (extendedProtocol ? RequestAttributes.size(4) : 0);
        byte[] out = new byte[length];
        // Written as an array: a segment view would start the foreign-memory API for a plain listing.
        byte[] s = out;
        NetlinkHeader.write(s, 0, length, SockDiag.SOCK_DIAG_BY_FAMILY, SockDiag.DUMP_REQUEST_FLAGS, seq, 0);
        long base = NetlinkHeader.SIZE;
        Fields.putU8(s, base + FAMILY, family);
        Fields.putU8(s, base + PROTOCOL, protocol);
        Fields.putU8(s, base + EXT, extensions);
        Fields.putU32(s, base + STATES, states);
        long next = base + SIZE;
        if (hasBytecode) {
            next = RequestAttributes.put(s, next, InetDiagAttribute.INET_DIAG_REQ_BYTECODE, bytecode);
        }
        if (extendedProtocol) {
            RequestAttributes.putU32(s, next, InetDiagAttribute.INET_DIAG_REQ_PROTOCOL, protocol);
        }
        return out;
    }
}
