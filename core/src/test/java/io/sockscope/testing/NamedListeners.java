package io.sockscope.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real processes whose names are any bytes ({@code prctl(PR_SET_NAME)}), each holding a TCP listener on
 * 127.0.0.1, for tests of how owner names travel from the kernel to the output. Run by python3 (the script
 * {@code named_listeners.py} beside this class), optionally behind a command prefix such as
 * {@code ip netns exec NAME}; closing this ends every process.
 */
public final class NamedListeners implements AutoCloseable {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private final Process process;
    private final Path script;
    private final List<Integer> ports;

    private NamedListeners(Process process, Path script, List<Integer> ports) {
        this.process = process;
        this.script = script;
        this.ports = ports;
    }

    /** Skips the test without python3; else starts one listener per name, run behind {@code prefix}. */
    public static NamedListeners start(List<String> prefix, List<byte[]> names) throws IOException {
        assumeTrue(Files.isExecutable(PYTHON), "needs " + PYTHON + " (apt-get install python3)");
        Path script = Files.createTempFile("named-listeners-", ".py");
        try (InputStream in = NamedListeners.class.getResourceAsStream("named_listeners.py")) {
            if (in == null) {
                throw new IOException("named_listeners.py missing from the test resources");
            }
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(PYTHON.toString(), script.toString()));
        names.forEach(name -> command.add(HexFormat.of().formatHex(name)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] line = readLine(process.getInputStream());
        String text = new String(line, StandardCharsets.US_ASCII);
        if (!text.startsWith("ready ")) {
            process.destroyForcibly();
            Files.deleteIfExists(script);
            throw new IOException("named_listeners.py did not start: " + text);
        }
        List<Integer> ports = new ArrayList<>();
        for (String port : text.substring("ready ".length()).split(" ")) {
            ports.add(Integer.parseInt(port));
        }
        return new NamedListeners(process, script, List.copyOf(ports));
    }

    /** The listeners' ports, in the order of the names. */
    public List<Integer> ports() {
        return ports;
    }

    /** Reads up to a newline byte by byte, so that nothing after it is taken from the stream. */
    private static byte[] readLine(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toByteArray();
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
