package io.sockscope.source;

import io.sockscope.kernel.DumpOutcome;
import io.sockscope.kernel.NetlinkChannel;
import io.sockscope.kernel.NetlinkException;
import io.sockscope.kernel.NetlinkMessageHandler;
import io.sockscope.model.AddressFamily;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.netlink.InetDiagAttribute;
import io.sockscope.netlink.InetDiagMsg;
import io.sockscope.netlink.InetDiagReq;
import io.sockscope.netlink.InetDiagReqV2;
import io.sockscope.netlink.MalformedMessageException;
import io.sockscope.netlink.NetlinkDiagMsg;
import io.sockscope.netlink.NetlinkDiagReq;
import io.sockscope.netlink.PacketDiagMsg;
import io.sockscope.netlink.PacketDiagReq;
import io.sockscope.netlink.SockDiag;
import io.sockscope.netlink.UnixDiagMsg;
import io.sockscope.netlink.UnixDiagReq;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sockets from the kernel over {@code NETLINK_SOCK_DIAG}, asked for and kept exactly as ss 6.1 does:
 *
 * <ul>
 * <li>inet tables (TCP, UDP, raw, DCCP, SCTP, MPTCP): one {@code inet_diag_req_v2} for {@code AF_INET} then one
 *     for {@code AF_INET6} (only the preferred one when {@code -4}/{@code -6} chose it), carrying the state mask,
 *     the extensions the output needs and the filter bytecode; protocols above 255 (MPTCP) in
 *     {@code INET_DIAG_REQ_PROTOCOL}. When a request fails, TCP and DCCP retry once with the original
 *     {@code inet_diag_req}, as ss does. Replies of families outside the request's family mask are dropped.</li>
 * <li>unix: one request for every type with the state mask; types outside the table mask are dropped.</li>
 * <li>packet: every packet socket, whatever the table mask (ss does not filter them on this path); a reply
 *     without {@code PACKET_DIAG_MEMINFO} makes the whole table unavailable, since ss then reads /proc.</li>
 * <li>netlink: every protocol, with groups and memory (the queues).</li>
 * </ul>
 *
 * <p>When the kernel cannot answer at all (no diag handler for the protocol: raw, DCCP and SCTP diag are often
 * not built, and the kernel then ends the dump with {@code ENOENT}) the dump throws
 * {@link TableUnavailableException} before delivering anything, its cause a {@link NetlinkException} with the
 * errno. Malformed records are skipped with a warning. Each call opens its own netlink socket; instances hold
 * no state and may be shared.
 */
public final class NetlinkSource implements SocketSource {
    /** The {@code nlmsg_seq} ss puts in every sock_diag request. */
    public static final int SS_SEQUENCE = 123456;

    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_UDP = 17;
    static final int IPPROTO_DCCP = 33;
    static final int IPPROTO_SCTP = 132;
    static final int IPPROTO_RAW = 255;
    static final int IPPROTO_MPTCP = 262;

    private static final String CALL = "sock_diag dump";

    /** A source reading the kernel of the calling thread's network namespace. */
    public NetlinkSource() {
    }

    @Override
    public void dump(DumpKind kind, DumpRequest request, SocketSink sink, WarningSink warnings)
            throws SourceException {
        switch (kind) {
            case TCP -> dumpInet(SocketTable.TCP, IPPROTO_TCP, request, sink, warnings);
            case UDP -> dumpInet(SocketTable.UDP, IPPROTO_UDP, request, sink, warnings);
            case RAW -> dumpInet(SocketTable.RAW, IPPROTO_RAW, request, sink, warnings);
            case DCCP -> dumpInet(SocketTable.DCCP, IPPROTO_DCCP, request, sink, warnings);
            case SCTP -> dumpInet(SocketTable.SCTP, IPPROTO_SCTP, request, sink, warnings);
            case MPTCP -> dumpInet(SocketTable.MPTCP, IPPROTO_MPTCP, request, sink, warnings);
            case UNIX -> dumpUnix(request, sink, warnings);
            case PACKET -> dumpPacket(request, sink, warnings);
            case NETLINK -> dumpNetlink(request, sink, warnings);
        }
    }

    /** The {@code idiag_ext} bits ss sets for the output options of a request. */
    static int inetExtensions(DumpRequest request) {
        int ext = 0;
        if (request.memory()) {
            ext |= InetDiagAttribute.extensionBit(InetDiagAttribute.INET_DIAG_MEMINFO)
                    | InetDiagAttribute.extensionBit(InetDiagAttribute.INET_DIAG_SKMEMINFO);
        }
        if (request.tcpInfo()) {
            ext |= InetDiagAttribute.extensionBit(InetDiagAttribute.INET_DIAG_INFO)
                    | InetDiagAttribute.extensionBit(InetDiagAttribute.INET_DIAG_VEGASINFO)
                    | InetDiagAttribute.extensionBit(InetDiagAttribute.INET_DIAG_CONG);
        }
        if (request.tos()) {
            ext |= InetDiagAttribute.extensionBit(InetDiagAttribute.INET_DIAG_TOS)
                    | InetDiagAttribute.extensionBit(InetDiagAttribute.INET_DIAG_TCLASS);
        }
        return ext;
    }

