package io.sockscope.cli;

import io.sockscope.json.JsonReader;
import io.sockscope.json.JsonValue;
import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sockscope leaks} against real loopback sockets, tried as a new user would: a server that never closes
 * what its clients closed, a listener nobody accepts from, a process near its descriptor limit, and a server
 * that does nothing wrong. Each watches only its own port, so the host's other sockets do not count.
 */
@Timeout(60)
class LeaksCommandTest {
    private final List<AutoCloseable> opened = new ArrayList<>();
    private Process helper;

    @AfterEach
    void cleanUp() throws Exception {
        if (helper != null) {
            helper.destroyForcibly();
            helper.waitFor(5, TimeUnit.SECONDS);
        }
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    @Test
    void aServerThatNeverClosesWhatItsClientsClosedLeaksAndExitsOne() throws Exception {
        ServerSocket server = listen(50);
        for (int i = 0; i < 3; i++) {
            Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            opened.add(server.accept());
            client.close();
        }
        CommandRun run = leaks("--for", "2s", "--interval", "250ms", "--close-wait-age", "1s", "-t",
                "sport = :" + server.getLocalPort());
        assertEquals(LeaksCommand.LEAKS_FOUND, run.exitCode(), run.stdoutText() + run.stderrText());
        String me = " pid=" + ProcessHandle.current().pid() + " (java)";
        String out = run.stdoutText();
        assertTrue(out.startsWith("LEAK" + me + "\n  close_wait: holds 3 connections in CLOSE-WAIT (3 for over 1s),"
                + " not rising; "), out);
        assertTrue(out.contains(": the peers hung up and it never called close()\n"), out);
        // Java's sockets are IPv6 ones bound to the v4-mapped loopback address.
        assertEquals(3, out.lines().filter(l -> l.startsWith("    tcp CLOSE-WAIT [::ffff:127.0.0.1]:"
                + server.getLocalPort() + " ")).count(), out);
        assertTrue(out.endsWith("1 process with leaks, 0 without, over 2s (9 reads).\n"), out);
        assertEquals("", run.stderrText());

        CommandRun json = leaks("--for", "1s", "--interval", "250ms", "--close-wait-age", "500ms", "--json", "-t",
                "sport = :" + server.getLocalPort());
        assertEquals(LeaksCommand.LEAKS_FOUND, json.exitCode(), json.stderrText());
        assertEquals(List.of(), WatchSchema.repository().leaksReportErrors(json.stdoutText()));
        JsonValue doc = JsonReader.read(json.stdoutText());
        assertEquals(new JsonValue.JsonBoolean(true), doc.member("leaking").orElseThrow());
        JsonValue process = doc.member("processes").orElseThrow().elements().getFirst();
        assertEquals("leak", process.member("verdict").flatMap(JsonValue::string).orElseThrow());
        JsonValue leak = process.member("leaks").orElseThrow().elements().getFirst();
        assertEquals("close_wait", leak.member("kind").flatMap(JsonValue::string).orElseThrow());
        assertEquals(3L, leak.member("count").flatMap(JsonValue::integer).orElseThrow());
        assertTrue(leak.member("fds_soft_limit").flatMap(JsonValue::integer).orElseThrow() > 0, leak.toString());
        assertEquals(3, leak.member("evidence").orElseThrow().elements().size());
    }

    @Test
    void aServerThatClosesItsConnectionsIsCleanAndExitsZero() throws Exception {
        ServerSocket server = listen(50);
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        opened.add(client);
        opened.add(server.accept());
        CommandRun run = leaks("--for", "1s", "--interval", "250ms", "-t", "sport = :" + server.getLocalPort()
                + " or dport = :" + server.getLocalPort());
        assertEquals(0, run.exitCode(), run.stdoutText() + run.stderrText());
        assertEquals("ok   pid=" + ProcessHandle.current().pid() + " (java)\n"
                + "0 processes with leaks, 1 without, over 1s (5 reads).\n", run.stdoutText());
    }

    @Test
    void aListenerNobodyAcceptsFromFillsItsQueue() throws Exception {
        ServerSocket server = listen(2);
        for (int i = 0; i < 3; i++) {
            Socket client = new Socket();
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2000);
            opened.add(client);
        }
        CommandRun run = leaks("--for", "1s", "--interval", "250ms", "--backlog-reads", "2", "-tl",
                "sport = :" + server.getLocalPort());
        assertEquals(LeaksCommand.LEAKS_FOUND, run.exitCode(), run.stdoutText() + run.stderrText());
        assertTrue(run.stdoutText().contains("\n  accept_queue: listener has 3 of 2 connections waiting to be"
                + " accepted (at or past 90% at "), run.stdoutText());
        assertTrue(run.stdoutText().contains("    tcp LISTEN [::ffff:127.0.0.1]:" + server.getLocalPort() + " "),
                run.stdoutText());
    }

    @Test
    void aProcessNearItsDescriptorLimitIsShortOfDescriptors() throws Exception {
        Path script = Files.createTempFile("sockscope-fd-hungry-", ".py");
        opened.add(() -> Files.deleteIfExists(script));
        try (var in = LeaksCommandTest.class.getResourceAsStream("/live/fd_hungry.py")) {
            Files.write(script, in.readAllBytes());
        }
        helper = new ProcessBuilder("python3", script.toString(), "64", "58").start();
        String[] portAndOpen = new BufferedReader(new InputStreamReader(helper.getInputStream(),
                StandardCharsets.UTF_8)).readLine().split(" ");
        String port = portAndOpen[0];
        CommandRun run = leaks("--for", "500ms", "--interval", "250ms", "-tl", "sport = :" + port);
        assertEquals(LeaksCommand.LEAKS_FOUND, run.exitCode(), run.stdoutText() + run.stderrText());
        int open = Integer.parseInt(portAndOpen[1]);
        assertTrue(run.stdoutText().startsWith("LEAK pid=" + helper.pid() + " (python3)\n  descriptors: has " + open
                + " of 64 descriptors open (" + open * 100 / 64 + "%, past 80%): at the limit accept() and open()"
                + " fail with \"too many open files\"\n"), run.stdoutText());
    }

    @Test
    void aLeaksCommandLineItCannotRunExitsTwo() throws Exception {
        CommandRun run = leaks("--for", "soon");
        assertEquals(LeaksCommand.USAGE, run.exitCode());
        assertEquals("sockscope: --for takes a duration from 1ms to 24h, like 500ms, 1s or 2m, not \"soon\"\n",
                run.stderrText());
        CommandRun stream = leaks("--ndjson");
        assertEquals(LeaksCommand.USAGE, stream.exitCode());
        CommandRun listing = CommandRun.run(CommandRun.sockscope("--for", "1s"), Map.of(), 30);
        assertEquals(1, listing.exitCode());
        assertTrue(listing.stderrText().contains("--for is how long sockscope leaks watches"), listing.stderrText());
    }

    private ServerSocket listen(int backlog) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
        opened.add(server);
        return server;
    }

    private static CommandRun leaks(String... args) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>(List.of("leaks"));
        words.addAll(List.of(args));
        return CommandRun.run(CommandRun.sockscope(words.toArray(String[]::new)), Map.of(), 40);
    }
}
