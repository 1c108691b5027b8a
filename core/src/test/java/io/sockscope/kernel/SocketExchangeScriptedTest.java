package io.sockscope.kernel;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.TcpState;
import io.sockscope.netlink.InetDiagReqV2;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link SocketExchange}, the exchange a real dump runs over whichever {@link Syscalls} serve it, driven by
 * {@link ScriptedSyscalls}: sizing by peeking, reusing and growing its one array, the datagrams it skips, the
 * failures it retries and those it names.
 */
class SocketExchangeScriptedTest {

    private static byte[] datagram(int length, int fill) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) fill);
        return bytes;
    }

    @Test
    void aDumpRunsThroughTheExchangeAsOverAKernel() throws Exception {
        int seq = 31;
        byte[] request = InetDiagReqV2.encode(AddressFamily.INET, 6, 0, TcpState.ALL, null, seq);
        List<byte[]> sockets = Replies.addressed(Replies.goldenData("tcp4.bin"), seq, ScriptedSyscalls.PORT_ID);
        ScriptedSyscalls calls = new ScriptedSyscalls()
                .then(ScriptedSyscalls.Step.fromKernel(Replies.datagram(sockets)))
                .then(ScriptedSyscalls.Step.from(99, Replies.datagram(Replies.done(seq, 99, 0))))
                .then(ScriptedSyscalls.Step.fromKernel(
                        Replies.datagram(Replies.done(seq, ScriptedSyscalls.PORT_ID, 0))));
        List<Integer> lengths = new ArrayList<>();
        try (NetlinkChannel channel = NetlinkChannel.over(SocketExchange.open(calls, 4))) {
            DumpOutcome outcome = channel.dump("sock_diag dump", request, new NetlinkMessageHandler() {
                @Override
                public void onMessage(int type, int flags, byte[] buffer, int offset, int length) {
                    lengths.add(length);
                }
            }, warning -> { throw new AssertionError(warning); });
            assertEquals(DumpOutcome.CONSISTENT, outcome);
        }
        assertEquals(sockets.size(), lengths.size());
        assertArrayEquals(request, calls.sent().getFirst());
        assertEquals(List.of(ScriptedSyscalls.FD), calls.closed());
        assertEquals(0, calls.unread());
    }

    @Test
    void datagramsLandInOneArrayThatGrowsOnlyForALargerOne() throws Exception {
        ScriptedSyscalls calls = new ScriptedSyscalls()
                .then(ScriptedSyscalls.Step.fromKernel(datagram(100, 1)))
                .then(ScriptedSyscalls.Step.fromKernel(datagram(200, 2)))
                .then(ScriptedSyscalls.Step.fromKernel(datagram(40_000, 3)));
        try (SocketExchange exchange = SocketExchange.open(calls, 4)) {
            assertEquals(ScriptedSyscalls.PORT_ID, exchange.portId());
            byte[] first = exchange.receive();
            assertEquals(100, exchange.receivedLength());
            assertEquals(32 * 1024, first.length, "32 KiB from the start");
            byte[] second = exchange.receive();
            assertSame(first, second, "the same array for a datagram that fits");
            assertArrayEquals(datagram(200, 2), Arrays.copyOf(second, exchange.receivedLength()));
            byte[] third = exchange.receive();
            assertEquals(40_000, exchange.receivedLength());
            assertEquals(40_000, exchange.receiveBufferBytes(), "grown to the peeked size");
            assertArrayEquals(datagram(40_000, 3), Arrays.copyOf(third, 40_000));
        }
        assertEquals(List.of(ScriptedSyscalls.FD), calls.closed());
    }

    @Test
    void onlyTheKernelsDatagramsAreReplies() throws Exception {
        ScriptedSyscalls calls = new ScriptedSyscalls()
                .then(ScriptedSyscalls.Step.from(777, datagram(64, 7)))
                .then(ScriptedSyscalls.Step.fromKernel(datagram(32, 1)));
        try (SocketExchange exchange = SocketExchange.open(calls, 4)) {
            byte[] reply = exchange.receive();
            assertArrayEquals(datagram(32, 1), Arrays.copyOf(reply, exchange.receivedLength()));
            assertEquals(0, calls.unread());
        }
    }

    @Test
    void interruptedAndEmptyReceivesAreRepeatedAndOtherFailuresNamed() throws Exception {
        ScriptedSyscalls calls = new ScriptedSyscalls()
                .then(ScriptedSyscalls.Step.failure(Errno.EINTR))
                .then(ScriptedSyscalls.Step.failure(Errno.EAGAIN))
                .then(ScriptedSyscalls.Step.fromKernel(datagram(16, 1)))
                .then(ScriptedSyscalls.Step.failure(Errno.ENOBUFS));
        try (SocketExchange exchange = SocketExchange.open(calls, 4)) {
            exchange.receive();
            assertEquals(16, exchange.receivedLength());
            NetlinkException e = assertThrows(NetlinkException.class, exchange::receive);
            assertEquals("recvmsg: ENOBUFS", e.getMessage());
            assertEquals(Errno.ENOBUFS, e.errno());
        }
    }

    @Test
    void aDatagramLargerThanItsPeekedSizeIsAProtocolFailure() throws Exception {
        ScriptedSyscalls calls = new ScriptedSyscalls()
                .then(ScriptedSyscalls.Step.growing(datagram(16, 1), datagram(64 * 1024, 2)));
        try (SocketExchange exchange = SocketExchange.open(calls, 4)) {
            NetlinkException e = assertThrows(NetlinkException.class, exchange::receive);
            assertEquals("recvmsg: a datagram did not fit the 32768-byte buffer its peeked size asked for",
                    e.getMessage());
        }
    }

    @Test
    void sendsAreRepeatedWhenInterruptedAndOtherFailuresNamed() throws Exception {
        ScriptedSyscalls calls = new ScriptedSyscalls().sending(-Errno.EINTR, 1, -Errno.ENOBUFS);
        try (SocketExchange exchange = SocketExchange.open(calls, 4)) {
            exchange.send(new byte[] {1, 2, 3});
            assertEquals(1, calls.sent().size());
            assertArrayEquals(new byte[] {1, 2, 3}, calls.sent().getFirst());
            NetlinkException e = assertThrows(NetlinkException.class, () -> exchange.send(new byte[] {4}));
            assertEquals("sendmsg: ENOBUFS", e.getMessage());
        }
    }

    @Test
    void openingFailuresNameTheirCallAndLeaveNothingOpen() {
        // 93: EPROTONOSUPPORT
        NetlinkException socket = assertThrows(NetlinkException.class,
                () -> SocketExchange.open(new ScriptedSyscalls().failingSocket(93), 99));
        assertEquals("socket: EPROTONOSUPPORT", socket.getMessage());

        ScriptedSyscalls refused = new ScriptedSyscalls().failingBind(Errno.EPERM);
        NetlinkException bind = assertThrows(NetlinkException.class, () -> SocketExchange.open(refused, 4));
        assertEquals("bind: EPERM", bind.getMessage());
        assertEquals(List.of(ScriptedSyscalls.FD), refused.closed(), "the socket was closed");
    }
}
