package io.sockscope.kernel;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.TcpState;
import io.sockscope.netlink.InetDiagReqV2;
import io.sockscope.netlink.NetlinkHeader;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.sockscope.kernel.Replies.addressed;
import static io.sockscope.kernel.Replies.datagram;
import static io.sockscope.kernel.Replies.done;
import static io.sockscope.kernel.Replies.flagged;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dump loop driven by scripted replies ({@link ScriptedExchange}) built from real kernel messages: how a
 * reply spread over datagrams is streamed, and what errors, {@code NLM_F_DUMP_INTR}, stray and malformed
 * datagrams do to it.
 */
class DumpLoopTest {
    private static final int SEQ = 123456;
    private static final int PORT = ScriptedExchange.PORT_ID;
    private static final String CALL = "sock_diag dump";
    private static final byte[] REQUEST = InetDiagReqV2.encode(AddressFamily.INET, 6, 0, TcpState.ALL, null, SEQ);

    /** The six TCP sockets of the golden reply, addressed to our request. */
    private static final List<byte[]> TCP = addressed(Replies.goldenData("tcp4.bin"), SEQ, PORT);
    private static final byte[] DONE = done(SEQ, PORT, 0);

    /** What one dump did: messages delivered (with the datagram count seen at delivery), warnings, recording. */
    private static final class Run {
        final ScriptedExchange exchange;
        final List<byte[]> payloads = new ArrayList<>();
        final List<Integer> receivedAtDelivery = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final List<byte[]> recorded = new ArrayList<>();

        Run(ScriptedExchange.Script script) {
            exchange = new ScriptedExchange(script);
        }

        DumpOutcome dump(byte[] request) throws NetlinkException {
            try (NetlinkChannel channel = NetlinkChannel.over(exchange)) {
                return channel.dump(CALL, request, (type, flags, buffer, offset, length) -> {
                    assertEquals(20, type);
                    payloads.add(Arrays.copyOfRange(buffer, offset, offset + length));
                    receivedAtDelivery.add(exchange.datagramsReceived());
                }, warnings::add, (d, n) -> recorded.add(Arrays.copyOf(d, n)));
            }
        }

        DumpOutcome dump() throws NetlinkException {
            return dump(REQUEST);
        }
    }

    private static Run replying(List<List<byte[]>> replies) {
        return new Run(ScriptedExchange.inTurn(replies));
    }

    private static byte[] payload(byte[] message) {
        return Arrays.copyOfRange(message, NetlinkHeader.SIZE, message.length);
    }

    private static void assertPayloads(List<byte[]> messages, List<byte[]> payloads) {
        assertEquals(messages.size(), payloads.size(), "messages delivered");
        for (int i = 0; i < messages.size(); i++) {
            assertArrayEquals(payload(messages.get(i)), payloads.get(i), "message " + i);
        }
    }

    /** The six sockets in three datagrams, the last one ending with NLMSG_DONE. */
    private static List<byte[]> threeDatagrams(int flagsOnSecond) {
        return List.of(
                datagram(TCP.get(0), TCP.get(1)),
                datagram(flagged(TCP.get(2), flagsOnSecond), flagged(TCP.get(3), flagsOnSecond)),
                datagram(TCP.get(4), TCP.get(5), DONE));
    }

    @Test
    void multipartReplyIsDeliveredDatagramByDatagramAsItArrives() throws Exception {
        List<byte[]> reply = threeDatagrams(0);
        Run run = replying(List.of(reply));
        assertEquals(DumpOutcome.CONSISTENT, run.dump());

        assertPayloads(TCP, run.payloads);
        // Streaming: the messages of datagram n were delivered before datagram n+1 was read.
        assertEquals(List.of(1, 1, 2, 2, 3, 3), run.receivedAtDelivery);
        assertEquals(reply.size(), run.recorded.size(), "every datagram recorded");
        for (int i = 0; i < reply.size(); i++) {
            assertArrayEquals(reply.get(i), run.recorded.get(i), "datagram " + i);
        }
        assertEquals(1, run.exchange.requests().size());
        assertArrayEquals(REQUEST, run.exchange.requests().getFirst());
        assertEquals(0, run.exchange.unread());
        assertTrue(run.exchange.isClosed(), "closing the channel closes its exchange");
        assertEquals(List.of(), run.warnings);
    }

