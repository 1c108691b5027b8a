package io.sockscope.diagnose.firewall;

import io.sockscope.json.JsonText;
import io.sockscope.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes rules back in nft's own syntax ({@code tcp dport 8080 counter drop}), close to what
 * {@code nft list ruleset} prints, so that evidence reads like the ruleset the administrator wrote. What it
 * cannot phrase is shown as the JSON nft printed.
 */
public final class RuleText {
    /** Meta keys nft prints without the {@code meta} keyword. */
    private static final Set<String> BARE_META = Set.of("iif", "iifname", "oif", "oifname", "iiftype", "oiftype",
            "skuid", "skgid", "nftrace", "rtclassid", "ibriport", "obriport", "pkttype", "cpu", "iifgroup",
            "oifgroup", "cgroup");
    /** Meta keys whose values nft prints in quotes (interface names). */
    private static final Set<String> QUOTED_META = Set.of("iif", "iifname", "oif", "oifname");

    private RuleText() {
    }

    /** The rule's expressions, then its comment. */
    public static String of(Rule rule) {
        List<String> parts = new ArrayList<>();
        for (RuleElement e : rule.elements()) {
            parts.add(element(e));
        }
        String text = String.join(" ", parts);
        if (rule.comment() != null) {
            text += " comment \"" + rule.comment() + "\"";
        }
        return text;
    }

    /** Where a rule is: {@code table inet filter chain input handle 7}. */
    public static String location(Rule rule) {
        return rule.chain() + (rule.handle() >= 0 ? " handle " + rule.handle() : "");
    }

    static String element(RuleElement e) {
        return switch (e) {
            case RuleElement.Match m -> match(m);
            case RuleElement.Verdict v -> verdict(v);
            case RuleElement.VerdictMap m -> operand(m.key()) + " vmap " + mapData(m.data());
            case RuleElement.Passive p -> passive(p);
            case RuleElement.Dnat d -> dnat(d);
            case RuleElement.OpaqueCondition c -> c.name().startsWith("xt ") ? c.name() : opaque(c.raw());
            case RuleElement.OpaqueAction a -> a.name().startsWith("xt ") ? a.name() : opaque(a.raw());
        };
    }

    private static String match(RuleElement.Match m) {
        String left = operand(m.left());
        boolean interfaceName = m.left() instanceof Operand.Meta meta && QUOTED_META.contains(meta.key());
        String right = value(m.right(), interfaceName);
        String op = switch (m.op()) {
            case "==", "in" -> "";
            default -> m.op() + " ";
        };
        return left + " " + op + right;
    }

    static String operand(Operand o) {
        return switch (o) {
            case Operand.Payload p -> p.protocol() + " " + p.field();
            case Operand.Meta m -> BARE_META.contains(m.key()) ? m.key() : "meta " + m.key();
            case Operand.Ct c -> "ct " + c.key();
            case Operand.Fib f -> "fib " + String.join(" . ", f.flags()) + " " + f.result();
            case Operand.Concat c -> c.parts().stream().map(RuleText::operand).collect(Collectors.joining(" . "));
            case Operand.Other other -> opaque(other.raw());
        };
    }

    private static String value(JsonValue v, boolean quoted) {
        if (v.string().isPresent()) {
            String s = v.string().get();
            return quoted && !s.startsWith("@") ? "\"" + s + "\"" : s;
        }
        if (v instanceof JsonValue.JsonNumber n) {
            return n.text();
        }
        if (v instanceof JsonValue.JsonArray a) {
            return a.values().stream().map(x -> value(x, quoted)).collect(Collectors.joining(","));
        }
        Optional<JsonValue> set = v.member("set");
        if (set.isPresent()) {
            List<JsonValue> items = set.get() instanceof JsonValue.JsonArray
                    ? set.get().elements() : List.of(set.get());
            return "{ " + items.stream().map(x -> value(x, quoted)).collect(Collectors.joining(", ")) + " }";
        }
        Optional<JsonValue> range = v.member("range");
        if (range.isPresent() && range.get().elements().size() == 2) {
            return value(range.get().elements().get(0), quoted) + "-" + value(range.get().elements().get(1), quoted);
        }
        Optional<JsonValue> prefix = v.member("prefix");
        if (prefix.isPresent()) {
            return prefix.get().member("addr").map(a -> value(a, false)).orElse("?") + "/"
                    + prefix.get().member("len").map(l -> value(l, false)).orElse("?");
        }
        Optional<JsonValue> concat = v.member("concat");
        if (concat.isPresent()) {
            return concat.get().elements().stream().map(x -> value(x, quoted)).collect(Collectors.joining(" . "));
        }
        Optional<JsonValue> elem = v.member("elem").flatMap(x -> x.member("val"));
        if (elem.isPresent()) {
            return value(elem.get(), quoted);
        }
        return opaque(v);
    }

    private static String mapData(JsonValue data) {
        if (data.string().isPresent()) {
            return data.string().get();
        }
        List<JsonValue> entries = data.member("set").map(JsonValue::elements).orElse(List.of());
        if (entries.isEmpty()) {
            return opaque(data);
        }
        List<String> parts = new ArrayList<>();
        for (JsonValue entry : entries) {
            List<JsonValue> kv = entry.elements();
            if (kv.size() == 2) {
                parts.add(value(kv.get(0), false) + " : " + element(RulesetParser.element(kv.get(1))));
            } else {
                parts.add(opaque(entry));
            }
        }
        return "{ " + String.join(", ", parts) + " }";
    }

    private static String verdict(RuleElement.Verdict v) {
        return switch (v.kind()) {
            case ACCEPT -> "accept";
            case DROP -> "drop";
            case RETURN -> "return";
            case CONTINUE -> "continue";
            case JUMP -> "jump " + v.target();
            case GOTO -> "goto " + v.target();
            case REJECT -> reject(v.raw());
        };
    }

    private static String reject(JsonValue raw) {
        if (raw.member("xt").isPresent()) {
            return "xt target REJECT";
        }
        JsonValue body = raw.member("reject").orElse(JsonValue.JsonNull.INSTANCE);
        Optional<String> type = body.member("type").flatMap(JsonValue::string);
        Optional<String> expr = body.member("expr").flatMap(JsonValue::string);
        if (type.isEmpty()) {
            return "reject";
        }
        return "reject with " + type.get() + expr.map(x -> " " + x).orElse("");
    }

    /** {@code dnat to 10.0.0.2:80}, {@code dnat ip6 to [fd00::2]:80}, with the address as nft printed it. */
    private static String dnat(RuleElement.Dnat d) {
        String address = d.raw().member("dnat").flatMap(b -> b.member("addr")).flatMap(JsonValue::string)
                .orElse(d.address().getHostAddress());
        String to = d.port() < 0 ? address : (d.ipVersion() == 6 ? "[" + address + "]" : address) + ":" + d.port();
        return "dnat" + (d.family() != null ? " " + d.family() : "") + " to " + to;
    }

    private static String passive(RuleElement.Passive p) {
        if (p.name().equals("log")) {
            Optional<String> prefix = p.raw().member("log").flatMap(l -> l.member("prefix")).flatMap(JsonValue::string);
            return "log" + prefix.map(x -> " prefix \"" + x + "\"").orElse("");
        }
        return p.name();
    }

    private static String opaque(JsonValue raw) {
        return JsonText.compact(raw);
    }
}
