package io.sockscope.names;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Netlink protocol number → the short name ss prints ({@code rtnl}, {@code tcpdiag}, {@code genl}…): a
 * built-in table, overridden by iproute2's {@code nl_protos} file where it exists ("id name" lines).
 */
public final class NetlinkProtocolNames {
    /** The names iproute2 knows without {@code nl_protos}, by protocol number. */
    public static final Map<Integer, String> BUILT_IN = builtIn();

    private final Path file;
    private String[] names;

    /** @param file normally {@code /etc/iproute2/nl_protos} */
    public NetlinkProtocolNames(Path file) {
        this.file = file;
    }

    /** The protocol's name, or null to print the number. */
    public String lookup(int protocol) {
        if (protocol < 0 || protocol >= 256) {
            return null;
        }
        if (names == null) {
            names = new String[256];
            for (Map.Entry<Integer, String> e : BUILT_IN.entrySet()) {
                names[e.getKey()] = e.getValue();
            }
            for (String line : NameTableFile.lines(file)) {
                String[] f = NameTableFile.fields(line);
                if (f.length < 2) {
                    continue;
                }
                try {
                    int id = Integer.decode(f[0]);
                    if (id >= 0 && id < 256) {
                        names[id] = f[1];
                    }
                } catch (NumberFormatException e) {
                    // Not an entry.
                }
            }
        }
        return names[protocol];
    }

    private static Map<Integer, String> builtIn() {
        String[] known = {
            "rtnl", "unused", "usersock", "fw", "tcpdiag", "nflog", "xfrm", "selinux", "iscsi", "audit",
            "fiblookup", "connector", "nft", "ip6fw", "dec-rt", "uevent", "genl", null, "scsi-trans",
            "ecryptfs", "rdma", "crypto",
        };
        Map<Integer, String> m = new LinkedHashMap<>();
        for (int i = 0; i < known.length; i++) {
            if (known[i] != null) {
                m.put(i, known[i]);
            }
        }
        return Collections.unmodifiableMap(m);
    }
}
