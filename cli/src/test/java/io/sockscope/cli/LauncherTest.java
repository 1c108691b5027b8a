package io.sockscope.cli;

import io.sockscope.cli.LauncherCheckout.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code bin/sockscope}, the launcher, in a {@link LauncherCheckout}: what it prints on stderr while it builds
 * or when it cannot, which JDK it runs, and that stdout is the command's alone (byte-identical to ss is the
 * command's business; the launcher must add nothing to it).
 */
class LauncherTest {

    private static final Path SOURCE = Path.of(System.getProperty("sockscope.checkout", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private LauncherCheckout checkout;

    @BeforeEach
    void setUp() throws IOException {
        checkout = new LauncherCheckout(dir, SOURCE);
    }

    @Test
    void anExportedCdpathDoesNotMoveTheCheckout() throws Exception {
        checkout.built();
        // A directory on the CDPATH with a bin/ of its own: `cd bin/..` would go there, and say so on stdout.
        Path decoy = dir.resolve("decoy");
        Files.createDirectories(decoy.resolve("bin"));
        checkout.environment().put("CDPATH", decoy.toString());
        Run run = checkout.run(List.of(), "bin/sockscope", "-tlnp");
        assertEquals(0, run.exit(), run.toString());
        assertEquals(LauncherCheckout.LISTING, run.stdout(), run.toString());
    }

    @Test
    void withoutAJdk25ItSaysWhatToInstallWhereNoDistributionPackagesOne() throws Exception {
        assumeJvmNamespace();
        checkout.built();
        Path old = checkout.jdk("jdk-17", "17.0.2", true);
        Files.move(checkout.jdk("jdk-25"), dir.resolve("jdk-25-elsewhere"));
        checkout.environment().put("JAVA_HOME", old.toString());
        for (String script : List.of("bin/find-java", "bin/sockscope")) {
            Run run = checkout.run(checkout.inJvmNamespace(), checkout.root().resolve(script).toString());
            assertEquals(1, run.exit(), script + ": " + run);
            assertEquals("", run.stdout(), script + ": " + run);
            assertContains(run.stderr(), "no JDK 25 or newer found", "JAVA_HOME=" + old + " is JDK 17",
                    "download a JDK 25 (e.g. Eclipse Temurin", "adoptium.net", "set JAVA_HOME");
            assertFalse(run.stderr().contains("openjdk-25"), "no package Debian 12 lacks: " + run.stderr());
        }
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), "no \"" + part + "\" in:\n" + text);
        }
    }

    /** Skips unless this is root and can mount in a private mount namespace (util-linux's unshare). */
    private static void assumeJvmNamespace() throws IOException, InterruptedException {
        assumeTrue(isRoot(), "needs root: puts a directory of fake JDKs over /usr/lib/jvm in a mount namespace");
        assumeTrue(new ProcessBuilder("unshare", "--mount", "--", "true").start().waitFor() == 0,
                "needs unshare --mount (a container may forbid it)");
    }

    private static boolean isRoot() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
    }
}
