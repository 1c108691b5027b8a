package io.sockscope.cli;

import io.sockscope.testing.CommandRun;
import io.sockscope.testing.ScratchNamespace;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A server that does nothing wrong, under at least 2,000 loopback connections a second for a minute, watched
 * with the default thresholds: many of its sockets pass through CLOSE-WAIT for a moment, and none of that is a
 * leak. The load runs in a namespace of its own whose time-wait table is kept small
 * ({@code net.ipv4.tcp_max_tw_buckets}), so that the minute's TIME-WAIT entries do not crowd the host's table.
 */
@Timeout(180)
class WellBehavedLoadTest {
    private static final int RATE = 2500;
    private static final int SECONDS = 60;
    private static final int LEAST_RATE = 2000;
    private static final Pattern EVENT = Pattern.compile("^\\{\"event\":\"([a-z_]+)\"");
    private static final Pattern MADE = Pattern.compile("made (\\d+) failed (\\d+) in ([0-9.]+)");

    @Test
    void aWellBehavedServerUnderLoadGivesNoLeakEvent() throws Exception {
        Path script = Files.createTempFile("sockscope-well-behaved-", ".py");
        Path errors = Files.createTempFile("sockscope-watch-", ".err");
        Process load = null;
        Process watch = null;
        try (ScratchNamespace ns = ScratchNamespace.create()) {
            try (var in = WellBehavedLoadTest.class.getResourceAsStream("/live/well_behaved.py")) {
                Files.write(script, in.readAllBytes());
            }
            run(List.of("ip", "netns", "exec", ns.name(), "sysctl", "-q", "-w", "net.ipv4.tcp_max_tw_buckets=4096"));
            load = new ProcessBuilder("ip", "netns", "exec", ns.name(), "python3", script.toString(),
                    Integer.toString(RATE), Integer.toString(SECONDS)).redirectErrorStream(true).start();
            BufferedReader loadOut = new BufferedReader(new InputStreamReader(load.getInputStream(),
                    StandardCharsets.UTF_8));
            String listening = loadOut.readLine();
            assertTrue(listening != null && listening.startsWith("port "), "the load starts: " + listening);

            List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
            command.addAll(CommandRun.sockscope("watch", "--ndjson", "-t"));
            watch = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(errors.toFile()).start();
            CompletableFuture<Map<String, Integer>> counts = count(watch);
            awaitDestroySubscription(watch, errors);

            OutputStream go = load.getOutputStream();
            go.write('\n');
            go.flush();
            String summary = loadOut.readLine();
            assertTrue(load.waitFor(SECONDS + 30, TimeUnit.SECONDS), "the load ends");
            Matcher made = MADE.matcher(summary == null ? "" : summary);
            assertTrue(made.find(), "the load reports what it made: " + summary);
            long connections = Long.parseLong(made.group(1));
            double elapsed = Double.parseDouble(made.group(3));
            // A last interval for the final closes, then stop.
            Thread.sleep(1500);
            watch.destroy();
            assertTrue(watch.waitFor(10, TimeUnit.SECONDS), "watch stops on SIGTERM");
            Map<String, Integer> events = counts.get(10, TimeUnit.SECONDS);
            String seen = connections + " connections in " + elapsed + " s; events " + events + "; stderr: "
                    + Files.readString(errors);
            assertEquals("0", made.group(2), "no connection failed: " + seen);
            assertTrue(connections / elapsed >= LEAST_RATE, "at least " + LEAST_RATE + " a second: " + seen);
            assertEquals(0, events.getOrDefault("leak", 0), seen);
            // Each connection is two sockets (the client's and the accepted one): both open and close.
            assertTrue(events.getOrDefault("close", 0) >= connections, seen);
        } finally {
            for (Process p : new Process[] {watch, load}) {
                if (p != null) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            }
            Files.deleteIfExists(script);
            Files.deleteIfExists(errors);
        }
    }

    /** Counts the watch's events by kind as they stream, until it exits. */
    private static CompletableFuture<Map<String, Integer>> count(Process watch) {
        return CompletableFuture.supplyAsync(() -> {
            Map<String, Integer> counts = new TreeMap<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(watch.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    Matcher m = EVENT.matcher(line);
                    counts.merge(m.find() ? m.group(1) : "unreadable", 1, Integer::sum);
                }
            } catch (IOException e) {
                counts.merge("read failure", 1, Integer::sum);
            }
            return counts;
        });
    }

    /**
     * Waits until the watch has joined sock_diag's destroy groups in its namespace: it reads its baseline as it
     * does.
     */
    private static void awaitDestroySubscription(Process watch, Path errors) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            if (!watch.isAlive()) {
                fail("watch exited with " + watch.exitValue() + ": " + Files.readString(errors));
            }
            if (WatchProcess.subscribed(watch.pid(), watch.pid())) {
                Thread.sleep(1200); // the baseline dump, taken as the subscription starts
                return;
            }
            Thread.sleep(50);
        }
        fail("watch did not join the destroy groups within 20 s: " + Files.readString(errors));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        CommandRun r = CommandRun.run(command, Map.of(), 30);
        assertEquals(0, r.exitCode(), String.join(" ", command) + ": " + r.stderrText());
    }
}
