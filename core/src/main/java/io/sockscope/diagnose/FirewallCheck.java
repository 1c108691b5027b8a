package io.sockscope.diagnose;

import io.sockscope.diagnose.firewall.Chain;
import io.sockscope.diagnose.firewall.ChainRef;
import io.sockscope.diagnose.firewall.FirewallDecision;
import io.sockscope.diagnose.firewall.FirewallEvaluator;
import io.sockscope.diagnose.firewall.Probe;
import io.sockscope.diagnose.firewall.Rule;
import io.sockscope.diagnose.firewall.RuleText;
import io.sockscope.model.InetSocket;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The second step of the method, separate from the first: can the packet reach the socket? Runs the client's
 * first packet through the nftables input path ({@code FIREWALL_BLOCKED}), or says why it cannot tell
 * ({@code FIREWALL_UNKNOWN}).
 */
final class FirewallCheck {
    private FirewallCheck() {
    }

    /** What the firewall does with the client's first packet, as far as the doctor can tell. */
    enum Reach {
        /** Accepted, or no chain on the input path. */
        LETS_THROUGH,
        /** Dropped or rejected ({@code FIREWALL_BLOCKED}). */
        BLOCKS,
        /** The ruleset could not be read: nothing is known of what it does. */
        NOT_READ,
        /** The firewall was left out of the question ({@code --no-firewall}). */
        NOT_EXAMINED,
        /** Some clients get through and others do not, by their source address: {@code --from} decides. */
        DEPENDS_ON_ADDRESS,
        /** It depends on what the doctor cannot decide: a rate limit, a mark, NAT it cannot follow. */
        UNDECIDED,
        /**
         * A destination NAT rule sends the packet to another address on every path: whatever listens here, the
         * client's connection is served (or not) there ({@link PublishedPortCheck}).
         */
        TRANSLATED;

        /**
         * Whether the verdict cannot be OK: the answer differs between clients, or the ruleset that would give it
         * could not be read (some or all clients may time out, and a health check must not read that as OK).
         */
        boolean leavesVerdictOpen() {
            return this == DEPENDS_ON_ADDRESS || this == UNDECIDED || this == NOT_READ;
        }
    }

    /**
     * The check's finding, if any, and what the verdict line should say of the firewall.
     *
     * @param findings     {@code FIREWALL_BLOCKED} or {@code FIREWALL_UNKNOWN}, or none
     * @param reach        what the firewall does with the packet
     * @param translations the destination NAT rules the packet meets on some path (on every path when
     *                     {@code reach} is {@link Reach#TRANSLATED})
     */
    record Result(List<Finding> findings, Reach reach, List<FirewallDecision.Translation> translations) {
        Result {
            findings = List.copyOf(findings);
            translations = List.copyOf(translations);
        }

        Result(List<Finding> findings, Reach reach) {
            this(findings, reach, List.of());
        }
    }

    /**
     * What the firewall does with the client's first packet, or null when it is not examined or its ruleset could
     * not be read. Cheap (the ruleset is in memory): the doctor asks before deciding whether to read the other
     * network namespaces, to learn where destination NAT rules may send the packet.
     */
    static FirewallDecision decision(InetExamination ex) {
        if (!ex.examineFirewall || ex.snapshot.ruleset() == null) {
            return null;
        }
        return FirewallEvaluator.evaluate(ex.snapshot.ruleset(), probe(ex));
    }

