package io.sockscope.kernel;

import io.sockscope.testing.ScratchNamespace;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A subscription to sock_diag's destroy group, in a namespace of its own (so that nothing else on the machine
 * adds events): a quiet wait ends after the wake interval, and closing a socket brings its event, addressed
 * to everybody, with the socket's identity.
 */
class NetlinkSubscriptionTest {
    private static final int NETLINK_SOCK_DIAG = 4;
    private static final int TCP4_DESTROY_GROUP = 1;
    private static final int SOCK_DIAG_BY_FAMILY = 20;

    /** One received notification: its type and the inet_diag_msg fields the test looks at. */
    private record Event(int type, int family, int state, int sourcePort) {
    }

    @Test
    void aClosedListenerIsAnnouncedAndAQuietWaitEndsOnTime() throws Exception {
        try (ScratchNamespace ns = ScratchNamespace.create()) {
            Object[] outcome = ScratchNamespace.onThread(() -> {
                NetworkNamespace.enter(ns.name());
                // A JVM's first socket makes the JDK probe IPv6 support with a socket of its own, whose end the
                // kernel would announce too (port 0): open and close one before subscribing.
                ServerSocketChannel.open(StandardProtocolFamily.INET).close();
                List<Event> events = new ArrayList<>();
                List<String> warnings = new ArrayList<>();
                NetlinkMessageHandler handler = (type, flags, buffer, offset, length) ->
                        events.add(event(type, MemorySegment.ofArray(buffer).asSlice(offset, length)));
                try (NetlinkSubscription subscription = NetlinkSubscription.open(NETLINK_SOCK_DIAG,
                        1 << (TCP4_DESTROY_GROUP - 1), Duration.ofMillis(100))) {
                    // The kernel may free that probe socket late (after an RCU grace period, long on a loaded
                    // host) and announce it then: a wait it fills is not the quiet one looked for.
                    boolean received = true;
                    long waitedMillis = 0;
                    for (int i = 0; i < 20 && received; i++) {
                        events.clear();
                        long start = System.nanoTime();
                        received = subscription.receive(handler, warnings::add);
                        waitedMillis = (System.nanoTime() - start) / 1_000_000;
                    }
                    events.clear();

                    int port;
                    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
                        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
                        port = ((InetSocketAddress) server.getLocalAddress()).getPort();
                    }
                    for (int i = 0; i < 50 && events.stream().noneMatch(e -> e.sourcePort() == port); i++) {
                        subscription.receive(handler, warnings::add);
                    }
                    // Only the probe's late announcement (port 0) may come besides the listener's.
                    return new Object[] {received, waitedMillis, port,
                            events.stream().filter(e -> e.sourcePort() != 0).toList(), warnings};
                }
            });
            assertFalse((Boolean) outcome[0], "a wait with nothing to announce came within 20 tries");
            long waited = (Long) outcome[1];
            assertTrue(waited >= 50 && waited < 3000, "the wait ends after about the interval, took " + waited + " ms");
            @SuppressWarnings("unchecked")
            List<Event> events = (List<Event>) outcome[3];
            assertEquals(List.of(new Event(SOCK_DIAG_BY_FAMILY, 2, 7, (Integer) outcome[2])), events,
                    "the closed listener's destroy event: AF_INET, state CLOSE, its port");
            assertEquals(List.of(), outcome[4]);
        }
    }

    @Test
    void anUnknownNetlinkProtocolFailsAtSocketWithItsErrno() {
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> NetlinkSubscription.open(99, 1, Duration.ofMillis(10)));
        assertEquals("socket", e.call());
        assertEquals("EPROTONOSUPPORT", e.errnoName());
    }

    private static Event event(int type, MemorySegment payload) {
        int family = Byte.toUnsignedInt(payload.get(ValueLayout.JAVA_BYTE, 0));
        int state = Byte.toUnsignedInt(payload.get(ValueLayout.JAVA_BYTE, 1));
        int port = Short.toUnsignedInt(payload.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 4));
        return new Event(type, family, state, port);
    }
}
