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
}
