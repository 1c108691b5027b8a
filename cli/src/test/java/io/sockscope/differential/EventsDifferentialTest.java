package io.sockscope.differential;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code sockscope -E} against {@code ss -E}, both following the same destroy events: in a fresh network
 * namespace, sockscope starts and joins the sock_diag groups, then ss (line-buffered through {@code stdbuf},
 * since ss itself only flushes when it exits, and it never exits on its own), then a holder makes TCP and
 * UDP sockets of both families and closes them. Once both outputs have settled, sockscope's, read while it
 * still runs (so every row was flushed as its event came), must be byte for byte ss's. Then sockscope is
 * stopped with SIGINT or SIGTERM and must exit as ss does (128 + the signal) with nothing on stderr.
 *
 * <p>Each case has its own namespace because every JVM that starts makes and closes a few probe sockets of
 * its own: those would be events for a tool already listening in the same namespace. Ports are chosen
 * without /etc/services names (ss looks event ports up in every protocol's names, sockscope by the socket's
 * protocol; see the report of the -E work).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsDifferentialTest {
    private static final long SUBSCRIBE_MILLIS = 20_000;
    private static final long SETTLE_MILLIS = 600;
    private static final long EVENTS_MILLIS = 10_000;
    private static final int NETLINK_SOCK_DIAG = 4;

    private final CommandRunner runner = new CommandRunner();
    private final ToolCommands tools = ToolCommands.ofThisBuild();

    /** One comparison: the flags both tools get, how sockscope is stopped, whether both run from outside. */
    record EventCase(List<String> flags, String signal, boolean withNamespaceOption) {
        @Override
        public String toString() {
            return (withNamespaceOption ? "-N <ns> " : "") + String.join(" ", flags) + " (stopped by SIG" + signal + ")";
        }
    }

    static Stream<EventCase> cases() {
        return Stream.of(
                new EventCase(List.of("-E", "-n"), "INT", false),
                new EventCase(List.of("-E"), "TERM", false),
                new EventCase(List.of("-E", "-tn"), "INT", false),
                new EventCase(List.of("-E", "-un", "-6"), "TERM", false),
                new EventCase(List.of("-E", "-n", "-4"), "INT", false),
                new EventCase(List.of("-E", "-tn", "sport = :7421 or dport = :7422"), "TERM", false),
                new EventCase(List.of("-E", "-Hn"), "INT", false),
                // The kernel sends a destroyed socket's tcp_info with every event; ss prints it for -i and -m.
                new EventCase(List.of("-E", "-tin"), "INT", false),
                new EventCase(List.of("-E", "-tmn"), "TERM", false),
                new EventCase(List.of("-E", "-tien", "--tos"), "INT", false),
                new EventCase(List.of("-E", "-n", "--inet-sockopt"), "TERM", false),
                new EventCase(List.of("-E", "-tn"), "TERM", true));
    }

    @BeforeAll
    void preconditions() {
        ZooPreconditions.assumeZooCanRun();
        assumeTrue(ZooPreconditions.onPath("stdbuf").isPresent(), "needs coreutils' stdbuf to line-buffer ss");
        tools.whyCandidateMissing().ifPresent(why -> fail(why));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsTheSameRowsAsSsForTheSameEvents(EventCase c) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "sockscope-events-");
        List<Process> started = new ArrayList<>();
        try (ZooNetwork network = ZooNetwork.create(runner)) {
            List<String> ours = new ArrayList<>();
            List<String> theirs = new ArrayList<>(List.of("stdbuf", "-oL"));
            if (c.withNamespaceOption()) {
                ours.addAll(tools.candidate(withNamespace(network, c.flags())));
                theirs.addAll(tools.ss(withNamespace(network, c.flags())));
            } else {
                ours.addAll(network.inZoo(tools.candidate(c.flags())));
                theirs = new ArrayList<>(network.inZoo(theirs));
                theirs.addAll(tools.ss(c.flags()));
            }
            Process sockscope = start(ours, dir.resolve("sockscope"), started);
            awaitSubscribers(network, 1, sockscope);
            Process ss = start(theirs, dir.resolve("ss"), started);
            awaitSubscribers(network, 2, ss);

            try (SocketHolder holder = SocketHolder.start(network.inZoo(List.of()), runner)) {
                holder.run("listen 127.0.0.1 7421", "connect 127.0.0.1 7421 41011", "accept 7421 1",
                        "listen ::1 7422", "connect ::1 7422 41012", "accept 7422 1",
                        "udp 127.0.0.1 7431 127.0.0.1 7432", "udp ::1 7433", "udp 127.0.0.1 7434",
                        "close-all");
            }
            byte[] expected = settled(dir.resolve("ss.out"), dir.resolve("sockscope.out"));
            byte[] actual = Files.readAllBytes(dir.resolve("sockscope.out"));
            assertTrue(new String(expected, StandardCharsets.UTF_8).lines().count() >= 2,
                    "ss saw events:\n" + new String(expected, StandardCharsets.UTF_8));
            assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8),
                    "sockscope " + c + " prints what ss prints, as the events come");

            signal(sockscope, c.signal());
            assertTrue(sockscope.waitFor(10, TimeUnit.SECONDS), "sockscope stops on SIG" + c.signal());
            signal(ss, c.signal());
            assertTrue(ss.waitFor(10, TimeUnit.SECONDS), "ss stops on SIG" + c.signal());
            assertEquals(ss.exitValue(), sockscope.exitValue(), "a stopped -E exits as ss does (128 + signal)");
            assertEquals("", Files.readString(dir.resolve("sockscope.err")));
            assertEquals(new String(actual, StandardCharsets.UTF_8), Files.readString(dir.resolve("sockscope.out")),
                    "nothing more is printed on the way out");
        } finally {
            for (Process p : started) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static List<String> withNamespace(ZooNetwork network, List<String> flags) {
        List<String> all = new ArrayList<>(List.of("-N", network.zooNamespace()));
        all.addAll(flags);
        return all;
    }

    private Process start(List<String> command, Path base, List<Process> started) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(Path.of(base + ".out").toFile())
                .redirectError(Path.of(base + ".err").toFile());
        builder.environment().clear();
        builder.environment().putAll(runner.environment());
        Process p = builder.start();
        started.add(p);
        return p;
    }

    /**
     * Waits until {@code count} sock_diag sockets of the namespace have joined multicast groups (the kernel's
     * own has none), as {@code /proc/net/netlink} read inside it shows.
     */
    private void awaitSubscribers(ZooNetwork network, int count, Process latest) throws Exception {
        long deadline = System.currentTimeMillis() + SUBSCRIBE_MILLIS;
        while (true) {
            String table = runner.output(network.inZoo(List.of("cat", "/proc/net/netlink")));
            long subscribed = table.lines().skip(1).map(line -> line.trim().split("\\s+"))
                    .filter(f -> f.length > 3 && f[1].equals(Integer.toString(NETLINK_SOCK_DIAG))
                            && !f[3].matches("0+"))
                    .count();
            if (subscribed >= count) {
                return;
            }
            if (!latest.isAlive()) {
                fail(String.join(" ", latest.info().commandLine().orElse("a follower")) + " exited with "
                        + latest.exitValue() + " before joining the destroy groups");
            }
            if (System.currentTimeMillis() > deadline) {
                fail("only " + subscribed + " of " + count + " followers joined the destroy groups within "
                        + SUBSCRIBE_MILLIS + " ms");
            }
            Thread.sleep(50);
        }
    }

    /** The content of {@code reference} once neither file has changed for a while (bounded in time). */
    private static byte[] settled(Path reference, Path other) throws Exception {
        long deadline = System.currentTimeMillis() + EVENTS_MILLIS;
        long lastChange = System.currentTimeMillis();
        long seen = -1;
        while (System.currentTimeMillis() < deadline) {
            long size = Files.size(reference) * 31 + Files.size(other);
            if (size != seen) {
                seen = size;
                lastChange = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastChange >= SETTLE_MILLIS
                    && Files.size(reference) > 0 && Files.mismatch(reference, other) == -1) {
                break;
            }
            Thread.sleep(50);
        }
        return Files.readAllBytes(reference);
    }

    private void signal(Process p, String signal) throws IOException, InterruptedException {
        runner.run(List.of("kill", "-s", signal, Long.toString(p.pid())));
    }
}