    /**
     * The requests ss sends for an inet table, in order: the v2 request of each family to ask for. The
     * original-format fallback is not listed; it is sent only after a failure ({@link #legacyRequest}).
     */
    static List<byte[]> inetRequests(int protocol, DumpRequest request) {
        List<byte[]> requests = new ArrayList<>(2);
        int ext = inetExtensions(request);
        if (request.preferredFamily() != AddressFamily.INET6) {
            requests.add(InetDiagReqV2.encode(AddressFamily.INET, protocol, ext, request.states(),
                    request.bytecode(), SS_SEQUENCE));
        }
        if (request.preferredFamily() != AddressFamily.INET) {
            requests.add(InetDiagReqV2.encode(AddressFamily.INET6, protocol, ext, request.states(),
                    request.bytecode(), SS_SEQUENCE));
        }
        return requests;
    }

    /** ss's fallback request after a failed v2 dump: the original format, TCP and DCCP only; else null. */
    static byte[] legacyRequest(int protocol, DumpRequest request) {
        int type = switch (protocol) {
            case IPPROTO_TCP -> SockDiag.TCPDIAG_GETSOCK;
            case IPPROTO_DCCP -> SockDiag.DCCPDIAG_GETSOCK;
            default -> -1;
        };
        if (type < 0) {
            return null;
        }
        return InetDiagReq.encode(type, AddressFamily.INET, inetExtensions(request), request.states(),
                request.bytecode(), SS_SEQUENCE);
    }

    /** The {@code unix_diag_req} ss sends. */
    static byte[] unixRequest(DumpRequest request) {
        int show = UnixDiagReq.UDIAG_SHOW_NAME | UnixDiagReq.UDIAG_SHOW_PEER | UnixDiagReq.UDIAG_SHOW_RQLEN;
        if (request.memory()) {
            show |= UnixDiagReq.UDIAG_SHOW_MEMINFO;
        }
        if (request.details()) {
            show |= UnixDiagReq.UDIAG_SHOW_VFS | UnixDiagReq.UDIAG_SHOW_ICONS;
        }
        return UnixDiagReq.encode(request.states(), show, SS_SEQUENCE);
    }

    /** The {@code packet_diag_req} ss sends. */
    static byte[] packetRequest() {
        return PacketDiagReq.encode(PacketDiagReq.PACKET_SHOW_INFO | PacketDiagReq.PACKET_SHOW_MEMINFO
                | PacketDiagReq.PACKET_SHOW_FILTER | PacketDiagReq.PACKET_SHOW_RING_CFG
                | PacketDiagReq.PACKET_SHOW_FANOUT, SS_SEQUENCE);
    }

    /** The {@code netlink_diag_req} ss sends. */
    static byte[] netlinkRequest() {
        return NetlinkDiagReq.encode(NetlinkDiagReq.NDIAG_PROTO_ALL,
                NetlinkDiagReq.NDIAG_SHOW_GROUPS | NetlinkDiagReq.NDIAG_SHOW_MEMINFO, SS_SEQUENCE);
    }

    private void dumpInet(SocketTable table, int protocol, DumpRequest request, SocketSink sink,
                          WarningSink warnings) throws SourceException {
        long families = request.families();
        if (!hasFamily(families, AddressFamily.INET) && !hasFamily(families, AddressFamily.INET6)) {
            return;
        }
        boolean keep = request.memory() || request.tcpInfo() || request.tos();
        Delivery delivery = new Delivery(sink, warnings);
        NetlinkMessageHandler handler = (type, flags, payload) -> delivery.inet(payload, table, families, keep);
        try (NetlinkChannel channel = open()) {
            for (byte[] v2 : inetRequests(protocol, request)) {
                try {
                    run(channel, v2, handler, warnings);
                } catch (NetlinkException failed) {
                    // Like ss: one retry in the original format, which answers for every family, then stop.
                    byte[] legacy = legacyRequest(protocol, request);
                    if (legacy == null) {
                        throw failure(failed, delivery.count);
                    }
                    try {
                        run(channel, legacy, handler, warnings);
                    } catch (NetlinkException alsoFailed) {
                        alsoFailed.addSuppressed(failed);
                        throw failure(alsoFailed, delivery.count);
                    }
                    return;
                }
            }
        }
    }

    private void dumpUnix(DumpRequest request, SocketSink sink, WarningSink warnings) throws SourceException {
        if (!hasFamily(request.families(), AddressFamily.UNIX)) {
            return;
        }
        Delivery delivery = new Delivery(sink, warnings);
        NetlinkMessageHandler handler = (type, flags, payload) -> delivery.unix(payload, request);
        dumpOnce(unixRequest(request), handler, delivery, warnings);
    }

