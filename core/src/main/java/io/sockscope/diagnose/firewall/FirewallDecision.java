package io.sockscope.diagnose.firewall;

import java.util.List;

/**
 * What the ruleset does with the probe packet.
 *
 * @param outcome      accepted, dropped, rejected, or unknown when it depends on something the doctor cannot see
 * @param deciding     for a blocked packet, the rule (or chain policy) that blocked it on each possible path;
 *                     for an accepted one, what let it through in each base chain it passed
 * @param undecided    for an unknown outcome, the conditions and actions that could not be decided or followed
 * @param alternatives for an unknown outcome, the different results and what each depends on
 */
public record FirewallDecision(Outcome outcome, List<Step> deciding, List<String> undecided,
                               List<String> alternatives) {
    public FirewallDecision {
        deciding = List.copyOf(deciding);
        undecided = List.copyOf(undecided);
        alternatives = List.copyOf(alternatives);
    }

    /** The result for the packet. */
    public enum Outcome {
        ACCEPTED,
        DROPPED,
        REJECTED,
        UNKNOWN
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