    /** The finding, if any; what let the packet through goes to {@code observations}. */
    static Result run(InetExamination ex, List<Evidence> observations) {
        if (!ex.examineFirewall) {
            observations.add(new Evidence.Fact("firewall: not examined (--no-firewall)"));
            return new Result(List.of(), Reach.NOT_EXAMINED);
        }
        if (ex.snapshot.ruleset() == null) {
            return new Result(List.of(new Finding(FindingCode.FIREWALL_UNKNOWN, Severity.INFO,
                    "the firewall ruleset could not be read, so whether it lets " + ex.path.describe()
                            + " through is unknown",
                    List.of(new Evidence.Fact(ex.snapshot.rulesetProblem())),
                    "Run the doctor as root with nft installed (listing the ruleset needs CAP_NET_ADMIN), or pass"
                            + " --no-firewall to leave the firewall out of the verdict.")), Reach.NOT_READ);
        }
        Probe probe = probe(ex);
        FirewallDecision decision = FirewallEvaluator.evaluate(ex.snapshot.ruleset(), probe);
        String what = ex.transport().label() + " port " + ex.target.port();
        switch (decision.outcome()) {
            case ACCEPTED -> {
                if (decision.deciding().isEmpty()) {
                    observations.add(new Evidence.Fact("firewall: no nftables chain on the input path"));
                }
                for (FirewallDecision.Step step : decision.deciding()) {
                    if (step.rule() != null) {
                        observations.add(rule(step.rule()));
                    } else {
                        observations.add(policy(step.chain(), "accept"));
                    }
                }
                return new Result(List.of(), Reach.LETS_THROUGH);
            }
            case DROPPED, REJECTED -> {
                return new Result(List.of(blocked(ex, decision, what)), Reach.BLOCKS);
            }
            case TRANSLATED -> {
                return new Result(List.of(), Reach.TRANSLATED, decision.translations());
            }
            default -> {
                List<Evidence> evidence = new ArrayList<>();
                for (String u : decision.undecided()) {
                    evidence.add(new Evidence.Fact("undecided: " + u));
                }
                for (String a : decision.alternatives()) {
                    evidence.add(new Evidence.Fact("possible: " + a));
                }
                boolean byAddress = ex.path.source() == null
                        && decision.undecided().stream().anyMatch(u -> u.contains("saddr"));
                return new Result(List.of(new Finding(FindingCode.FIREWALL_UNKNOWN, Severity.INFO,
                        "whether the firewall lets " + ex.path.describe() + " through to " + what
                                + " depends on " + (byAddress ? "the client's address" : "what the doctor cannot see"),
                        evidence,
                        byAddress
                                ? "Give the client's address with --from so that rules on the source address can be"
                                + " decided."
                                : null)), byAddress ? Reach.DEPENDS_ON_ADDRESS : Reach.UNDECIDED,
                        decision.translations());
            }
        }
    }

    private static Finding blocked(InetExamination ex, FirewallDecision decision, String what) {
        boolean rejected = decision.outcome() == FirewallDecision.Outcome.REJECTED;
        List<Evidence> evidence = new ArrayList<>();
        Set<String> fixes = new LinkedHashSet<>();
        for (FirewallDecision.Step step : decision.deciding()) {
            if (step.rule() == null) {
                evidence.add(policy(step.chain(), step.verdict()));
                evidence.add(new Evidence.Fact("no rule of " + step.chain().ref() + " accepts the packet before"
                        + " the policy"));
                fixes.add(acceptRule(ex, step, null));
            } else {
                evidence.add(rule(step.rule()));
                fixes.add(acceptRule(ex, step, step.rule()));
            }
        }
        evidence.add(new Evidence.Fact("the packet: " + describeProbe(ex)));
        String consequence = rejected ? "clients get 'connection refused'" : "clients time out";
        return new Finding(FindingCode.FIREWALL_BLOCKED, Severity.ERROR,
                "the firewall " + (rejected ? "rejects" : "drops") + " " + what + " for " + ex.path.describe()
                        + " (" + consequence + ")",
                evidence, String.join(" ", fixes));
    }

    static Evidence.FirewallRule rule(Rule rule) {
        ChainRef c = rule.chain();
        return new Evidence.FirewallRule(c.family(), c.table(), c.name(), rule.handle(), RuleText.location(rule),
                RuleText.of(rule));
    }

