package io.sockscope.kernel;

import io.sockscope.testing.ScratchNamespace;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receive buffer a subscription may be opened with, against the real kernel in a namespace of its own: the
 * same burst of destroyed listeners arrives whole with the usual buffer, and overflows a tiny one, which the
 * kernel reports as {@code ENOBUFS} and the subscription hands to its {@code lost} callback. The kernel sends
 * these events from a work queue, late on a loaded machine: the tiny buffer is read only once the kernel has
 * counted a drop, and the usual one until nothing more comes for a while.
 */
class NetlinkSubscriptionOverflowTest {
    private static final int NETLINK_SOCK_DIAG = 4;
    private static final int TCP4_DESTROY_GROUP = 1;
    /** Destroy events of a few hundred bytes each: far beyond a few kilobytes, well within the usual buffer. */
    private static final int BURST = 200;
    /** Receives tried at most (each waits up to the wake interval when nothing is queued). */
    private static final int RECEIVE_ATTEMPTS = 2_000;

    /** Receives in a row that found nothing (each waits up to the wake interval) after which none is to come. */
    private static final int QUIET_RECEIVES = 100;
    private static final long DROPS_WAIT_MILLIS = 20_000;

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

    /**
     * Waits until the calling thread's namespace shows drops on its sock_diag subscription ({@code Drops} in
     * {@code /proc/thread-self/net/netlink}, which the kernel counts when a receive queue is full); the namespace
     * is fresh, so the subscription is the only sock_diag socket in groups there.
     */
    private static void awaitDrops() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DROPS_WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            boolean dropped = Files.readAllLines(Path.of("/proc/thread-self/net/netlink"))
                    .stream().skip(1).map(line -> line.trim().split("\\s+"))
                    .anyMatch(f -> f.length > 8 && f[1].equals(Integer.toString(NETLINK_SOCK_DIAG))
                            && !f[3].matches("0+") && !f[8].equals("0"));
            if (dropped) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the kernel dropped no destroy event within " + DROPS_WAIT_MILLIS + " ms");
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
                    if (receiveBufferBytes != NetlinkSubscription.DEFAULT_RECEIVE_BUFFER) {
                        // The kernel sends destroy events from a work queue, which a loaded machine may run only
                        // once receiving has begun, fast enough for the buffer: wait until it has dropped some.
                        awaitDrops();
                    }
                    int quiet = 0;
                    for (int i = 0; i < RECEIVE_ATTEMPTS && events[0] < BURST && quiet < QUIET_RECEIVES; i++) {
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
