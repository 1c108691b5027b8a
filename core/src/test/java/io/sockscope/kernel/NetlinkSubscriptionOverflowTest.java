package io.sockscope.kernel;

import io.sockscope.testing.ScratchNamespace;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receive buffer a subscription may be opened with, against the real kernel in a namespace of its own: the
 * same burst of destroyed listeners arrives whole with the usual buffer, and overflows a tiny one, which the
 * kernel reports as {@code ENOBUFS} and the subscription hands to its {@code lost} callback.
 */
class NetlinkSubscriptionOverflowTest {
    private static final int NETLINK_SOCK_DIAG = 4;
    private static final int TCP4_DESTROY_GROUP = 1;
    /** Destroy events of a few hundred bytes each: far beyond a few kilobytes, well within the usual buffer. */
    private static final int BURST = 200;
    /** Receives tried at most (each waits up to the wake interval when nothing is queued). */
    private static final int RECEIVE_ATTEMPTS = 2_000;

    /** What a burst gave: the events received, the overflows reported, the warnings. */
    private record Outcome(int events, int overflows, List<String> warnings) {
    }

    @Test
    void theUsualBufferHoldsTheWholeBurst() throws Exception {
        Outcome outcome = burst(NetlinkSubscription.DEFAULT_RECEIVE_BUFFER);
        assertEquals(new Outcome(BURST, 0, List.of()), outcome);
    }

    @Test
    void aTinyBufferOverflowsAndTheLossIsReported() throws Exception {
        Outcome outcome = burst(1);
        assertTrue(outcome.overflows() >= 1, "the kernel dropped events and said so: " + outcome);
        assertTrue(outcome.events() < BURST, "some events were lost: " + outcome);
        assertEquals(List.of(), outcome.warnings(), "the loss went to the callback, not to the warnings");
    }

    /** Closes {@link #BURST} listeners while subscribed and not receiving, then receives what is left. */
    private static Outcome burst(int receiveBufferBytes) throws Exception {
        try (ScratchNamespace ns = ScratchNamespace.create()) {
            return ScratchNamespace.onThread(() -> {
                NetworkNamespace.enter(ns.name());
                // The JDK probes IPv6 support with a socket of its own at the first one: its end would be an event.
                ServerSocketChannel.open(StandardProtocolFamily.INET).close();
                int[] events = {0};
                int[] overflows = {0};
                List<String> warnings = new ArrayList<>();
                try (NetlinkSubscription subscription = NetlinkSubscription.open(NETLINK_SOCK_DIAG,
                        1 << (TCP4_DESTROY_GROUP - 1), Duration.ofMillis(20), receiveBufferBytes)) {
                    for (int i = 0; i < BURST; i++) {
                        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
                            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
                        }
                    }
                    // The kernel sends destroy events from a work queue: some may still be on their way.
                    int quiet = 0;
                    for (int i = 0; i < RECEIVE_ATTEMPTS && events[0] < BURST && quiet < 25; i++) {
                        boolean received = subscription.receive((type, flags, buffer, offset, length) -> events[0]++,
                                warnings::add, () -> overflows[0]++);
                        quiet = received ? 0 : quiet + 1;
                    }
                }
                return new Outcome(events[0], overflows[0], warnings);
            });
        }
    }
}
