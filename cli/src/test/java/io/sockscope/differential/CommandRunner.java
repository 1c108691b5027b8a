package io.sockscope.differential;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs external commands to completion with stdout and stderr captured separately (neither is a tty) and
 * stdin at end of file.
 *
 * <p>Every command gets the same environment: the one given at construction minus the variables that would
 * make either tool behave differently from a plain interactive run. {@code PROC_ROOT} and {@code PROC_NET_*}
 * send ss to its {@code /proc} fallback instead of netlink, {@code TCPDIAG_FILE} replays a file instead of
 * asking the kernel, {@code COLUMNS} changes the layout, {@code SOCKSCOPE_OWNER_SCAN} chooses how owners
 * are found, and the {@code JAVA_*OPTIONS} variables change the JVM. The comparisons are about the netlink path; the fallback is tested elsewhere. Cases that want one of
 * these set it explicitly per command.
 */
final class CommandRunner {

    private static final Set<String> SCRUBBED = Set.of(
            "PROC_ROOT", "TCPDIAG_FILE", "COLUMNS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS",
            "SOCKSCOPE_OWNER_SCAN");
    private static final String SCRUBBED_PREFIX = "PROC_NET_";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, String> environment;

    /** A runner whose commands inherit this JVM's environment, scrubbed. */
    CommandRunner() {
        this(System.getenv());
    }

    /** A runner whose commands get {@code base}, scrubbed. */
    CommandRunner(Map<String, String> base) {
        Map<String, String> kept = new HashMap<>(base);
        kept.keySet().removeIf(CommandRunner::isScrubbed);
        this.environment = Map.copyOf(kept);
    }

    /** Whether a variable is removed from every command's environment. */
    static boolean isScrubbed(String name) {
        return SCRUBBED.contains(name) || name.startsWith(SCRUBBED_PREFIX);
    }

    /** The environment every command starts from. */
    Map<String, String> environment() {
        return environment;
    }

    CommandResult run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of(), DEFAULT_TIMEOUT);
    }

    /**
     * Runs {@code command} with {@code extraEnvironment} added on top of the scrubbed environment.
     *
     * @throws IOException when the command cannot start or does not finish within {@code timeout}
     */
    CommandResult run(List<String> command, Map<String, String> extraEnvironment, Duration timeout)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("sockscope-cmd-", ".out");
        Path err = Files.createTempFile("sockscope-cmd-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            builder.environment().putAll(extraEnvironment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new IOException("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
            }
            return new CommandResult(command, process.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs {@code command} and returns its stdout, failing unless it exits 0. */
    String output(List<String> command) throws IOException, InterruptedException {
        CommandResult result = run(command);
        if (result.exitCode() != 0) {
            throw new IOException(result.describe() + ": " + result.stderrText().strip());
        }
        return result.stdoutText();
    }
}
