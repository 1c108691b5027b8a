package io.sockscope.names;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * IP protocol number → name from {@code /etc/protocols} (first entry wins, like {@code getprotobynumber}).
 * ss shows a raw socket's protocol in the port column this way.
 */
public final class ProtocolNames {
    private final Path file;
    private Map<Integer, String> names;

    public ProtocolNames(Path file) {
        this.file = file;
    }

    /** The protocol's name, or null when the table has none. */
    public String lookup(int protocol) {
        if (names == null) {
            names = new HashMap<>();
            for (String line : NameTableFile.lines(file)) {
                String[] f = NameTableFile.fields(line);
                if (f.length >= 2) {
                    try {
                        names.putIfAbsent(Integer.parseInt(f[1]), f[0]);
                    } catch (NumberFormatException e) {
                        // Not a protocol line.
                    }
                }
            }
        }
        return names.get(protocol);
    }
}
