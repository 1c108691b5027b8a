package io.sockscope.filter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A {@link FilterEnvironment} answering from tables the test fills in: interfaces, host names per family,
 * services per protocol, cgroup paths. Unknown names are unknown, as on a machine without them.
 */
final class MapEnvironment implements FilterEnvironment {
    private final Map<String, Integer> interfaces = new HashMap<>();
    private final Map<String, List<byte[]>> hosts = new HashMap<>();
    private final Map<String, Integer> services = new HashMap<>();
    private final Map<String, Long> cgroups = new HashMap<>();
    private final List<RpcService> rpc = new ArrayList<>();
    private boolean cgroupSupported = true;
    /** Every question asked, in order, so tests can check when ss would have asked. */
    final List<String> questions = new ArrayList<>();

    MapEnvironment iface(String name, int index) {
        interfaces.put(name, index);
        return this;
    }

    MapEnvironment host(String name, int family, byte[] address) {
        hosts.computeIfAbsent(name + "/" + family, k -> new ArrayList<>()).add(address);
        return this;
    }

    MapEnvironment service(String name, String protocol, int port) {
        services.put(name + "/" + protocol, port);
        return this;
    }

    MapEnvironment cgroup(String path, long id) {
        cgroups.put(path, id);
        return this;
    }

    MapEnvironment rpc(String name, String protocol, int port) {
        rpc.add(new RpcService(name, protocol, port));
        return this;
    }

    MapEnvironment cgroupSupported(boolean supported) {
        cgroupSupported = supported;
        return this;
    }

    @Override
    public int interfaceIndex(String name) {
        questions.add("iface " + name);
        return interfaces.getOrDefault(name, 0);
    }

    @Override
    public List<byte[]> resolveHost(String name, int family) {
        questions.add("host " + name + " " + family);
        return hosts.getOrDefault(name + "/" + family, List.of());
    }

    @Override
    public OptionalInt servicePort(String name, String protocol) {
        questions.add("service " + name + " " + protocol);
        Integer p = services.get(name + "/" + protocol);
        return p == null ? OptionalInt.empty() : OptionalInt.of(p);
    }

    @Override
    public CgroupLookup cgroupId(String path) {
        questions.add("cgroup " + path);
        Long id = cgroups.get(path);
        return id == null ? CgroupLookup.missing("Failed to get cgroup2 ID: No such file or directory")
                : CgroupLookup.found(id);
    }

    @Override
    public boolean cgroupFilterSupported() {
        questions.add("cgroup-support");
        return cgroupSupported;
    }

    @Override
    public List<RpcService> rpcServices() {
        return rpc;
    }
}
