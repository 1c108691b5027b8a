package io.sockscope.diagnose;

import io.sockscope.model.Netns;
import io.sockscope.model.Workload;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a finding rests on: sockets (shown as ss rows), sockets of another network namespace, a firewall rule, or
 * a fact with its numbers.
 */
public sealed interface Evidence {
    /** Sockets, shown the way {@code ss -nap} shows them. */
    record Sockets(List<SocketSighting> sockets) implements Evidence {
        public Sockets {
            sockets = List.copyOf(sockets);
        }
    }

    /**
     * Sockets of another network namespace, all run by one workload.
     *
     * @param netns          the namespace
     * @param workload       the container, pod or unit their owners run in; {@link Workload#NONE} when unknown
     * @param interfaceNames the namespace's interface names by index: a socket bound to a device names one of
     *                       these, not one of the examined namespace's
     * @param sockets        the sockets, shown the way {@code ss -nap} run inside the namespace shows them
     */
    record NamespaceSockets(Netns netns, Workload workload, Map<Integer, String> interfaceNames,
                            List<SocketSighting> sockets) implements Evidence {
        public NamespaceSockets {
            Objects.requireNonNull(netns, "netns");
            Objects.requireNonNull(workload, "workload");
            interfaceNames = Map.copyOf(interfaceNames);
            sockets = List.copyOf(sockets);
        }

        /** The line above the rows: {@code in network namespace pid:812 (container web, docker 3f2a1b2c3d4e):}. */
        public String heading() {
            return "in " + NamespaceText.of(netns, workload) + ":";
        }
    }

    /**
     * A firewall rule (or chain policy).
     *
     * @param family   the table's family: {@code ip}, {@code ip6}, {@code inet}, {@code netdev}…
     * @param table    the table's name
     * @param chain    the chain's name
     * @param handle   the rule's handle (what {@code nft delete rule … handle N} takes), or -1 for a chain's policy
     * @param location where it is, in words: {@code table inet filter chain input handle 4}
     * @param rule     the rule in nft syntax, or {@code policy drop}
     */
    record FirewallRule(String family, String table, String chain, long handle, String location, String rule)
            implements Evidence {
    }

    /** A sentence with numbers: a sysctl, a limit, a count, a file mode. */
    record Fact(String text) implements Evidence {
    }
}
