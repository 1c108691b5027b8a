package io.sockscope.diagnose.scenario;

import io.sockscope.testing.CommandRun;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A container made by hand, seen from the host: a fresh network namespace joined to the test's own (the host's)
 * by a veth pair, 10.213.N.1/30 on the host side and 10.213.N.2/30 inside (N chosen at random among those the host
 * does not use), a python3 listener inside it, and — when {@link #publish} is called — an nftables table of the
 * test's own in the host's namespace whose nat chains send a host port to the namespace's address, as Docker's
 * {@code -p} does. Every packet stays on the host: loopback, or the veth between the two namespaces.
 * {@link #close()} removes the table, the processes, the namespace (and with it the veth) and the scratch
 * directory, whatever went wrong before.
 */
final class PublishedNamespace implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";
    private static final long COMMAND_TIMEOUT = 60;

    private final String suffix = HexFormat.of().formatHex(random(3));
    private final String namespace = "sockscope-pub-" + suffix;
    private final String hostDevice = "sspub" + suffix;
    private final String table = "sockscope_test_" + suffix;
    private final int subnet;
    private final Path directory;
    private final Path script;
    private final List<Process> processes = new ArrayList<>();
    private boolean tableLoaded;

    private PublishedNamespace(int subnet) throws IOException {
        this.subnet = subnet;
        this.directory = Files.createTempDirectory("doctor-pub-");
        this.script = directory.resolve("scenario.py");
        try (InputStream in = PublishedNamespace.class.getResourceAsStream("/doctor/scenario.py")) {
            if (in == null) {
                throw new IOException("test resource /doctor/scenario.py is missing");
            }
            Files.copy(in, script);
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    /** Builds the namespace and the veth; on failure removes what it made. */
    static PublishedNamespace create() throws IOException, InterruptedException {
        String used = must("ip", "-4", "-o", "addr", "show");
        int subnet;
        do {
            subnet = ThreadLocalRandom.current().nextInt(256);
        } while (used.contains(" 10.213." + subnet + "."));
        PublishedNamespace n = new PublishedNamespace(subnet);
        try {
            n.build();
            return n;
        } catch (IOException | InterruptedException | RuntimeException e) {
            n.close();
            throw e;
        }
    }

    private void build() throws IOException, InterruptedException {
        must("ip", "netns", "add", namespace);
        must("ip", "-n", namespace, "link", "set", "lo", "up");
        must("ip", "link", "add", hostDevice, "type", "veth", "peer", "name", "eth0", "netns", namespace);
        must("ip", "addr", "add", hostAddress() + "/30", "dev", hostDevice);
        must("ip", "-n", namespace, "addr", "add", address() + "/30", "dev", "eth0");
        must("ip", "link", "set", hostDevice, "up");
        must("ip", "-n", namespace, "link", "set", "eth0", "up");
    }

    String name() {
        return namespace;
    }

    String table() {
        return table;
    }

    /** The namespace's address, where the host port is published to. */
    String address() {
        return "10.213." + subnet + ".2";
    }

    /** The host's end of the veth. */
    String hostAddress() {
        return "10.213." + subnet + ".1";
    }

    /** Starts a python3 listener on {@code address:port} inside the namespace; returns once it listens. */
    Process listen(String address, int port) throws IOException, InterruptedException {
        List<String> command = List.of("ip", "netns", "exec", namespace, PYTHON, script.toString(), "listen", address,
                Integer.toString(port));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        processes.add(p);
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String first = line.get(30, TimeUnit.SECONDS);
            if (!"ready".equals(first)) {
                throw new IOException("the listener on " + address + ":" + port + " did not start (said " + first
                        + ")");
            }
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("the listener on " + address + ":" + port + " did not start", e);
        }
        return p;
    }

    /** Stops a listener {@link #listen} started, and waits until it is gone. */
    void stop(Process listener) throws InterruptedException {
        DoctorNetwork.kill(listener.toHandle());
        processes.remove(listener);
    }

    /**
     * Loads the test's table: {@code hostPort} sent to {@code address():port} for remote clients (prerouting) and
     * for clients on this host that connect to the veth's host address (output; other local traffic is left
     * alone).
     */
    void publish(int hostPort, int port) throws IOException, InterruptedException {
        String to = address() + ":" + port;
        String ruleset = "table ip " + table + " {\n"
                + "  chain prerouting {\n"
                + "    type nat hook prerouting priority dstnat; policy accept;\n"
                + "    tcp dport " + hostPort + " dnat to " + to + "\n"
                + "  }\n"
                + "  chain output {\n"
                + "    type nat hook output priority -100; policy accept;\n"
                + "    ip daddr " + hostAddress() + " tcp dport " + hostPort + " dnat to " + to + "\n"
                + "  }\n"
                + "}\n";
        Path file = directory.resolve("publish.nft");
        Files.writeString(file, ruleset);
        tableLoaded = true;
        must("nft", "-f", file.toString());
    }

    /** A connection attempt from the host to {@code host:port}: connected, refused or timeout. */
    String probe(String host, int port) throws IOException, InterruptedException {
        return CommandRun.run(List.of(PYTHON, script.toString(), "probe", host, Integer.toString(port)), Map.of(),
                COMMAND_TIMEOUT).stdoutText().strip();
    }

    /** Runs {@code sockscope doctor ARGS} in the test's (the host's) network namespace. */
    DoctorResult doctor(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(CommandRun.sockscope("doctor"));
        command.add(1, "-XX:-UsePerfData");
        command.addAll(List.of(args));
        CommandRun run = CommandRun.run(command, Map.of(), COMMAND_TIMEOUT);
        return new DoctorResult(run.exitCode(), new String(run.stdout(), StandardCharsets.UTF_8),
                new String(run.stderr(), StandardCharsets.UTF_8));
    }

    /** Whether the namespace, the host's veth and the table are all gone (for the test's last check). */
    boolean leftNothing() throws IOException, InterruptedException {
        boolean namespaceGone = !Files.exists(Path.of("/run/netns", namespace));
        boolean deviceGone = CommandRun.run(List.of("ip", "link", "show", hostDevice), Map.of(), COMMAND_TIMEOUT)
                .exitCode() != 0;
        boolean tableGone = CommandRun.run(List.of("nft", "list", "table", "ip", table), Map.of(), COMMAND_TIMEOUT)
                .exitCode() != 0;
        return namespaceGone && deviceGone && tableGone;
    }

    @Override
    public void close() throws IOException {
        List<String> failures = new ArrayList<>();
        boolean interrupted = Thread.interrupted();
        try {
            if (tableLoaded) {
                run(failures, "nft", "delete", "table", "ip", table);
            }
            for (Process p : processes) {
                DoctorNetwork.kill(p.toHandle());
            }
            processes.clear();
            // Deleting the namespace deletes its end of the veth, and with it the host's end.
            DoctorNetwork.deleteNamespace(namespace, failures);
            CommandRun link = CommandRun.run(List.of("ip", "link", "del", hostDevice), Map.of(), COMMAND_TIMEOUT);
            if (link.exitCode() != 0 && !link.stderrText().contains("Cannot find device")) {
                failures.add("ip link del " + hostDevice + ": " + link.stderrText().strip());
            }
        } catch (InterruptedException e) {
            interrupted = true;
            failures.add("interrupted");
        } finally {
            try (var walk = Files.walk(directory)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException("could not remove what the test made: " + failures);
        }
    }

    private static void run(List<String> failures, String... command) throws IOException, InterruptedException {
        CommandRun r = CommandRun.run(List.of(command), Map.of(), COMMAND_TIMEOUT);
        if (r.exitCode() != 0) {
            failures.add(String.join(" ", command) + ": " + r.stderrText().strip());
        }
    }

    private static String must(String... command) throws IOException, InterruptedException {
        CommandRun r = CommandRun.run(List.of(command), Map.of(), COMMAND_TIMEOUT);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + r.exitCode() + "): "
                    + r.stderrText().strip());
        }
        return r.stdoutText();
    }
}
