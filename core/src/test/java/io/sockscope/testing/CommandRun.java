package io.sockscope.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to completion with a time limit and captures stdout and stderr as bytes; the environment
 * is the test's own minus {@code COLUMNS}, plus the given additions.
 *
 * @param exitCode the process's exit code
 * @param stdout   everything written to stdout
 * @param stderr   everything written to stderr
 */
public record CommandRun(int exitCode, byte[] stdout, byte[] stderr) {

    public String stdoutText() {
        return new String(stdout, StandardCharsets.ISO_8859_1);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.ISO_8859_1);
    }

    /**
     * The sockscope CLI as the tests run it: this JVM's java on the command module's compiled classes and
     * runtime libraries (the {@code sockscope.cli.classpath} property its build sets), no jar needed, and the
     * JNI library when it is built.
     */
    public static List<String> sockscope(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        // Through the JNI library when it is built, as bin/sockscope runs it.
        cmd.addAll(JniLibrary.options());
        cmd.add("-cp");
        cmd.add(cliClassPath());
        cmd.add("io.sockscope.cli.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * The class path that runs {@code io.sockscope.cli.Main}: set by the command module's build for its
     * tests; a test run any other way fails here, saying so, rather than starting the wrong classes.
     */
    public static String cliClassPath() {
        String path = System.getProperty("sockscope.cli.classpath");
        if (path == null || path.isBlank()) {
            throw new IllegalStateException("sockscope.cli.classpath is not set: run the command's tests through Maven (bin/test)");
        }
        return path;
    }

    public static CommandRun run(List<String> command, Map<String, String> extraEnvironment, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("COLUMNS");
        pb.environment().putAll(extraEnvironment);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            throw new IOException("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
        }
        return new CommandRun(p.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                return b.toByteArray();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Whether an executable is on the PATH. */
    public static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (java.nio.file.Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
