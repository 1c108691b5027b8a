package io.sockscope.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher bin/package writes for the .deb and the tarball passes the JVM the flags bin/sockscope passes,
 * command for command: the two are written apart (one bash with arrays, one POSIX sh with a string), so this
 * reads both scripts' text and compares the flags of each command's lines.
 */
class PackagedLauncherFlagsTest {
    private static final Path CHECKOUT = Path.of(System.getProperty("sockscope.checkout", ".."))
            .toAbsolutePath().normalize();
    /** A JVM option as the scripts write them: -XX:…, -Xmn…, -D…=…, --enable-native-access=…. */
    private static final Pattern FLAG = Pattern.compile("(?<![\\w$])(-X[^\\s\")]+|-D[^\\s\")$]+|--enable-native-access=[^\\s\")]+)");

    @Test
    void everyCommandGetsTheSameJvmFlagsFromBothLaunchers() throws IOException {
        List<String> checkout = Files.readAllLines(CHECKOUT.resolve("bin/sockscope"));
        List<String> packaged = Files.readAllLines(CHECKOUT.resolve("bin/package"));

        List<String> base = flags(checkout, "flags=(", 2);
        List<String> packagedBase = flags(packaged, "flags=\"-XX:+UseSerialGC", 1);
        // The packaged launcher adds native access on its exec line, after the per-command flags.
        assertTrue(packaged.stream().anyMatch(l -> l.startsWith("exec \"$root/runtime/bin/java\" $flags"
                + " --enable-native-access=ALL-UNNAMED")), "the packaged launcher grants native access");
        packagedBase.add("--enable-native-access=ALL-UNNAMED");
        assertEquals(sorted(base), sorted(packagedBase), "the flags every command gets");

        assertEquals(flags(checkout, "  watch|leaks|top) flags+=(", 2),
                flags(packaged, "  watch|leaks|top) flags=\"$flags", 1), "watch, leaks and top");
        assertEquals(flags(checkout, "  serve) flags+=(", 2), flags(packaged, "  serve) flags=\"$flags", 2),
                "serve");
        assertEquals(flags(checkout, "      --listen/0.0.0.0:*", 1), flags(packaged, "        --listen/0.0.0.0:*", 1),
                "serve --listen 0.0.0.0");
    }

    /** The flags on the line starting with {@code start} and the {@code lines - 1} after it. */
    private static List<String> flags(List<String> script, String start, int lines) {
        for (int i = 0; i < script.size(); i++) {
            if (script.get(i).startsWith(start)) {
                List<String> found = new ArrayList<>();
                for (String line : script.subList(i, Math.min(script.size(), i + lines))) {
                    Matcher m = FLAG.matcher(line);
                    while (m.find()) {
                        found.add(m.group(1));
                    }
                }
                assertFalse(found.isEmpty(), "no flags after: " + start);
                return found;
            }
        }
        throw new AssertionError("no line starts with: " + start);
    }

    private static List<String> sorted(List<String> flags) {
        return flags.stream().sorted().toList();
    }
}
