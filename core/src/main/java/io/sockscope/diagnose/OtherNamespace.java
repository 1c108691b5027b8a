package io.sockscope.diagnose;

import io.sockscope.model.InetSocket;
import io.sockscope.model.Netns;
import io.sockscope.model.Owner;
import io.sockscope.model.Workload;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A network namespace other than the examined one, as far as the doctor reads it. Immutable.
 *
 * @param netns          which namespace: its inode, name and a few of its processes
 * @param addresses      the addresses of its interfaces that are up
 * @param interfaceNames its interface names by index (for sockets bound to a device)
 * @param listeners      its listening sockets of the transport asked for
 * @param owners         the owners of those sockets by inode (absent when not seen)
 * @param workloads      the container, pod or unit each socket's owner runs in, by inode (absent when not known)
 */
public record OtherNamespace(Netns netns, List<LocalAddress> addresses, Map<Integer, String> interfaceNames,
                             List<InetSocket> listeners, Map<Long, List<Owner>> owners,
                             Map<Long, Workload> workloads) {
    public OtherNamespace {
        addresses = List.copyOf(addresses);
        interfaceNames = Map.copyOf(interfaceNames);
        listeners = List.copyOf(listeners);
        owners = Map.copyOf(owners);
        workloads = Map.copyOf(workloads);
    }

    /** The owners of a socket, empty when unknown. */
    public List<Owner> ownersOf(long inode) {
        return inode == 0 ? List.of() : owners.getOrDefault(inode, List.of());
    }

    /** Every owner of these sockets, without repeating a process. */
    public List<Owner> ownersOf(List<InetSocket> sockets) {
        List<Owner> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (InetSocket s : sockets) {
            for (Owner o : ownersOf(s.inode())) {
                if (seen.add(o.pid())) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    /** What runs a socket's owner; {@link Workload#NONE} when unknown. */
    public Workload workloadOf(long inode) {
        return workloads.getOrDefault(inode, Workload.NONE);
    }

    /** The interface address equal to {@code address}, if this namespace has it. */
    public Optional<LocalAddress> address(InetAddress address) {
        return addresses.stream().filter(a -> Arrays.equals(a.address().getAddress(), address.getAddress()))
                .findFirst();
    }
}
