package io.sockscope.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A fresh named network namespace with loopback up ({@code ip netns add}), for tests that need root; closing
 * it deletes it. {@link #onThread} runs code on a platform thread of its own, which may enter the namespace
 * the way sockscope's {@code -N} does, so that the sockets the code opens live there.
 */
public final class ScratchNamespace implements AutoCloseable {
    private final String name;

    private ScratchNamespace(String name) {
        this.name = name;
    }

    /** Skips the test unless root with iproute2's {@code ip}; else creates the namespace. */
    public static ScratchNamespace create() throws IOException, InterruptedException {
        assumeTrue(isRoot(), "needs root: creates a network namespace");
        assumeTrue(Stream.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")
                .anyMatch(p -> Files.isExecutable(Path.of(p))), "needs iproute2's ip");
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        ScratchNamespace ns = new ScratchNamespace("sockscope-scratch-" + HexFormat.of().formatHex(random));
        ip("netns", "add", ns.name);
        try {
            ip("-n", ns.name, "link", "set", "lo", "up");
        } catch (IOException | InterruptedException | RuntimeException e) {
            try {
                ns.close();
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    /** The namespace's file under /run/netns. */
    public Path file() {
        return Path.of("/run/netns", name);
    }

    /** Runs {@code body} on a new platform thread, which ends with it; returns its result or throws its exception. */
    public static <T> T onThread(Callable<T> body) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("scratch-netns").start(() -> {
            try {
                result.set(body.call());
            } catch (Exception | Error e) {
                failure.set(e);
            }
        });
        t.join(TimeUnit.SECONDS.toMillis(60));
        if (t.isAlive()) {
            throw new IllegalStateException("the namespace thread did not finish within 60 s");
        }
        switch (failure.get()) {
            case null -> {
            }
            case Exception e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(failure.get());
        }
        return result.get();
    }

    @Override
    public void close() throws IOException {
        try {
            ip("netns", "del", name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while deleting netns " + name, e);
        }
    }

    private static void ip(String... arguments) throws IOException, InterruptedException {
        List<String> command = Stream.concat(Stream.of("ip"), Stream.of(arguments)).toList();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

    private static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
