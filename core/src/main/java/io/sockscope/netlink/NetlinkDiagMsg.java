package io.sockscope.netlink;

import io.sockscope.model.NetlinkSocket;
import io.sockscope.model.SocketMemory;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.util.function.Consumer;

/**
 * {@code struct netlink_diag_msg}, one AF_NETLINK socket in a sock_diag reply, followed by
 * {@code NETLINK_DIAG_*} attributes.
 *
 * <pre>
 * struct netlink_diag_msg {
 *     __u8    ndiag_family;
 *     __u8    ndiag_type;
 *     __u8    ndiag_protocol;
 *     __u8    ndiag_state;      // NETLINK_CONNECTED = 1
 *     __u32   ndiag_portid;
 *     __u32   ndiag_dst_portid;
 *     __u32   ndiag_dst_group;
 *     __u32   ndiag_ino;
 *     __u32   ndiag_cookie[2];
 * };
 * </pre>
 */
public final class NetlinkDiagMsg {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U8.withName("ndiag_family"),
                FieldLayouts.U8.withName("ndiag_type"),
                FieldLayouts.U8.withName("ndiag_protocol"),
                FieldLayouts.U8.withName("ndiag_state"),
                FieldLayouts.U32.withName("ndiag_portid"),
                FieldLayouts.U32.withName("ndiag_dst_portid"),
                FieldLayouts.U32.withName("ndiag_dst_group"),
                FieldLayouts.U32.withName("ndiag_ino"),
                MemoryLayout.sequenceLayout(2, FieldLayouts.U32).withName("ndiag_cookie"));
    }

    public static final int SIZE = 28;
    public static final long FAMILY = 0;
    public static final long TYPE = 1;
    public static final long PROTOCOL = 2;
    public static final long STATE = 3;
    public static final long PORTID = 4;
    public static final long DST_PORTID = 8;
    public static final long DST_GROUP = 12;
    public static final long INO = 16;
    public static final long COOKIE = 20;

    public static final int NETLINK_DIAG_MEMINFO = 0;
    public static final int NETLINK_DIAG_GROUPS = 1;
    public static final int NETLINK_DIAG_RX_RING = 2;
    public static final int NETLINK_DIAG_TX_RING = 3;
    public static final int NETLINK_DIAG_FLAGS = 4;

    /** {@code ndiag_state} of a connected socket. */
    public static final int NETLINK_CONNECTED = 1;

    private NetlinkDiagMsg() {
    }

    /** Rejects a payload too short for the struct. */
    public static void checkLength(int payloadLength) throws MalformedMessageException {
        if (payloadLength < SIZE) {
            throw new MalformedMessageException("netlink_diag_msg of " + payloadLength + " bytes, need " + SIZE);
        }
    }

    /**
     * Decodes the payload at {@code offset} of a heap copy of a reply. Queues come from
     * {@code NETLINK_DIAG_MEMINFO} (read and write memory in use), the group bitmap's first {@code unsigned long}
     * from {@code NETLINK_DIAG_GROUPS}, as ss reads them.
     *
     * @param keepMemory decode the whole memory array into {@link NetlinkSocket#memory()} ({@code -m})
     * @param warnings   told about a damaged attribute area (the socket is still returned)
     * @throws MalformedMessageException when the struct is short
     */
    public static NetlinkSocket decode(byte[] b, int offset, int length, boolean keepMemory,
                                       Consumer<String> warnings) throws MalformedMessageException {
        checkLength(length);
        long groups = 0;
        long recvQ = 0;
        long sendQ = 0;
        SocketMemory memory = null;
        AttributeCursor c = new AttributeCursor(b, offset + SIZE, length - SIZE);
        while (c.next()) {
            switch (c.type()) {
                case NETLINK_DIAG_GROUPS -> groups = c.u64At(0);
                case NETLINK_DIAG_MEMINFO -> {
                    recvQ = c.u32AsLongAt(4L * SockDiag.SK_MEMINFO_RMEM_ALLOC);
                    sendQ = c.u32AsLongAt(4L * SockDiag.SK_MEMINFO_WMEM_ALLOC);
                    // The queues come from the last array, what ss prints with -m from the first.
                    memory = memory == null && keepMemory ? SkMemInfo.decode(c) : memory;
                }
                default -> { }
            }
        }
        if (c.malformed()) {
            warnings.accept("netlink_diag_msg: " + c.problem());
        }
        return new NetlinkSocket(
                Fields.u8(b, offset + (int) PROTOCOL),
                Fields.u32(b, offset + (int) PORTID),
                groups,
                Fields.u8(b, offset + (int) STATE) == NETLINK_CONNECTED,
                Fields.u32(b, offset + (int) DST_PORTID),
                Fields.u32(b, offset + (int) DST_GROUP),
                recvQ,
                sendQ,
                0,
                0,
                Fields.u32AsLong(b, offset + (int) INO),
                true,
                memory);
    }
}