    private void dumpPacket(DumpRequest request, SocketSink sink, WarningSink warnings) throws SourceException {
        if (!hasFamily(request.families(), AddressFamily.PACKET) || !hasState(request, TcpState.CLOSE)) {
            return;
        }
        List<SocketRecord> sockets = new ArrayList<>();
        Delivery collect = new Delivery(sockets::add, warnings);
        NetlinkMessageHandler handler = (type, flags, payload) -> collect.packet(payload, request);
        dumpOnce(packetRequest(), handler, collect, warnings);
        if (collect.missingMemInfo) {
            throw new TableUnavailableException(
                    "netlink: packet_diag reply without PACKET_DIAG_MEMINFO (ss reads /proc/net/packet then)");
        }
        sockets.forEach(sink::accept);
    }

    private void dumpNetlink(DumpRequest request, SocketSink sink, WarningSink warnings) throws SourceException {
        if (!hasFamily(request.families(), AddressFamily.NETLINK) || !hasState(request, TcpState.CLOSE)) {
            return;
        }
        Delivery delivery = new Delivery(sink, warnings);
        NetlinkMessageHandler handler = (type, flags, payload) -> delivery.netlink(payload);
        dumpOnce(netlinkRequest(), handler, delivery, warnings);
    }

    private void dumpOnce(byte[] request, NetlinkMessageHandler handler, Delivery delivery, WarningSink warnings)
            throws SourceException {
        try (NetlinkChannel channel = open()) {
            run(channel, request, handler, warnings);
        } catch (NetlinkException e) {
            throw failure(e, delivery.count);
        }
    }

    private static void run(NetlinkChannel channel, byte[] request, NetlinkMessageHandler handler,
                            WarningSink warnings) throws NetlinkException {
        DumpOutcome outcome = channel.dump(CALL, request, handler, warnings::warn);
        if (outcome == DumpOutcome.POSSIBLY_INCONSISTENT) {
            warnings.warn(CALL + ": the kernel's data changed during every attempt; the listing may be inconsistent");
        }
    }

    private static NetlinkChannel open() throws TableUnavailableException {
        try {
            return NetlinkChannel.open(SockDiag.NETLINK_SOCK_DIAG);
        } catch (NetlinkException e) {
            throw new TableUnavailableException("netlink: " + e.getMessage(), e);
        }
    }

    private static SourceException failure(NetlinkException e, long delivered) {
        if (delivered == 0) {
            return new TableUnavailableException("netlink: " + e.getMessage(), e);
        }
        return new SourceException("netlink: " + e.getMessage() + " after " + delivered + " sockets", e);
    }

    private static boolean hasFamily(long families, int family) {
        return (families & AddressFamily.mask(family)) != 0;
    }

    private static boolean hasState(DumpRequest request, TcpState state) {
        return (request.states() & TcpState.bit(state)) != 0;
    }

    /** Decodes the messages of one dump, applies ss's user-space filtering and hands the rest to the sink. */
    private static final class Delivery {
        private final SocketSink sink;
        private final WarningSink warnings;
        private final Consumer<String> decodeWarnings;
        long count;
        boolean missingMemInfo;

        Delivery(SocketSink sink, WarningSink warnings) {
            this.sink = sink;
            this.warnings = warnings;
            this.decodeWarnings = warnings::warn;
        }

        void inet(MemorySegment payload, SocketTable table, long families, boolean keepAttributes) {
            try {
                InetDiagMsg.checkLength(payload);
                int family = InetDiagMsg.family(payload);
                if (family >= Long.SIZE || !hasFamily(families, family)) {
                    return;
                }
                deliver(InetDiagMsg.decode(payload, table, keepAttributes, decodeWarnings));
            } catch (MalformedMessageException e) {
                skipped(e);
            }
        }

        void unix(MemorySegment payload, DumpRequest request) {
            try {
                UnixDiagMsg.checkLength(payload);
                SocketTable table = UnixDiagMsg.table(UnixDiagMsg.type(payload));
                if (table != null && !table.in(request.tables())) {
                    return;
                }
                deliver(UnixDiagMsg.decode(payload, request.memory(), decodeWarnings));
            } catch (MalformedMessageException e) {
                skipped(e);
            }
        }

        void packet(MemorySegment payload, DumpRequest request) {
            try {
                if (!PacketDiagMsg.hasMemInfo(payload)) {
                    missingMemInfo = true;
                    return;
                }
                deliver(PacketDiagMsg.decode(payload, request.details() || request.memory(), decodeWarnings));
            } catch (MalformedMessageException e) {
                skipped(e);
            }
        }

        void netlink(MemorySegment payload) {
            try {
                deliver(NetlinkDiagMsg.decode(payload, decodeWarnings));
            } catch (MalformedMessageException e) {
                skipped(e);
            }
        }

        private void deliver(SocketRecord socket) {
            sink.accept(socket);
            count++;
        }

        private void skipped(MalformedMessageException e) {
            warnings.warn(CALL + ": skipped a malformed socket record: " + e.getMessage());
        }
    }
}
