package io.sockscope.cli;

import io.sockscope.inspect.EffectiveUser;
import io.sockscope.json.JsonValue;
import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code sockscope watch --ndjson} run as a command against real loopback sockets this JVM makes, each test on
 * a port of its own (the watch's filter names it, so that other traffic on the host is not seen): a connection
 * shorter than the interval still opens and closes (the kernel's destroy events, which need root), and a
 * server that never closes what the client closed is seen going ESTAB to CLOSE-WAIT, owned by this process.
 */
@Timeout(60)
class WatchCommandTest {
    private static final long EVENT_WAIT_MILLIS = 10_000;
    private static final long SUBSCRIBE_WAIT_MILLIS = 20_000;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private WatchProcess watch;

    @BeforeEach
    void needsRoot() {
        assumeTrue(EffectiveUser.isRoot(), "joining sock_diag's destroy groups needs CAP_NET_ADMIN: run as root");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (watch != null) {
            watch.close();
        }
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    @Test
    void aConnectionShorterThanTheIntervalOpensAndCloses() throws Exception {
        ServerSocket server = listen();
        startWatch(server.getLocalPort());
        int clientPort;
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            clientPort = client.getLocalPort();
            assertTrue(accepted.isConnected());
        }
        JsonValue open = await(e -> is(e, "open") && localPort(e) == clientPort);
        JsonValue close = await(e -> is(e, "close") && localPort(e) == clientPort);
        assertEquals(text(open, "cookie"), text(close, "cookie"), "the same socket opens and closes");
        assertEquals("observed", text(close, "age_source"));
        assertTrue(close.member("age_ms").flatMap(JsonValue::integer).orElseThrow() < 200,
                "it lived less than an interval");
        stopAndCheckExit();
    }

    @Test
    void aServerThatNeverClosesGoesFromEstablishedToCloseWaitWithItsOwner() throws Exception {
        ServerSocket server = listen();
        startWatch(server.getLocalPort());
        awaitBaseline(server);
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept();
        opened.add(accepted);
        int clientPort = client.getLocalPort();
        // Seen established by a dump before the client leaves, so that the change is a state event.
        await(e -> is(e, "open") && localPort(e) == server.getLocalPort() && peerPort(e) == clientPort);
        client.close();
        JsonValue changed = await(e -> is(e, "state") && localPort(e) == server.getLocalPort()
                && peerPort(e) == clientPort);
        assertEquals("ESTAB", text(changed, "from"));
        assertEquals("CLOSE-WAIT", text(changed, "to"));
        assertEquals(ProcessHandle.current().pid(), changed.member("pid").flatMap(JsonValue::integer).orElseThrow(),
                "the owner is this process, which holds the accepted socket");
        assertTrue(text(changed, "command").startsWith("java"), changed.toString());
        stopAndCheckExit();
    }

    @Test
    void aConnectionThereBeforeWatchingClosesWithItsOwnerAndALowerBoundAge() throws Exception {
        ServerSocket server = listen();
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept();
        int clientPort = client.getLocalPort();
        startWatch(server.getLocalPort());
        awaitBaseline(server);
        accepted.close();
        client.close();
        JsonValue close = await(e -> is(e, "close") && localPort(e) == server.getLocalPort()
                && peerPort(e) == clientPort);
        assertEquals("lower_bound", text(close, "age_source"));
        assertEquals(ProcessHandle.current().pid(), close.member("pid").flatMap(JsonValue::integer).orElseThrow(),
                "the holder the baseline's owner scan found: " + close);
        stopAndCheckExit();
    }

    @Test
    void aCloseWaitSocketHeldPastTheThresholdIsALeakEventWithItsEvidence() throws Exception {
        ServerSocket server = listen();
        startWatch(server.getLocalPort(), "--close-wait-age", "600ms");
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        opened.add(server.accept());
        int clientPort = client.getLocalPort();
        client.close();
        JsonValue leak = await(e -> is(e, "leak"));
        assertEquals("close_wait", text(leak, "kind"));
        assertEquals(ProcessHandle.current().pid(), leak.member("pid").flatMap(JsonValue::integer).orElseThrow());
        assertEquals(1L, leak.member("count").flatMap(JsonValue::integer).orElseThrow());
        assertTrue(text(leak, "explanation").startsWith("holds 1 connection in CLOSE-WAIT (1 for over 600ms)"),
                leak.toString());
        List<JsonValue> evidence = leak.member("evidence").orElseThrow().elements();
        assertEquals(1, evidence.size());
        assertEquals("CLOSE-WAIT", text(evidence.getFirst(), "state"));
        assertEquals(clientPort, peerPort(evidence.getFirst()));
        assertTrue(evidence.getFirst().member("in_state_ms").flatMap(JsonValue::integer).orElseThrow() >= 600);
        stopAndCheckExit();
    }

    /**
     * Waits until the watch has taken its first dump, the baseline, which tells nothing of what it holds: a probe
     * connection's close, which the loop tells only after that dump, says so.
     */
    private void awaitBaseline(ServerSocket server) throws Exception {
        int probePort;
        try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            probePort = probe.getLocalPort();
            assertTrue(accepted.isConnected());
        }
        await(e -> is(e, "close") && localPort(e) == probePort);
    }

    private ServerSocket listen() throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        opened.add(server);
        return server;
    }

    /** Starts the watch of {@code port}'s TCP sockets and waits until it has joined the destroy groups. */
    private void startWatch(int port, String... more) throws Exception {
        List<String> words = new ArrayList<>(List.of("watch", "--ndjson", "--interval", "200ms"));
        words.addAll(List.of(more));
        words.addAll(List.of("-ta", "sport = :" + port + " or dport = :" + port));
        watch = WatchProcess.start(CommandRun.sockscope(words.toArray(String[]::new)));
        watch.awaitSubscribed(watch.pid(), SUBSCRIBE_WAIT_MILLIS);
    }

    private JsonValue await(Predicate<JsonValue> wanted) throws Exception {
        return watch.await(wanted, EVENT_WAIT_MILLIS);
    }

    /** SIGTERM ends the watch with 143, as a shell reports a process the signal ended, and nothing on stderr. */
    private void stopAndCheckExit() throws Exception {
        assertEquals(143, watch.stop());
        assertEquals("", watch.stderr());
    }

    private static boolean is(JsonValue event, String kind) {
        return kind.equals(text(event, "event"));
    }

    private static String text(JsonValue event, String member) {
        return event.member(member).flatMap(JsonValue::string).orElse("");
    }

    private static long localPort(JsonValue event) {
        return port(event, "local");
    }

    private static long peerPort(JsonValue event) {
        return port(event, "peer");
    }

    private static long port(JsonValue event, String member) {
        return event.member(member).flatMap(e -> e.member("port")).flatMap(JsonValue::integer).orElse(-1L);
    }
}
