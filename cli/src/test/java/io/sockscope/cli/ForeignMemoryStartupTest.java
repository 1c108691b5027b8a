package io.sockscope.cli;

import io.sockscope.testing.CommandRun;
import io.sockscope.testing.JniLibrary;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With the JNI library, a plain listing never starts the foreign-memory API: its first use costs a fresh JVM
 * about 20 ms of method-handle classes spun at run time, a fifth of a quiet {@code -tlnp}. The JVM's own
 * class-initialisation log is the witness (every class it initialises, in order), so that any new segment,
 * layout or arena on these paths fails here rather than showing up as a slower benchmark.
 */
class ForeignMemoryStartupTest {

    @ParameterizedTest
    @ValueSource(strings = {"-tlnp", "-tln", "-tan", "-uanp", "-xa", "-s"})
    void aPlainListingInitialisesNoForeignMemoryClass(String flags, @TempDir Path dir) throws Exception {
        assumeTrue(JniLibrary.built().isPresent(), "the JNI library is not built (bin/build-native builds it)");
        Path log = dir.resolve("class-init.log");
        List<String> command = new ArrayList<>(CommandRun.sockscope(flags));
        // The log goes to a file: the listing's stdout stays the listing.
        command.add(1, "-Xlog:class+init=info:file=" + log);
        // A listener of our own, so that the TCP dumps have a socket to decode and, with -p, an owner to find.
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CommandRun run = CommandRun.run(command, Map.of(), 60);
            assertEquals(0, run.exitCode(), run.stderrText());
            if (flags.startsWith("-t")) {
                String port = ":" + listener.getLocalPort() + " ";
                assertTrue(new String(run.stdout(), StandardCharsets.UTF_8).contains(port), "the listener is listed");
            }
        }
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.stream().anyMatch(line -> line.contains("io/sockscope/cli/Main")),
                "the log records the listing's classes");
        List<String> foreign = lines.stream()
                .filter(line -> line.contains("Initializing 'java/lang/foreign/")
                        || line.contains("Initializing 'jdk/internal/foreign/"))
                .toList();
        assertEquals(List.of(), foreign, "sockscope " + flags + " initialised foreign-memory classes");
    }
}
