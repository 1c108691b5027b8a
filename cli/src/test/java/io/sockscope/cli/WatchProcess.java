package io.sockscope.cli;

import io.sockscope.json.JsonReader;
import io.sockscope.json.JsonValue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@code sockscope watch --ndjson} the tests run as a process: its lines read as they come (each checked against
 * the published schema), its stderr kept in a file, and a wait for its subscription to the kernel's destroy
 * groups, which it makes as it reads its baseline.
 */
final class WatchProcess implements AutoCloseable {
    private static final int NETLINK_SOCK_DIAG = 4;

    private final Process process;
    private final Path errors;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private WatchProcess(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
    }

    /** Starts {@code command} (a watch, perhaps behind {@code ip netns exec}) with stdin from /dev/null. */
    static WatchProcess start(List<String> command) throws IOException {
        Path errors = Files.createTempFile("sockscope-watch-", ".err");
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(errors.toFile()).start();
        WatchProcess watch = new WatchProcess(p, errors);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    watch.lines.add(line);
                }
            } catch (IOException e) {
                // The process was killed: nothing more to read.
            }
        }, "watch-output");
        reader.setDaemon(true);
        reader.start();
        return watch;
    }

    long pid() {
        return process.pid();
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

    /** The first event {@code wanted} accepts, within {@code millis}; fails with every line seen otherwise. */
    JsonValue await(Predicate<JsonValue> wanted, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            seen.add(line);
            assertEquals(List.of(), WatchSchema.repository().eventErrors(line), "every line conforms: " + line);
            JsonValue event = JsonReader.read(line);
            if (wanted.test(event)) {
                return event;
            }
        }
        fail("no such event within " + millis + " ms; saw:\n" + String.join("\n", seen) + "\nstderr: " + stderr());
        return null;
    }

    /** SIGTERM, then its exit status. */
    int stop() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            fail("watch did not stop on SIGTERM");
        }
        return process.exitValue();
    }

    String stderr() throws IOException {
        return Files.readString(errors);
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
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
        return Files.readAllLines(Path.of("/proc", Long.toString(inNamespaceOf), "net", "netlink")).stream().skip(1)
                .map(line -> line.trim().split("\\s+"))
                .anyMatch(f -> f.length > 9 && f[1].equals(Integer.toString(NETLINK_SOCK_DIAG))
                        && !f[3].matches("0+") && held.contains(f[f.length - 1]));
    }
}
