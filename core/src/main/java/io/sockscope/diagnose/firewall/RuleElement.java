package io.sockscope.diagnose.firewall;

import io.sockscope.diagnose.json.JsonValue;

/**
 * One expression of a rule, in order: nftables evaluates a rule's expressions left to right and stops at the
 * first match that fails or at the verdict.
 */
public sealed interface RuleElement {
    /** The JSON object nft printed for this expression. */
    JsonValue raw();

    /** A comparison: {@code left op right}, where {@code op} is {@code ==}, {@code !=}, {@code in}, {@code <}… */
    record Match(Operand left, String op, JsonValue right, JsonValue raw) implements RuleElement {
    }

    /** A verdict statement; {@code target} is the chain of a jump or goto, else null. */
    record Verdict(VerdictKind kind, String target, JsonValue raw) implements RuleElement {
    }

    /** {@code KEY vmap { value : verdict, … }} or {@code vmap @name}: {@code data} is the inline set or "@name". */
    record VerdictMap(Operand key, JsonValue data, JsonValue raw) implements RuleElement {
    }

    /** A statement that never changes the verdict: counter, log, notrack, mark setting, … */
    record Passive(String name, JsonValue raw) implements RuleElement {
    }

    /** A condition the doctor cannot decide (rate limits, quotas, iptables extension matches): may stop the rule. */
    record OpaqueCondition(String name, JsonValue raw) implements RuleElement {
    }

    /** An action the doctor cannot follow (NAT, queueing to user space, unknown iptables targets). */
    record OpaqueAction(String name, JsonValue raw) implements RuleElement {
    }
}
