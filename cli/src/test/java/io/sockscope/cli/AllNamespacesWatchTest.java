package io.sockscope.cli;

import io.sockscope.json.JsonReader;
import io.sockscope.json.JsonValue;
import io.sockscope.testing.CommandRun;
import io.sockscope.testing.ScratchNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code watch --all-netns}, tried as a new user would: a watch started on the host sees connections made inside
 * a namespace the test creates, each event naming that namespace; a connection shorter than the interval still
 * opens and closes (the namespace's own destroy events, followed from inside it), and a leak there is told.
 */
@Timeout(90)
class AllNamespacesWatchTest {
    private static final long WAIT_MILLIS = 15_000;

    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private ScratchNamespace ns;
    private Process traffic;
    private Process watch;
    private Path script;
    private Path errors;

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : new Process[] {watch, traffic}) {
            if (p != null) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (ns != null) {
            ns.close();
        }
        for (Path p : new Path[] {script, errors}) {
            if (p != null) {
                Files.deleteIfExists(p);
            }
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

        errors = Files.createTempFile("sockscope-watch-", ".err");
        watch = new ProcessBuilder(CommandRun.sockscope("watch", "--all-netns", "--ndjson", "--interval", "2s",
                "--close-wait-age", "1s", "-t", "sport = :" + port + " or dport = :" + port))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(errors.toFile()).start();
        read(watch);
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!WatchCommandTest.subscribed(watch.pid(), traffic.pid())) {
            if (!watch.isAlive() || System.currentTimeMillis() > deadline) {
                fail("watch did not follow the namespace's destroy events: " + Files.readString(errors));
            }
            Thread.sleep(50);
        }

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

        watch.destroy();
        assertTrue(watch.waitFor(10, TimeUnit.SECONDS));
        assertEquals(143, watch.exitValue());
    }

    private int ask(String what, BufferedReader answers) throws IOException {
        OutputStream out = traffic.getOutputStream();
        out.write((what + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return Integer.parseInt(answers.readLine().trim());
    }

    private void read(Process p) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // Killed: nothing more to read.
            }
        }, "watch-output");
        reader.setDaemon(true);
        reader.start();
    }

    private JsonValue await(Predicate<JsonValue> wanted) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            seen.add(line);
            assertEquals(List.of(), WatchSchema.repository().eventErrors(line), line);
            JsonValue event = JsonReader.read(line);
            if (wanted.test(event)) {
                return event;
            }
        }
        fail("no such event within " + WAIT_MILLIS + " ms; saw:\n" + String.join("\n", seen) + "\nstderr: "
                + Files.readString(errors));
        return null;
    }

    private static boolean is(JsonValue event, String kind) {
        return event.member("event").flatMap(JsonValue::string).orElse("").equals(kind);
    }

    private static long port(JsonValue event, String member) {
        return event.member(member).flatMap(e -> e.member("port")).flatMap(JsonValue::integer).orElse(-1L);
    }
}
