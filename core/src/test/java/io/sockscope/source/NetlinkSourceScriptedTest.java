package io.sockscope.source;

import io.sockscope.kernel.Errno;
import io.sockscope.kernel.NetlinkChannel;
import io.sockscope.kernel.NetlinkException;
import io.sockscope.kernel.Replies;
import io.sockscope.kernel.ScriptedExchange;
import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetSocket;
import io.sockscope.model.IpProtocol;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.netlink.NetlinkHeader;
import io.sockscope.netlink.PacketDiagMsg;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import static io.sockscope.kernel.Replies.addressed;
import static io.sockscope.kernel.Replies.datagram;
import static io.sockscope.kernel.Replies.done;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NetlinkSource} over scripted replies made of real kernel messages (the golden replies of Linux
 * 6.18): when sockets reach the sink, when a table is unavailable, what happens after delivery, and the
 * retries ss makes.
 */
class NetlinkSourceScriptedTest {
    private static final int SEQ = NetlinkSource.SS_SEQUENCE;
    private static final int PORT = ScriptedExchange.PORT_ID;

    private static final List<byte[]> TCP4 = addressed(Replies.goldenData("tcp4.bin"), SEQ, PORT);
    private static final List<byte[]> TCP6 = addressed(Replies.goldenData("tcp6.bin"), SEQ, PORT);
    private static final List<byte[]> PACKET = addressed(Replies.goldenData("packet-all.bin"), SEQ, PORT);
    private static final byte[] DONE = done(SEQ, PORT, 0);
    private static final byte[] ENOENT = datagram(addressed(Replies.golden("raw4-enoent.bin"), SEQ, PORT));
    private static final byte[] EINVAL = datagram(addressed(Replies.golden("dccp-legacy-einval.bin"), SEQ, PORT));
    private static final String INTERRUPTED =
            "sock_diag dump of tcp was interrupted by a concurrent change; the listing may be inconsistent";

    /** One dump through a scripted exchange, with what reached the sink and the warnings. */
    private static final class Run {
        final ScriptedExchange exchange;
        final List<SocketRecord> sockets = new ArrayList<>();
        final List<Integer> receivedAtDelivery = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        Run(List<List<byte[]>> replies) {
            exchange = new ScriptedExchange(ScriptedExchange.inTurn(replies));
        }

        void dump(DumpKind kind) throws SourceException {
            NetlinkSource source = new NetlinkSource(() -> NetlinkChannel.over(exchange));
            source.dump(kind, NetlinkSourceKernelTest.everything(), socket -> {
                sockets.add(socket);
                receivedAtDelivery.add(exchange.datagramsReceived());
            }, warnings::add);
        }

        List<byte[]> requests() {
            return exchange.requests();
        }
    }

