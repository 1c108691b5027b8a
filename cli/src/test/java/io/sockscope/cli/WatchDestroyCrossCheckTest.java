package io.sockscope.cli;

import io.sockscope.inspect.EffectiveUser;
import io.sockscope.json.JsonReader;
import io.sockscope.json.JsonValue;
import io.sockscope.testing.CommandRun;
import io.sockscope.testing.ScratchNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code watch}'s closes against iproute2's {@code ss -E} run alongside in the same fresh namespace: loopback
 * connections that each live about {@value #LINGER_MILLIS} ms, far less than the {@value #INTERVAL_MILLIS} ms
 * interval, so that only the kernel's destroy events can tell them. Every socket ss saw destroyed has a
 * {@code close} in watch with the same endpoints (and watch closes nothing ss did not see), and both ends of
 * every connection were told {@code open}.
 */
@Timeout(180)
class WatchDestroyCrossCheckTest {
    private static final long INTERVAL_MILLIS = 2_000;
    private static final int CONNECTIONS = 40;
    private static final long LINGER_MILLIS = 10;
    private static final long CONNECT_MAX_MILLIS = 20_000;
    private static final long EVENTS_WAIT_MILLIS = 30_000;

    @Test
    void everyCloseSsSeesWatchTellsAndEveryShortConnectionOpens() throws Exception {
        assumeTrue(EffectiveUser.isRoot(), "joining sock_diag's destroy groups needs CAP_NET_ADMIN: run as root");
        assumeTrue(CommandRun.onPath("ss"), "needs the installed iproute2 ss as the oracle");
        assumeTrue(CommandRun.onPath("stdbuf"), "needs coreutils' stdbuf to read ss -E line by line");
        // The JDK opens a socket of its own to probe for IPv6 the first time any is opened: here, not in the namespace.
        ServerSocketChannel.open(StandardProtocolFamily.INET).close();
        // The watch first: the JVM it starts in opens and closes sockets of its own (the JDK's IPv6 probe) before it
        // subscribes, which an ss already following would see and the watch could not.
        try (ScratchNamespace ns = ScratchNamespace.create();
             WatchProcess watch = WatchProcess.inNamespace(ns.name(), Map.of(), "--interval",
                     INTERVAL_MILLIS + "ms", "-ta");
             SsDestroyEvents ss = SsDestroyEvents.start(ns.name(), 2)) {
            awaitBaseline(ns.name(), watch);
            List<LoopbackTraffic.Connection> made;
            long started = System.nanoTime();
            try (LoopbackTraffic traffic = LoopbackTraffic.listen(ns.name())) {
                made = traffic.connect(ns.name(), CONNECTIONS, 0, LINGER_MILLIS, CONNECT_MAX_MILLIS);
                traffic.awaitServed(made.size(), EVENTS_WAIT_MILLIS);
            }
            long trafficMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(CONNECTIONS, made.size(), "every connection was made");
            // Both ends of each connection, the listener and the probe.
            int expected = 2 * CONNECTIONS + 2;
            Map<String, Integer> ssCloses = awaitCount(() -> count(ss.destroyed()), expected, "ss -E");
            Map<String, Integer> watchCloses = awaitCount(() -> closes(watch.lines()), expected, "watch");
            assertEquals(143, watch.stop(), "watch stops on SIGTERM");
            System.out.println("cross-check: " + made.size() + " connections of ~" + LINGER_MILLIS + " ms in "
                    + trafficMillis + " ms; ss -E printed " + total(ssCloses) + " destroyed sockets, watch told "
                    + total(closes(watch.lines())) + " closes");

            assertEquals(ssCloses, closes(watch.lines()), "watch closes what ss -E saw destroyed, and only that");
            Map<String, Integer> opens = opens(watch.lines());
            for (LoopbackTraffic.Connection c : made) {
                assertTrue(opens.containsKey(c.client() + " " + c.server()), "the client end of " + c + " opened");
                assertTrue(opens.containsKey(c.server() + " " + c.client()), "the server end of " + c + " opened");
            }
            assertEquals("", watch.stderr());
        }
    }

    /** Waits until the watch has taken its baseline: a probe listener's open and close come only after it. */
    private static void awaitBaseline(String namespace, WatchProcess watch) throws Exception {
        int probe = LoopbackTraffic.inNamespace(namespace, () -> {
            try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
                listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
                return ((InetSocketAddress) listener.getLocalAddress()).getPort();
            }
        });
        watch.await(e -> WatchedTable.text(e, "event").equals("close")
                && WatchedTable.endpoint(e, "local").equals("127.0.0.1:" + probe), EVENTS_WAIT_MILLIS);
    }

    /** What {@code counted} gives once it counts {@code expected} sockets, or a failure after a bounded wait. */
    private static Map<String, Integer> awaitCount(Counted counted, int expected, String who) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EVENTS_WAIT_MILLIS);
        while (true) {
            Map<String, Integer> now = counted.get();
            if (total(now) >= expected) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(who + " told " + total(now) + " of " + expected + " closes: " + now);
            }
            Thread.sleep(50);
        }
    }

    private interface Counted {
        Map<String, Integer> get() throws Exception;
    }

    private static Map<String, Integer> count(List<SsDestroyEvents.Destroyed> destroyed) {
        Map<String, Integer> counted = new TreeMap<>();
        for (SsDestroyEvents.Destroyed d : destroyed) {
            counted.merge(d.local() + " " + d.peer(), 1, Integer::sum);
        }
        return counted;
    }

    private static Map<String, Integer> closes(List<String> lines) throws Exception {
        return endpointsOf(lines, "close");
    }

    private static Map<String, Integer> opens(List<String> lines) throws Exception {
        return endpointsOf(lines, "open");
    }

    /** The events of one kind, as {@code local peer} rows counted. */
    private static Map<String, Integer> endpointsOf(List<String> lines, String kind) throws Exception {
        Map<String, Integer> counted = new TreeMap<>();
        for (String line : lines) {
            JsonValue event = JsonReader.read(line);
            if (WatchedTable.text(event, "event").equals(kind)) {
                counted.merge(WatchedTable.endpoint(event, "local") + " " + WatchedTable.endpoint(event, "peer"), 1,
                        Integer::sum);
            }
        }
        return counted;
    }

    private static int total(Map<String, Integer> counted) {
        return counted.values().stream().mapToInt(Integer::intValue).sum();
    }
}
