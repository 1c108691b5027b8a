package io.sockscope.netlink;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.IpProtocol;
import io.sockscope.model.SocketTable;
import io.sockscope.model.Timer;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.util.function.Consumer;

/**
 * {@code struct inet_diag_msg}, one TCP/UDP/raw/DCCP/SCTP/MPTCP socket in a sock_diag reply, followed by
 * {@code INET_DIAG_*} attributes ({@link InetDiagAttribute}).
 *
 * <pre>
 * struct inet_diag_msg {
 *     __u8    idiag_family;
 *     __u8    idiag_state;
 *     __u8    idiag_timer;
 *     __u8    idiag_retrans;
 *     struct inet_diag_sockid id;
 *     __u32   idiag_expires;    // milliseconds
 *     __u32   idiag_rqueue;
 *     __u32   idiag_wqueue;
 *     __u32   idiag_uid;
 *     __u32   idiag_inode;
 * };
 * </pre>
 * The static accessors are the raw view (valid after {@link #checkLength}); {@link #decode} builds the record.
 */
public final class InetDiagMsg {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U8.withName("idiag_family"),
                FieldLayouts.U8.withName("idiag_state"),
                FieldLayouts.U8.withName("idiag_timer"),
                FieldLayouts.U8.withName("idiag_retrans"),
                InetDiagSockId.layout().withName("id"),
                FieldLayouts.U32.withName("idiag_expires"),
                FieldLayouts.U32.withName("idiag_rqueue"),
                FieldLayouts.U32.withName("idiag_wqueue"),
                FieldLayouts.U32.withName("idiag_uid"),
                FieldLayouts.U32.withName("idiag_inode"));
    }

    public static final int SIZE = 72;
    public static final long FAMILY = 0;
    public static final long STATE = 1;
    public static final long TIMER = 2;
    public static final long RETRANS = 3;
    public static final long ID = 4;
    public static final long EXPIRES = 52;
    public static final long RQUEUE = 56;
    public static final long WQUEUE = 60;
    public static final long UID = 64;
    public static final long INODE = 68;

    private InetDiagMsg() {
    }

    /** Rejects a payload too short for the struct, so that the raw accessors can be used. */
    public static void checkLength(int payloadLength) throws MalformedMessageException {
        if (payloadLength < SIZE) {
            throw new MalformedMessageException("inet_diag_msg of " + payloadLength + " bytes, need " + SIZE);
        }
    }

    public static int family(byte[] b, int payloadOffset) {
        return Fields.u8(b, payloadOffset + (int) FAMILY);
    }

    /**
     * Decodes the payload (what follows the {@code nlmsghdr}) at {@code offset} of a heap copy of a reply, read
     * in place.
     *
     * @param table       the table the request was for (the message does not say)
     * @param keepDetails decode the other attributes into {@link InetSocket#details()}: the request asked for
     *                    some ({@code -m -i --tos --inet-sockopt})
     * @param warnings    told about a damaged attribute area (the socket is still returned)
     * @throws MalformedMessageException when the struct is short or the family is neither INET nor INET6
     */
    public static InetSocket decode(byte[] b, int offset, int length, SocketTable table, boolean keepDetails,
                                    Consumer<String> warnings) throws MalformedMessageException {
        return decode(b, offset, length, table, false, keepDetails, warnings);
    }

    /**
     * Decodes a destroy event ({@code SKNLGRP_INET*_DESTROY}): a message like a dump's, whose table follows from
     * its {@code INET_DIAG_PROTOCOL} (UDP, else TCP) since no request named one.
     */
    public static InetSocket decodeDestroyEvent(byte[] b, int offset, int length, boolean keepDetails,
                                                Consumer<String> warnings) throws MalformedMessageException {
        return decode(b, offset, length, SocketTable.TCP, true, keepDetails, warnings);
    }

    private static InetSocket decode(byte[] b, int offset, int length, SocketTable requested, boolean tableFromProtocol,
                                     boolean keepDetails, Consumer<String> warnings)
            throws MalformedMessageException {
        checkLength(length);
        int family = family(b, offset);
        int addressLength = switch (family) {
            case AddressFamily.INET -> 4;
            case AddressFamily.INET6 -> 16;
            default -> throw new MalformedMessageException("inet_diag_msg with address family " + family);
        };
        int v6only = -1;
        int shutdown = -1;
        int mark = 0;
        long cgroupId = 0;
        int protocol = -1;
        AttributeCursor c = new AttributeCursor(b, offset + SIZE, length - SIZE);
        while (c.next()) {
            switch (c.type()) {
                case InetDiagAttribute.INET_DIAG_SKV6ONLY -> v6only = c.u8();
                case InetDiagAttribute.INET_DIAG_SHUTDOWN -> shutdown = c.u8();
                case InetDiagAttribute.INET_DIAG_MARK -> mark = c.u32();
                case InetDiagAttribute.INET_DIAG_CGROUP_ID -> cgroupId = c.u64();
                case InetDiagAttribute.INET_DIAG_PROTOCOL -> protocol = c.u8();
                default -> { }
            }
        }
        if (c.malformed()) {
            warnings.accept("inet_diag_msg: " + c.problem());
        }
        SocketTable table = tableFromProtocol && protocol == IpProtocol.IPPROTO_UDP ? SocketTable.UDP : requested;
        int id = offset + (int) ID;
        InetEndpoint local = new InetEndpoint(
                Fields.bytes(b, id + (int) InetDiagSockId.SRC, addressLength),
                Fields.be16(b, id + (int) InetDiagSockId.SPORT));
        InetEndpoint peer = new InetEndpoint(
                Fields.bytes(b, id + (int) InetDiagSockId.DST, addressLength),
                Fields.be16(b, id + (int) InetDiagSockId.DPORT));
        return new InetSocket(
                table,
                family,
                Fields.u8(b, offset + (int) STATE),
                Fields.u32AsLong(b, offset + (int) RQUEUE),
                Fields.u32AsLong(b, offset + (int) WQUEUE),
                local,
                peer,
                Fields.u32(b, id + (int) InetDiagSockId.IF),
                Fields.u32AsLong(b, offset + (int) INODE),
                Fields.u32(b, offset + (int) UID),
                Fields.cookie(b, id + (int) InetDiagSockId.COOKIE),
                Timer.of(Fields.u8(b, offset + (int) TIMER), Fields.u32AsLong(b, offset + (int) EXPIRES)),
                Fields.u8(b, offset + (int) RETRANS),
                v6only,
                shutdown,
                mark,
                cgroupId,
                protocol,
                keepDetails ? InetDiagDetails.decode(b, offset + SIZE, length - SIZE, table, protocol) : null,
                null);
    }
}
