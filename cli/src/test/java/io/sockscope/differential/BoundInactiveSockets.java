package io.sockscope.differential;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * TCP sockets that are bound and neither listen nor connect, held by a python3 process wherever {@code
 * placement} puts it (the zoo's namespace): the "bound-inactive" sockets that Linux 6.8+ reports and ss 7.x
 * lists (with {@code -B}, with {@code -a}, and in its default "connected" selection too), which the socket zoo
 * does not make. The process holds them until its stdin closes, so it also goes when the test JVM dies.
 */
final class BoundInactiveSockets implements AutoCloseable {

    /** Where the sockets are bound: loopback and wildcard, IPv4 and IPv6. */
    static final List<String> ADDRESSES = List.of("127.0.0.1:7501", "0.0.0.0:7502", "[::1]:7503", "*:7504");

    private static final String HOLDER = String.join("\n",
            "import socket, sys",
            "held = []",
            "for family, host, port in ((socket.AF_INET, '127.0.0.1', 7501), (socket.AF_INET, '0.0.0.0', 7502),",
            "                           (socket.AF_INET6, '::1', 7503), (socket.AF_INET6, '::', 7504)):",
            "    s = socket.socket(family, socket.SOCK_STREAM)",
            "    s.bind((host, port))",
            "    held.append(s)",
            "print('BOUND', flush=True)",
            "sys.stdin.read()");

    private final Process process;

    private BoundInactiveSockets(Process process) {
        this.process = process;
    }

    /** Binds the sockets and returns once they exist; fails with the holder's stderr otherwise. */
    static BoundInactiveSockets bind(UnaryOperator<List<String>> placement, CommandRunner runner) throws IOException {
        List<String> command = new ArrayList<>(placement.apply(List.of(ZooPreconditions.PYTHON.toString(), "-c", HOLDER)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().clear();
        builder.environment().putAll(runner.environment());
        BoundInactiveSockets sockets = new BoundInactiveSockets(builder.start());
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(sockets.process.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            if (!"BOUND".equals(line)) {
                String err = new String(sockets.process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                sockets.close();
                throw new IOException("could not bind the bound-inactive sockets: " + line + "\n" + err);
            }
        }
        return sockets;
    }

    /** Closes the holder's stdin, which ends it and closes its sockets; by force when it does not end. */
    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
