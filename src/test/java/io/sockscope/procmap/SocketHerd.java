package io.sockscope.procmap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Many sockets held open by a group of python3 processes (socket_herd.py), for benchmarks and race tests.
 * Closing the herd closes the holders' stdin, which ends every one of them; they also die with their
 * parent, so nothing outlives the test.
 */
final class SocketHerd implements AutoCloseable {
    private final Process process;
    private final Path script;
    private final List<Long> holders;

    private SocketHerd(Process process, Path script, List<Long> holders) {
        this.process = process;
        this.script = script;
        this.holders = holders;
    }

    /**
     * Starts holders for {@code sockets} sockets, at most {@code perProcess} per holder, and waits until they
     * are all open.
     *
     * @param mode "pair" (unix socketpairs) or "tcp" (loopback connections, both ends)
     */
    static SocketHerd start(String mode, int sockets, int perProcess) throws IOException {
        Path script = Files.createTempFile("socket_herd", ".py");
        try (InputStream in = SocketHerd.class.getResourceAsStream("socket_herd.py")) {
            if (in == null) {
                throw new IOException("socket_herd.py missing from the test resources");
            }
            Files.write(script, in.readAllBytes());
        }
        Process process = new ProcessBuilder("python3", script.toString(), mode, Integer.toString(sockets),
                Integer.toString(perProcess)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("ready")) {
            process.destroyForcibly();
            Files.deleteIfExists(script);
            throw new IOException("socket herd did not start: " + line);
        }
        List<Long> holders = Arrays.stream(line.substring("ready".length()).trim().split(" "))
                .map(Long::valueOf).toList();
        return new SocketHerd(process, script, holders);
    }

    /** Pids of the processes holding the sockets. */
    List<Long> holders() {
        return holders;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