    @Test
    void aRequestThatIsNotADumpEndsAtItsAcknowledgement() throws Exception {
        byte[] request = REQUEST.clone();
        // NLM_F_REQUEST | NLM_F_ACK, no NLM_F_DUMP: one answer then the acknowledgement.
        MemorySegment.ofArray(request).set(ValueLayout.JAVA_SHORT_UNALIGNED, NetlinkHeader.FLAGS,
                (short) (NetlinkHeader.NLM_F_REQUEST | NetlinkHeader.NLM_F_ACK));
        Run run = replying(List.of(List.of(datagram(TCP.getFirst()), datagram(Replies.error(SEQ, PORT, 0, request)))));
        assertEquals(DumpOutcome.CONSISTENT, run.dump(request));
        assertPayloads(TCP.subList(0, 1), run.payloads);
    }

    @Test
    void anAcknowledgementOrNoopInsideADumpEndsNothing() throws Exception {
        byte[] noop = Replies.message(NetlinkHeader.NLMSG_NOOP, 0, SEQ, PORT, new byte[0]);
        Run run = replying(List.of(List.of(
                datagram(TCP.get(0), Replies.error(SEQ, PORT, 0, REQUEST), noop, TCP.get(1)),
                datagram(DONE))));
        assertEquals(DumpOutcome.CONSISTENT, run.dump());
        assertPayloads(TCP.subList(0, 2), run.payloads);
    }

    @Test
    void dumpInterruptedInItsFirstDatagramIsDroppedAndSentAgain() throws Exception {
        List<byte[]> interrupted = List.of(
                datagram(flagged(TCP.get(0), NetlinkHeader.NLM_F_DUMP_INTR), TCP.get(1)),
                datagram(TCP.get(2), DONE));
        List<byte[]> clean = threeDatagrams(0);
        Run run = replying(List.of(interrupted, clean));
        assertEquals(DumpOutcome.CONSISTENT, run.dump());

        assertEquals(2, run.exchange.requests().size(), "sent again");
        assertPayloads(TCP, run.payloads);
        assertEquals(List.of(3, 3, 4, 4, 5, 5), run.receivedAtDelivery,
                "nothing of the first attempt was delivered; it was read to its end before the request went again");
        assertEquals(clean.size(), run.recorded.size(), "only the delivered attempt is recorded");
        assertArrayEquals(clean.getFirst(), run.recorded.getFirst());
        assertEquals(List.of(), run.warnings);
    }

    @Test
    void dumpInterruptedOnEveryAttemptDeliversTheLastOneAsPossiblyInconsistent() throws Exception {
        List<List<byte[]>> replies = new ArrayList<>();
        for (int attempt = 0; attempt < NetlinkChannel.MAX_DUMP_ATTEMPTS; attempt++) {
            replies.add(List.of(datagram(flagged(TCP.get(attempt), NetlinkHeader.NLM_F_DUMP_INTR),
                    flagged(DONE, NetlinkHeader.NLM_F_DUMP_INTR))));
        }
        Run run = replying(replies);
        assertEquals(DumpOutcome.POSSIBLY_INCONSISTENT, run.dump());
        assertEquals(NetlinkChannel.MAX_DUMP_ATTEMPTS, run.exchange.requests().size());
        assertPayloads(List.of(TCP.get(NetlinkChannel.MAX_DUMP_ATTEMPTS - 1)), run.payloads);
        assertEquals(1, run.recorded.size());
    }

    @Test
    void dumpInterruptedAfterDeliveryRunsToItsEndAndIsPossiblyInconsistent() throws Exception {
        Run run = replying(List.of(threeDatagrams(NetlinkHeader.NLM_F_DUMP_INTR)));
        assertEquals(DumpOutcome.POSSIBLY_INCONSISTENT, run.dump());
        assertEquals(1, run.exchange.requests().size(), "delivered messages cannot be taken back: no retry");
        assertPayloads(TCP, run.payloads);
        assertEquals(List.of(1, 1, 2, 2, 3, 3), run.receivedAtDelivery);
        assertEquals(3, run.recorded.size());
    }

    @Test
    void interruptedFlagOnlyOnTheFinalDoneAlsoCounts() throws Exception {
        Run run = replying(List.of(List.of(datagram(TCP.get(0)),
                datagram(flagged(DONE, NetlinkHeader.NLM_F_DUMP_INTR)))));
        assertEquals(DumpOutcome.POSSIBLY_INCONSISTENT, run.dump());
        assertPayloads(TCP.subList(0, 1), run.payloads);
    }

