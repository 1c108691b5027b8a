package io.sockscope.api;

import io.sockscope.testing.ScratchNamespace;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A caller without {@code CAP_SYS_ADMIN} lists its own namespace across namespaces, and learns what it could not
 * list instead of an exception: every other namespace it found (a named one, whose file anyone may read) as not
 * entered, and other users' processes as unreadable. Run as root, the test starts a JVM as {@code nobody} (via
 * setpriv) while a scratch namespace is named.
 */
class AllNamespacesUnprivilegedTest {

    @Test
    void namespacesThatCannotBeEnteredAreSkippedAndSaidSo() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        try (ScratchNamespace named = ScratchNamespace.create()) {
            long namedInode = ((Number) Files.getAttribute(named.file(), "unix:ino")).longValue();
            long own = ((Number) Files.getAttribute(Path.of("/proc/self/ns/net"), "unix:ino")).longValue();

            String output = runAsNobody();

            assertTrue(output.contains("own listener in " + own + "\n"), "its own namespace is listed: " + output);
            assertTrue(output.contains("not entered " + named.name() + " " + namedInode + "\n"), output);
            Matcher unreadable = Pattern.compile("unreadable (\\d+)").matcher(output);
            assertTrue(unreadable.find(), output);
            assertTrue(Integer.parseInt(unreadable.group(1)) > 0, "root's processes are counted: " + output);
            assertTrue(output.contains("empty false"), output);
        }
    }

    private static String runAsNobody() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java, "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), AllNamespacesProbe.class.getName())
                .directory(Path.of("/").toFile()).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!probe.waitFor(60, TimeUnit.SECONDS)) {
            probe.destroyForcibly();
            throw new IllegalStateException("the probe did not finish: " + output);
        }
        assertEquals(0, probe.exitValue(), output);
        return output;
    }
}
