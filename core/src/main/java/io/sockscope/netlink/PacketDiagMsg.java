package io.sockscope.netlink;

import io.sockscope.model.BpfInstruction;
import io.sockscope.model.PacketDetails;
import io.sockscope.model.PacketFanout;
import io.sockscope.model.PacketInfo;
import io.sockscope.model.PacketRing;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.SocketMemory;
import io.sockscope.model.SocketTable;

import java.lang.foreign.MemoryLayout;
import java.util.List;
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
    public static void checkLength(int payloadLength) throws MalformedMessageException {
        if (payloadLength < SIZE) {
            throw new MalformedMessageException("packet_diag_msg of " + payloadLength + " bytes, need " + SIZE);
        }
    }

    /**
     * Whether the payload at {@code offset} of {@code b} carries {@code PACKET_DIAG_MEMINFO}; ss reads
     * {@code /proc/net/packet} instead when a reply lacks it.
     */
    public static boolean hasMemInfo(byte[] b, int offset, int length) throws MalformedMessageException {
        checkLength(length);
        AttributeCursor c = new AttributeCursor(b, offset + SIZE, length - SIZE);
        while (c.next()) {
            if (c.type() == PACKET_DIAG_MEMINFO) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes the payload at {@code offset} of a heap copy of a reply. The table follows ss: {@code SOCK_RAW} is
     * {@code p_raw}, every other type {@code p_dgr}.
     *
     * @param keepDetails decode the attributes into {@link PacketSocket#details()} ({@code -e}, {@code -m})
     * @param warnings    told about a damaged attribute area (the socket is still returned)
     * @throws MalformedMessageException when the struct is short
     */
    public static PacketSocket decode(byte[] b, int offset, int length, boolean keepDetails,
                                      Consumer<String> warnings) throws MalformedMessageException {
        checkLength(length);
        int ifindex = 0;
        long recvQ = 0;
        int uid = 0;
        AttributeCursor c = new AttributeCursor(b, offset + SIZE, length - SIZE);
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
        SocketTable table = Fields.u8(b, offset + (int) TYPE) == SockDiag.SOCK_RAW
                ? SocketTable.PACKET_RAW : SocketTable.PACKET_DGRAM;
        return new PacketSocket(table, Fields.u16(b, offset + (int) NUM), ifindex, recvQ,
                Fields.u32AsLong(b, offset + (int) INO), uid, Fields.cookie(b, offset + (int) COOKIE),
                keepDetails ? details(new AttributeCursor(b, offset + SIZE, length - SIZE)) : null);
    }

    /** The attributes a consumer shows, the first of each type as in ss. */
    private static PacketDetails details(AttributeCursor c) {
        PacketInfo info = null;
        PacketRing rxRing = null;
        PacketRing txRing = null;
        PacketFanout fanout = null;
        List<BpfInstruction> filter = null;
        SocketMemory memory = null;
        while (c.next()) {
            switch (c.type()) {
                case PACKET_DIAG_INFO -> info = info != null ? info : PacketDiagInfo.decode(c);
                case PACKET_DIAG_RX_RING -> rxRing = rxRing != null ? rxRing : PacketDiagRing.decode(c);
                case PACKET_DIAG_TX_RING -> txRing = txRing != null ? txRing : PacketDiagRing.decode(c);
                case PACKET_DIAG_FANOUT -> fanout = fanout != null ? fanout : PacketDiagFanout.decode(c);
                case PACKET_DIAG_FILTER -> filter = filter != null ? filter : SockFilter.decode(c);
                case PACKET_DIAG_MEMINFO -> memory = memory != null ? memory : SkMemInfo.decode(c);
                default -> { }
            }
        }
        return new PacketDetails(info, rxRing, txRing, fanout, filter, memory);
    }
}
