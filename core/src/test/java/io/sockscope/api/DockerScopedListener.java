package io.sockscope.api;

import io.sockscope.names.MountTable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A python3 process in a network namespace ({@code ip netns exec}) and in a real cgroup v2 directory named as Docker
 * names a container's ({@code <cgroup2 mount>/sockscope-test-<rand>.slice/docker-<64 hex>.scope}), holding a TCP
 * listener on 127.0.0.1 and a unix listener on an abstract name, both opened only once it was moved into the cgroup
 * (a socket's cgroup is its creator's when it is made). Closing it kills the process and removes both directories.
 * Needs root (skipped otherwise), python3 and a cgroup2 mount.
 */
public final class DockerScopedListener implements AutoCloseable {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    /** Says its pid, waits for a line (meanwhile it is moved), listens twice, says its port, waits for stdin's end. */
    private static final String LISTENER = """
            import os, socket, sys
            print(os.getpid(), flush=True)
            sys.stdin.readline()
            tcp = socket.socket()
            tcp.bind(('127.0.0.1', 0))
            tcp.listen()
            unix = socket.socket(socket.AF_UNIX)
            unix.bind(b'\\0' + sys.argv[1].encode())
            unix.listen()
            print(tcp.getsockname()[1], flush=True)
            sys.stdin.read()
            """;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path mount;
    private final Path slice;
    private final String containerId;
    private final String unixName;
    private Process process;
    private int port;

    private DockerScopedListener(Path mount, Path slice, String containerId, String unixName) {
        this.mount = mount;
        this.slice = slice;
        this.containerId = containerId;
        this.unixName = unixName;
    }

    /** Starts the process in {@code namespace} and moves it into a fresh Docker-named scope, then lets it listen. */
    public static DockerScopedListener start(String namespace) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "needs " + PYTHON + " to hold the listeners");
        String found = MountTable.PROC.cgroup2Mount();
        assumeTrue(found != null, "needs a cgroup2 mount in /proc/mounts");
        Path mount = Path.of(found);
        Path slice = mount.resolve("sockscope-test-" + hex(4) + ".slice");
        try {
            Files.createDirectory(slice);
        } catch (IOException e) {
            abort("cannot make a cgroup under " + mount + ": " + e);
        }
        DockerScopedListener listener = new DockerScopedListener(mount, slice, hex(32), "sockscope-test-" + hex(8));
        try {
            listener.listen(namespace);
            return listener;
        } catch (Exception | Error e) {
            try {
                listener.close();
            } catch (Exception cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void listen(String namespace) throws Exception {
        Path scope = Files.createDirectory(slice.resolve("docker-" + containerId + ".scope"));
        // ip netns exec enters the namespace and execs python in its own process: the pid is python's.
        process = new ProcessBuilder("ip", "netns", "exec", namespace, PYTHON.toString(), "-c", LISTENER,
                unixName).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        assertEquals(Long.toString(process.pid()), line(out), "python runs as the process started");
        Files.writeString(scope.resolve("cgroup.procs"), Long.toString(process.pid()));
        process.getOutputStream().write('\n');
        process.getOutputStream().flush();
        port = Integer.parseInt(line(out));
    }

    private String line(BufferedReader out) throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IOException("the listener ended before saying what it was asked");
        }
        return line.strip();
    }

    /** {@return the port of its TCP listener on 127.0.0.1} */
    public int port() {
        return port;
    }

    /** {@return the abstract name of its unix listener, without the leading NUL} */
    String unixName() {
        return unixName;
    }

    /** {@return the 64 hex digits in its scope's name} */
    public String containerId() {
        return containerId;
    }

    public long pid() {
        return process.pid();
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() throws IOException {
        try {
            if (process != null) {
                // Out to the root cgroup first, so that the test's cgroups empty even if the process lingers.
                try {
                    Files.writeString(mount.resolve("cgroup.procs"), Long.toString(process.pid()));
                } catch (IOException e) {
                    // It has exited already.
                }
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            removeCgroup(slice.resolve("docker-" + containerId + ".scope"));
            removeCgroup(slice);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while removing " + slice, e);
        }
    }

    /** rmdir, retried briefly: a killed process leaves its cgroup a moment after it is reaped. */
    private static void removeCgroup(Path cgroup) throws IOException, InterruptedException {
        for (int attempt = 0; Files.isDirectory(cgroup); attempt++) {
            try {
                Files.delete(cgroup);
                return;
            } catch (IOException e) {
                if (attempt == 50) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }
}
