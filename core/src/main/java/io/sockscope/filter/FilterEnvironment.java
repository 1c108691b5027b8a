package io.sockscope.filter;

import io.sockscope.names.NetlinkProtocolNames;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What the parser may need to know about the machine, supplied by the caller so that the filter package
 * itself never does I/O. Each method answers one question ss asks the system while reading a filter;
 * an answer of "unknown" makes the parse fail exactly where ss fails.
 */
public interface FilterEnvironment {

    /**
     * The index of an interface by name (iproute2's link cache, {@code RTM_GETLINK} and
     * {@code if_nametoindex}), or 0 when there is none. The {@code ifN} spelling is handled by the parser.
     */
    int interfaceIndex(String name);

    /**
     * The addresses a host name resolves to in one family ({@code gethostbyname2}), in resolver order:
     * 4-byte arrays for {@link io.sockscope.model.AddressFamily#INET}, 16-byte arrays for
     * {@link io.sockscope.model.AddressFamily#INET6}; empty when the name does not resolve. The parser
     * only calls this for those two families, and only for words that are not addresses.
     */
    List<byte[]> resolveHost(String name, int family);

    /**
     * The port of a service name for {@code "tcp"} or {@code "udp"} ({@code getservbyname}), if known.
     */
    OptionalInt servicePort(String name, String protocol);

    /** The cgroup v2 id of a path ({@code get_cgroup2_id}), or why there is none. */
    CgroupLookup cgroupId(String path);

    /**
     * Whether the kernel accepts cgroup conditions in sock_diag bytecode (ss probes this once before it
     * builds the first {@code cgroup} node and refuses the filter when it does not).
     */
    boolean cgroupFilterSupported();

    /**
     * Port names learned from the RPC port mapper ({@code rpc.NAME}), which ss also accepts as ports when it
     * resolves names ({@code -r} without {@code -n}). Empty by default.
     */
    default List<RpcService> rpcServices() {
        return List.of();
    }

    /**
     * Netlink protocol names by number, as {@code /etc/iproute2/nl_protos} extends the built-in table.
     * The default is the built-in table.
     */
    default Map<Integer, String> netlinkProtocolNames() {
        return NetlinkProtocolNames.BUILT_IN;
    }

    /** The answer to a cgroup lookup: an id, or 0 with the message ss's helper printed. */
    record CgroupLookup(long id, String diagnostic) {
        /** A found cgroup. */
        public static CgroupLookup found(long id) {
            return new CgroupLookup(id, "");
        }

        /** No cgroup; {@code diagnostic} is the line ss would have printed first (may be empty). */
        public static CgroupLookup missing(String diagnostic) {
            return new CgroupLookup(0, diagnostic);
        }
    }

    /** One RPC port mapping: {@code name} (with its {@code rpc.} prefix), {@code "tcp"}/{@code "udp"}, port. */
    record RpcService(String name, String protocol, int port) {
    }

    /** An environment that knows no interface, host, service or cgroup, and supports cgroup filters. */
    static FilterEnvironment offline() {
        return new FilterEnvironment() {
            @Override
            public int interfaceIndex(String name) {
                return 0;
            }

            @Override
            public List<byte[]> resolveHost(String name, int family) {
                return List.of();
            }

            @Override
            public OptionalInt servicePort(String name, String protocol) {
                return OptionalInt.empty();
            }

            @Override
            public CgroupLookup cgroupId(String path) {
                return CgroupLookup.missing("");
            }

            @Override
            public boolean cgroupFilterSupported() {
                return true;
            }
        };
    }
}