    private static long fact(String key) {
        Properties facts = new Properties();
        try (InputStream in = NetlinkSourceScriptedTest.class.getResourceAsStream(
                "/golden/replies/facts.properties")) {
            facts.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Long.parseLong(facts.getProperty(key));
    }

    private static List<Long> inodes(List<SocketRecord> sockets) {
        return sockets.stream().map(s -> s instanceof InetSocket i ? i.inode() : ((PacketSocket) s).inode()).toList();
    }

    private static void assertRequests(List<byte[]> expected, List<byte[]> sent) {
        assertEquals(expected.size(), sent.size(), "requests sent");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), sent.get(i), "request " + i);
        }
    }

    private static List<byte[]> v2(int protocol) {
        return NetlinkSource.inetRequests(protocol, NetlinkSourceKernelTest.everything());
    }

    private static byte[] legacy(int protocol) {
        return NetlinkSource.legacyRequest(protocol, NetlinkSourceKernelTest.everything());
    }

    @Test
    void socketsReachTheSinkAsTheirDatagramArrives() throws Exception {
        Run run = new Run(List.of(
                List.of(datagram(TCP4.subList(0, 3)), datagram(TCP4.subList(3, 6)), datagram(DONE)),
                List.of(datagram(TCP6.getFirst(), DONE))));
        run.dump(DumpKind.TCP);

        assertRequests(v2(IpProtocol.IPPROTO_TCP), run.requests());
        assertEquals(7, run.sockets.size());
        assertEquals(List.of(1, 1, 1, 2, 2, 2, 4), run.receivedAtDelivery);
        assertTrue(inodes(run.sockets).contains(fact("tcp4.listen.inode")));
        assertEquals(fact("tcp6.listen.inode"), inodes(run.sockets).getLast());
        assertEquals(AddressFamily.INET6, ((InetSocket) run.sockets.getLast()).family());
        assertEquals(List.of(), run.warnings);
        assertTrue(run.exchange.isClosed());
    }

    /**
     * A source that asks only after a caller's moment ({@code -p}: once the owner scan is over, as ss asks): the
     * channel is opened first, on the dumping thread, then the gate runs there, then the requests go out.
     */
    @Test
    void aGatedDumpOpensItsChannelThenWaitsForTheGateBeforeAsking() throws Exception {
        for (boolean background : List.of(true, false)) {
            // Made on the thread that opens the channel, whose memory it is.
            AtomicReference<ScriptedExchange> exchange = new AtomicReference<>();
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            NetlinkSource source = new NetlinkSource(() -> {
                events.add("open on " + Thread.currentThread().getName());
                exchange.set(new ScriptedExchange(ScriptedExchange.inTurn(List.of(
                        List.of(datagram(TCP4.subList(0, 3)), datagram(DONE)),
                        List.of(datagram(TCP6.getFirst(), DONE))))));
                return NetlinkChannel.over(exchange.get());
            }, background, () -> events.add("gate after " + exchange.get().requests().size() + " requests on "
                    + Thread.currentThread().getName()));
            List<SocketRecord> sockets = new ArrayList<>();
            source.dump(DumpKind.TCP, NetlinkSourceKernelTest.everything(), sockets::add, w -> { });
            String thread = background ? "sockscope-netlink" : Thread.currentThread().getName();
            assertEquals(List.of("open on " + thread, "gate after 0 requests on " + thread), events);
            assertEquals(4, sockets.size());
            assertRequests(v2(IpProtocol.IPPROTO_TCP), exchange.get().requests());
        }
    }

    @Test
    void tableWithoutDiagIsUnavailableWithNothingDelivered() {
        Run run = new Run(List.of(List.of(ENOENT)));
        TableUnavailableException e = assertThrows(TableUnavailableException.class, () -> run.dump(DumpKind.RAW));
        assertEquals("netlink: sock_diag dump: ENOENT", e.getMessage());
        NetlinkException cause = assertInstanceOf(NetlinkException.class, e.getCause());
        assertEquals(Errno.ENOENT, cause.errno());
        assertEquals(1, run.requests().size(), "raw has no original-format request to retry with");
        assertEquals(List.of(), run.sockets);
        assertTrue(run.exchange.isClosed());
    }

    @Test
    void tcpRetriesOnceInTheOriginalFormatLikeSs() throws Exception {
        // The original format answers for both families: ss sends nothing after it.
        Run run = new Run(List.of(List.of(ENOENT), List.of(datagram(TCP4.getFirst(), TCP6.getFirst(), DONE))));
        run.dump(DumpKind.TCP);
        assertRequests(List.of(v2(IpProtocol.IPPROTO_TCP).getFirst(), legacy(IpProtocol.IPPROTO_TCP)),
                run.requests());
        assertEquals(2, run.sockets.size());
        assertEquals(List.of(), run.warnings);
    }

    @Test
    void bothFormatsRefusedIsUnavailableWithBothErrors() {
        Run run = new Run(List.of(List.of(ENOENT), List.of(EINVAL)));
        TableUnavailableException e = assertThrows(TableUnavailableException.class, () -> run.dump(DumpKind.DCCP));
        assertEquals("netlink: sock_diag dump: EINVAL", e.getMessage());
        assertEquals(Errno.ENOENT, ((NetlinkException) e.getCause().getSuppressed()[0]).errno());
        assertRequests(List.of(v2(IpProtocol.IPPROTO_DCCP).getFirst(), legacy(IpProtocol.IPPROTO_DCCP)),
                run.requests());
    }

    @Test
    void ipv6RefusedAfterIpv4WasListedRetriesInTheOriginalFormatLikeSs() throws Exception {
        Run run = new Run(List.of(
                List.of(datagram(TCP4.getFirst(), DONE)),
                List.of(ENOENT),
                List.of(datagram(TCP6.getFirst(), DONE))));
        run.dump(DumpKind.TCP);
        List<byte[]> expected = new ArrayList<>(v2(IpProtocol.IPPROTO_TCP));
        expected.add(legacy(IpProtocol.IPPROTO_TCP));
        assertRequests(expected, run.requests());
        assertEquals(2, run.sockets.size());
    }

    @Test
    void failureAfterDeliveryIsNeitherUnavailableNorRetried() {
        Run run = new Run(List.of(List.of(
                datagram(TCP4.subList(0, 4)),
                datagram(Replies.error(SEQ, PORT, -105, v2(IpProtocol.IPPROTO_TCP).getFirst())))));
        SourceException e = assertThrows(SourceException.class, () -> run.dump(DumpKind.TCP));
        assertFalse(e instanceof TableUnavailableException, "a fallback would list the delivered sockets twice");
        assertEquals("netlink: sock_diag dump: ENOBUFS after 4 sockets", e.getMessage());
        assertEquals(4, ((NetlinkException) e.getCause()).messagesDelivered());
        assertEquals(1, run.requests().size(), "no original-format retry after delivery");
        assertEquals(4, run.sockets.size());
        assertTrue(run.exchange.isClosed());
    }

    @Test
    void receiveFailingAfterDeliveryIsASourceException() {
        ScriptedExchange exchange = new ScriptedExchange(request -> List.of(
                ScriptedExchange.Step.datagram(datagram(TCP4.subList(0, 2))),
                ScriptedExchange.Step.failure(105)));
        List<SocketRecord> sockets = new ArrayList<>();
        SourceException e = assertThrows(SourceException.class, () -> new NetlinkSource(
                () -> NetlinkChannel.over(exchange)).dump(DumpKind.UDP, NetlinkSourceKernelTest.everything(),
                sockets::add, w -> { }));
        assertFalse(e instanceof TableUnavailableException);
        assertEquals("netlink: recvmsg: ENOBUFS after 2 sockets", e.getMessage());
        assertEquals(2, sockets.size());
    }

    @Test
    void dumpInterruptedAfterDeliveryIsListedWholeWithAWarning() throws Exception {
        byte[] flagged = Replies.flagged(TCP4.get(3), NetlinkHeader.NLM_F_DUMP_INTR);
        Run run = new Run(List.of(
                List.of(datagram(TCP4.subList(0, 3)), datagram(flagged, TCP4.get(4), TCP4.get(5), DONE)),
                List.of(datagram(TCP6.getFirst(), DONE))));
        run.dump(DumpKind.TCP);
        assertEquals(7, run.sockets.size());
        assertEquals(List.of(INTERRUPTED), run.warnings);
        assertEquals(2, run.requests().size());
    }

    @Test
    void dumpInterruptedInItsFirstDatagramIsRepeatedWithoutAWarning() throws Exception {
        byte[] flagged = Replies.flagged(TCP4.getFirst(), NetlinkHeader.NLM_F_DUMP_INTR);
        Run run = new Run(List.of(
                List.of(datagram(flagged, DONE)),
                List.of(datagram(TCP4.get(0), TCP4.get(1), DONE)),
                List.of(datagram(DONE))));
        run.dump(DumpKind.TCP);
        assertEquals(2, run.sockets.size(), "the dropped attempt delivered nothing");
        assertEquals(List.of(), run.warnings);
        assertEquals(3, run.requests().size());
        assertArrayEquals(run.requests().get(0), run.requests().get(1), "the same request, sent again");
    }

    @Test
    void malformedRecordIsSkippedWithAWarningAndTheRestListed() throws Exception {
        byte[] cut = Arrays.copyOf(TCP4.get(1), NetlinkHeader.SIZE + 40);
        MemorySegment.ofArray(cut).set(ValueLayout.JAVA_INT_UNALIGNED, 0, cut.length);
        Run run = new Run(List.of(List.of(datagram(TCP4.get(0), cut, TCP4.get(2), DONE)),
                List.of(datagram(DONE))));
        run.dump(DumpKind.TCP);
        assertEquals(List.of(inetInode(TCP4.get(0)), inetInode(TCP4.get(2))), inodes(run.sockets));
        assertEquals(List.of("sock_diag dump: skipped a malformed socket record: inet_diag_msg of 40 bytes, need 72"),
                run.warnings);
    }

    @Test
    void strayMessagesAreReportedThroughTheWarningSink() throws Exception {
        Run run = new Run(List.of(List.of(datagram(TCP4.get(0), addressed(TCP4.get(1), SEQ + 1, PORT), DONE)),
                List.of(datagram(DONE))));
        run.dump(DumpKind.TCP);
        assertEquals(1, run.sockets.size());
        assertEquals(1, run.warnings.size());
        assertTrue(run.warnings.getFirst().startsWith("sock_diag dump: skipped 1 message not addressed to this"
                + " request (seq 123457"), run.warnings.getFirst());
    }

    /** A packet_diag message whose PACKET_DIAG_MEMINFO attribute was renamed to a type the decoder ignores. */
    private static byte[] withoutMemInfo(byte[] message) {
        byte[] copy = message.clone();
        MemorySegment s = MemorySegment.ofArray(copy);
        long at = NetlinkHeader.SIZE + PacketDiagMsg.SIZE;
        while (at + 4 <= copy.length) {
            int length = s.get(ValueLayout.JAVA_SHORT_UNALIGNED, at) & 0xffff;
            if ((s.get(ValueLayout.JAVA_SHORT_UNALIGNED, at + 2) & 0xffff) == PacketDiagMsg.PACKET_DIAG_MEMINFO) {
                s.set(ValueLayout.JAVA_SHORT_UNALIGNED, at + 2, (short) 0x3f);
                return copy;
            }
            at += (length + 3) & ~3;
        }
        throw new IllegalStateException("no PACKET_DIAG_MEMINFO in the golden message");
    }

    @Test
    void packetTableIsStreamedAndKeptWhole() throws Exception {
        Run run = new Run(List.of(List.of(datagram(PACKET.getFirst()), datagram(PACKET.get(1), DONE))));
        run.dump(DumpKind.PACKET);
        assertEquals(List.of(1, 2), run.receivedAtDelivery);
        assertEquals(List.of(fact("packet.raw.inode"), fact("packet.dgram.inode")).stream().sorted().toList(),
                inodes(run.sockets).stream().sorted().toList());
    }

    @Test
    void packetReplyWithoutMemInfoIsUnavailableLikeSsFallsBackToProc() {
        Run run = new Run(List.of(List.of(datagram(withoutMemInfo(PACKET.get(0)), withoutMemInfo(PACKET.get(1)),
                DONE))));
        TableUnavailableException e = assertThrows(TableUnavailableException.class,
                () -> run.dump(DumpKind.PACKET));
        assertTrue(e.getMessage().contains("without PACKET_DIAG_MEMINFO"), e.getMessage());
        assertEquals(List.of(), run.sockets);
    }

    @Test
    void packetRecordWithoutMemInfoAfterDeliveryFailsTheDump() {
        Run run = new Run(List.of(List.of(datagram(PACKET.get(0)), datagram(withoutMemInfo(PACKET.get(1)), DONE))));
        SourceException e = assertThrows(SourceException.class, () -> run.dump(DumpKind.PACKET));
        assertFalse(e instanceof TableUnavailableException);
        assertEquals("netlink: packet_diag reply without PACKET_DIAG_MEMINFO after 1 sockets", e.getMessage());
        assertEquals(1, run.sockets.size());
    }

    @Test
    void socketThatCannotBeOpenedMeansUnavailable() {
        NetlinkSource source = new NetlinkSource(() -> NetlinkChannel.open(1000));
        TableUnavailableException e = assertThrows(TableUnavailableException.class, () -> source.dump(
                DumpKind.UNIX, NetlinkSourceKernelTest.everything(), s -> { }, w -> { }));
        assertEquals("netlink: socket: EPROTONOSUPPORT", e.getMessage());
    }

    /** {@code idiag_inode} of an inet_diag message, read at its offset (not through the decoder). */
    private static long inetInode(byte[] message) {
        return Integer.toUnsignedLong(MemorySegment.ofArray(message).get(ValueLayout.JAVA_INT_UNALIGNED,
                NetlinkHeader.SIZE + 68));
    }
}
