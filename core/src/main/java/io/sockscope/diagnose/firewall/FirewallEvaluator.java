package io.sockscope.diagnose.firewall;

import io.sockscope.json.JsonValue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the probe packet through the base chains of its hooks (priority order, policies, jumps, gotos,
 * returns, verdict maps), the way nftables does. A condition it cannot decide does not stop it: both
 * possibilities are followed, and the result is known only when every path agrees. A destination NAT to one
 * address ends a path as translated: the packet leaves the input path for that address. A path it cannot follow
 * at all (other NAT, queueing, loops) makes the result unknown.
 */
public final class FirewallEvaluator {
    /** Undecided conditions multiply paths; past this many the answer is "unknown" rather than slow. */
    static final int MAX_PATHS = 256;
    private static final int MAX_JUMP_DEPTH = 16;
    private static final int MAX_STEPS_PER_PATH = 100_000;

    private final Ruleset ruleset;
    private final Probe probe;
    private final MatchEvaluator matches;
    private final List<Chain> bases;

    private FirewallEvaluator(Ruleset ruleset, Probe probe) {
        this.ruleset = ruleset;
        this.probe = probe;
        this.matches = new MatchEvaluator(ruleset, probe);
        this.bases = probe.localClient() ? withoutNatOnReturn(ruleset.baseChains(probe.ipVersion(), probe.hooks()))
                : ruleset.baseChains(probe.ipVersion(), probe.hooks());
    }

    /**
     * A local client's packet meets the nat chains once, on the output hook: when it comes back in on
     * {@code lo}, connection tracking already holds the translation and the nat chains of prerouting and input
     * are not run again.
     */
    private static List<Chain> withoutNatOnReturn(List<Chain> chains) {
        return chains.stream().filter(c -> !("nat".equals(c.type()) && (c.hook() == Hook.PREROUTING
                || c.hook() == Hook.INPUT))).toList();
    }

    /** What {@code ruleset} does with {@code probe}. */
    public static FirewallDecision evaluate(Ruleset ruleset, Probe probe) {
        return new FirewallEvaluator(ruleset, probe).run();
    }

    private FirewallDecision run() {
        List<Terminal> terminals = new ArrayList<>();
        Deque<Path> pending = new ArrayDeque<>();
        pending.push(new Path());
        while (!pending.isEmpty()) {
            Path path = pending.pop();
            terminals.add(follow(path, pending, terminals));
            if (terminals.size() + pending.size() > MAX_PATHS) {
                return new FirewallDecision(FirewallDecision.Outcome.UNKNOWN, List.of(),
                        List.of("more than " + MAX_PATHS + " combinations of undecided conditions"), List.of());
            }
        }
        return DecisionSummary.of(terminals);
    }

    /** Follows one path to its end, queueing a copy at each undecided condition. */
    private Terminal follow(Path p, Deque<Path> pending, List<Terminal> terminals) {
        int steps = 0;
        while (true) {
            if (++steps > MAX_STEPS_PER_PATH) {
                return p.end(FirewallDecision.Outcome.UNKNOWN, null, "the rules loop");
            }
            if (p.stack.isEmpty()) {
                if (p.base == bases.size()) {
                    return p.end(FirewallDecision.Outcome.ACCEPTED, null, null);
                }
                p.stack.push(new Frame(bases.get(p.base), 0, 0));
            }
            Frame f = p.stack.peek();
            Chain base = bases.get(p.base);
            if (f.rule >= f.chain.rules().size()) {
                if (p.stack.size() > 1) {
                    p.stack.pop(); // back to the rule after the jump
                    continue;
                }
                Terminal end = policy(p, base);
                if (end != null) {
                    return end;
                }
                continue;
            }
            Rule rule = f.chain.rules().get(f.rule);
            if (f.element >= rule.elements().size()) {
                f.nextRule();
                continue;
            }
            RuleElement element = rule.elements().get(f.element);
            switch (element) {
                case RuleElement.Match m -> {
                    Tri t = matches.evaluate(m, rule.chain(), base.hook());
                    if (t == Tri.TRUE) {
                        f.element++;
                    } else if (t == Tri.FALSE) {
                        f.nextRule();
                    } else {
                        fork(p, pending, rule, element);
                    }
                }
                case RuleElement.Passive passive -> f.element++;
                case RuleElement.Dnat d -> {
                    if (d.ipVersion() != probe.ipVersion()) {
                        f.element++; // a translation to the other IP version leaves this packet alone
                    } else {
                        FirewallDecision.Step step = new FirewallDecision.Step(f.chain, rule, "dnat");
                        return p.translated(new FirewallDecision.Translation(step, d.address(),
                                d.port() < 0 ? probe.destinationPort() : d.port()));
                    }
                }
                case RuleElement.OpaqueCondition c -> fork(p, pending, rule, element);
                case RuleElement.OpaqueAction a -> {
                    return p.end(FirewallDecision.Outcome.UNKNOWN, new FirewallDecision.Step(f.chain, rule, a.name()),
                            "cannot follow " + RuleText.element(a) + " (" + RuleText.location(rule) + ")");
                }
                case RuleElement.Verdict v -> {
                    Terminal end = verdict(p, rule, v);
                    if (end != null) {
                        return end;
                    }
                }
                case RuleElement.VerdictMap vm -> {
                    Terminal end = verdictMap(p, pending, terminals, rule, vm);
                    if (end != null) {
                        return end;
                    }
                }
            }
        }
    }

