package io.sockscope.diagnose.firewall;

import java.util.List;

/**
 * One rule of a chain.
 *
 * @param chain    the chain holding it
 * @param handle   nft's handle (stable identifier within the table), -1 when absent
 * @param elements its expressions in order
 * @param comment  the rule's comment, or null
 */
public record Rule(ChainRef chain, long handle, List<RuleElement> elements, String comment) {
    public Rule {
        elements = List.copyOf(elements);
    }
}