    @Test
    void errorInTheFirstDatagramFailsWithNothingDelivered() throws Exception {
        // The kernel's own answer when it has no raw diag: a lone NLMSG_DONE carrying -ENOENT.
        List<byte[]> enoent = addressed(Replies.golden("raw4-enoent.bin"), SEQ, PORT);
        Run run = replying(List.of(List.of(datagram(enoent))));
        NetlinkException e = assertThrows(NetlinkException.class, run::dump);
        assertEquals("sock_diag dump: ENOENT", e.getMessage());
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.reportedByKernel());
        assertEquals(0, e.messagesDelivered());
        assertEquals(List.of(), run.payloads);
        assertEquals(1, run.recorded.size(), "the failed reply is recorded");
        assertTrue(run.exchange.isClosed());
    }

    @Test
    void errorMessageEchoingTheRequestFailsWithNothingDelivered() throws Exception {
        // The kernel's answer to ss's original-format DCCP request once DCCP was gone: NLMSG_ERROR -EINVAL.
        List<byte[]> einval = addressed(Replies.golden("dccp-legacy-einval.bin"), SEQ, PORT);
        NetlinkException e = assertThrows(NetlinkException.class, replying(List.of(List.of(datagram(einval))))::dump);
        assertEquals("sock_diag dump: EINVAL", e.getMessage());
        assertEquals(0, e.messagesDelivered());
    }

    @Test
    void aDatagramEndingWithAnErrorDeliversNoneOfItsMessages() throws Exception {
        // The kernel appends the NLMSG_DONE of a failed dump to the datagram it was filling: the whole datagram
        // is checked before anything of it is delivered, so "table unavailable" stays detectable.
        Run run = replying(List.of(List.of(datagram(TCP.get(0), TCP.get(1), done(SEQ, PORT, -Errno.ENOENT)))));
        NetlinkException e = assertThrows(NetlinkException.class, run::dump);
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals(0, e.messagesDelivered());
        assertEquals(List.of(), run.payloads);
    }

    @Test
    void errorAfterDeliveryTellsHowManyMessagesWentOut() throws Exception {
        Run run = replying(List.of(List.of(
                datagram(TCP.get(0), TCP.get(1)),
                datagram(TCP.get(2)),
                datagram(Replies.error(SEQ, PORT, -105, REQUEST)))));
        NetlinkException e = assertThrows(NetlinkException.class, run::dump);
        assertEquals("sock_diag dump: ENOBUFS", e.getMessage());
        assertTrue(e.reportedByKernel());
        assertEquals(3, e.messagesDelivered());
        assertPayloads(TCP.subList(0, 3), run.payloads);
        assertEquals(3, run.recorded.size());
    }

    @Test
    void receiveFailingAfterDeliveryTellsHowManyMessagesWentOut() throws Exception {
        Run run = new Run(request -> List.of(
                ScriptedExchange.Step.datagram(datagram(TCP.get(0), TCP.get(1))),
                ScriptedExchange.Step.failure(Errno.EINVAL)));
        NetlinkException e = assertThrows(NetlinkException.class, run::dump);
        assertEquals("recvmsg: EINVAL", e.getMessage());
        assertEquals("recvmsg", e.call());
        assertEquals(false, e.reportedByKernel());
        assertEquals(2, e.messagesDelivered());
    }

    @Test
    void messagesOfAnotherRequestOrSocketAreSkippedWithAWarning() throws Exception {
        byte[] otherSeq = addressed(TCP.get(1), 99, PORT);
        byte[] otherPort = addressed(TCP.get(2), SEQ, 77);
        byte[] strayDone = done(98, PORT, -Errno.ENOENT);
        Run run = replying(List.of(List.of(
                datagram(TCP.get(0), otherSeq, otherPort, strayDone, TCP.get(3)),
                datagram(done(SEQ, 1, 0)),
                datagram(DONE))));
        assertEquals(DumpOutcome.CONSISTENT, run.dump(), "another socket's DONE or error ends nothing");
        assertPayloads(List.of(TCP.get(0), TCP.get(3)), run.payloads);
        assertEquals(List.of(
                "sock_diag dump: skipped 3 messages not addressed to this request (seq 99, port 16962; expected"
                        + " seq 123456, port 16962)",
                "sock_diag dump: skipped 1 message not addressed to this request (seq 123456, port 1; expected"
                        + " seq 123456, port 16962)"), run.warnings);
    }

    @Test
    void bytesThatDoNotFormAMessageAreSkippedWithAWarning() throws Exception {
        byte[] overlong = TCP.get(1).clone();
        overlong[0] = (byte) 0xff;   // nlmsg_len points past the end of the datagram
        byte[] undersized = TCP.get(2).clone();
        undersized[0] = 8;           // nlmsg_len below the header's own size
        undersized[1] = undersized[2] = undersized[3] = 0;
        Run run = replying(List.of(List.of(
                Replies.concat(datagram(TCP.get(0)), new byte[7]),
                datagram(TCP.get(3), overlong),
                datagram(undersized),
                new byte[0],
                datagram(TCP.get(4), DONE))));
        assertEquals(DumpOutcome.CONSISTENT, run.dump());
        assertPayloads(List.of(TCP.get(0), TCP.get(3), TCP.get(4)), run.payloads);
        assertEquals(List.of(
                "sock_diag dump: skipped 7 bytes that do not form a netlink message",
                "sock_diag dump: skipped " + TCP.get(1).length + " bytes that do not form a netlink message",
                "sock_diag dump: skipped " + TCP.get(2).length + " bytes that do not form a netlink message"),
                run.warnings);
    }

    @Test
    void truncatedDoneOrErrorIsAProtocolError() throws Exception {
        byte[] shortDone = Replies.message(NetlinkHeader.NLMSG_DONE, NetlinkHeader.NLM_F_MULTI, SEQ, PORT,
                new byte[2]);
        Run run = replying(List.of(List.of(datagram(TCP.get(0)), datagram(shortDone))));
        NetlinkException e = assertThrows(NetlinkException.class, run::dump);
        assertEquals("sock_diag dump: truncated NLMSG_DONE (18 bytes)", e.getMessage());
        assertEquals(0, e.errno());
        assertEquals(1, e.messagesDelivered());

        byte[] shortError = Replies.message(NetlinkHeader.NLMSG_ERROR, 0, SEQ, PORT, new byte[8]);
        e = assertThrows(NetlinkException.class, replying(List.of(List.of(datagram(shortError))))::dump);
        assertEquals("sock_diag dump: truncated NLMSG_ERROR (24 bytes)", e.getMessage());
        assertEquals(0, e.messagesDelivered());
    }

    @Test
    void aReplyThatNeverEndsFailsWhenThereIsNothingMoreToRead() throws Exception {
        Run run = replying(List.of(List.of(datagram(TCP.get(0)))));
        NetlinkException e = assertThrows(NetlinkException.class, run::dump);
        assertEquals("recvmsg: the script has no datagram left", e.getMessage());
        assertEquals(1, e.messagesDelivered());
    }

    @Test
    void payloadsAreHandedOutInTheExchangesOneArrayReusedForEveryDatagram() throws Exception {
        List<byte[]> kept = new ArrayList<>();
        ScriptedExchange exchange = new ScriptedExchange(ScriptedExchange.inTurn(List.of(threeDatagrams(0))));
        try (NetlinkChannel channel = NetlinkChannel.over(exchange)) {
            channel.dump(CALL, REQUEST, (type, flags, buffer, offset, length) -> kept.add(buffer), w -> { });
        }
        // Each datagram is received over the last one, so a payload kept past its call shows later bytes.
        assertTrue(kept.size() > 1);
        for (byte[] buffer : kept) {
            assertSame(kept.getFirst(), buffer);
        }
    }

    @Test
    void aClosedChannelRefusesWork() {
        ScriptedExchange exchange = new ScriptedExchange(ScriptedExchange.inTurn(List.of()));
        NetlinkChannel channel = NetlinkChannel.over(exchange);
        channel.close();
        assertThrows(IllegalStateException.class, () -> channel.dump(CALL, REQUEST, (t, f, b, o, n) -> { }, w -> { }));
        assertEquals(List.of(), exchange.requests());
    }

    @Test
    void aRequestWithoutAHeaderIsRefused() {
        ScriptedExchange exchange = new ScriptedExchange(ScriptedExchange.inTurn(List.of()));
        try (NetlinkChannel channel = NetlinkChannel.over(exchange)) {
            assertThrows(IllegalArgumentException.class,
                    () -> channel.dump(CALL, new byte[8], (t, f, b, o, n) -> { }, w -> { }));
        }
    }
}
