package io.sockscope.diagnose;

import io.sockscope.diagnose.firewall.Ruleset;
import io.sockscope.model.InetSocket;
import io.sockscope.model.Owner;
import io.sockscope.model.ProcessLimits;
import io.sockscope.model.UnixSocket;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the checks look at, read once from the providers so that every check sees the same moment.
 * Immutable. Parts a query does not need are empty.
 *
 * @param inet            TCP and UDP sockets, every state
 * @param unix            unix sockets
 * @param owners          owners by socket inode (for the sockets the checks care about)
 * @param ownerLimitation why owners may be missing, or null when every process could be inspected
 * @param sysctls         the kernel settings the checks use, by sysctl name
 * @param limits          descriptor limits of the owners that matter, by pid
 * @param ruleset         the firewall ruleset, or null when it could not be read
 * @param rulesetProblem  why it could not be read, or null
 * @param addresses       local interface addresses
 * @param interfaceNames  interface names by index
 * @param counters        TcpExt counters
 * @param path            for unix targets, each component of the path from the root down
 * @param account         the user whose permissions are judged (unix targets, binds), or null
 * @param connectProbe    for unix targets whose file nobody in this namespace listens on, what connect said; or null
 * @param notes           what could not be read, one sentence each
 * @param others          the other network namespaces, or null when the doctor did not look past its own (it
 *                        looks only when nothing listens on the port here, or a destination NAT rule sends the
 *                        client's packets elsewhere)
 */
public record Snapshot(
        Map<Transport, List<InetSocket>> inet,
        List<UnixSocket> unix,
        Map<Long, List<Owner>> owners,
        String ownerLimitation,
        Map<String, String> sysctls,
        Map<Integer, ProcessLimits> limits,
        Ruleset ruleset,
        String rulesetProblem,
        List<LocalAddress> addresses,
        Map<Integer, String> interfaceNames,
        Map<String, Long> counters,
        List<PathStep> path,
        Account account,
        UnixConnectProbe.Result connectProbe,
        List<String> notes,
        OtherNamespaces others) {

    public Snapshot {
        inet = Map.copyOf(inet);
        unix = List.copyOf(unix);
        owners = Map.copyOf(owners);
        sysctls = Map.copyOf(sysctls);
        limits = Map.copyOf(limits);
        addresses = List.copyOf(addresses);
        interfaceNames = Map.copyOf(interfaceNames);
        counters = Map.copyOf(counters);
        path = List.copyOf(path);
        notes = List.copyOf(notes);
    }

    /**
     * This snapshot with the other network namespaces read as well.
     *
     * @param note what could not be read of them, or null
     */
    public Snapshot withOthers(OtherNamespaces read, String note) {
        List<String> more = new java.util.ArrayList<>(notes);
        if (note != null) {
            more.add(note);
        }
        return new Snapshot(inet, unix, owners, ownerLimitation, sysctls, limits, ruleset, rulesetProblem, addresses,
                interfaceNames, counters, path, account, connectProbe, more, read);
    }

    /** The sockets of one transport. */
    public List<InetSocket> inet(Transport transport) {
        return inet.getOrDefault(transport, List.of());
    }

    /** The owners of a socket, empty when unknown. */
    public List<Owner> ownersOf(long inode) {
        return inode == 0 ? List.of() : owners.getOrDefault(inode, List.of());
    }

    /** A sysctl's value. */
    public Optional<String> sysctl(String name) {
        return Optional.ofNullable(sysctls.get(name));
    }
}
