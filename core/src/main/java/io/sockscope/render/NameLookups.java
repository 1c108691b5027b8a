package io.sockscope.render;

import io.sockscope.names.NetlinkProtocolNames;
import io.sockscope.names.ProcessNames;
import io.sockscope.names.ProtocolNames;
import io.sockscope.names.ServiceNames;

import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

/**
 * The name tables the renderer consults when not numeric, and the interface-name lookup it always needs.
 *
 * @param services          port → service name
 * @param protocols         IP protocol → name (raw sockets)
 * @param netlinkProtocols  netlink protocol → name
 * @param processes         pid → command (netlink port ids)
 * @param interfaces        ifindex → name, as ss prints it (never null)
 * @param cgroups           cgroup id → the path ss prints for it ({@code -e}, {@code --cgroup}; never null)
 * @param hosts             address → host name for {@code -r} (null name: print the number), or null when
 *                          addresses are printed as numbers
 */
public record NameLookups(
        ServiceNames services,
        ProtocolNames protocols,
        NetlinkProtocolNames netlinkProtocols,
        ProcessNames processes,
        IntFunction<String> interfaces,
        LongFunction<String> cgroups,
        Function<byte[], String> hosts) {

    /** Lookups that print addresses as numbers. */
    public NameLookups(ServiceNames services, ProtocolNames protocols, NetlinkProtocolNames netlinkProtocols,
                       ProcessNames processes, IntFunction<String> interfaces, LongFunction<String> cgroups) {
        this(services, protocols, netlinkProtocols, processes, interfaces, cgroups, null);
    }

    /** Lookups where no cgroup2 hierarchy is mounted: every cgroup is unreachable, as ss then says. */
    public NameLookups(ServiceNames services, ProtocolNames protocols, NetlinkProtocolNames netlinkProtocols,
                       ProcessNames processes, IntFunction<String> interfaces) {
        this(services, protocols, netlinkProtocols, processes, interfaces,
                id -> "unreachable:" + Long.toHexString(id));
    }
}