    private static Evidence.FirewallRule policy(Chain chain, String verdict) {
        ChainRef c = chain.ref();
        return new Evidence.FirewallRule(c.family(), c.table(), c.name(), -1, chain.describe(), "policy " + verdict);
    }

    /** A command that lets the port through, in the tool that owns the table. */
    private static String acceptRule(InetExamination ex, FirewallDecision.Step step, Rule rule) {
        var chain = step.chain().ref();
        String proto = ex.transport().label();
        int port = ex.target.port();
        boolean iptables = (chain.family().equals("ip") || chain.family().equals("ip6"))
                && chain.name().equals(chain.name().toUpperCase()) && chain.table().equals("filter");
        if (iptables) {
            String tool = chain.family().equals("ip") ? "iptables" : "ip6tables";
            // iptables numbers rules by position in the chain, from 1.
            int position = rule != null ? step.chain().rules().indexOf(rule) + 1 : 0;
            return "Let it through with '" + tool + " -I " + chain.name() + " -p " + proto + " --dport " + port
                    + " -j ACCEPT' (this table is managed by iptables-nft)" + (position > 0
                    ? ", or delete the rule that " + step.verdict() + "s it: '" + tool + " -D " + chain.name() + " "
                    + position + "'" : "") + "; then save the rules where your system restores them from.";
        }
        String position = rule != null ? " position " + rule.handle() : "";
        return "Let it through with 'nft insert rule " + chain.family() + " " + chain.table() + " " + chain.name()
                + position + " " + proto + " dport " + port + " accept'" + (rule != null
                ? ", or remove the rule: 'nft delete rule " + chain.family() + " " + chain.table() + " "
                + chain.name() + " handle " + rule.handle() + "'" : "") + "; then make the change permanent in the"
                + " ruleset file (/etc/nftables.conf).";
    }

    private static String describeProbe(InetExamination ex) {
        Probe p = probe(ex);
        return "IPv" + p.ipVersion() + " " + p.transport() + " from "
                + (p.source() != null ? ReadableAddress.of(p.source()) : "an unknown address") + " to "
                + (p.destinations().isEmpty() ? "this host" : String.join(" or ",
                p.destinations().stream().map(ReadableAddress::of).toList())) + " port " + p.destinationPort()
                + (p.inputInterfaces().isEmpty() ? "" : " arriving on " + String.join(" or ", p.inputInterfaces()))
                + ", connection tracking state new";
    }

    /** The client's first packet, as far as it is known. */
    static Probe probe(InetExamination ex) {
        ClientPath path = ex.path;
        List<InetAddress> destinations = new ArrayList<>();
        if (path.destination() != null) {
            destinations.add(path.destination());
        } else {
            // Any address of the right family the client can reach, narrowed to those a listener takes.
            List<InetAddress> candidates = new ArrayList<>();
            for (LocalAddress a : ex.snapshot.addresses()) {
                boolean family = (a.address().getAddress().length == 4) == (path.ipVersion() == 4);
                if (family && (path.local() || !a.address().isLoopbackAddress())) {
                    candidates.add(a.address());
                }
            }
            List<InetAddress> taken = candidates.stream().filter(a -> takenBySomeListener(ex, a)).toList();
            destinations.addAll(taken.isEmpty() ? candidates : taken);
        }
        return new Probe(path.ipVersion(), ex.transport().label(), path.source(), destinations, ex.target.port(),
                path.interfaces(), path.local());
    }

    private static boolean takenBySomeListener(InetExamination ex, InetAddress a) {
        for (InetSocket s : ex.accepting()) {
            byte[] bound = s.local().address();
            boolean mappedMatch = ReadableAddress.isMapped(bound)
                    && Arrays.equals(Arrays.copyOfRange(bound, 12, 16), a.getAddress());
            if (s.local().isWildcard() || Arrays.equals(bound, a.getAddress()) || mappedMatch) {
                return true;
            }
        }
        return false;
    }
}
