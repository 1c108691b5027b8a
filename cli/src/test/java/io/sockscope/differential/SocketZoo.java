package io.sockscope.differential;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A running socket zoo: {@code zoo/socket_zoo.py} holding sockets in every state inside a fresh
 * {@link ZooNetwork}, ready to be listed.
 *
 * <p>{@link #start} returns once the zoo has printed {@code READY}, that is once every socket is in place and
 * the listing has stopped changing. The zoo then holds still, except that TIME-WAIT sockets expire 60 s
 * after they were made; {@link #keepTimeWaitFresh()} asks for new ones when the old ones are getting on.
 * {@link #close()} ends the zoo, deletes the namespaces and the temporary directory; a shutdown hook does the
 * same if the JVM exits first, and the zoo quits by itself when its stdin closes or after ten minutes.
 */
final class SocketZoo implements AutoCloseable {

    /** Pids of the zoo's processes, for checking the owners that {@code -p} shows. */
    record Pids(long main, long worker, long sink) {
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration TIME_WAIT_RENEWAL_AGE = Duration.ofSeconds(40);
    private static final int HOLD_SECONDS = 600;
    private static final Pattern INFO = Pattern.compile("INFO main=(\\d+) worker=(\\d+) sink=(\\d+)");

    private final ZooNetwork network;
    private final Path directory;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread shutdownHook;
    private Pids pids;
    private Instant timeWaitMadeAt;
    private boolean closed;

    private SocketZoo(ZooNetwork network, Path directory, Process process) {
        this.network = network;
        this.directory = directory;
        this.process = process;
        this.shutdownHook = new Thread(this::closeQuietly, "socket-zoo-cleanup");
    }

    /** Builds the namespaces, starts the zoo in them and waits for it to be ready. */
    static SocketZoo start(CommandRunner runner) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory(Path.of("/tmp"), "sockscope-zoo-");
        ZooNetwork network = null;
        try {
            Path script = directory.resolve("socket_zoo.py");
            try (InputStream in = SocketZoo.class.getResourceAsStream("/zoo/socket_zoo.py")) {
                if (in == null) {
                    throw new IOException("resource /zoo/socket_zoo.py is not on the test classpath");
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Path unixDir = Files.createDirectory(directory.resolve("unix"));
            network = ZooNetwork.create(runner);
            List<String> command = network.inZoo(List.of(
                    ZooPreconditions.PYTHON.toString(), script.toString(),
                    "--sink-netns", network.sinkNamespace(),
                    "--dev", ZooNetwork.ZOO_DEVICE,
                    "--local", ZooNetwork.ZOO_ADDRESS,
                    "--peer", ZooNetwork.SINK_ADDRESS,
                    "--blackhole", ZooNetwork.BLACKHOLE_ADDRESS,
                    "--unix-dir", unixDir.toString(),
                    "--abstract-prefix", network.zooNamespace(),
                    "--timeout", Integer.toString(HOLD_SECONDS)));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectError(directory.resolve("zoo.log").toFile());
            builder.environment().clear();
            builder.environment().putAll(runner.environment());
            SocketZoo zoo = new SocketZoo(network, directory, builder.start());
            Runtime.getRuntime().addShutdownHook(zoo.shutdownHook);
            zoo.awaitReady();
            return zoo;
        } catch (IOException | InterruptedException | RuntimeException e) {
            // Whatever was made so far goes, unless the zoo object already owns it (then close() did it).
            if (network != null) {
                try {
                    network.close();
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            deleteRecursively(directory);
            throw e;
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        Thread reader = new Thread(this::pumpStdout, "socket-zoo-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            String info = awaitLine(line -> line.startsWith("INFO "), START_TIMEOUT);
            Matcher m = INFO.matcher(info);
            if (!m.matches()) {
                throw new IOException("unexpected first line from the zoo: " + info);
            }
            pids = new Pids(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
            awaitLine("READY"::equals, START_TIMEOUT);
            timeWaitMadeAt = Instant.now();
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    private void pumpStdout() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The zoo went away; awaitLine reports that.
        }
    }

    private String awaitLine(Predicate<String> wanted, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                if (wanted.test(line)) {
                    return line;
                }
                if (line.startsWith("FAILED")) {
                    throw new IOException("the socket zoo failed: " + line + "\n" + log());
                }
                continue;
            }
            if (!process.isAlive() && lines.isEmpty()) {
                throw new IOException("the socket zoo exited with " + process.exitValue() + "\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the socket zoo did not answer within " + timeout.toSeconds() + " s\n" + log());
            }
        }
    }

    /** The namespace whose sockets both tools list. */
    String namespace() {
        return network.zooNamespace();
    }

    /** {@code command} prefixed to run inside the zoo's namespace, keeping its pid. */
    List<String> inNamespace(List<String> command) {
        return network.inZoo(command);
    }

    /** The pids of the zoo's three processes. */
    Pids pids() {
        return pids;
    }

    /** The directory that holds the zoo's unix socket paths. */
    Path unixDirectory() {
        return directory.resolve("unix");
    }

    /** What the zoo wrote on stderr so far, for failure messages; empty when it wrote nothing. */
    String log() {
        try {
            Path log = directory.resolve("zoo.log");
            String text = Files.exists(log) ? Files.readString(log) : "";
            return text.isBlank() ? "" : "zoo log:\n" + text;
        } catch (IOException e) {
            return "zoo log unreadable: " + e;
        }
    }

    /**
     * Asks the zoo for fresh TIME-WAIT sockets when the newest ones are old enough to expire soon, so that
     * every comparison sees some. Call it between comparisons, never during one.
     */
    void keepTimeWaitFresh() throws IOException, InterruptedException {
        if (Duration.between(timeWaitMadeAt, Instant.now()).compareTo(TIME_WAIT_RENEWAL_AGE) < 0) {
            return;
        }
        OutputStream stdin = process.getOutputStream();
        stdin.write("time-wait\n".getBytes(StandardCharsets.US_ASCII));
        stdin.flush();
        awaitLine("TIME-WAIT-READY"::equals, REPLY_TIMEOUT);
        timeWaitMadeAt = Instant.now();
    }

    /** What is still there of this zoo: namespaces, its directory, live processes (empty after close). */
    List<String> leftovers() throws IOException, InterruptedException {
        List<String> left = new ArrayList<>(network.remainingNamespaces().stream().map(ns -> "netns " + ns).toList());
        if (Files.exists(directory)) {
            left.add("directory " + directory);
        }
        if (process.isAlive()) {
            left.add("zoo process " + process.pid());
        }
        Stream.of(pids.main(), pids.worker(), pids.sink())
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .forEach(pid -> left.add("zoo process " + pid));
        return left;
    }

    /** Ends the zoo (closing its stdin, then by force), deletes both namespaces and the temporary files. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself.
        }
        // Cleanup must run to the end even when the test thread was interrupted: clear the flag, restore it after.
        boolean interrupted = Thread.interrupted();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            interrupted = true;
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } finally {
            try {
                network.close();
            } finally {
                deleteRecursively(directory);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            System.err.println("socket zoo cleanup failed: " + e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
