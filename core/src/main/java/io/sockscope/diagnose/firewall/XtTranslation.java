package io.sockscope.diagnose.firewall;

import io.sockscope.json.JsonValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what iptables-nft's most common extension matches test from nft's text form, where nft translates
 * them ({@code -m conntrack --ctstate ESTABLISHED,RELATED} prints as {@code ct state related,established},
 * {@code -m multiport --dports 80,443} as {@code tcp dport { 80, 443 }}), since its JSON form names them only
 * ({@code {"xt": {"type": "match", "name": "conntrack"}}}). A match is replaced only when the rule's text
 * says unambiguously what it tests; otherwise it stays undecidable. The REJECT target's kind of reply is read
 * the same way (it is a reject either way), and so are the DNAT target's address and port ({@code dnat to
 * 172.17.0.2:80}) and {@code -m addrtype --dst-type LOCAL} ({@code fib daddr type local}): Docker publishes ports
 * with both.
 */
final class XtTranslation {
    private static final Pattern TABLE = Pattern.compile("^table (\\S+) (\\S+) \\{");
    private static final Pattern CHAIN = Pattern.compile("^chain (\\S+) \\{");
    private static final Pattern HANDLE = Pattern.compile("^(.*?)\\s*# handle (\\d+)$");
    private static final Pattern CT_STATE = Pattern.compile("(?:^|\\s)ct state (!= |! )?([a-z]+(?:,[a-z]+)*)(?=\\s|$)");
    private static final Pattern REJECT = Pattern.compile(
            "(?:^|\\s)reject(?: with (tcp reset|(icmpx|icmpv6|icmp)(?: type)? (\\S+)))?$");
    /** The DNAT target as nft prints it, last in the rule: {@code dnat to 10.0.0.2:80}, {@code dnat to [fd00::2]:80}. */
    private static final Pattern DNAT = Pattern.compile("(?:^|\\s)dnat(?: (ip|ip6))? to "
            + "(?:\\[([0-9a-fA-F:.]+)](?::(\\d+))?|([0-9]+(?:\\.[0-9]+){3})(?::(\\d+))?|([0-9a-fA-F:]+))$");
    private static final Pattern ADDRESS_TYPE = Pattern.compile("(?:^|\\s)fib daddr type (!= )?([a-z]+)(?=\\s|$)");
    private static final Pattern PORTS = Pattern.compile(
            "(?:^|\\s)(tcp|udp|sctp|dccp|udplite) (dport|sport) (!= )?(\\{[^}]*}|[0-9]+(?:-[0-9]+)?)(?=\\s|$)");

    private XtTranslation() {
    }

