package io.sockscope.diagnose;

import java.util.List;

/** What a finding rests on: sockets (shown as ss rows), a firewall rule, or a fact with its numbers. */
public sealed interface Evidence {
    /** Sockets, shown the way {@code ss -nap} shows them. */
    record Sockets(List<SocketSighting> sockets) implements Evidence {
        public Sockets {
            sockets = List.copyOf(sockets);
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