    /** The condition may hold or not: this path assumes it holds, a copy queued assumes it does not. */
    private static void fork(Path p, Deque<Path> pending, Rule rule, RuleElement element) {
        Path otherwise = p.copy();
        otherwise.assume(rule, element, false);
        otherwise.stack.peek().nextRule();
        pending.push(otherwise);
        p.assume(rule, element, true);
        p.stack.peek().element++;
    }

    private Terminal policy(Path p, Chain base) {
        p.stack.pop();
        if ("drop".equals(base.policy())) {
            return p.end(FirewallDecision.Outcome.DROPPED, new FirewallDecision.Step(base, null, "drop"), null);
        }
        p.passed.add(new FirewallDecision.Step(base, null, "accept"));
        p.base++;
        return null;
    }

    /** Applies a verdict; returns the end of the path when it ends here. */
    private Terminal verdict(Path p, Rule rule, RuleElement.Verdict v) {
        Frame f = p.stack.peek();
        switch (v.kind()) {
            case ACCEPT -> {
                p.passed.add(new FirewallDecision.Step(f.chain, rule, "accept"));
                p.stack.clear();
                p.base++;
            }
            case DROP -> {
                return p.end(FirewallDecision.Outcome.DROPPED, new FirewallDecision.Step(f.chain, rule, "drop"), null);
            }
            case REJECT -> {
                return p.end(FirewallDecision.Outcome.REJECTED, new FirewallDecision.Step(f.chain, rule, "reject"),
                        null);
            }
            case CONTINUE -> f.nextRule();
            case RETURN -> {
                if (p.stack.size() > 1) {
                    p.stack.pop();
                } else {
                    return policy(p, bases.get(p.base));
                }
            }
            case JUMP, GOTO -> {
                Optional<Chain> target = ruleset.chain(rule.chain().family(), rule.chain().table(), v.target());
                if (target.isEmpty()) {
                    return p.end(FirewallDecision.Outcome.UNKNOWN, null,
                            "the rule jumps to chain " + v.target() + ", which the ruleset does not list ("
                                    + RuleText.location(rule) + ")");
                }
                if (p.stack.size() >= MAX_JUMP_DEPTH) {
                    return p.end(FirewallDecision.Outcome.UNKNOWN, null, "jumps nested deeper than " + MAX_JUMP_DEPTH);
                }
                if (v.kind() == VerdictKind.JUMP) {
                    f.nextRule();
                } else {
                    p.stack.pop();
                }
                p.stack.push(new Frame(target.get(), 0, 0));
            }
        }
        return null;
    }

