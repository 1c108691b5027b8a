package io.sockscope.netns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real network namespaces for a test, and everything that keeps them alive: names ({@code ip netns add}),
 * processes in them ({@code unshare -n sleep}), bind mounts elsewhere and descriptors held open by a python3
 * process. Whatever it made, closing it removes, in the reverse order, each step with a bounded wait, and a step
 * that fails does not keep the others from running.
 */
final class HostNamespaces implements AutoCloseable {
    private static final long STEP_SECONDS = 30;

    /** A process the test started, with its pid. */
    record Helper(Process process, long pid) {
    }

    /** A python3 process holding a file open as descriptor {@code fd}. */
    record HeldFile(Helper helper, int fd) {
    }

    @FunctionalInterface
    private interface Cleanup {
        void run() throws Exception;
    }

    private final Deque<Cleanup> cleanups = new ArrayDeque<>();
    private final String prefix;

    private HostNamespaces() {
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        prefix = "sockscope-netns-" + HexFormat.of().formatHex(random) + "-";
    }

    /** Skips the test unless root with ip, unshare, mount and python3; the reason is shown. */
    static HostNamespaces create() {
        assumeTrue(isRoot(), "needs root: creates network namespaces, bind mounts and processes in them");
        for (String tool : List.of("ip", "unshare", "mount", "umount")) {
            assumeTrue(onPath(tool), "needs " + tool);
        }
        assumeTrue(Files.isExecutable(python()), "needs python3");
        return new HostNamespaces();
    }

    static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A unique name with this fixture's prefix. */
    String uniqueName(String tag) {
        return prefix + tag;
    }

    /** {@code ip netns add}: a named namespace with no process in it; deleted on close unless deleted before. */
    String named(String tag) throws IOException, InterruptedException {
        String name = uniqueName(tag);
        run("ip", "netns", "add", name);
        cleanups.push(() -> {
            if (Files.exists(Path.of("/run/netns", name))) {
                run("ip", "netns", "delete", name);
            }
        });
        return name;
    }

    /** {@code ip netns delete} of a name made here. */
    void deleteName(String name) throws IOException, InterruptedException {
        run("ip", "netns", "delete", name);
    }

    /** A second name for a named namespace: a bind mount of its file, as {@code ip netns attach} would make. */
    String alias(String name, String tag) throws IOException, InterruptedException {
        String alias = uniqueName(tag);
        Path file = Path.of("/run/netns", alias);
        Files.createFile(file);
        cleanups.push(() -> Files.deleteIfExists(file));
        run("mount", "--bind", "/run/netns/" + name, file.toString());
        cleanups.push(() -> run("umount", file.toString()));
        return alias;
    }

    /** {@code unshare -n sleep}: a process alone in a new, unnamed namespace; killed on close. */
    Helper unsharedSleeper() throws IOException, InterruptedException {
        long host = NamespaceDiscovery.inodeOf(Path.of("/proc/self/ns/net"));
        Helper helper = start(List.of("unshare", "-n", "sleep", "120"));
        // unshare moves itself, then becomes sleep: wait for the move.
        awaitTrue(() -> inodeOrZero(helper.pid()) != 0 && inodeOrZero(helper.pid()) != host,
                "process " + helper.pid() + " to leave the host's namespace");
        return helper;
    }

    /** {@code ip netns exec NAME sleep}: a process in a named namespace; killed on close. */
    Helper sleeperIn(String name) throws IOException, InterruptedException {
        long inode = NamespaceDiscovery.inodeOf(Path.of("/run/netns", name));
        Helper helper = start(List.of("ip", "netns", "exec", name, "sleep", "120"));
        awaitTrue(() -> inodeOrZero(helper.pid()) == inode, "process " + helper.pid() + " to enter " + name);
        return helper;
    }

    /** A python3 process that opens {@code file} and holds it open until closed. */
    HeldFile holdOpen(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(python().toString(), "-c",
                "import os, sys\n"
                        + "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
                        + "print('ready', fd, flush=True)\n"
                        + "sys.stdin.read()\n", file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Helper helper = track(process);
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (line == null || !line.startsWith("ready ")) {
            throw new IOException("python3 did not open " + file + ": " + line);
        }
        return new HeldFile(helper, Integer.parseInt(line.substring("ready ".length()).strip()));
    }

    /** Binds {@code source} (a namespace file) onto a new file outside {@code /run/netns}; undone on close. */
    Path bindMount(Path source) throws IOException, InterruptedException {
        Path target = Files.createTempFile(prefix, ".netns");
        cleanups.push(() -> Files.deleteIfExists(target));
        run("mount", "--bind", source.toString(), target.toString());
        cleanups.push(() -> run("umount", target.toString()));
        return target;
    }

    /** Kills a helper and waits until its pid has left /proc. */
    void kill(Helper helper) throws InterruptedException {
        helper.process().destroyForcibly();
        if (!helper.process().waitFor(STEP_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + helper.pid() + " did not end");
        }
    }

    private Helper start(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return track(process);
    }

    private Helper track(Process process) {
        cleanups.push(() -> {
            process.destroyForcibly();
            process.waitFor(STEP_SECONDS, TimeUnit.SECONDS);
        });
        return new Helper(process, process.pid());
    }

    private static long inodeOrZero(long pid) {
        try {
            return NamespaceDiscovery.inodeOf(Path.of("/proc", Long.toString(pid), "ns", "net"));
        } catch (IOException e) {
            return 0;
        }
    }

    @FunctionalInterface
    interface Condition {
        boolean holds();
    }

    /** Waits, up to a step's time, until {@code condition} holds. */
    static void awaitTrue(Condition condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_SECONDS);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(STEP_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

    static Path python() {
        return Path.of("/usr/bin/python3");
    }

    private static boolean onPath(String tool) {
        return Stream.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    /** Undoes everything, last made first; the first failure is thrown with the others suppressed in it. */
    @Override
    public void close() throws IOException {
        List<Exception> failures = new ArrayList<>();
        while (!cleanups.isEmpty()) {
            try {
                cleanups.pop().run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(e);
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IOException failure = new IOException("cleaning up after the test failed", failures.getFirst());
            failures.subList(1, failures.size()).forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
