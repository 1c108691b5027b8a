package io.sockscope.diagnose.firewall;

import io.sockscope.json.JsonValue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides a rule's match for the probe packet: true, false, or unknown when the packet's field is not known
 * or the right side is something this evaluator does not read (concatenations, bit operations, service
 * names). Several candidate values (destination addresses, input interfaces) give a known answer only when
 * every candidate agrees.
 */
final class MatchEvaluator {
    private final Ruleset ruleset;
    private final ProbeFields fields;

    MatchEvaluator(Ruleset ruleset, Probe probe) {
        this.ruleset = ruleset;
        this.fields = new ProbeFields(probe);
    }

    Tri evaluate(RuleElement.Match match, ChainRef chain, Hook hook) {
        if (match.left() instanceof Operand.Concat concat) {
            return switch (match.op()) {
                case "==", "in" -> containsJoined(concat, match.right(), chain, hook);
                case "!=" -> containsJoined(concat, match.right(), chain, hook).not();
                default -> Tri.UNKNOWN;
            };
        }
        FieldValue field = fields.of(match.left(), hook);
        if (field instanceof FieldValue.Absent) {
            return Tri.FALSE;
        }
        return switch (match.op()) {
            case "==", "in" -> contains(field, match.right(), chain);
            case "!=" -> contains(field, match.right(), chain).not();
            case "<", ">", "<=", ">=" -> compare(field, match.op(), match.right());
            default -> Tri.UNKNOWN;
        };
    }

    /** Whether the field's value is one of the elements on the right (a value, a set, a named set). */
    Tri contains(FieldValue field, JsonValue right, ChainRef chain) {
        Optional<List<JsonValue>> elements = elements(right, chain);
        if (elements.isEmpty()) {
            return Tri.UNKNOWN;
        }
        return switch (field) {
            case FieldValue.Absent a -> Tri.FALSE;
            case FieldValue.Unknown u -> Tri.UNKNOWN;
            case FieldValue.Candidates c -> {
                Tri result = null;
                for (Object value : c.values()) {
                    Tri one = any(elements.get(), e -> ElementTest.test(c.kind(), value, e));
                    result = result == null ? one : result.join(one);
                }
                yield result == null ? Tri.UNKNOWN : result;
            }
            case FieldValue.PortRange r -> any(elements.get(), e -> ElementTest.portRange(r.low(), r.high(), e));
            case FieldValue.AnyRemoteAddress a -> any(elements.get(), e -> ElementTest.remoteAddress(a.ipVersion(), e));
            case FieldValue.Excluding x -> any(elements.get(),
                    e -> ElementTest.test(x.kind(), x.excluded(), e) == Tri.TRUE ? Tri.FALSE : Tri.UNKNOWN);
        };
    }

    /** Joined fields against joined values: an element matches when every part does. */
    Tri containsJoined(Operand.Concat concat, JsonValue right, ChainRef chain, Hook hook) {
        Optional<List<JsonValue>> elements = elements(right, chain);
        if (elements.isEmpty()) {
            return Tri.UNKNOWN;
        }
        List<FieldValue> parts = concat.parts().stream().map(p -> fields.of(p, hook)).toList();
        if (parts.stream().anyMatch(p -> p instanceof FieldValue.Absent)) {
            return Tri.FALSE;
        }
        return any(elements.get(), e -> {
            List<JsonValue> values = e.member("concat").map(JsonValue::elements).orElse(List.of());
            if (values.size() != parts.size()) {
                return Tri.UNKNOWN;
            }
            Tri all = Tri.TRUE;
            for (int i = 0; i < parts.size(); i++) {
                Tri t = contains(parts.get(i), values.get(i), chain);
                if (t == Tri.FALSE) {
                    return Tri.FALSE;
                }
                if (t == Tri.UNKNOWN) {
                    all = Tri.UNKNOWN;
                }
            }
            return all;
        });
    }

    private interface ElementDecision {
        Tri decide(JsonValue element);
    }

    /** True if some element matches, false if none can, unknown otherwise. */
    private static Tri any(List<JsonValue> elements, ElementDecision decision) {
        boolean unknown = false;
        for (JsonValue e : elements) {
            Tri t = decision.decide(e);
            if (t == Tri.TRUE) {
                return Tri.TRUE;
            }
            unknown |= t == Tri.UNKNOWN;
        }
        return unknown ? Tri.UNKNOWN : Tri.FALSE;
    }

    private static Tri compare(FieldValue field, String op, JsonValue right) {
        Optional<Long> bound = right.integer();
        if (bound.isEmpty()) {
            return Tri.UNKNOWN;
        }
        long b = bound.get();
        if (field instanceof FieldValue.Candidates c && c.kind() == FieldKind.PORT) {
            Tri result = null;
            for (Object v : c.values()) {
                Tri one = Tri.of(holds(((Number) v).longValue(), op, b));
                result = result == null ? one : result.join(one);
            }
            return result == null ? Tri.UNKNOWN : result;
        }
        if (field instanceof FieldValue.PortRange r) {
            boolean low = holds(r.low(), op, b);
            boolean high = holds(r.high(), op, b);
            // The relations are monotonic, so the ends of the range decide it.
            return low == high ? Tri.of(low) : Tri.UNKNOWN;
        }
        return Tri.UNKNOWN;
    }

    private static boolean holds(long v, String op, long b) {
        return switch (op) {
            case "<" -> v < b;
            case ">" -> v > b;
            case "<=" -> v <= b;
            default -> v >= b;
        };
    }

    /**
     * The elements on the right: a set's members, an array's items, a named set's elements, or the value
     * itself; empty when it names a set that does not exist.
     */
    Optional<List<JsonValue>> elements(JsonValue right, ChainRef chain) {
        List<JsonValue> out = new ArrayList<>();
        return flatten(right, chain, out, 0) ? Optional.of(out) : Optional.empty();
    }

    private boolean flatten(JsonValue v, ChainRef chain, List<JsonValue> out, int depth) {
        if (depth > 8) {
            return false;
        }
        if (v.string().filter(s -> s.startsWith("@")).isPresent()) {
            String name = v.string().get().substring(1);
            Optional<NamedSet> set = ruleset.set(chain.family(), chain.table(), name);
            if (set.isEmpty()) {
                return false;
            }
            for (JsonValue e : set.get().elements()) {
                if (!flatten(e, chain, out, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof JsonValue.JsonArray array) {
            for (JsonValue e : array.values()) {
                if (!flatten(e, chain, out, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        Optional<JsonValue> set = v.member("set");
        if (set.isPresent() && v instanceof JsonValue.JsonObject o && o.members().size() == 1) {
            return flatten(set.get(), chain, out, depth + 1);
        }
        Optional<JsonValue> wrapped = v.member("elem").flatMap(e -> e.member("val"));
        if (wrapped.isPresent()) {
            return flatten(wrapped.get(), chain, out, depth + 1);
        }
        out.add(v);
        return true;
    }

    /** Parses an address literal as nft prints it; empty when it is not one. */
    static Optional<InetAddress> address(String text) {
        try {
            return Optional.of(InetAddress.ofLiteral(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
