package io.sockscope.cli;

import io.sockscope.inspect.EffectiveUser;
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
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Netlink is lossy by design: {@code watch} must never lose track silently. In a fresh namespace, a watch whose
 * destroy-event subscription has a tiny receive buffer ({@link TestEventReceiveBuffer}) sees a burst of a few
 * thousand short loopback connections, some held open: the kernel drops events, watch says {@code resync}, and
 * once the burst has settled and another interval has passed, the sockets its events leave open are the ones a
 * fresh {@code ss -tanH} lists. TIME-WAIT rows are left out on both sides: watch follows a time-wait entry only
 * when it did not see its connection destroyed (docs/watch.md), which after a resync is a matter of which events
 * the kernel dropped. No socket is opened or closed twice in the stream.
 */
@Timeout(180)
class WatchResyncTest {
    private static final long INTERVAL_MILLIS = 500;
    private static final int BURST = 3_000;
    private static final int HOLD_EVERY = 100;
    private static final long BURST_MAX_MILLIS = 20_000;
    private static final long SETTLE_MAX_MILLIS = 60_000;
    private static final long AGREE_MAX_MILLIS = 30_000;
    private static final Set<String> NOT_FOLLOWED = Set.of("TIME-WAIT");
    /** The smallest buffer there is: the kernel raises it to its minimum, a few events' worth. */
    private static final String TINY_BUFFER = "1";

    @Test
    void aBurstThatOverflowsTheEventsGivesAResyncAndTheTableAFreshDumpSees() throws Exception {
        assumeTrue(EffectiveUser.isRoot(), "joining sock_diag's destroy groups needs CAP_NET_ADMIN: run as root");
        assumeTrue(CommandRun.onPath("ss"), "needs the installed iproute2 ss as the oracle");
        try (ScratchNamespace ns = ScratchNamespace.create();
             WatchProcess watch = WatchProcess.inNamespace(ns.name(),
                     Map.of(TestEventReceiveBuffer.ENVIRONMENT_VARIABLE, TINY_BUFFER), "--interval",
                     INTERVAL_MILLIS + "ms", "-ta")) {
            awaitBaseline(ns.name(), watch);
            try (LoopbackTraffic traffic = LoopbackTraffic.listen(ns.name())) {
                long started = System.nanoTime();
                List<LoopbackTraffic.Connection> made = traffic.connect(ns.name(), BURST, HOLD_EVERY, 0,
                        BURST_MAX_MILLIS);
                traffic.awaitServed(made.size(), SETTLE_MAX_MILLIS);
                long burstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertTrue(made.size() >= BURST / 2, "the burst made " + made.size() + " connections");
                int heldPairs = made.size() / HOLD_EVERY;

                Map<String, Integer> settled = awaitSettled(ns.name(), heldPairs);
                // Another interval, then as long as a loaded machine makes the watch's next dump take (bounded).
                Thread.sleep(INTERVAL_MILLIS);
                awaitAgreement(watch, settled);
                Map<String, Integer> fresh = SsTcpRows.rows(ns.name(), NOT_FOLLOWED);
                assertEquals(settled, fresh, "the table did not stay settled");
                assertEquals(143, watch.stop(), "watch stops on SIGTERM");

                WatchedTable watched = WatchedTable.replay(watch.lines());
                System.out.println("resync: " + made.size() + " connections (" + heldPairs + " held) in "
                        + burstMillis + " ms; " + watched.resyncs() + " resyncs, " + watched.opens() + " opens, "
                        + watched.closes() + " closes told");
                assertTrue(watched.resyncs() >= 1, "the tiny buffer overflowed and watch said so");
                assertEquals(List.of(), watched.contradictions(), "no socket opens or closes twice");
                assertEquals(fresh, watched.openRows(NOT_FOLLOWED),
                        "what watch's events leave open is what a fresh dump lists");
                assertTrue(fresh.containsKey("LISTEN " + traffic.endpoint() + " 0.0.0.0:*"), fresh.toString());
                assertEquals(2 * heldPairs, fresh.entrySet().stream().filter(e -> e.getKey().startsWith("ESTAB"))
                        .mapToInt(Map.Entry::getValue).sum(), fresh.toString());
                assertEquals("", watch.stderr());
            }
        }
    }

    /**
     * Waits until the watch has taken its first dump, the baseline, which tells nothing: the loop tells nothing
     * before it, so any line means it was taken. A probe listener opened and closed now makes one: its destroy
     * event opens and closes it, or, when the tiny buffer dropped the event, the loop says {@code resync}. The
     * namespace was empty when the watch began, so the baseline held nothing its events do not account for.
     */
    private static void awaitBaseline(String namespace, WatchProcess watch) throws Exception {
        LoopbackTraffic.inNamespace(namespace, () -> {
            try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
                listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
                return null;
            }
        });
        watch.await(e -> true, 30_000);
    }

    /**
     * Waits at most {@link #AGREE_MAX_MILLIS} until the sockets the watch's events leave open are {@code table}:
     * each dump it takes must bring it there once the table stops changing. Whether it did is asserted after.
     */
    private static void awaitAgreement(WatchProcess watch, Map<String, Integer> table) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AGREE_MAX_MILLIS);
        while (!WatchedTable.replay(watch.lines()).openRows(NOT_FOLLOWED).equals(table)
                && System.nanoTime() < deadline) {
            Thread.sleep(INTERVAL_MILLIS / 2);
        }
    }

    /**
     * Waits until the namespace holds only the listener and the held connections (and TIME-WAIT entries, left
     * out): every short connection has gone. Returns that table.
     */
    private static Map<String, Integer> awaitSettled(String namespace, int heldPairs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MAX_MILLIS);
        while (true) {
            Map<String, Integer> rows = SsTcpRows.rows(namespace, NOT_FOLLOWED);
            int sockets = rows.values().stream().mapToInt(Integer::intValue).sum();
            if (sockets == 1 + 2 * heldPairs) {
                return rows;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the table did not settle within " + SETTLE_MAX_MILLIS + " ms: " + rows);
            }
            Thread.sleep(200);
        }
    }
}
