package io.sockscope.cli;

import io.sockscope.attribution.WorkloadResolver;
import io.sockscope.model.InetSocket;
import io.sockscope.model.Owner;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.Workload;
import io.sockscope.render.OwnerLookup;

import java.util.List;
import java.util.function.Function;

/**
 * What runs each socket's owner: by the cgroup the kernel tagged the socket with ({@code INET_DIAG_CGROUP_ID},
 * inet sockets on a cgroup v2 host), else by the cgroup of the first process holding it when owners were looked
 * for ({@code -p}: unix, packet and netlink sockets, cgroup v1 hosts, old kernels). A socket with neither has
 * no workload.
 */
final class SocketWorkloads implements Function<SocketRecord, Workload> {
    private final WorkloadResolver resolver;
    private final OwnerLookup owners;

    /** @param owners the owner join, or null when owners were not looked for */
    SocketWorkloads(WorkloadResolver resolver, OwnerLookup owners) {
        this.resolver = resolver;
        this.owners = owners;
    }

    @Override
    public Workload apply(SocketRecord socket) {
        if (socket instanceof InetSocket inet && inet.cgroupId() != 0) {
            Workload tagged = resolver.forCgroupId(inet.cgroupId());
            if (!tagged.isEmpty()) {
                return tagged;
            }
        }
        if (owners != null && socket.inode() != 0) {
            List<Owner> holding = owners.owners(socket.inode());
            if (!holding.isEmpty()) {
                return resolver.forPid(holding.getFirst().pid());
            }
        }
        return Workload.NONE;
    }
}
