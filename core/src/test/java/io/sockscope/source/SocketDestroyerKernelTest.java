package io.sockscope.source;

import io.sockscope.kernel.NetworkNamespace;
import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.TcpState;
import io.sockscope.testing.ScratchNamespace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SocketDestroyer} against a real kernel, in a namespace of its own: a TCP connection it closes is
 * gone from the next dump and its owner sees a reset, asking again says the socket is already gone, a
 * connected UDP socket is disconnected, and a listener is closed.
 */
class SocketDestroyerKernelTest {
    private static List<InetSocket> dump(DumpKind kind) throws SourceException {
        List<SocketRecord> out = new ArrayList<>();
        new NetlinkSource().dump(kind, NetlinkSourceKernelTest.everything(), out::add, w -> { });
        return out.stream().map(InetSocket.class::cast).toList();
    }

    private static InetSocket only(List<InetSocket> sockets, Predicate<InetSocket> which) {
        List<InetSocket> found = sockets.stream().filter(which).toList();
        assertEquals(1, found.size(), "exactly one socket matches in " + sockets);
        return found.getFirst();
    }

    private static int port(java.net.SocketAddress a) {
        return ((InetSocketAddress) a).getPort();
    }

    @Test
    void closesConnectionsListenersAndUdpSockets() throws Exception {
        try (ScratchNamespace ns = ScratchNamespace.create()) {
            ScratchNamespace.onThread(() -> {
                NetworkNamespace.enter(ns.name());
                InetAddress loopback = InetAddress.getByName("127.0.0.1");
                try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
                     SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET);
                     DatagramChannel udp = DatagramChannel.open(StandardProtocolFamily.INET);
                     SocketDestroyer destroyer = new SocketDestroyer(w -> { throw new AssertionError(w); })) {
                    server.bind(new InetSocketAddress(loopback, 0));
                    client.connect(server.getLocalAddress());
                    SocketChannel accepted = server.accept();
                    int clientPort = port(client.getLocalAddress());
                    int serverPort = port(server.getLocalAddress());

                    InetSocket connection = only(dump(DumpKind.TCP), s -> s.local().port() == clientPort);
                    assertEquals(SocketDestroyer.Outcome.CLOSED, destroyer.destroy(connection, DumpKind.TCP));
                    assertTrue(dump(DumpKind.TCP).stream().noneMatch(s -> s.local().port() == clientPort),
                            "the closed connection is gone");
                    assertThrows(IOException.class, () -> client.read(ByteBuffer.allocate(1)),
                            "its owner finds the connection reset");
                    assertEquals(SocketDestroyer.Outcome.ALREADY_GONE, destroyer.destroy(connection, DumpKind.TCP));

                    InetSocket listener = only(dump(DumpKind.TCP),
                            s -> s.local().port() == serverPort && s.state() == TcpState.LISTEN.code());
                    assertEquals(SocketDestroyer.Outcome.CLOSED, destroyer.destroy(listener, DumpKind.TCP));
                    assertTrue(dump(DumpKind.TCP).stream().noneMatch(s -> s.state() == TcpState.LISTEN.code()));

                    // A port of its own (not an ephemeral one): a disconnected UDP socket keeps only such a port.
                    udp.bind(new InetSocketAddress(loopback, 7451));
                    udp.connect(new InetSocketAddress(loopback, serverPort));
                    int udpPort = port(udp.getLocalAddress());
                    InetSocket connected = only(dump(DumpKind.UDP), s -> s.local().port() == udpPort);
                    assertEquals(TcpState.ESTABLISHED.code(), connected.state());
                    assertEquals(SocketDestroyer.Outcome.CLOSED, destroyer.destroy(connected, DumpKind.UDP));
                    InetSocket after = only(dump(DumpKind.UDP), s -> s.local().port() == udpPort);
                    assertEquals(TcpState.CLOSE.code(), after.state(), "a destroyed UDP socket is disconnected");
                    assertEquals(0, after.peer().port());
                    accepted.close();
                }
                return null;
            });
        }
    }
}
