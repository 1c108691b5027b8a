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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Two fresh network namespaces for one scenario: the "server" namespace, where the services run and the doctor
 * is asked, and a "client" namespace at the far end of a veth pair. Addresses exist only inside them:
 * {@value #SERVER_V4} and {@value #SERVER_V4_SECOND} (server), {@value #CLIENT_V4} (client), and
 * {@value #SERVER_V6} / {@value #CLIENT_V6}. Neither end of the veth is in the host namespace, so no packet
 * leaves. {@link #close()} kills every process it started or that runs in either namespace, deletes both
 * namespaces (and with them their firewall rulesets and sysctls) and removes its temporary directory.
 */
final class DoctorNetwork implements AutoCloseable {
    static final String SERVER_V4 = "10.77.93.1";
    static final String SERVER_V4_SECOND = "10.77.94.1";
    static final String CLIENT_V4 = "10.77.93.2";
    static final String SERVER_V6 = "fd77:93::1";
    static final String CLIENT_V6 = "fd77:93::2";
    static final String SERVER_DEVICE = "srv0";
    static final String CLIENT_DEVICE = "cli0";
    private static final String PYTHON = "/usr/bin/python3";
    private static final long COMMAND_TIMEOUT = 60;

    private final String server;
    private final String client;
    private final Path directory;
    private final Path script;
    private final List<Process> processes = new ArrayList<>();
    private boolean closed;

    private DoctorNetwork(String suffix) throws IOException {
        this.server = "sockscope-doc-" + suffix;
        this.client = "sockscope-doc-" + suffix + "-cli";
        // Short, so that paths in the examples stay readable.
        this.directory = Files.createDirectory(Path.of(System.getProperty("java.io.tmpdir"), "doctor-" + suffix));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        this.script = directory.resolve("scenario.py");
        try (InputStream in = DoctorNetwork.class.getResourceAsStream("/doctor/scenario.py")) {
            if (in == null) {
                throw new IOException("test resource /doctor/scenario.py is missing");
            }
            Files.copy(in, script);
        }
    }

    /** Builds both namespaces and the veth between them; on failure removes what it made. */
    static DoctorNetwork create() throws IOException, InterruptedException {
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        DoctorNetwork n = new DoctorNetwork(HexFormat.of().formatHex(random));
        try {
            n.build();
            return n;
        } catch (IOException | InterruptedException | RuntimeException e) {
            n.close();
            throw e;
        }
    }

    private void build() throws IOException, InterruptedException {
        for (String ns : List.of(server, client)) {
            must("ip", "netns", "add", ns);
            must("ip", "-n", ns, "link", "set", "lo", "up");
        }
        must("ip", "-n", server, "link", "add", SERVER_DEVICE, "type", "veth", "peer", "name", CLIENT_DEVICE,
                "netns", client);
        must("ip", "-n", server, "addr", "add", SERVER_V4 + "/24", "dev", SERVER_DEVICE);
        must("ip", "-n", server, "addr", "add", SERVER_V4_SECOND + "/24", "dev", SERVER_DEVICE);
        must("ip", "-n", server, "addr", "add", SERVER_V6 + "/64", "dev", SERVER_DEVICE, "nodad");
        must("ip", "-n", client, "addr", "add", CLIENT_V4 + "/24", "dev", CLIENT_DEVICE);
        must("ip", "-n", client, "addr", "add", CLIENT_V6 + "/64", "dev", CLIENT_DEVICE, "nodad");
        must("ip", "-n", server, "link", "set", SERVER_DEVICE, "up");
        must("ip", "-n", client, "link", "set", CLIENT_DEVICE, "up");
    }

    /** A directory of this scenario (mode 755), removed at close. */
    Path directory() {
        return directory;
    }

    String serverNamespace() {
        return server;
    }

    /** Starts a scenario mode in the server namespace and waits for it to say "ready". */
    Process startServer(String... args) throws IOException, InterruptedException {
        return start(server, args);
    }

    /** Starts a scenario mode in the client namespace and waits for it to say "ready". */
    Process startClient(String... args) throws IOException, InterruptedException {
        return start(client, args);
    }

    private Process start(String ns, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns, PYTHON, script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        processes.add(p);
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                return r.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String first = line.get(30, TimeUnit.SECONDS);
            if (!"ready".equals(first)) {
                throw new IOException("scenario " + String.join(" ", args) + " did not start (said " + first + ")");
            }
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("scenario " + String.join(" ", args) + " did not start", e);
        }
        return p;
    }

    /** Runs a one-shot scenario mode (a probe) in the client namespace and returns what it printed. */
    String client(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", client, PYTHON, script.toString()));
        command.addAll(List.of(args));
        return CommandRun.run(command, Map.of(), COMMAND_TIMEOUT).stdoutText().strip();
    }

    /** Runs a one-shot scenario mode in the server namespace, optionally as another user (uid:gid). */
    String serverAs(String user, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", server));
        if (user != null) {
            command.addAll(asUser(user));
        }
        command.addAll(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        return CommandRun.run(command, Map.of(), COMMAND_TIMEOUT).stdoutText().strip();
    }

    private static List<String> asUser(String uidGid) {
        String[] ids = uidGid.split(":");
        return List.of("setpriv", "--reuid=" + ids[0], "--regid=" + ids[1], "--clear-groups");
    }

    /** Runs {@code sockscope doctor ARGS} in the server namespace. */
    DoctorResult doctor(String... args) throws IOException, InterruptedException {
        return doctorAs(null, List.of(), args);
    }

    /**
     * Runs the doctor in the server namespace as {@code user} ({@code uid:gid}, or null for root), with
     * {@code prefix} before it (e.g. unshare), from the compiled classes.
     */
    DoctorResult doctorAs(String user, List<String> prefix, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("ip", "netns", "exec", server));
        if (user != null) {
            command.addAll(asUser(user));
        }
        List<String> java = new ArrayList<>(CommandRun.sockscope("doctor"));
        java.add(1, "-XX:-UsePerfData");
        command.addAll(java);
        command.addAll(List.of(args));
        CommandRun run = CommandRun.run(command, Map.of(), COMMAND_TIMEOUT);
        return new DoctorResult(run.exitCode(), new String(run.stdout(), StandardCharsets.UTF_8),
                new String(run.stderr(), StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code sockscope doctor -N SERVER ARGS} from this (the host's) network namespace: the doctor enters
     * the server namespace on a thread of its own.
     */
    DoctorResult doctorWithNamespaceOption(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(CommandRun.sockscope("doctor"));
        command.add(1, "-XX:-UsePerfData");
        command.addAll(List.of("-N", server));
        command.addAll(List.of(args));
        CommandRun run = CommandRun.run(command, Map.of(), COMMAND_TIMEOUT);
        return new DoctorResult(run.exitCode(), new String(run.stdout(), StandardCharsets.UTF_8),
                new String(run.stderr(), StandardCharsets.UTF_8));
    }

    /** Loads an nft ruleset (nft -f syntax) into the server namespace. */
    void nft(String ruleset) throws IOException, InterruptedException {
        Path file = directory.resolve("ruleset-" + System.nanoTime() + ".nft");
        Files.writeString(file, ruleset);
        must("ip", "netns", "exec", server, "nft", "-f", file.toString());
    }

    /** Runs a command in the server namespace and fails on a non-zero exit. */
    String inServer(String... command) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", server));
        c.addAll(List.of(command));
        return must(c.toArray(String[]::new));
    }

    /** Sets a sysctl of the server namespace. */
    void sysctl(String name, String value) throws IOException, InterruptedException {
        inServer("sh", "-c", "echo '" + value + "' > /proc/sys/" + name.replace('.', '/'));
    }

    private static String must(String... command) throws IOException, InterruptedException {
        CommandRun r = CommandRun.run(List.of(command), Map.of(), COMMAND_TIMEOUT);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + r.exitCode() + "): "
                    + r.stderrText().strip());
        }
        return r.stdoutText();
    }

    /** The names among ours that {@code ip netns list} still shows (for the cleanup test). */
    List<String> remainingNamespaces() throws IOException, InterruptedException {
        List<String> listed = CommandRun.run(List.of("ip", "netns", "list"), Map.of(), COMMAND_TIMEOUT).stdoutText()
                .lines().map(l -> l.split("\\s+")[0]).toList();
        return Stream.of(server, client).filter(listed::contains).toList();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = Thread.interrupted();
        List<String> failures = new ArrayList<>();
        try {
            for (Process p : processes) {
                kill(p.toHandle());
            }
            for (String ns : List.of(server, client)) {
                deleteNamespace(ns, failures);
            }
        } catch (InterruptedException e) {
            interrupted = true;
            failures.add("interrupted");
        } finally {
            deleteTree(directory);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException("could not remove the scenario's namespaces: " + failures);
        }
    }

    /**
     * Kills every process left in namespace {@code ns} ({@code ip netns pids}) and deletes it; what could not be
     * done is added to {@code failures}. A namespace already gone is no failure.
     */
    static void deleteNamespace(String ns, List<String> failures) throws IOException, InterruptedException {
        CommandRun pids = CommandRun.run(List.of("ip", "netns", "pids", ns), Map.of(), COMMAND_TIMEOUT);
        if (pids.exitCode() == 0) {
            for (String pid : pids.stdoutText().split("\\s+")) {
                if (!pid.isEmpty()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(DoctorNetwork::kill);
                }
            }
        }
        CommandRun del = CommandRun.run(List.of("ip", "netns", "del", ns), Map.of(), COMMAND_TIMEOUT);
        if (del.exitCode() != 0 && !del.stderrText().contains("No such file")) {
            failures.add("ip netns del " + ns + ": " + del.stderrText().strip());
        }
    }

    /** Kills {@code p} and its descendants, waiting a little for them to go. */
    static void kill(ProcessHandle p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.onExit().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Deleting the namespace detaches whatever is left.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
