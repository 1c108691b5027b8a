package io.sockscope.diagnose.firewall;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An nftables ruleset as {@code nft -j list ruleset} describes it: chains with their rules, and named sets.
 * Built by {@link RulesetParser}; immutable.
 *
 * @param nftVersion the version nft reported in its metainfo, or null
 * @param chains     every chain, in the order nft listed them
 * @param sets       every named set and map
 * @param skipped    what the parser could not use, one sentence each (never fatal)
 */
public record Ruleset(String nftVersion, List<Chain> chains, List<NamedSet> sets, List<String> skipped) {
    public Ruleset {
        chains = List.copyOf(chains);
        sets = List.copyOf(sets);
        skipped = List.copyOf(skipped);
    }

    /** A ruleset with nothing in it (what a host without firewall rules has). */
    public static Ruleset empty() {
        return new Ruleset(null, List.of(), List.of(), List.of());
    }

    /** The chain {@code name} of the table {@code family table}. */
    public Optional<Chain> chain(String family, String table, String name) {
        return chains.stream()
                .filter(c -> c.ref().family().equals(family) && c.ref().table().equals(table)
                        && c.ref().name().equals(name))
                .findFirst();
    }

    /** The named set or map {@code name} of the table {@code family table}. */
    public Optional<NamedSet> set(String family, String table, String name) {
        return sets.stream()
                .filter(s -> s.family().equals(family) && s.table().equals(table) && s.name().equals(name))
                .findFirst();
    }

    /**
     * The base chains a packet of IP version {@code ipVersion} meets on {@code hooks}: tables of family
     * {@code ip} (IPv4) or {@code ip6} (IPv6), {@code inet} and, on ingress, {@code netdev}; ordered by hook
     * (in the order given), then priority, then listing order (equal priorities have no defined order).
     */
    public List<Chain> baseChains(int ipVersion, List<Hook> hooks) {
        Set<Hook> wanted = hooks.isEmpty() ? EnumSet.noneOf(Hook.class) : EnumSet.copyOf(hooks);
        String ipFamily = ipVersion == 4 ? "ip" : "ip6";
        return chains.stream()
                .filter(Chain::isBase)
                .filter(c -> wanted.contains(c.hook()))
                .filter(c -> {
                    String f = c.ref().family();
                    return f.equals(ipFamily) || f.equals("inet") || (f.equals("netdev") && c.hook() == Hook.INGRESS);
                })
                .sorted(Comparator.<Chain>comparingInt(c -> hooks.indexOf(c.hook())).thenComparingInt(Chain::priority))
                .toList();
    }
}
