package io.sockscope.cli;

import io.sockscope.json.JsonReader;
import io.sockscope.json.JsonValue;
import io.sockscope.testing.CommandRun;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code sockscope watch --ndjson} run as a command inside a named network namespace ({@code ip netns exec}), its
 * output lines gathered as they come; closing it kills the process and removes its stderr file. Joining the
 * destroy groups is awaited through the namespace's {@code /proc/<pid>/net/netlink}, so that only the
 * subscribers of that namespace are counted.
 */
final class WatchProcessInNamespace implements AutoCloseable {
    private static final int NETLINK_SOCK_DIAG = 4;
    private static final long SUBSCRIBE_WAIT_MILLIS = 30_000;

    private final Process process;
    private final Path errors;
    private final List<String> lines = new ArrayList<>();
    private final CountDownLatch readerDone = new CountDownLatch(1);

    private WatchProcessInNamespace(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
    }

    /**
     * Starts {@code sockscope watch --ndjson ARGS} in {@code namespace} with {@code environment} added, and waits
     * until the namespace has {@code subscribers} sock_diag sockets in multicast groups (the watch's included).
     */
    static WatchProcessInNamespace start(String namespace, Map<String, String> environment, int subscribers,
                                 String... arguments) throws Exception {
        Path errors = Files.createTempFile("sockscope-watch-", ".err");
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        List<String> watch = new ArrayList<>(List.of("watch", "--ndjson"));
        watch.addAll(List.of(arguments));
        command.addAll(CommandRun.sockscope(watch.toArray(String[]::new)));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(errors.toFile());
        builder.environment().putAll(environment);
        WatchProcessInNamespace started;
        try {
            started = new WatchProcessInNamespace(builder.start(), errors);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(errors);
            throw e;
        }
        try {
            started.readInBackground();
            started.awaitSubscribers(namespace, subscribers);
            return started;
        } catch (Exception | Error e) {
            started.close();
            throw e;
        }
    }

    /** The process, for a helper that must find its namespace ({@code /proc/PID/net}). */
    long pid() {
        return process.pid();
    }

    /** The lines written so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** What was written on stderr so far. */
    String errors() throws IOException {
        return Files.readString(errors);
    }

    /** Waits at most {@code millis} for an event {@code wanted} accepts; fails saying what was seen. */
    JsonValue await(Predicate<JsonValue> wanted, long millis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        int looked = 0;
        while (true) {
            List<String> now = lines();
            for (; looked < now.size(); looked++) {
                JsonValue event = JsonReader.read(now.get(looked));
                if (wanted.test(event)) {
                    return event;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such event within " + millis + " ms; saw " + now.size()
                        + " lines, the last ones:\n" + String.join("\n", now.subList(Math.max(0, now.size() - 20),
                        now.size())) + "\nstderr: " + errors());
            }
            Thread.sleep(50);
        }
    }

    /**
     * Ends the watch with SIGTERM and waits for it and for its last line; returns its exit status (143 when the
     * signal ended it as it should).
     */
    int stop() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("watch did not stop within 20 s of SIGTERM");
        }
        readerDone.await(10, TimeUnit.SECONDS);
        return process.exitValue();
    }

    private void readInBackground() {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // The process was killed: nothing more to read.
            } finally {
                readerDone.countDown();
            }
        }, "watch-in-namespace-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void awaitSubscribers(String namespace, int subscribers) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SUBSCRIBE_WAIT_MILLIS);
        while (destroySubscribers(namespace, process.pid()) < subscribers) {
            if (!process.isAlive()) {
                throw new AssertionError("watch exited with " + process.exitValue() + ": " + errors());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the namespace did not have " + subscribers + " destroy-event subscribers"
                        + " within " + SUBSCRIBE_WAIT_MILLIS + " ms; stderr: " + errors());
            }
            Thread.sleep(50);
        }
    }

    /**
     * The sock_diag sockets with multicast groups joined in {@code namespace}, seen through process {@code pid}
     * once it has entered it ({@code ip netns exec} forks before it enters: until then its {@code /proc/PID/net}
     * is this namespace's); 0 before that.
     */
    static long destroySubscribers(String namespace, long pid) {
        try {
            Object inode = Files.getAttribute(Path.of("/run/netns", namespace), "unix:ino");
            String entered = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net")).toString();
            if (!entered.equals("net:[" + inode + "]")) {
                return 0;
            }
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", "netlink")).stream().skip(1)
                    .map(line -> line.trim().split("\\s+"))
                    .filter(f -> f.length > 3 && f[1].equals(Integer.toString(NETLINK_SOCK_DIAG))
                            && !f[3].matches("0+"))
                    .count();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