    private Terminal verdictMap(Path p, Deque<Path> pending, List<Terminal> terminals, Rule rule,
                                RuleElement.VerdictMap vm) {
        Optional<List<JsonValue>> entries = mapEntries(vm.data(), rule.chain());
        if (entries.isEmpty()) {
            return p.end(FirewallDecision.Outcome.UNKNOWN, null,
                    "cannot read the verdict map of " + RuleText.location(rule));
        }
        FieldValue key = new ProbeFields(probe).of(vm.key(), bases.get(p.base).hook());
        List<RuleElement.Verdict> possible = new ArrayList<>();
        boolean certain = false;
        for (JsonValue entry : entries.get()) {
            List<JsonValue> kv = entry.elements();
            if (kv.size() != 2) {
                return p.end(FirewallDecision.Outcome.UNKNOWN, null,
                        "cannot read the verdict map of " + RuleText.location(rule));
            }
            Tri t = key instanceof FieldValue.Absent ? Tri.FALSE : matches.contains(key, kv.get(0), rule.chain());
            if (t == Tri.FALSE) {
                continue;
            }
            if (!(RulesetParser.element(kv.get(1)) instanceof RuleElement.Verdict v)) {
                return p.end(FirewallDecision.Outcome.UNKNOWN, null, "a verdict map entry that is not a verdict ("
                        + RuleText.location(rule) + ")");
            }
            if (t == Tri.TRUE && possible.isEmpty()) {
                return verdict(p, rule, v);
            }
            possible.add(v);
            if (t == Tri.TRUE) {
                certain = true; // keys are unique: no later entry can hit as well
                break;
            }
        }
        if (possible.isEmpty()) {
            p.stack.peek().nextRule(); // no entry matches: the rule ends here
            return null;
        }
        // The key is not known: each entry it may hit is a path, and so is hitting none (unless one surely hits).
        int copies = certain ? possible.size() - 1 : possible.size();
        for (int i = 0; i < copies; i++) {
            Path hit = p.copy();
            hit.assume(rule, vm, true);
            Terminal end = verdict(hit, rule, possible.get(i));
            if (end != null) {
                terminals.add(end);
            } else {
                pending.push(hit);
            }
        }
        if (certain) {
            p.assume(rule, vm, true);
            return verdict(p, rule, possible.getLast());
        }
        p.assume(rule, vm, false);
        p.stack.peek().nextRule();
        return null;
    }

    private Optional<List<JsonValue>> mapEntries(JsonValue data, ChainRef chain) {
        if (data.string().filter(s -> s.startsWith("@")).isPresent()) {
            return ruleset.set(chain.family(), chain.table(), data.string().get().substring(1))
                    .map(NamedSet::elements);
        }
        return data.member("set").map(JsonValue::elements);
    }

    /** A position in a chain: the rule, and the expression within it. */
    private static final class Frame {
        final Chain chain;
        int rule;
        int element;

        Frame(Chain chain, int rule, int element) {
            this.chain = chain;
            this.rule = rule;
            this.element = element;
        }

        void nextRule() {
            rule++;
            element = 0;
        }
    }

    /** One way through the ruleset: which base chain, the call stack, and what was assumed on the way. */
    private final class Path {
        int base;
        final Deque<Frame> stack = new ArrayDeque<>();
        final List<FirewallDecision.Step> passed = new ArrayList<>();
        final List<Assumption> assumptions = new ArrayList<>();

        Path copy() {
            Path c = new Path();
            c.base = base;
            // ArrayDeque iterates from the top; adding at the end keeps that order.
            for (Frame f : stack) {
                c.stack.addLast(new Frame(f.chain, f.rule, f.element));
            }
            c.passed.addAll(passed);
            c.assumptions.addAll(assumptions);
            return c;
        }

        void assume(Rule rule, RuleElement element, boolean holds) {
            assumptions.add(new Assumption(rule, element, holds));
        }

        Terminal end(FirewallDecision.Outcome outcome, FirewallDecision.Step step, String reason) {
            return new Terminal(outcome, step, List.copyOf(passed), List.copyOf(assumptions), reason, null);
        }

        Terminal translated(FirewallDecision.Translation translation) {
            return new Terminal(FirewallDecision.Outcome.TRANSLATED, translation.step(), List.copyOf(passed),
                    List.copyOf(assumptions), null, translation);
        }
    }

    /** A condition taken as holding (or not) on one path. */
    record Assumption(Rule rule, RuleElement element, boolean holds) {
        String describe() {
            return (holds ? "if " : "unless ") + RuleText.element(element) + " matches ("
                    + RuleText.location(rule) + ")";
        }

        String condition() {
            return RuleText.element(element) + " (" + RuleText.location(rule) + ")";
        }
    }

    /** How one path ended; {@code translation} is where a destination NAT sent the packet, else null. */
    record Terminal(FirewallDecision.Outcome outcome, FirewallDecision.Step step, List<FirewallDecision.Step> passed,
                    List<Assumption> assumptions, String reason, FirewallDecision.Translation translation) {
        Set<String> conditions() {
            Set<String> out = new LinkedHashSet<>();
            for (Assumption a : assumptions) {
                out.add(a.condition());
            }
            return out;
        }
    }
}
