package io.sockscope.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * sockscope's JNI library as {@code bin/build-native} builds it ({@code core/target/native/libsockscope.so}), for
 * tests that run code in a JVM of its own with and without it ({@value #ENVIRONMENT_VARIABLE} may name
 * another file). The test JVM itself never loads it, so the in-process tests cover the FFM path and the
 * command-line tests the JNI path whenever the library is built ({@code bin/test} builds it first).
 */
public final class JniLibrary {
    /** The system property the kernel and procmap packages read the library's file name from. */
    public static final String PROPERTY = "sockscope.jni.library";
    /** Names the library to test, as {@code bin/test} sets it; else it is looked for under {@code target/}. */
    public static final String ENVIRONMENT_VARIABLE = "SOCKSCOPE_TEST_JNI_LIBRARY";

    private JniLibrary() {
    }

    /** The built library, if there is one. */
    public static Optional<Path> built() {
        String named = System.getenv(ENVIRONMENT_VARIABLE);
        if (named != null && !named.isEmpty()) {
            Path library = Path.of(named).toAbsolutePath();
            return Files.isRegularFile(library) ? Optional.of(library) : Optional.empty();
        }
        // The library module builds it; the command module's tests find it from beside.
        for (Path library : List.of(Path.of("target", "native", "libsockscope.so"),
                Path.of("..", "core", "target", "native", "libsockscope.so"))) {
            if (Files.isRegularFile(library)) {
                return Optional.of(library.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /** The JVM options that hand the built library to the code under test; none when it is not built. */
    public static List<String> options() {
        return built().map(library -> List.of("-D" + PROPERTY + "=" + library)).orElse(List.of());
    }

    /**
     * Runs {@code main} (a class on this test's class path) in a new JVM with native access, the system
     * property set to {@code library} unless that is null, and returns its stdout lines.
     *
     * @throws IOException when it does not exit with 0 within a minute (the message carries its stderr)
     */
    public static List<String> runMain(Class<?> main, String library, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        if (library != null) {
            command.add("-D" + PROPERTY + "=" + library);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        CommandRun run = CommandRun.run(command, Map.of(), 60);
        if (run.exitCode() != 0) {
            throw new IOException(main.getSimpleName() + " exited with " + run.exitCode() + ": " + run.stderrText());
        }
        return new String(run.stdout(), StandardCharsets.UTF_8).lines().toList();
    }
}
