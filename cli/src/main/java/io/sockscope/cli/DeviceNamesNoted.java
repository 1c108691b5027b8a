package io.sockscope.cli;

import io.sockscope.filter.FilterEnvironment;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A filter environment that notes whether the expression named an interface ({@code dev eth0},
 * {@code src 10.0.0.1%eth0}): every network namespace numbers its own interfaces, so a name resolved in the
 * namespace sockscope runs in would match whatever device has that index in each other one. {@code --all-netns}
 * refuses such an expression rather than list the wrong sockets.
 */
final class DeviceNamesNoted implements FilterEnvironment {
    private final FilterEnvironment system;
    private String named;

    DeviceNamesNoted(FilterEnvironment system) {
        this.system = system;
    }

    /** The first interface name the expression asked for, or null. */
    String named() {
        return named;
    }

    @Override
    public int interfaceIndex(String name) {
        if (named == null) {
            named = name;
        }
        return system.interfaceIndex(name);
    }

    @Override
    public List<byte[]> resolveHost(String name, int family) {
        return system.resolveHost(name, family);
    }

    @Override
    public OptionalInt servicePort(String name, String protocol) {
        return system.servicePort(name, protocol);
    }

    @Override
    public CgroupLookup cgroupId(String path) {
        return system.cgroupId(path);
    }

    @Override
    public boolean cgroupFilterSupported() {
        return system.cgroupFilterSupported();
    }

    @Override
    public List<RpcService> rpcServices() {
        return system.rpcServices();
    }

    @Override
    public Map<Integer, String> netlinkProtocolNames() {
        return system.netlinkProtocolNames();
    }
}
