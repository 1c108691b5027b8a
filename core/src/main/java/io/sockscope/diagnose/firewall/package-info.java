/**
 * The nftables input path, read from {@code nft -j list ruleset}: {@link io.sockscope.diagnose.firewall.RulesetParser}
 * builds a {@link io.sockscope.diagnose.firewall.Ruleset}; {@link io.sockscope.diagnose.firewall.FirewallEvaluator}
 * runs a {@link io.sockscope.diagnose.firewall.Probe} (the first packet of a client's connection, as far as it is
 * known) through the base chains of the ingress, prerouting and input hooks in priority order, following
 * jumps, gotos, returns, verdict maps, named sets, ranges and prefixes, and answers accepted, dropped,
 * rejected or unknown. Whatever it cannot decide (an unknown field, a rate limit, an iptables extension match,
 * NAT) it follows both ways, and the answer is known only when every way agrees: it says "unknown" rather
 * than guess. iptables-nft rules live in the same ruleset and are read the same way.
 */
package io.sockscope.diagnose.firewall;
