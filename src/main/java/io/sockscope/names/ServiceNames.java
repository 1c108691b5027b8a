package io.sockscope.names;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Port → service name, the way ss resolves it without {@code -n}: {@code /etc/services} (first entry for the
 * port and protocol wins, like {@code getservbyport}), except inside the ephemeral port range, where ss
 * never looks names up. The file is read once, on first use.
 */
public final class ServiceNames {
    private final Path servicesFile;
    private final Path portRangeFile;
    private Map<String, Map<Integer, String>> byProtocol;
    private int ephemeralLow = -1;
    private int ephemeralHigh;

    /**
     * @param servicesFile  normally {@code /etc/services}
     * @param portRangeFile normally {@code /proc/sys/net/ipv4/ip_local_port_range}
     */
    public ServiceNames(Path servicesFile, Path portRangeFile) {
        this.servicesFile = servicesFile;
        this.portRangeFile = portRangeFile;
    }

    /** The service name for a port of a protocol ("tcp", "udp"…), or null to print the number. */
    public String lookup(int port, String protocol) {
        if (isEphemeral(port)) {
            return null;
        }
        if (byProtocol == null) {
            byProtocol = load(servicesFile);
        }
        Map<Integer, String> ports = byProtocol.get(protocol);
        return ports == null ? null : ports.get(port);
    }

    /** Whether ss considers the port ephemeral (it defaults to 1024–4999 when the range cannot be read). */
    public boolean isEphemeral(int port) {
        if (ephemeralLow < 0) {
            readRange();
        }
        return port >= ephemeralLow && port <= ephemeralHigh;
    }

    private void readRange() {
        ephemeralLow = 1024;
        ephemeralHigh = 4999;
        try {
            // Read as a stream: the JDK's whole-file read returns only the first byte of this sysctl file.
            String text;
            try (var in = Files.newInputStream(portRangeFile)) {
                text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            }
            String[] f = text.trim().split("\\s+");
            if (f.length >= 2) {
                int low = Integer.parseInt(f[0]);
                int high = Integer.parseInt(f[1]);
                ephemeralLow = low;
                ephemeralHigh = high;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Keep ss's fallback range.
        }
    }

    private static Map<String, Map<Integer, String>> load(Path file) {
        Map<String, Map<Integer, String>> result = new HashMap<>();
        List<String> lines = NameTableFile.lines(file);
        for (String line : lines) {
            String[] f = NameTableFile.fields(line);
            if (f.length < 2) {
                continue;
            }
            int slash = f[1].indexOf('/');
            if (slash <= 0) {
                continue;
            }
            try {
                int port = Integer.parseInt(f[1].substring(0, slash));
                String protocol = f[1].substring(slash + 1);
                result.computeIfAbsent(protocol, p -> new HashMap<>()).putIfAbsent(port, f[0]);
            } catch (NumberFormatException e) {
                // Not a service line; skip it as the C library does.
            }
        }
        return result;
    }
}
