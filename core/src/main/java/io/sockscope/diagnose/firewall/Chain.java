package io.sockscope.diagnose.firewall;

import java.util.List;

/**
 * A chain with its rules.
 *
 * @param ref      family, table and name
 * @param type     {@code filter}, {@code nat}, {@code route}, or null for a regular chain
 * @param hook     the hook of a base chain, or null for a regular chain (reached only by jump or goto)
 * @param priority the base chain's priority (lower runs first)
 * @param policy   {@code accept} or {@code drop} for base chains, else null
 * @param device   the device of a netdev ingress chain when nft printed it, else null
 * @param rules    the rules in order
 */
public record Chain(ChainRef ref, String type, Hook hook, int priority, String policy, String device,
                    List<Rule> rules) {
    public Chain {
        rules = List.copyOf(rules);
    }

    /** Whether packets enter this chain from a hook (rather than only by jump or goto). */
    public boolean isBase() {
        return hook != null;
    }

    /** How nft describes the chain's head, e.g. {@code hook input priority 0; policy drop}. */
    public String describe() {
        if (!isBase()) {
            return ref.toString();
        }
        return ref + " (hook " + hook.nftName() + (device != null ? " device " + device : "") + " priority "
                + priority + (policy != null ? " policy " + policy : "") + ")";
    }
}
