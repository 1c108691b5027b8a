package io.sockscope.inspect;

import io.sockscope.kernel.InterfaceNames;
import io.sockscope.names.CgroupPaths;
import io.sockscope.names.MountTable;
import io.sockscope.names.NetlinkProtocolNames;

import java.nio.file.Path;

/**
 * The names entries carry, from this machine: interfaces from the kernel, cgroup paths from the cgroup2 mount
 * (walked once, on first use), netlink protocol names from iproute2's {@code nl_protos}.
 */
public final class SystemNames implements EntryNames {
    private final InterfaceNames interfaces;
    private final CgroupPaths cgroups;
    private final NetlinkProtocolNames netlink;

    /** @param mounts the mount table cgroup paths are found by, as ss sees it ({@link MountTable#PROC}, or after -N) */
    public SystemNames(InterfaceNames interfaces, MountTable mounts) {
        this(interfaces, new CgroupPaths(mounts), new NetlinkProtocolNames(Path.of("/etc/iproute2/nl_protos")));
    }

    private SystemNames(InterfaceNames interfaces, CgroupPaths cgroups, NetlinkProtocolNames netlink) {
        this.interfaces = interfaces;
        this.cgroups = cgroups;
        this.netlink = netlink;
    }

    /**
     * These names with another namespace's interfaces: what a listing across network namespaces gives each
     * namespace. The cgroup paths (walked once) and the netlink protocol names are shared, since they do not
     * depend on the network namespace; an interface index names a device of one namespace only.
     *
     * @param interfaces names made and used on a thread inside that namespace
     */
    public SystemNames withInterfaces(InterfaceNames interfaces) {
        return new SystemNames(interfaces, cgroups, netlink);
    }

    @Override
    public String interfaceName(int ifindex) {
        return interfaces.name(ifindex);
    }

    @Override
    public String cgroupPath(long id) {
        return cgroups.apply(id);
    }

    @Override
    public String netlinkProtocol(int protocol) {
        return netlink.lookup(protocol);
    }
}
