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
    private Map<String, Map<String, Integer>> portsByName;
    private Map<Integer, String> anyProtocol;
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

    /** The first /etc/services entry for the port whatever its protocol ({@code getservbyport} with NULL). */
    public String lookupAnyProtocol(int port) {
        if (isEphemeral(port)) {
            return null;
        }
        if (anyProtocol == null) {
            Map<Integer, String> first = new HashMap<>();
            for (String line : NameTableFile.lines(servicesFile)) {
                String[] f = NameTableFile.fields(line);
                int slash = f.length < 2 ? -1 : f[1].indexOf('/');
                if (slash > 0) {
                    try {
                        first.putIfAbsent(Integer.parseInt(f[1].substring(0, slash)), f[0]);
                    } catch (NumberFormatException e) {
                        // Not a service line.
                    }
                }
            }
            anyProtocol = first;
        }
        return anyProtocol.get(port);
    }

    /**
     * The port of a service name or alias for a protocol ({@code getservbyname}: first entry wins), or -1.
     */
    public int portOf(String name, String protocol) {
        if (portsByName == null) {
            portsByName = loadNames(servicesFile);
        }
        Map<String, Integer> ports = portsByName.get(protocol);
        Integer port = ports == null ? null : ports.get(name);
        return port == null ? -1 : port;
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

    private static Map<String, Map<String, Integer>> loadNames(Path file) {
        Map<String, Map<String, Integer>> result = new HashMap<>();
        for (String line : NameTableFile.lines(file)) {
            String[] f = NameTableFile.fields(line);
            int slash = f.length < 2 ? -1 : f[1].indexOf('/');
            if (slash <= 0) {
                continue;
            }
            try {
                int port = Integer.parseInt(f[1].substring(0, slash));
                Map<String, Integer> names = result.computeIfAbsent(f[1].substring(slash + 1), p -> new HashMap<>());
                names.putIfAbsent(f[0], port);
                for (int i = 2; i < f.length; i++) {
                    names.putIfAbsent(f[i], port);
                }
            } catch (NumberFormatException e) {
                // Not a service line.
            }
        }
        return result;
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
