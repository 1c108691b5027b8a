package io.sockscope.netlink;

import io.sockscope.model.PacketSocket;
import io.sockscope.model.SocketTable;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.function.Consumer;

/**
 * {@code struct packet_diag_msg}, one AF_PACKET socket in a sock_diag reply, followed by
 * {@code PACKET_DIAG_*} attributes ({@link PacketDiagInfo} for {@code PACKET_DIAG_INFO}).
 *
 * <pre>
 * struct packet_diag_msg {
 *     __u8    pdiag_family;
 *     __u8    pdiag_type;       // SOCK_RAW or SOCK_DGRAM
 *     __u16   pdiag_num;        // protocol (ethertype), host byte order
 *     __u32   pdiag_ino;
 *     __u32   pdiag_cookie[2];
 * };
 * </pre>
 * The kernel keeps a packet socket's protocol in network order but converts it ({@code ntohs}) when it fills
 * {@code pdiag_num}, so the field is read in host order (ETH_P_ALL arrives as 0x0003); ss reads it the same way.
 */
public final class PacketDiagMsg {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U8.withName("pdiag_family"),
                FieldLayouts.U8.withName("pdiag_type"),
                FieldLayouts.U16.withName("pdiag_num"),
                FieldLayouts.U32.withName("pdiag_ino"),
                MemoryLayout.sequenceLayout(2, FieldLayouts.U32).withName("pdiag_cookie"));
    }

    public static final int SIZE = 16;
    public static final long FAMILY = 0;
    public static final long TYPE = 1;
    public static final long NUM = 2;
    public static final long INO = 4;
    public static final long COOKIE = 8;

    public static final int PACKET_DIAG_INFO = 0;
    public static final int PACKET_DIAG_MCLIST = 1;
    public static final int PACKET_DIAG_RX_RING = 2;
    public static final int PACKET_DIAG_TX_RING = 3;
    public static final int PACKET_DIAG_FANOUT = 4;
    public static final int PACKET_DIAG_UID = 5;
    public static final int PACKET_DIAG_MEMINFO = 6;
    public static final int PACKET_DIAG_FILTER = 7;

    private PacketDiagMsg() {
    }

    /** Rejects a payload too short for the struct. */
    public static void checkLength(MemorySegment payload) throws MalformedMessageException {
        if (payload.byteSize() < SIZE) {
            throw new MalformedMessageException("packet_diag_msg of " + payload.byteSize() + " bytes, need " + SIZE);
        }
    }

    /**
     * Whether the message carries {@code PACKET_DIAG_MEMINFO}; ss reads {@code /proc/net/packet} instead
     * when a reply lacks it.
     */
    public static boolean hasMemInfo(MemorySegment payload) throws MalformedMessageException {
        checkLength(payload);
        AttributeCursor c = new AttributeCursor(payload.asSlice(SIZE));
        while (c.next()) {
            if (c.type() == PACKET_DIAG_MEMINFO) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes one message payload. The table follows ss: {@code SOCK_RAW} is {@code p_raw}, every other type
     * {@code p_dgr}.
     *
     * @param keepAttributes copy the attribute area into {@link PacketSocket#attributes()}
     * @param warnings       told about a damaged attribute area (the socket is still returned)
     * @throws MalformedMessageException when the struct is short
     */
    public static PacketSocket decode(MemorySegment payload, boolean keepAttributes, Consumer<String> warnings)
            throws MalformedMessageException {
        checkLength(payload);
        int ifindex = 0;
        long recvQ = 0;
        int uid = 0;
        MemorySegment area = payload.asSlice(SIZE);
        AttributeCursor c = new AttributeCursor(area);
        while (c.next()) {
            switch (c.type()) {
                case PACKET_DIAG_INFO -> ifindex = c.u32At(PacketDiagInfo.INDEX);
                case PACKET_DIAG_MEMINFO -> recvQ = c.u32AsLongAt(4L * SockDiag.SK_MEMINFO_RMEM_ALLOC);
                case PACKET_DIAG_UID -> uid = c.u32();
                default -> { }
            }
        }
        if (c.malformed()) {
            warnings.accept("packet_diag_msg: " + c.problem());
        }
        SocketTable table = Fields.u8(payload, TYPE) == SockDiag.SOCK_RAW
                ? SocketTable.PACKET_RAW : SocketTable.PACKET_DGRAM;
        return new PacketSocket(table, Fields.u16(payload, NUM), ifindex, recvQ, Fields.u32AsLong(payload, INO),
                uid, Fields.cookie(payload, COOKIE),
                keepAttributes ? Fields.bytes(area, 0, (int) area.byteSize()) : null);
    }
}
