package io.sockscope.diagnose;

import java.util.Optional;

/** The packet filter ruleset of the examined network namespace. */
public interface FirewallProvider {
    /** The ruleset as {@code nft -j list ruleset} prints it. */
    String rulesetJson() throws ProviderException;

    /**
     * The ruleset as {@code nft -a list ruleset} prints it (text, with rule handles), or empty when not
     * available. Asked for only when the JSON holds iptables extension ({@code xt}) expressions: nft's JSON
     * names them without their arguments, while its text form shows what they test.
     */
    default Optional<String> rulesetText() throws ProviderException {
        return Optional.empty();
    }
}
