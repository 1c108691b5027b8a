package io.sockscope.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The installed iproute2 {@code ss -E -tnH} following a named namespace's TCP destroy events, as the oracle a
 * watch is checked against: each line it prints is one destroyed socket. Its output goes through
 * {@code stdbuf -oL}, since ss buffers a pipe and a killed ss would take its last lines with it. Closing it
 * kills the process.
 */
final class SsDestroyEvents implements AutoCloseable {
    private static final long SUBSCRIBE_WAIT_MILLIS = 30_000;

    private final Process process;
    private final OutputLines output;

    /** A destroyed socket as ss printed it: its local and peer endpoints. */
    record Destroyed(String local, String peer) {
    }

    private SsDestroyEvents(Process process) {
        this.process = process;
        this.output = OutputLines.read(process.getInputStream(), "ss-destroy-events-output");
    }

    /**
     * Starts ss in {@code namespace} and waits until it has joined the destroy groups: until the namespace has
     * {@code subscribers} sock_diag sockets in multicast groups, ss's included.
     */
    static SsDestroyEvents start(String namespace, int subscribers) throws Exception {
        Process process = new ProcessBuilder("ip", "netns", "exec", namespace, "stdbuf", "-oL", "ss", "-E", "-tnH")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).start();
        SsDestroyEvents ss = new SsDestroyEvents(process);
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SUBSCRIBE_WAIT_MILLIS);
            while (subscribersSeenBy(namespace, process.pid()) < subscribers) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("ss -E did not join the destroy groups: " + ss.lines());
                }
                Thread.sleep(50);
            }
            return ss;
        } catch (Exception | Error e) {
            ss.close();
            throw e;
        }
    }

    /**
     * The destroy-event subscribers of {@code namespace}, seen through process {@code pid} once it has entered it
     * ({@code ip netns exec} forks before it enters: until then its {@code /proc/PID/net} is this namespace's); 0
     * before that.
     */
    private static long subscribersSeenBy(String namespace, long pid) {
        try {
            Object inode = Files.getAttribute(Path.of("/run/netns", namespace), "unix:ino");
            String entered = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net")).toString();
            return entered.equals("net:[" + inode + "]") ? WatchProcess.destroySubscribers(pid, null) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The sockets printed so far; a line that is not a socket row fails, saying what it was. */
    List<Destroyed> destroyed() {
        List<Destroyed> destroyed = new ArrayList<>();
        for (String line : lines()) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 5) {
                throw new AssertionError("ss -E printed what is not a socket: " + line);
            }
            destroyed.add(new Destroyed(f[3], f[4]));
        }
        return destroyed;
    }

    private List<String> lines() {
        return output.lines();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