    /** Rule texts by chain and handle, from {@code nft -a list ruleset}. */
    static Map<ChainRef, Map<Long, String>> ruleTexts(String text) {
        Map<ChainRef, Map<Long, String>> out = new HashMap<>();
        String family = null;
        String table = null;
        ChainRef chain = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            Matcher t = TABLE.matcher(line);
            if (t.find()) {
                family = t.group(1);
                table = t.group(2);
                chain = null;
                continue;
            }
            Matcher c = CHAIN.matcher(line);
            if (c.find() && family != null) {
                chain = new ChainRef(family, table, c.group(1));
                continue;
            }
            Matcher h = HANDLE.matcher(line);
            if (h.find() && chain != null && !line.startsWith("set ") && !line.startsWith("map ")) {
                out.computeIfAbsent(chain, k -> new LinkedHashMap<>()).put(Long.parseLong(h.group(2)), h.group(1));
            }
        }
        return out;
    }

    /** The rule with its conntrack, state and multiport matches replaced by what its text says they test. */
    static Rule translate(Rule rule, String text) {
        List<RuleElement> elements = new ArrayList<>(rule.elements());
        boolean changed = false;
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) instanceof RuleElement.Verdict v && v.kind() == VerdictKind.REJECT
                    && v.raw().member("xt").isPresent()) {
                Optional<RuleElement> reject = reject(text);
                if (reject.isPresent()) {
                    elements.set(i, reject.get());
                    changed = true;
                }
                continue;
            }
            if (elements.get(i) instanceof RuleElement.OpaqueAction a && a.name().equals("xt target DNAT")) {
                Optional<RuleElement> dnat = dnat(text);
                if (dnat.isPresent()) {
                    elements.set(i, dnat.get());
                    changed = true;
                }
                continue;
            }
            if (!(elements.get(i) instanceof RuleElement.OpaqueCondition c)) {
                continue;
            }
            Optional<RuleElement> replacement = switch (c.name()) {
                case "xt match conntrack", "xt match state" -> ctState(rule, text, c);
                case "xt match multiport" -> ports(rule, text, c);
                case "xt match addrtype" -> addressType(rule, text, c);
                default -> Optional.empty();
            };
            if (replacement.isPresent()) {
                elements.set(i, replacement.get());
                changed = true;
            }
        }
        return changed ? new Rule(rule.chain(), rule.handle(), elements, rule.comment()) : rule;
    }

    /** iptables' REJECT target, whose kind of reply nft's text form spells out at the end of the rule. */
    private static Optional<RuleElement> reject(String text) {
        Matcher m = REJECT.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        JsonValue body;
        if (m.group(1) == null) {
            body = JsonValue.JsonNull.INSTANCE;
        } else if (m.group(2) == null) {
            body = new JsonValue.JsonObject(Map.of("type", new JsonValue.JsonString(m.group(1))));
        } else {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            members.put("type", new JsonValue.JsonString(m.group(2)));
            members.put("expr", new JsonValue.JsonString(m.group(3)));
            body = new JsonValue.JsonObject(members);
        }
        return Optional.of(new RuleElement.Verdict(VerdictKind.REJECT, null,
                new JsonValue.JsonObject(Map.of("reject", body))));
    }

    /** iptables' DNAT target to one address (and port), as the statement nft's JSON would have held. */
    private static Optional<RuleElement> dnat(String text) {
        Matcher m = DNAT.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String address = m.group(2) != null ? m.group(2) : m.group(4) != null ? m.group(4) : m.group(6);
        String port = m.group(3) != null ? m.group(3) : m.group(5);
        Map<String, JsonValue> members = new LinkedHashMap<>();
        if (m.group(1) != null) {
            members.put("family", new JsonValue.JsonString(m.group(1)));
        }
        members.put("addr", new JsonValue.JsonString(address));
        if (port != null) {
            members.put("port", new JsonValue.JsonNumber(port));
        }
        JsonValue raw = new JsonValue.JsonObject(Map.of("dnat", new JsonValue.JsonObject(members)));
        RuleElement element = RulesetParser.element(raw);
        return element instanceof RuleElement.Dnat ? Optional.of(element) : Optional.empty();
    }

    /** {@code -m addrtype --dst-type TYPE}, which nft prints as {@code fib daddr type TYPE}. */
    private static Optional<RuleElement> addressType(Rule rule, String text, RuleElement.OpaqueCondition xt) {
        boolean nativeFib = rule.elements().stream().anyMatch(e -> e instanceof RuleElement.Match m
                && m.left() instanceof Operand.Fib);
        Matcher m = ADDRESS_TYPE.matcher(text);
        if (count(rule, "xt match addrtype") != 1 || nativeFib || !m.find()) {
            return Optional.empty();
        }
        String negation = m.group(1);
        String type = m.group(2);
        if (m.find()) {
            return Optional.empty(); // two clauses: which one is the extension's is not clear
        }
        return Optional.of(new RuleElement.Match(new Operand.Fib("type", List.of("daddr")),
                negation == null ? "==" : "!=", new JsonValue.JsonString(type), xt.raw()));
    }

    private static Optional<RuleElement> ctState(Rule rule, String text, RuleElement.OpaqueCondition xt) {
        long xtCount = count(rule, "xt match conntrack") + count(rule, "xt match state");
        boolean nativeState = rule.elements().stream().anyMatch(e -> e instanceof RuleElement.Match m
                && m.left() instanceof Operand.Ct ct && ct.key().equals("state"));
        Matcher m = CT_STATE.matcher(text);
        if (xtCount != 1 || nativeState || !m.find()) {
            return Optional.empty();
        }
        String negation = m.group(1);
        List<JsonValue> states = new ArrayList<>();
        for (String s : m.group(2).split(",")) {
            states.add(new JsonValue.JsonString(s));
        }
        if (m.find()) {
            return Optional.empty(); // two clauses: which one is the extension's is not clear
        }
        return Optional.of(new RuleElement.Match(new Operand.Ct("state"), negation == null ? "in" : "!=",
                new JsonValue.JsonArray(states), xt.raw()));
    }

    private static Optional<RuleElement> ports(Rule rule, String text, RuleElement.OpaqueCondition xt) {
        if (count(rule, "xt match multiport") != 1) {
            return Optional.empty();
        }
        List<Matcher> clauses = new ArrayList<>();
        Matcher m = PORTS.matcher(text);
        while (m.find()) {
            String protocol = m.group(1);
            String field = m.group(2);
            boolean nativeMatch = rule.elements().stream().anyMatch(e -> e instanceof RuleElement.Match match
                    && match.left() instanceof Operand.Payload p && p.protocol().equals(protocol)
                    && p.field().equals(field));
            if (!nativeMatch) {
                clauses.add(PORTS.matcher(m.group()));
            }
        }
        if (clauses.size() != 1 || !clauses.getFirst().find()) {
            return Optional.empty();
        }
        Matcher clause = clauses.getFirst();
        Optional<JsonValue> right = portValue(clause.group(4));
        return right.map(r -> new RuleElement.Match(new Operand.Payload(clause.group(1), clause.group(2)),
                clause.group(3) == null ? "==" : "!=", r, xt.raw()));
    }

    /** {@code 22}, {@code 1-1023} or {@code { 80, 443, 8000-8100 }} as nft's JSON would write it. */
    static Optional<JsonValue> portValue(String text) {
        String t = text.strip();
        if (t.startsWith("{")) {
            List<JsonValue> items = new ArrayList<>();
            for (String part : t.substring(1, t.length() - 1).split(",")) {
                Optional<JsonValue> v = portValue(part);
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                items.add(v.get());
            }
            return Optional.of(new JsonValue.JsonObject(Map.of("set", new JsonValue.JsonArray(items))));
        }
        if (t.matches("\\d+")) {
            return Optional.of(new JsonValue.JsonNumber(t));
        }
        if (t.matches("\\d+-\\d+")) {
            String[] ends = t.split("-");
            return Optional.of(new JsonValue.JsonObject(Map.of("range", new JsonValue.JsonArray(
                    List.of(new JsonValue.JsonNumber(ends[0]), new JsonValue.JsonNumber(ends[1]))))));
        }
        return Optional.empty();
    }

    private static long count(Rule rule, String name) {
        return rule.elements().stream()
                .filter(e -> e instanceof RuleElement.OpaqueCondition c && c.name().equals(name)).count();
    }
}
