package io.sockscope.diagnose;

/** The packet filter ruleset of the examined network namespace. */
@FunctionalInterface
public interface FirewallProvider {
    /** The ruleset as {@code nft -j list ruleset} prints it. */
    String rulesetJson() throws ProviderException;
}
