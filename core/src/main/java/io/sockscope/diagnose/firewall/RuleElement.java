package io.sockscope.diagnose.firewall;

import io.sockscope.json.JsonValue;

import java.net.Inet4Address;
import java.net.InetAddress;

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

    /**
     * Destination NAT to one address, and port when given: {@code dnat to 10.0.0.2:80}, {@code dnat ip to …} in an
     * {@code inet} table, and iptables' {@code -j DNAT --to-destination}. The packet leaves the input path for that
     * address. Translations to a map, a range or a prefix are {@link OpaqueAction}s: which address is taken cannot
     * be told.
     *
     * @param family  {@code ip} or {@code ip6} when the statement names one (it must in an {@code inet} table),
     *                else null
     * @param address the new destination
     * @param port    the new destination port, or -1 when the statement keeps the packet's own
     */
    record Dnat(String family, InetAddress address, int port, JsonValue raw) implements RuleElement {
        /** The IP version of the packets it translates: the other version's pass it untouched. */
        public int ipVersion() {
            return address instanceof Inet4Address ? 4 : 6;
        }
    }

    /** An action the doctor cannot follow (other NAT, queueing to user space, unknown iptables targets). */
    record OpaqueAction(String name, JsonValue raw) implements RuleElement {
    }
}
