package io.sockscope.diagnose.firewall;

import java.net.InetAddress;
import java.util.List;

/**
 * What the ruleset does with the probe packet.
 *
 * @param outcome      accepted, dropped, rejected, translated, or unknown when it depends on something the doctor
 *                     cannot see
 * @param deciding     for a blocked packet, the rule (or chain policy) that blocked it on each possible path;
 *                     for an accepted one, what let it through in each base chain it passed; for a translated one,
 *                     the rule that translated it
 * @param undecided    for an unknown outcome, the conditions and actions that could not be decided or followed
 * @param alternatives for an unknown outcome, the different results and what each depends on
 * @param translations every destination NAT the packet meets on some path, in the order found (the one of a
 *                     translated outcome; for an unknown outcome those of the paths that were translated)
 */
public record FirewallDecision(Outcome outcome, List<Step> deciding, List<String> undecided,
                               List<String> alternatives, List<Translation> translations) {
    public FirewallDecision {
        deciding = List.copyOf(deciding);
        undecided = List.copyOf(undecided);
        alternatives = List.copyOf(alternatives);
        translations = List.copyOf(translations);
    }

    /** A decision no path of which met a destination NAT. */
    public FirewallDecision(Outcome outcome, List<Step> deciding, List<String> undecided, List<String> alternatives) {
        this(outcome, deciding, undecided, alternatives, List.of());
    }

    /** The result for the packet. */
    public enum Outcome {
        ACCEPTED,
        DROPPED,
        REJECTED,
        /**
         * A destination NAT rule sent the packet to another address (or port): it leaves the input path, and the
         * socket that gets it is wherever that address is. What the firewall does after the translation (the
         * forward path to another network namespace) is not evaluated.
         */
        TRANSLATED,
        UNKNOWN
    }

    /**
     * Where a destination NAT rule sends the packet.
     *
     * @param step    the rule that translates it (its verdict {@code dnat})
     * @param address the new destination address
     * @param port    the new destination port (the packet's own when the rule keeps it)
     */
    public record Translation(Step step, InetAddress address, int port) {
    }

    /** Whether the packet certainly does not reach the socket. */
    public boolean blocked() {
        return outcome == Outcome.DROPPED || outcome == Outcome.REJECTED;
    }

    /**
     * One decisive step: a rule's verdict, or a base chain's policy ({@code rule} null).
     *
     * @param chain   the chain
     * @param rule    the rule, or null for the policy
     * @param verdict what happened: {@code accept}, {@code drop}, {@code reject}
     */
    public record Step(Chain chain, Rule rule, String verdict) {
        /** Where and what, e.g. {@code table inet filter chain input handle 7: tcp dport 8080 drop}. */
        public String describe() {
            if (rule == null) {
                return chain.describe() + ": policy " + verdict;
            }
            return RuleText.location(rule) + ": " + RuleText.of(rule);
        }
    }
}
