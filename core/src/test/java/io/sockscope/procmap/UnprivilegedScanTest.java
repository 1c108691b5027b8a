package io.sockscope.procmap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user who is not root reads only its own processes' descriptors; the scan must skip everyone else's
 * without a warning and still find its own sockets, as ss does. Run as root, the test starts a JVM as
 * {@code nobody} (via setpriv) while this JVM, owned by root, holds a listener of its own.
 */
class UnprivilegedScanTest {

    @Test
    void anUnprivilegedScanSeesOnlyItsOwnProcesses() throws IOException, InterruptedException,
            URISyntaxException {
        Assumptions.assumeTrue(isRoot(), "needs root: starts a JVM as another user");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath = codeSource(OwnerScanner.class) + ":" + codeSource(UnprivilegedScanProbe.class);
        long rootPid = ProcessHandle.current().pid();
        // This JVM's own listener is a socket the probe must not be able to attribute.
        try (ServerSocketChannel listener = SsCommand.listenOnLoopback()) {
            Process probe = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                    "--clear-groups", java, "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED", "-cp",
                    classPath, UnprivilegedScanProbe.class.getName())
                    .directory(Path.of("/").toFile()).redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "probe finished");
            assertEquals(0, probe.exitValue(), output);

            long probePid = probe.pid();
            for (String way : List.of("nio", "native")) {
                assertTrue(output.contains(way + " own users:((") && output.contains("\"java\",pid=" + probePid
                        + ",fd="), output);
                assertTrue(output.contains(way + " pids [" + probePid + "]"), "only its own process: " + output);
                assertTrue(output.contains(way + " warnings []"), output);
                // The one readable process owns the socket; the forbidden directory was given up at once.
                Matcher forbidden = Pattern.compile(way + " forbidden attempts (\\d+) owners (.*) problems (.*)")
                        .matcher(output);
                assertTrue(forbidden.find(), output);
                assertTrue(Integer.parseInt(forbidden.group(1)) <= 1 + 3 * 2, "links tried: " + forbidden.group(1));
                assertEquals("users:((\"open\",pid=6,fd=3))", forbidden.group(2));
                assertEquals("[]", forbidden.group(3));
            }
            assertTrue(listener.isOpen() && !output.contains("pid=" + rootPid + ","), output);
        }
    }

    private static boolean isRoot() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
    }

    private static String codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
