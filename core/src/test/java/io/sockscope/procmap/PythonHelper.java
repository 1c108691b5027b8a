package io.sockscope.procmap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A python3 script from this package's test resources, run as a helper process that sets up sockets and
 * says {@code ready ...} on its first line. Closing the helper closes its stdin, which the scripts take as
 * the signal to end themselves and their children (who also die with their parent), so nothing outlives
 * the test.
 */
final class PythonHelper implements AutoCloseable {
    private final Process process;
    private final Path script;
    private final List<String> ready;

    private PythonHelper(Process process, Path script, List<String> ready) {
        this.process = process;
        this.script = script;
        this.ready = ready;
    }

    /** Starts {@code resource} with {@code args} and waits for its ready line. */
    static PythonHelper start(String resource, String... args) throws IOException {
        Path script = Files.createTempFile("procmap-", ".py");
        try (InputStream in = PythonHelper.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " missing from the test resources");
            }
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (line == null || !line.startsWith("ready")) {
            process.destroyForcibly();
            Files.deleteIfExists(script);
            throw new IOException(resource + " did not start: " + line);
        }
        List<String> words = List.of(line.split(" "));
        return new PythonHelper(process, script, words.subList(1, words.size()));
    }

    /** The words after {@code ready} on the helper's first line. */
    List<String> ready() {
        return ready;
    }

    long pid() {
        return process.pid();
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
