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
     * @param location where it is: {@code table inet filter chain input handle 4}
     * @param rule     the rule in nft syntax, or {@code policy drop}
     */
    record FirewallRule(String location, String rule) implements Evidence {
    }

    /** A sentence with numbers: a sysctl, a limit, a count, a file mode. */
    record Fact(String text) implements Evidence {
    }
}
