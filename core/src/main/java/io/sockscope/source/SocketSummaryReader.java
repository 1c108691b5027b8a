package io.sockscope.source;

import io.sockscope.model.SocketSummary;
import io.sockscope.model.WarningSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@link SocketSummary} the way ss does: the first number after each keyword of the sockstat lines
 * it knows, and the {@code CurrEstab} column of the snmp {@code Tcp:} table.
 */
public final class SocketSummaryReader {
    private final ProcPaths paths;

    public SocketSummaryReader(ProcPaths paths) {
        this.paths = paths;
    }

    /**
     * @param warnings told when a counter file cannot be read (the summary then shows zeros, as ss does)
     */
    public SocketSummary read(WarningSink warnings) {
        Map<String, int[]> lines = new HashMap<>();
        readSockstat(paths.resolve(ProcNetFile.SOCKSTAT), lines, warnings, true);
        readSockstat(paths.resolve(ProcNetFile.SOCKSTAT6), lines, warnings, false);
        int established = currentlyEstablished(paths.resolve(ProcNetFile.SNMP), warnings);
        int[] tcp = lines.getOrDefault("TCP:", new int[5]);
        return new SocketSummary(
                first(lines, "sockets:"), tcp[3], tcp[1], tcp[2], tcp[0], first(lines, "TCP6:"), established,
                first(lines, "UDP:"), first(lines, "UDP6:"), first(lines, "RAW:"), first(lines, "RAW6:"),
                first(lines, "FRAG:"), first(lines, "FRAG6:"));
    }

    private static int first(Map<String, int[]> lines, String id) {
        int[] v = lines.get(id);
        return v == null ? 0 : v[0];
    }

    /** Each line "ID: name N name N …" becomes ID → the numbers in order. */
    private static void readSockstat(Path file, Map<String, int[]> lines, WarningSink warnings, boolean required) {
        String text;
        try {
            text = readWhole(file);
        } catch (NoSuchFileException e) {
            if (required) {
                warnings.warn("cannot read " + file + ": No such file or directory");
            }
            return;
        } catch (IOException e) {
            warnings.warn("cannot read " + file + ": " + e.getMessage());
            return;
        }
        for (String line : text.split("\n")) {
            String[] f = line.trim().split(" +");
            if (f.length < 3) {
                continue;
            }
            int[] numbers = new int[(f.length - 1) / 2];
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = parseLeadingInt(f[2 + 2 * i]);
            }
            lines.put(f[0], numbers);
        }
    }

    private static int currentlyEstablished(Path file, WarningSink warnings) {
        try {
            List<String> lines = readWhole(file).lines().toList();
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (!lines.get(i).startsWith("Tcp:") || !lines.get(i + 1).startsWith("Tcp:")) {
                    continue;
                }
                String[] names = lines.get(i).split(" ");
                String[] values = lines.get(i + 1).split(" ");
                for (int k = 1; k < names.length && k < values.length; k++) {
                    if (names[k].equals("CurrEstab")) {
                        return parseLeadingInt(values[k]);
                    }
                }
            }
        } catch (IOException e) {
            warnings.warn("cannot read " + file + ": " + e.getMessage());
        }
        return 0;
    }

    private static int parseLeadingInt(String s) {
        int end = 0;
        if (end < s.length() && (s.charAt(end) == '-' || s.charAt(end) == '+')) {
            end++;
        }
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        try {
            return (int) Long.parseLong(s.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String readWhole(Path file) throws IOException {
        // Streamed: the JDK's whole-file read can stop early on /proc files that report size 0.
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
