package io.sockscope.inspect;

import io.sockscope.filter.FilterEnvironment;
import io.sockscope.kernel.InterfaceNames;
import io.sockscope.model.AddressFamily;
import io.sockscope.names.MountTable;
import io.sockscope.names.ServiceNames;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** The machine facts a filter expression may need: interfaces, host names, services and cgroups. */
public final class SystemFilterEnvironment implements FilterEnvironment {
    private final InterfaceNames interfaces;
    private final ServiceNames services;
    private final Cgroup2Ids cgroups;

    /**
     * @param mounts the mount table cgroup paths are resolved against, as ss sees it: {@link MountTable#PROC},
     *               or after {@code -N}, or a fixture
     */
    public SystemFilterEnvironment(InterfaceNames interfaces, ServiceNames services, MountTable mounts) {
        this.interfaces = interfaces;
        this.services = services;
        this.cgroups = new Cgroup2Ids(mounts);
    }

    @Override
    public int interfaceIndex(String name) {
        return interfaces.index(name);
    }

    @Override
    public List<byte[]> resolveHost(String name, int family) {
        int length = family == AddressFamily.INET ? 4 : 16;
        List<byte[]> found = new ArrayList<>();
        if (name.indexOf('%') >= 0) {
            // The JDK reads "fe80::1%eth0" as a scoped literal; ss takes no scope in a filter and refuses it.
            return found;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(name)) {
                byte[] bytes = a.getAddress();
                if (bytes.length == length) {
                    found.add(bytes);
                }
            }
        } catch (UnknownHostException | SecurityException e) {
            // An unknown name is the parser's error to report, as in ss.
        }
        return found;
    }

    @Override
    public OptionalInt servicePort(String name, String protocol) {
        int port = services.portOf(name, protocol);
        return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    @Override
    public CgroupLookup cgroupId(String path) {
        return cgroups.idOf(path);
    }

    @Override
    public boolean cgroupFilterSupported() {
        return true;
    }
}
