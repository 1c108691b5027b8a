package io.sockscope.cli;

import io.sockscope.json.JsonReader;
import io.sockscope.json.JsonValue;
import io.sockscope.testing.CommandRun;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@code sockscope watch --ndjson} the tests run as a process, here or inside a namespace ({@code ip netns
 * exec}): its lines gathered as they come (each one an event that {@link #await} looks at is checked against the
 * published schema), its stderr kept in a file, and a wait for its own subscription to the kernel's destroy
 * groups, which it makes as it reads its baseline. Closing it kills the process and removes the file.
 */
final class WatchProcess implements AutoCloseable {
    private static final int NETLINK_SOCK_DIAG = 4;
    private static final long SUBSCRIBE_WAIT_MILLIS = 30_000;

    private final Process process;
    private final Path errors;
    private final OutputLines output;
    private int looked;

    private WatchProcess(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
        this.output = OutputLines.read(process.getInputStream(), "watch-output");
    }

    /** Starts {@code command} (a watch, perhaps behind {@code ip netns exec}) with stdin from /dev/null. */
    static WatchProcess start(List<String> command) throws IOException {
        return start(command, Map.of());
    }

    /** As {@link #start(List)}, with {@code environment} added to the process's. */
    static WatchProcess start(List<String> command, Map<String, String> environment) throws IOException {
        Path errors = Files.createTempFile("sockscope-watch-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectError(errors.toFile());
        builder.environment().putAll(environment);
        WatchProcess watch;
        try {
            watch = new WatchProcess(builder.start(), errors);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(errors);
            throw e;
        }
        return watch;
    }

    /**
     * {@code sockscope watch --ndjson ARGUMENTS} inside {@code namespace}, with {@code environment} added, once it
     * has joined the destroy groups there.
     */
    static WatchProcess inNamespace(String namespace, Map<String, String> environment, String... arguments)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        List<String> words = new ArrayList<>(List.of("watch", "--ndjson"));
        words.addAll(List.of(arguments));
        command.addAll(CommandRun.sockscope(words.toArray(String[]::new)));
        WatchProcess watch = start(command, environment);
        try {
            // ip netns exec becomes the watch: its /proc/PID/net is the namespace's once it has entered.
            watch.awaitSubscribed(watch.pid(), SUBSCRIBE_WAIT_MILLIS);
            return watch;
        } catch (Exception | Error e) {
            watch.close();
            throw e;
        }
    }

    long pid() {
        return process.pid();
    }

    /** Every line written so far. */
    List<String> lines() {
        return output.lines();
    }

    /** Waits until it has joined the destroy groups in the namespace {@code inNamespaceOf} is in. */
    void awaitSubscribed(long inNamespaceOf, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (!subscribed(process.pid(), inNamespaceOf)) {
            if (!process.isAlive()) {
                fail("watch exited with " + process.exitValue() + ": " + stderr());
            }
            if (System.currentTimeMillis() > deadline) {
                fail("watch did not join the destroy groups within " + millis + " ms: " + stderr());
            }
            Thread.sleep(50);
        }
    }

    /**
     * The first event not looked at yet that {@code wanted} accepts, within {@code millis}; fails with the last
     * lines seen otherwise.
     */
    JsonValue await(Predicate<JsonValue> wanted, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            List<String> now = lines();
            for (; looked < now.size(); looked++) {
                String line = now.get(looked);
                assertEquals(List.of(), WatchSchema.repository().eventErrors(line), "every line conforms: " + line);
                JsonValue event = JsonReader.read(line);
                if (wanted.test(event)) {
                    looked++;
                    return event;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                fail("no such event within " + millis + " ms; saw " + now.size() + " lines, the last ones:\n"
                        + String.join("\n", now.subList(Math.max(0, now.size() - 20), now.size())) + "\nstderr: "
                        + stderr());
            }
            Thread.sleep(20);
        }
    }

    /** SIGTERM, then its exit status once its last line is read (143 when the signal ended it as it should). */
    int stop() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            fail("watch did not stop within 20 s of SIGTERM");
        }
        output.awaitEnd(10_000);
        return process.exitValue();
    }

    String stderr() throws IOException {
        return Files.readString(errors);
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(errors);
    }

    /**
     * Whether process {@code pid} holds a sock_diag socket with multicast groups joined in the namespace
     * {@code inNamespaceOf} is in: {@code /proc/PID/net/netlink} lists that namespace's netlink sockets with their
     * groups and inodes, {@code /proc/PID/fd} the inodes a process holds. Another watch on the host (a test or a
     * person's) does not count.
     */
    static boolean subscribed(long pid, long inNamespaceOf) throws IOException {
        return destroySubscribers(inNamespaceOf, heldSockets(pid)) > 0;
    }

    /**
     * How many sock_diag sockets with multicast groups joined the namespace {@code inNamespaceOf} is in has, among
     * {@code among} (socket inodes; null for all of them).
     */
    static long destroySubscribers(long inNamespaceOf, Set<String> among) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(inNamespaceOf), "net", "netlink")).stream().skip(1)
                .map(line -> line.trim().split("\\s+"))
                .filter(f -> f.length > 9 && f[1].equals(Integer.toString(NETLINK_SOCK_DIAG))
                        && !f[3].matches("0+") && (among == null || among.contains(f[f.length - 1])))
                .count();
    }

    private static Set<String> heldSockets(long pid) throws IOException {
        Set<String> held = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        held.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // Closed while listed.
                }
            }
        }
        return held;
    }
}
