package io.sockscope.kernel;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.IpProtocol;
import io.sockscope.model.TcpState;
import io.sockscope.netlink.InetDiagReqV2;
import io.sockscope.netlink.MessageCursor;
import io.sockscope.netlink.NetlinkHeader;
import io.sockscope.netlink.SockDiag;
import io.sockscope.testing.ProcNet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The netlink socket under the channel, against the running kernel. */
class SocketExchangeTest {
    private static final int PAIRS = 400;

    @Test
    void aLargeDumpIsDeliveredDatagramByDatagramFromOneBuffer() throws Exception {
        // 800 connected sockets take far more than one 32 KiB datagram to list.
        List<SocketChannel> open = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
             SocketExchange exchange = SocketExchange.open(NativeLayer.syscalls(), SockDiag.NETLINK_SOCK_DIAG)) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), PAIRS);
            for (int i = 0; i < PAIRS; i++) {
                SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET);
                open.add(client);
                client.connect(server.getLocalAddress());
                open.add(server.accept());
            }
            byte[] request = InetDiagReqV2.encode(AddressFamily.INET, IpProtocol.IPPROTO_TCP, 0, TcpState.ALL, null, 5);
            // Events in order: the data-message count of each datagram as it is recorded, -1 for each delivery.
            List<Integer> events = new ArrayList<>();
            List<Object> arrays = new ArrayList<>();
            NetlinkChannel channel = NetlinkChannel.over(exchange);
            DumpOutcome outcome = channel.dump("sock_diag dump", request, (type, flags, buffer, offset, length) -> events.add(-1),
                    w -> { throw new AssertionError(w); }, (datagram, length) -> {
                        events.add(dataMessages(datagram, length));
                        arrays.add(datagram);
                    });
            assertEquals(DumpOutcome.CONSISTENT, outcome);

            int datagrams = 0;
            int delivered = 0;
            for (int i = 0; i < events.size(); ) {
                int expected = events.get(i++);
                assertTrue(expected >= 0, "a datagram is recorded before its messages are delivered");
                datagrams++;
                for (int m = 0; m < expected; m++, i++) {
                    assertEquals(-1, events.get(i), "datagram " + datagrams + " is delivered before the next is read");
                    delivered++;
                }
            }
            assertTrue(datagrams >= 3, datagrams + " datagrams");
            assertTrue(delivered >= 2 * PAIRS, delivered + " sockets");
            assertTrue(arrays.stream().allMatch(array -> array == arrays.getFirst()),
                    "every datagram landed in the same array");
            assertEquals(32 * 1024, exchange.receiveBufferBytes());
        } finally {
            for (SocketChannel c : open) {
                c.close();
            }
        }
    }

    private static int dataMessages(byte[] datagram, int length) {
        int n = 0;
        MessageCursor c = new MessageCursor(datagram, length);
        while (c.next()) {
            if (c.type() >= 16) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aDatagramLargerThanTheBufferGrowsItAndOnlyTheKernelIsListenedTo() throws Exception {
        Assumptions.assumeTrue(ProcNet.isRoot(), "needs root: sending to another netlink socket's port takes"
                + " CAP_NET_ADMIN");
        try (SocketExchange exchange = SocketExchange.open(NativeLayer.syscalls(), SockDiag.NETLINK_SOCK_DIAG)) {
            // A 100,000-byte message from another process-side socket, shaped like the reply we will wait for.
            byte[] impostor = new byte[100_000];
            NetlinkHeader.write(MemorySegment.ofArray(impostor), 0, impostor.length, NetlinkHeader.NLMSG_DONE,
                    NetlinkHeader.NLM_F_MULTI, 9, exchange.portId());
            MemorySegment.ofArray(impostor).set(ValueLayout.JAVA_INT_UNALIGNED, NetlinkHeader.SIZE, -1);
            RawSockets.netlinkUnicast(SockDiag.NETLINK_SOCK_DIAG, exchange.portId(), impostor);

            byte[] request = InetDiagReqV2.encode(AddressFamily.INET, IpProtocol.IPPROTO_TCP, 0, TcpState.ALL, null, 9);
            List<String> warnings = new ArrayList<>();
            DumpOutcome outcome = NetlinkChannel.over(exchange).dump("sock_diag dump", request, (t, f, b, o, n) -> { },
                    warnings::add);
            assertEquals(DumpOutcome.CONSISTENT, outcome, "the impostor's failing NLMSG_DONE was not read as ours");
            assertEquals(List.of(), warnings);
            assertEquals(impostor.length, exchange.receiveBufferBytes(), "grown to the peeked size, read whole");
        }
    }
}
