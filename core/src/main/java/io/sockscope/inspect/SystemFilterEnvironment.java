package io.sockscope.inspect;

import io.sockscope.filter.FilterEnvironment;
import io.sockscope.kernel.InterfaceNames;
import io.sockscope.model.AddressFamily;
import io.sockscope.names.ServiceNames;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** The machine facts a filter expression may need: interfaces, host names, services and cgroups. */
public final class SystemFilterEnvironment implements FilterEnvironment {
    private static final Path CGROUP2_MOUNT = Path.of("/sys/fs/cgroup");

    private final InterfaceNames interfaces;
    private final ServiceNames services;

    public SystemFilterEnvironment(InterfaceNames interfaces, ServiceNames services) {
        this.interfaces = interfaces;
        this.services = services;
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
        String relative = path;
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        Path direct = Path.of(path);
        Path candidate = direct.isAbsolute() && direct.startsWith(CGROUP2_MOUNT) ? direct
                : CGROUP2_MOUNT.resolve(relative);
        if (relative.isEmpty() && !direct.startsWith(CGROUP2_MOUNT)) {
            return CgroupLookup.missing("Invalid cgroup2 path");
        }
        try {
            // The cgroup id the kernel reports is the cgroup directory's inode number in the cgroup2 mount.
            Object inode = Files.getAttribute(candidate, "unix:ino");
            return CgroupLookup.found(((Number) inode).longValue());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return CgroupLookup.missing("Failed to get cgroup2 ID: No such file or directory");
        }
    }

    @Override
    public boolean cgroupFilterSupported() {
        return true;
    }
}
