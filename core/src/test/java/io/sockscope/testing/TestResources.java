package io.sockscope.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The library module's test resources as a directory (fixture /proc trees, golden texts): tests of the command
 * module read them in place, since ss is pointed at them by path and cannot read a jar.
 */
public final class TestResources {
    private TestResources() {
    }

    /** {@code core/src/test/resources}, from either module's directory (Maven runs tests in the module's). */
    public static Path directory() {
        Path own = Path.of("src", "test", "resources", "golden");
        if (Files.isDirectory(own)) {
            return Path.of("src", "test", "resources").toAbsolutePath();
        }
        return Path.of("..", "core", "src", "test", "resources").toAbsolutePath().normalize();
    }
}
