package io.sockscope.cli;

import io.sockscope.kernel.BytePaths;
import io.sockscope.source.ProcNetFile;
import io.sockscope.source.ReplaySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment with each variable that names a file ({@code PROC_ROOT}, {@code PROC_NET_TCP} and the other
 * {@code /proc} overrides, {@code TCPDIAG_FILE}) made to name it by its bytes. The JVM decodes the environment
 * with the locale's character set: under {@code LC_ALL=C} every non-ASCII byte is lost, and in any locale bytes
 * that are not valid in it are. A value that may have lost bytes is taken again from
 * {@code /proc/self/environ} and turned into a path the JDK can open ({@link BytePaths#reachable}); the
 * {@code /proc/self/fd} path then appears in a warning about that file.
 */
final class EnvironmentPaths {
    private EnvironmentPaths() {
    }

    static Map<String, String> reachable(Map<String, String> environment) {
        return reachable(environment, Path.of("/proc/self/environ"));
    }

    static Map<String, String> reachable(Map<String, String> environment, Path environ) {
        List<String> suspect = new ArrayList<>();
        for (String name : fileVariables()) {
            String value = environment.get(name);
            if (value != null && mayHaveLostBytes(value)) {
                suspect.add(name);
            }
        }
        if (suspect.isEmpty()) {
            return environment;
        }
        Map<String, byte[]> raw = read(environ);
        Map<String, String> repaired = new HashMap<>(environment);
        for (String name : suspect) {
            byte[] bytes = raw.get(name);
            if (bytes != null) {
                try {
                    repaired.put(name, BytePaths.reachable(bytes).toString());
                } catch (IOException e) {
                    // Left as decoded: a file that cannot be opened fails to open under that name too, and the
                    // warning then shows the name rather than a descriptor's path.
                }
            }
        }
        return repaired;
    }

    private static List<String> fileVariables() {
        List<String> names = new ArrayList<>();
        names.add("PROC_ROOT");
        names.add(ReplaySource.ENVIRONMENT_VARIABLE);
        for (ProcNetFile file : ProcNetFile.values()) {
            names.add(file.environmentVariable());
        }
        return names;
    }

    /** Whether the JVM's decoding may have replaced bytes: a non-ASCII character, or the '?' of an ASCII locale. */
    private static boolean mayHaveLostBytes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || c == '?') {
                return true;
            }
        }
        return false;
    }

    /** The variables of {@code /proc/self/environ} by name (ASCII names), or none when it cannot be read. */
    private static Map<String, byte[]> read(Path environ) {
        Map<String, byte[]> variables = new HashMap<>();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(environ);
        } catch (IOException | RuntimeException e) {
            return variables;
        }
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == 0) {
                int equals = indexOf(bytes, (byte) '=', start, i);
                if (equals > start) {
                    String name = new String(bytes, start, equals - start, StandardCharsets.ISO_8859_1);
                    // The first definition wins, as getenv finds it.
                    variables.putIfAbsent(name, Arrays.copyOfRange(bytes, equals + 1, i));
                }
                start = i + 1;
            }
        }
        return variables;
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
