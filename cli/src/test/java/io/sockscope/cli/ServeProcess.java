package io.sockscope.cli;

import io.sockscope.testing.CommandRun;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@code sockscope serve} the tests run as a process, here or behind {@code ip netns exec} (which becomes it):
 * its stderr kept in a file, and a wait for the line that says where it serves. Closing it kills the process and
 * removes the file.
 */
final class ServeProcess implements AutoCloseable {
    /** The line serve writes once it is bound, up to the URL. */
    static final String SERVING = "sockscope: serving metrics at ";
    private static final long START_WAIT_MILLIS = 30_000;

    private final Process process;
    private final Path errors;

    private ServeProcess(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
    }

    /** {@code sockscope serve ARGUMENTS} here, once it says it serves. */
    static ServeProcess start(String... arguments) throws Exception {
        return start(List.of(), arguments);
    }

    /** {@code sockscope serve ARGUMENTS} behind {@code prefix} (such as {@code ip netns exec NS}), once it serves. */
    static ServeProcess start(List<String> prefix, String... arguments) throws Exception {
        List<String> words = new ArrayList<>(List.of("serve"));
        words.addAll(List.of(arguments));
        List<String> command = new ArrayList<>(prefix);
        command.addAll(CommandRun.sockscope(words.toArray(String[]::new)));
        Path errors = Files.createTempFile("sockscope-serve-", ".err");
        ServeProcess serve;
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile());
            builder.environment().remove("COLUMNS");
            serve = new ServeProcess(builder.start(), errors);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(errors);
            throw e;
        }
        try {
            serve.awaitServing();
            return serve;
        } catch (Exception | Error e) {
            serve.close();
            throw e;
        }
    }

    private void awaitServing() throws Exception {
        long deadline = System.currentTimeMillis() + START_WAIT_MILLIS;
        while (servingLine() == null) {
            if (!process.isAlive()) {
                fail("serve exited with " + process.exitValue() + " before serving: " + stderr());
            }
            if (System.currentTimeMillis() > deadline) {
                fail("serve did not say where it serves within " + START_WAIT_MILLIS + " ms: " + stderr());
            }
            Thread.sleep(20);
        }
    }

    /** The line that says where it serves, or null before it is written. */
    String servingLine() throws IOException {
        return stderr().lines().filter(l -> l.startsWith(SERVING)).findFirst().orElse(null);
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    String stderr() throws IOException {
        return Files.readString(errors);
    }

    /** SIGTERM, then the exit status if it ends within {@code millis}; fails otherwise. */
    int stop(long millis) throws Exception {
        process.destroy();
        if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            fail("serve did not end within " + millis + " ms of SIGTERM: " + stderr());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(errors);
    }
}
