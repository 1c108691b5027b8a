package io.sockscope.attribution;

import io.sockscope.model.InetSocket;
import io.sockscope.model.Owner;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.Workload;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * What runs each socket's owner: by the cgroup the kernel tagged the socket with ({@code INET_DIAG_CGROUP_ID},
 * inet sockets on a cgroup v2 host), else by the cgroup of the first process holding it when owners were looked
 * for (unix, packet and netlink sockets, cgroup v1 hosts, old kernels). A socket with neither has no workload.
 * The one rule for a listing across namespaces, the command's ({@code --all-netns}) and the library's
 * ({@code SocketQuery.allNamespaces()}) alike.
 *
 * <p>As safe for several threads as the owner lookup it is given; the resolver is.
 */
public final class SocketWorkloads implements Function<SocketRecord, Workload> {
    private final WorkloadResolver resolver;
    private final LongFunction<List<Owner>> owners;

    /**
     * @param owners the holders of a socket by inode, in ss's order (empty when none is known), or null when
     *               owners were not looked for
     */
    public SocketWorkloads(WorkloadResolver resolver, LongFunction<List<Owner>> owners) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
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
            List<Owner> holding = owners.apply(socket.inode());
            if (!holding.isEmpty()) {
                return resolver.forPid(holding.getFirst().pid());
            }
        }
        return Workload.NONE;
    }
}
