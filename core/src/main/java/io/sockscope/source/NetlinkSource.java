package io.sockscope.source;

import io.sockscope.kernel.BackgroundDump;
import io.sockscope.kernel.DumpOutcome;
import io.sockscope.kernel.NetlinkChannel;
import io.sockscope.kernel.NetlinkException;
import io.sockscope.kernel.NetlinkMessageHandler;
import io.sockscope.kernel.ReplyRecorder;
import io.sockscope.model.AddressFamily;
import io.sockscope.model.IpProtocol;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.WarningSink;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
 * <p>Sockets reach the sink as the kernel's datagrams arrive, in order; at most
 * {@link #BACKGROUND_BUDGET_BYTES} of a dump received on its own thread wait for the sink. When the kernel
 * cannot answer at all (no diag handler for the protocol: raw, DCCP and SCTP diag are often not built, and
 * the kernel then ends the dump with {@code ENOENT} in its first datagram) the dump throws
 * {@link TableUnavailableException} before delivering anything, its cause a {@link NetlinkException} with the
 * errno. A failure after sockets were delivered is a plain {@link SourceException} (a fallback would list
 * them twice), and so is the TCP/DCCP retry skipped then. A dump the kernel flags {@code NLM_F_DUMP_INTR}
 * after delivery is listed whole, with a warning that it may be inconsistent. Malformed records are skipped
 * with a warning. Each call opens its own netlink socket; instances hold no state and may be shared.
 */
public final class NetlinkSource implements SocketSource {
    /** The {@code nlmsg_seq} ss puts in every sock_diag request. */
    public static final int SS_SEQUENCE = 123456;

    private static final String CALL = "sock_diag dump";

    /**
     * How far the receiving thread of an inet or unix dump may run ahead of the sink: about one batch of ss's
     * table (5 MiB of text is some 50,000 rows, and a socket takes about 100 bytes of reply).
     */
    static final long BACKGROUND_BUDGET_BYTES = 4L << 20;

    /** No wait before the requests: one instance, made with the class, for every source that does not wait. */
    private static final Runnable NO_WAIT = () -> { };

    private final ChannelOpener opener;
    private final ReplyRecorder recorder;
    private final boolean background;
    /** Runs on the dumping thread between opening a channel and sending its first request. */
    private final Runnable beforeRequests;

    /**
     * A source reading the kernel of the calling thread's network namespace. Inet and unix dumps are received
     * on a thread of its own ({@link BackgroundDump}) while the calling thread decodes and delivers.
     */
    public NetlinkSource() {
        this(() -> NetlinkChannel.open(SockDiag.NETLINK_SOCK_DIAG), null, true, NO_WAIT);
    }

    /**
     * A source like {@link #NetlinkSource()} whose every dump opens its channel, then waits for
     * {@code ready} to return before sending its request: the kernel's table is read at a moment the caller
     * chooses (ss reads /proc for {@code -p} before it asks for the sockets), while the work of getting the
     * channel ready, a few milliseconds of a fresh JVM, overlaps whatever {@code ready} waits for.
     * {@code ready} runs on the dumping thread, once per dump, and should not throw.
     */
    public static NetlinkSource requestingAfter(Runnable ready) {
        return new NetlinkSource(() -> NetlinkChannel.open(SockDiag.NETLINK_SOCK_DIAG), null, true,
                Objects.requireNonNull(ready, "ready"));
    }

    /**
     * Opens a sock_diag channel and closes it again: whether this process may read the kernel's tables at all,
     * asked before the first dump.
     */
    public static void probe() throws NetlinkException {
        NetlinkChannel.open(SockDiag.NETLINK_SOCK_DIAG).close();
    }

    /** A source whose dumps run over the channels {@code opener} gives (tests: scripted replies). */
    NetlinkSource(ChannelOpener opener) {
        this(opener, null, false, NO_WAIT);
    }

    /**
     * A source whose dumps run over the channels {@code opener} gives, received on a thread of their own
     * when {@code background}: then {@code opener} is called on that thread.
     */
    NetlinkSource(ChannelOpener opener, boolean background) {
        this(opener, null, background, NO_WAIT);
    }

    /** {@link #requestingAfter(Runnable)} over the channels {@code opener} gives (tests). */
    NetlinkSource(ChannelOpener opener, boolean background, Runnable beforeRequests) {
        this(opener, null, background, beforeRequests);
    }

    private NetlinkSource(ChannelOpener opener, ReplyRecorder recorder, boolean background,
                          Runnable beforeRequests) {
        this.opener = opener;
        this.recorder = recorder;
        this.background = background;
        this.beforeRequests = beforeRequests;
    }

    /**
     * A source that also hands every reply datagram of its dumps, as received, to {@code recorder}: what
     * {@code ss -D} writes to its file (see {@link ReplaySource} for reading one back). Its dumps run on the
     * calling thread.
     */
    public static NetlinkSource recording(ReplyRecorder recorder) {
        return new NetlinkSource(() -> NetlinkChannel.open(SockDiag.NETLINK_SOCK_DIAG), recorder, false, NO_WAIT);
    }

    /** {@link #recording(ReplyRecorder)} over the channels {@code opener} gives (tests). */
    static NetlinkSource recording(ChannelOpener opener, ReplyRecorder recorder) {
        return new NetlinkSource(opener, recorder, false, NO_WAIT);
    }

    /** Opens one {@code NETLINK_SOCK_DIAG} channel per dump. */
    @FunctionalInterface
    interface ChannelOpener {
        NetlinkChannel open() throws NetlinkException;
    }

    @Override
    public void dump(DumpKind kind, DumpRequest request, SocketSink sink, WarningSink warnings)
            throws SourceException {
        Delivery delivery = new Delivery(kind, sink, warnings);
        switch (kind) {
            case TCP -> dumpInet(SocketTable.TCP, IpProtocol.IPPROTO_TCP, request, delivery);
            case UDP -> dumpInet(SocketTable.UDP, IpProtocol.IPPROTO_UDP, request, delivery);
            case RAW -> dumpInet(SocketTable.RAW, IpProtocol.IPPROTO_RAW, request, delivery);
            case DCCP -> dumpInet(SocketTable.DCCP, IpProtocol.IPPROTO_DCCP, request, delivery);
            case SCTP -> dumpInet(SocketTable.SCTP, IpProtocol.IPPROTO_SCTP, request, delivery);
            case MPTCP -> dumpInet(SocketTable.MPTCP, IpProtocol.IPPROTO_MPTCP, request, delivery);
            case UNIX -> dumpUnix(request, delivery);
            case PACKET -> dumpPacket(request, delivery);
            case NETLINK -> dumpNetlink(request, delivery);
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
            case IpProtocol.IPPROTO_TCP -> SockDiag.TCPDIAG_GETSOCK;
            case IpProtocol.IPPROTO_DCCP -> SockDiag.DCCPDIAG_GETSOCK;
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

    private void dumpInet(SocketTable table, int protocol, DumpRequest request, Delivery delivery)
            throws SourceException {
        long families = request.families();
        if (!hasFamily(families, AddressFamily.INET) && !hasFamily(families, AddressFamily.INET6)) {
            return;
        }
        boolean keep = request.memory() || request.tcpInfo() || request.tos() || request.inetSockopt();
        List<byte[]> requests = inetRequests(protocol, request);
        byte[] legacy = legacyRequest(protocol, request);
        receive((channel, handler) -> {
            for (byte[] v2 : requests) {
                try {
                    run(channel, v2, handler, delivery);
                } catch (NetlinkException failed) {
                    // Like ss: one retry in the original format, which answers for every family, then stop. Not
                    // after part of this reply was delivered, though: that would list those sockets twice.
                    if (legacy == null || failed.messagesDelivered() != 0) {
                        throw failed;
                    }
                    try {
                        run(channel, legacy, handler, delivery);
                    } catch (NetlinkException alsoFailed) {
                        alsoFailed.addSuppressed(failed);
                        throw alsoFailed;
                    }
                    return;
                }
            }
        }, new InetHandler(delivery, table, families, keep), background, delivery);
    }

    private void dumpUnix(DumpRequest request, Delivery delivery) throws SourceException {
        if (!hasFamily(request.families(), AddressFamily.UNIX)) {
            return;
        }
        byte[] unix = unixRequest(request);
        receive((channel, handler) -> run(channel, unix, handler, delivery),
                new UnixHandler(delivery, request), background, delivery);
    }

    private void dumpPacket(DumpRequest request, Delivery delivery) throws SourceException {
        if (!hasFamily(request.families(), AddressFamily.PACKET) || !hasState(request, TcpState.CLOSE)) {
            return;
        }
        dumpOnce(packetRequest(), new PacketHandler(delivery, request), delivery);
        if (delivery.missingMemInfo) {
            // ss stops at the first record without it and reads /proc/net/packet instead. A kernel that knows
            // PACKET_SHOW_MEMINFO answers it for every socket, so that record is the first one.
            String problem = "netlink: packet_diag reply without PACKET_DIAG_MEMINFO";
            if (delivery.count == 0) {
                throw new TableUnavailableException(problem + " (ss reads /proc/net/packet then)");
            }
            throw new SourceException(problem + " after " + delivery.count + " sockets");
        }
    }

    private void dumpNetlink(DumpRequest request, Delivery delivery) throws SourceException {
        if (!hasFamily(request.families(), AddressFamily.NETLINK) || !hasState(request, TcpState.CLOSE)) {
            return;
        }
        dumpOnce(netlinkRequest(), new NetlinkHandler(delivery, request), delivery);
    }

    private void dumpOnce(byte[] request, NetlinkMessageHandler handler, Delivery delivery)
            throws SourceException {
        receive((channel, forward) -> run(channel, request, forward, delivery), handler, false, delivery);
    }

    /** The requests of one dump over one channel, their reply messages going to {@code handler}. */
    @FunctionalInterface
    private interface ChannelWork {
        void run(NetlinkChannel channel, NetlinkMessageHandler handler) throws NetlinkException;
    }

    /**
     * Opens a channel, runs {@code work} over it and hands the messages to {@code handler}: on the calling
     * thread, or, {@code inBackground}, with the channel opened and read on a thread of its own.
     */
    private void receive(ChannelWork work, NetlinkMessageHandler handler, boolean inBackground, Delivery delivery)
            throws SourceException {
        try {
            if (inBackground) {
                BackgroundDump.run("sockscope-netlink", forward -> {
                    try (NetlinkChannel channel = opener.open()) {
                        beforeRequests.run();
                        work.run(channel, forward);
                    }
                }, handler, BACKGROUND_BUDGET_BYTES);
            } else {
                try (NetlinkChannel channel = open()) {
                    beforeRequests.run();
                    work.run(channel, handler);
                }
            }
        } catch (NetlinkException e) {
            // Also a channel that could not be opened: nothing was delivered, so the table is unavailable.
            throw delivery.failure(e);
        }
    }

    private void run(NetlinkChannel channel, byte[] request, NetlinkMessageHandler handler,
                     Delivery delivery) throws NetlinkException {
        DumpOutcome outcome = channel.dump(CALL, request, handler, delivery.warnings::warn, recorder);
        if (outcome == DumpOutcome.POSSIBLY_INCONSISTENT) {
            delivery.warnings.warn(CALL + " of " + delivery.what
                    + " was interrupted by a concurrent change; the listing may be inconsistent");
        }
    }

    private NetlinkChannel open() throws TableUnavailableException {
        try {
            return opener.open();
        } catch (NetlinkException e) {
            throw new TableUnavailableException("netlink: " + e.getMessage(), e);
        }
    }

    private static boolean hasFamily(long families, int family) {
        return (families & AddressFamily.mask(family)) != 0;
    }

    private static boolean hasState(DumpRequest request, TcpState state) {
        return (request.states() & TcpState.bit(state)) != 0;
    }

    /**
     * Decodes the messages of one dump as they arrive, applies ss's user-space filtering and hands the rest to
     * the sink, counting them.
     */
    private static final class Delivery {
        final String what;
        final WarningSink warnings;
        private final SocketSink sink;
        private final Consumer<String> decodeWarnings;
        long count;
        boolean missingMemInfo;

        Delivery(DumpKind kind, SocketSink sink, WarningSink warnings) {
            this.what = kind.name().toLowerCase(Locale.ROOT);
            this.sink = sink;
            // The receiving thread warns too (skipped messages, interrupted dumps): one at a time.
            Object lock = new Object();
            this.warnings = message -> {
                synchronized (lock) {
                    warnings.warn(message);
                }
            };
            this.decodeWarnings = this.warnings::warn;
        }

        /** The exception for a failed dump: the table is unavailable only while nothing was delivered. */
        SourceException failure(NetlinkException e) {
            if (count == 0 && e.messagesDelivered() == 0) {
                return new TableUnavailableException("netlink: " + e.getMessage(), e);
            }
            return new SourceException("netlink: " + e.getMessage() + " after " + count + " sockets", e);
        }

        void inet(byte[] buffer, int offset, int length, SocketTable table, long families,
                  boolean keepDetails) {
            try {
                InetDiagMsg.checkLength(length);
                int family = InetDiagMsg.family(buffer, offset);
                if (family >= Long.SIZE || !hasFamily(families, family)) {
                    return;
                }
                deliver(InetDiagMsg.decode(buffer, offset, length, table, keepDetails, decodeWarnings));
            } catch (MalformedMessageException e) {
                skipped(e);
            }
        }

        void unix(byte[] buffer, int offset, int length, DumpRequest request) {
            try {
                UnixDiagMsg.checkLength(length);
                SocketTable table = UnixDiagMsg.table(UnixDiagMsg.type(buffer, offset));
                if (table != null && !table.in(request.tables())) {
                    return;
                }
                deliver(UnixDiagMsg.decode(buffer, offset, length, request.memory(), decodeWarnings));
            } catch (MalformedMessageException e) {
                skipped(e);
            }
        }

        void packet(byte[] buffer, int offset, int length, DumpRequest request) {
            if (missingMemInfo) {
                return;
            }
            try {
                if (!PacketDiagMsg.hasMemInfo(buffer, offset, length)) {
                    missingMemInfo = true;
                    return;
                }
                deliver(PacketDiagMsg.decode(buffer, offset, length, request.details() || request.memory(),
                        decodeWarnings));
            } catch (MalformedMessageException e) {
                skipped(e);
            }
        }

        void netlink(byte[] buffer, int offset, int length, DumpRequest request) {
            try {
                deliver(NetlinkDiagMsg.decode(buffer, offset, length, request.memory(), decodeWarnings));
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

    /**
     * Decodes unix_diag replies where the dump copied them, without a view per message (and so without the
     * foreign-memory API, which a fresh JVM pays tens of milliseconds to start).
     */
    private record UnixHandler(Delivery delivery, DumpRequest request) implements NetlinkMessageHandler {
        @Override
        public void onMessage(int type, int flags, byte[] buffer, int offset, int length) {
            delivery.unix(buffer, offset, length, request);
        }
    }

    /** Decodes packet_diag replies where the dump copied them. */
    private record PacketHandler(Delivery delivery, DumpRequest request) implements NetlinkMessageHandler {
        @Override
        public void onMessage(int type, int flags, byte[] buffer, int offset, int length) {
            delivery.packet(buffer, offset, length, request);
        }
    }

    /** Decodes netlink_diag replies where the dump copied them. */
    private record NetlinkHandler(Delivery delivery, DumpRequest request) implements NetlinkMessageHandler {
        @Override
        public void onMessage(int type, int flags, byte[] buffer, int offset, int length) {
            delivery.netlink(buffer, offset, length, request);
        }
    }

    /** Decodes inet_diag replies where the dump copied them, without a view per message. */
    private record InetHandler(Delivery delivery, SocketTable table, long families, boolean keepDetails)
            implements NetlinkMessageHandler {
        @Override
        public void onMessage(int type, int flags, byte[] buffer, int offset, int length) {
            delivery.inet(buffer, offset, length, table, families, keepDetails);
        }
    }
}
