package io.sockscope.cli;

import io.sockscope.json.JsonValue;
import io.sockscope.testing.CommandRun;
import io.sockscope.testing.ScratchNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code watch --all-netns}, tried as a new user would: a watch started on the host sees connections made inside
 * a namespace the test creates, each event naming that namespace; a connection shorter than the interval still
 * opens and closes (the namespace's own destroy events, followed from inside it), and a leak there is told.
 */
@Timeout(90)
class AllNamespacesWatchTest {
    private static final long WAIT_MILLIS = 15_000;

    private ScratchNamespace ns;
    private Process traffic;
    private WatchProcess watch;
    private Path script;

    @AfterEach
    void cleanUp() throws Exception {
        if (watch != null) {
            watch.close();
        }
        if (traffic != null) {
            traffic.destroyForcibly();
            traffic.waitFor(5, TimeUnit.SECONDS);
        }
        if (ns != null) {
            ns.close();
        }
        if (script != null) {
            Files.deleteIfExists(script);
        }
    }

    @Test
    void eventsInAnotherNamespaceNameItAndShortConnectionsThereStillOpenAndClose() throws Exception {
        ns = ScratchNamespace.create();
        script = Files.createTempFile("sockscope-netns-traffic-", ".py");
        try (var in = AllNamespacesWatchTest.class.getResourceAsStream("/live/netns_traffic.py")) {
            Files.write(script, in.readAllBytes());
        }
        traffic = new ProcessBuilder("ip", "netns", "exec", ns.name(), "python3", script.toString()).start();
        BufferedReader answers = new BufferedReader(new InputStreamReader(traffic.getInputStream(),
                StandardCharsets.UTF_8));
        String port = answers.readLine();
        assertTrue(port != null && port.matches("[0-9]+"), "the namespace's listener: " + port);

        watch = WatchProcess.start(CommandRun.sockscope("watch", "--all-netns", "--ndjson", "--interval", "2s",
                "--close-wait-age", "1s", "-t", "sport = :" + port + " or dport = :" + port));
        // Subscribed inside the namespace: its follower there has started.
        watch.awaitSubscribed(traffic.pid(), WAIT_MILLIS);

        int shortPort = ask("short", answers);
        JsonValue open = await(e -> is(e, "open") && port(e, "local") == shortPort);
        JsonValue close = await(e -> is(e, "close") && port(e, "local") == shortPort);
        for (JsonValue e : List.of(open, close)) {
            assertEquals(ns.name(), e.member("netns").flatMap(n -> n.member("name")).flatMap(JsonValue::string)
                    .orElse(null), e.toString());
        }
        assertTrue(close.member("age_ms").flatMap(JsonValue::integer).orElseThrow() < 2000,
                "shorter than the interval, seen by the namespace's destroy events: " + close);

        int leakPort = ask("leak", answers);
        JsonValue leak = await(e -> is(e, "leak") && e.member("evidence").orElseThrow().elements().stream()
                .anyMatch(row -> port(row, "peer") == leakPort));
        assertEquals(traffic.pid(), leak.member("pid").flatMap(JsonValue::integer).orElseThrow(),
                "ip netns exec becomes python: " + leak);
        JsonValue row = leak.member("evidence").orElseThrow().elements().getFirst();
        assertEquals(ns.name(), row.member("netns").flatMap(n -> n.member("name")).flatMap(JsonValue::string)
                .orElse(null), row.toString());

        assertEquals(143, watch.stop());
    }

    private int ask(String what, BufferedReader answers) throws IOException {
        OutputStream out = traffic.getOutputStream();
        out.write((what + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return Integer.parseInt(answers.readLine().trim());
    }

    private JsonValue await(Predicate<JsonValue> wanted) throws Exception {
        return watch.await(wanted, WAIT_MILLIS);
    }

    private static boolean is(JsonValue event, String kind) {
        return event.member("event").flatMap(JsonValue::string).orElse("").equals(kind);
    }

    private static long port(JsonValue event, String member) {
        return event.member(member).flatMap(e -> e.member("port")).flatMap(JsonValue::integer).orElse(-1L);
    }
}
