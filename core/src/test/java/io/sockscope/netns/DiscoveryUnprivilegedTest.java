package io.sockscope.netns;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A user who is not root reads only their own processes: discovery skips the others without a warning, counts
 * them, and still finds its own namespace first and the named ones (whose files anyone may read). Run as root,
 * the test starts a JVM as {@code nobody} (via setpriv) while a namespace is named and a root process sits in an
 * unnamed one, which nobody cannot see.
 */
class DiscoveryUnprivilegedTest {

    @Test
    void anotherUsersProcessesAreCountedNotRead() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        try (HostNamespaces host = HostNamespaces.create()) {
            String name = host.named("seen-by-nobody");
            long named = NamespaceDiscovery.inodeOf(Path.of("/run/netns", name));
            HostNamespaces.Helper hidden = host.unsharedSleeper();
            long hiddenInode = NamespaceDiscovery.inodeOf(Path.of("/proc", Long.toString(hidden.pid()), "ns", "net"));

            String output = runAsNobody();

            Matcher unreadable = Pattern.compile("unreadable (\\d+)").matcher(output);
            assertTrue(unreadable.find(), output);
            assertTrue(Integer.parseInt(unreadable.group(1)) > 0, "root's processes are counted: " + output);
            assertTrue(output.contains("first current true"), output);
            assertTrue(output.contains("first inode " + NamespaceDiscovery.currentThreadInode()), output);
            assertTrue(output.contains("own pid in first true") || output.contains(" or more than 5 true"), output);
            assertTrue(output.contains("found " + named + " " + name + " /run/netns/" + name), output);
            assertFalse(output.contains("found " + hiddenInode + " "), "a root process's namespace: " + output);
            assertTrue(output.contains("warnings []"), output);
        }
    }

    private static String runAsNobody() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java, "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), DiscoveryProbe.class.getName())
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
