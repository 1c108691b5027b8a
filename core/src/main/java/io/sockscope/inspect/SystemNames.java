package io.sockscope.inspect;

import io.sockscope.kernel.InterfaceNames;
import io.sockscope.names.Cgroup2Mount;
import io.sockscope.names.CgroupPaths;
import io.sockscope.names.NetlinkProtocolNames;

import java.nio.file.Path;

/**
 * The names entries carry, from this machine: interfaces from the kernel, cgroup paths from the cgroup2 mount
 * (walked once, on first use), netlink protocol names from iproute2's {@code nl_protos}.
 */
public final class SystemNames implements EntryMapper.Names {
    private final InterfaceNames interfaces;
    private final CgroupPaths cgroups = new CgroupPaths(Cgroup2Mount.PROC_MOUNTS);
    private final NetlinkProtocolNames netlink = new NetlinkProtocolNames(Path.of("/etc/iproute2/nl_protos"));

    public SystemNames(InterfaceNames interfaces) {
        this.interfaces = interfaces;
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
