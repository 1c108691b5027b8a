package io.sockscope.diagnose.system;

import io.sockscope.diagnose.CounterProvider;
import io.sockscope.diagnose.ProviderException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code TcpExt} counters of {@code /proc/net/netstat} (a header line of names, then one of values). */
public final class ProcNetstatCounters implements CounterProvider {
    private final Path file;

    /**
     * @param file the namespace's {@code net/netstat}; {@code /proc/net} is the first thread's namespace, so a
     *             thread that entered another one passes its own ({@code ProcPaths.underRoot("net/netstat")})
     */
    public ProcNetstatCounters(Path file) {
        this.file = file;
    }

    @Override
    public Map<String, Long> tcpExtended() throws ProviderException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ProviderException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(lines);
    }

    /** Pairs the names of the first {@code TcpExt:} line with the values of the second; skips what does not fit. */
    static Map<String, Long> parse(List<String> lines) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
                String[] names = lines.get(i).split("\\s+");
                String[] values = lines.get(i + 1).split("\\s+");
                for (int k = 1; k < Math.min(names.length, values.length); k++) {
                    try {
                        out.put(names[k], Long.parseLong(values[k]));
                    } catch (NumberFormatException e) {
                        // not a counter value: skip it
                    }
                }
                break;
            }
        }
        return out;
    }
}
