package io.sockscope.diagnose.firewall;

import io.sockscope.json.JsonReader;
import io.sockscope.json.JsonSyntaxException;
import io.sockscope.json.JsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the output of {@code nft -j list ruleset} (JSON schema version 1) into a {@link Ruleset}. Items and
 * expressions it does not recognise are kept as opaque elements or skipped with a note in
 * {@link Ruleset#skipped()}, never fatal: the evaluator then answers "unknown" where they matter.
 */
public final class RulesetParser {
    /** Statements that leave the verdict alone. */
    private static final Set<String> PASSIVE = Set.of(
            "counter", "log", "notrack", "mangle", "set", "flow", "secmark", "dup", "ct helper", "ct timeout",
            "ct expectation", "last");
    /** Statements that may or may not let the rule go on, depending on state the doctor cannot see. */
    private static final Set<String> CONDITIONS = Set.of("limit", "quota", "meter", "ct count", "connlimit");
    /** iptables targets that never change the verdict. */
    private static final Set<String> PASSIVE_XT_TARGETS = Set.of(
            "LOG", "NFLOG", "MARK", "CONNMARK", "CT", "NOTRACK", "TRACE", "AUDIT", "CLASSIFY", "DSCP", "TOS");

    private RulesetParser() {
    }

    /** Parses nft's JSON text. */
    public static Ruleset parse(String json) throws JsonSyntaxException {
        return parse(JsonReader.read(json), null);
    }

    /**
     * Parses nft's JSON text, reading what iptables-nft extension matches test from {@code text} (the output of
     * {@code nft -a list ruleset}, or null when not available).
     */
    public static Ruleset parse(String json, String text) throws JsonSyntaxException {
        return parse(JsonReader.read(json), text);
    }

    /**
     * Parses an already read document; a document without the {@code nftables} array is an empty ruleset.
     *
     * @param text nft's text form of the same ruleset (with handles), or null
     */
    public static Ruleset parse(JsonValue document, String text) {
        Map<ChainRef, Map<Long, String>> texts = text == null ? Map.of() : XtTranslation.ruleTexts(text);
        List<String> skipped = new ArrayList<>();
        String version = null;
        Map<ChainRef, JsonValue> chainHeads = new LinkedHashMap<>();
        Map<ChainRef, List<Rule>> rules = new LinkedHashMap<>();
        List<NamedSet> sets = new ArrayList<>();
        List<JsonValue> items = document.member("nftables").map(JsonValue::elements).orElse(List.of());
        if (document.member("nftables").isEmpty()) {
            skipped.add("the document has no \"nftables\" array");
        }
        for (JsonValue item : items) {
            if (!(item instanceof JsonValue.JsonObject object) || object.soleName().isEmpty()) {
                skipped.add("an item that is not a single-member object");
                continue;
            }
            String kind = object.soleName().get();
            JsonValue body = object.members().get(kind);
            switch (kind) {
                case "metainfo" -> version = text(body, "version").orElse(null);
                case "chain" -> chainRef(body, "name").ifPresentOrElse(
                        ref -> chainHeads.putIfAbsent(ref, body), () -> skipped.add("a chain without a name"));
                case "rule" -> {
                    Optional<ChainRef> ref = chainRef(body, "chain");
                    if (ref.isEmpty()) {
                        skipped.add("a rule without family, table or chain");
                    } else {
                        Rule rule = rule(ref.get(), body);
                        String ruleText = texts.getOrDefault(ref.get(), Map.of()).get(rule.handle());
                        if (ruleText != null) {
                            rule = XtTranslation.translate(rule, ruleText);
                        }
                        rules.computeIfAbsent(ref.get(), k -> new ArrayList<>()).add(rule);
                    }
                }
                case "set", "map" -> namedSet(body, kind.equals("map")).ifPresentOrElse(
                        sets::add, () -> skipped.add("a " + kind + " without family, table or name"));
                default -> {
                    // tables, flowtables, counters, quotas, ct helpers: nothing the input path evaluation needs.
                }
            }
        }
        List<Chain> chains = new ArrayList<>();
        for (Map.Entry<ChainRef, JsonValue> head : chainHeads.entrySet()) {
            chains.add(chain(head.getKey(), head.getValue(), rules.getOrDefault(head.getKey(), List.of())));
        }
        for (ChainRef orphan : rules.keySet()) {
            if (!chainHeads.containsKey(orphan)) {
                skipped.add("rules of " + orphan + ", a chain that was not listed");
            }
        }
        return new Ruleset(version, chains, sets, skipped);
    }

    private static Chain chain(ChainRef ref, JsonValue head, List<Rule> rules) {
        Optional<String> hookName = text(head, "hook");
        Hook hook = hookName.map(Hook::of).orElse(null);
        int priority = head.member("prio").flatMap(JsonValue::integer).map(Long::intValue).orElse(0);
        return new Chain(ref, text(head, "type").orElse(null), hook, priority, text(head, "policy").orElse(
                hook != null ? "accept" : null), text(head, "dev").orElse(null), rules);
    }

    private static Rule rule(ChainRef ref, JsonValue body) {
        long handle = body.member("handle").flatMap(JsonValue::integer).orElse(-1L);
        List<RuleElement> elements = new ArrayList<>();
        for (JsonValue e : body.member("expr").map(JsonValue::elements).orElse(List.of())) {
            elements.add(element(e));
        }
        return new Rule(ref, handle, elements, text(body, "comment").orElse(null));
    }

    /** One expression of a rule. */
    static RuleElement element(JsonValue e) {
        if (!(e instanceof JsonValue.JsonObject object) || object.soleName().isEmpty()) {
            return new RuleElement.OpaqueAction("?", e);
        }
        String name = object.soleName().get();
        JsonValue body = object.members().get(name);
        return switch (name) {
            case "match" -> new RuleElement.Match(operand(body.member("left").orElse(JsonValue.JsonNull.INSTANCE)),
                    text(body, "op").orElse("=="), body.member("right").orElse(JsonValue.JsonNull.INSTANCE), e);
            case "accept" -> new RuleElement.Verdict(VerdictKind.ACCEPT, null, e);
            case "drop" -> new RuleElement.Verdict(VerdictKind.DROP, null, e);
            case "reject" -> new RuleElement.Verdict(VerdictKind.REJECT, null, e);
            case "return" -> new RuleElement.Verdict(VerdictKind.RETURN, null, e);
            case "continue" -> new RuleElement.Verdict(VerdictKind.CONTINUE, null, e);
            case "jump", "goto" -> text(body, "target")
                    .<RuleElement>map(t -> new RuleElement.Verdict(
                            name.equals("jump") ? VerdictKind.JUMP : VerdictKind.GOTO, t, e))
                    .orElse(new RuleElement.OpaqueAction(name, e));
            case "vmap" -> new RuleElement.VerdictMap(operand(body.member("key").orElse(JsonValue.JsonNull.INSTANCE)),
                    body.member("data").orElse(JsonValue.JsonNull.INSTANCE), e);
            case "xt" -> xt(body, e);
            case "dnat" -> dnat(body, e);
            default -> {
                if (PASSIVE.contains(name)) {
                    yield new RuleElement.Passive(name, e);
                }
                if (CONDITIONS.contains(name)) {
                    yield new RuleElement.OpaqueCondition(name, e);
                }
                yield new RuleElement.OpaqueAction(name, e);
            }
        };
    }

    /**
     * {@code dnat to ADDRESS[:PORT]}: followed when both are plain values; a map, a range or a prefix of addresses
     * or ports cannot be followed.
     */
    private static RuleElement dnat(JsonValue body, JsonValue e) {
        Optional<java.net.InetAddress> address = text(body, "addr").flatMap(MatchEvaluator::address);
        Optional<JsonValue> port = body.member("port");
        Optional<Long> portNumber = port.flatMap(JsonValue::integer);
        if (address.isEmpty() || (port.isPresent() && (portNumber.isEmpty() || portNumber.get() < 1
                || portNumber.get() > 65535))) {
            return new RuleElement.OpaqueAction("dnat", e);
        }
        return new RuleElement.Dnat(text(body, "family").orElse(null), address.get(),
                portNumber.map(Long::intValue).orElse(-1), e);
    }

    /**
     * iptables-nft rules keep what nftables cannot express natively as {@code xt} expressions, which nft's JSON
     * names but does not describe: matches are undecidable conditions; REJECT is a reject; logging and marking
     * targets are passive; other targets cannot be followed.
     */
    private static RuleElement xt(JsonValue body, JsonValue e) {
        String type = text(body, "type").orElse("");
        String xtName = text(body, "name").orElse("?");
        if (type.equals("match")) {
            if (xtName.equals("comment")) {
                return new RuleElement.Passive("xt comment", e);
            }
            return new RuleElement.OpaqueCondition("xt match " + xtName, e);
        }
        if (type.equals("target")) {
            if (xtName.equals("REJECT")) {
                return new RuleElement.Verdict(VerdictKind.REJECT, null, e);
            }
            if (PASSIVE_XT_TARGETS.contains(xtName)) {
                return new RuleElement.Passive("xt target " + xtName, e);
            }
        }
        return new RuleElement.OpaqueAction("xt " + type + " " + xtName, e);
    }

    static Operand operand(JsonValue left) {
        if (left instanceof JsonValue.JsonObject object && object.soleName().isPresent()) {
            String kind = object.soleName().get();
            JsonValue body = object.members().get(kind);
            switch (kind) {
                case "payload" -> {
                    Optional<String> protocol = text(body, "protocol");
                    Optional<String> field = text(body, "field");
                    if (protocol.isPresent() && field.isPresent()) {
                        return new Operand.Payload(protocol.get(), field.get());
                    }
                }
                case "meta" -> {
                    Optional<String> key = text(body, "key");
                    if (key.isPresent()) {
                        return new Operand.Meta(key.get());
                    }
                }
                case "ct" -> {
                    Optional<String> key = text(body, "key");
                    // "ct original saddr" and friends carry a direction: not modelled.
                    if (key.isPresent() && body.member("dir").isEmpty() && body.member("family").isEmpty()) {
                        return new Operand.Ct(key.get());
                    }
                }
                case "concat" -> {
                    List<Operand> parts = new ArrayList<>();
                    for (JsonValue part : body.elements()) {
                        parts.add(operand(part));
                    }
                    if (!parts.isEmpty()) {
                        return new Operand.Concat(parts);
                    }
                }
                case "fib" -> {
                    Optional<String> result = text(body, "result");
                    if (result.isPresent()) {
                        JsonValue flags = body.member("flags").orElse(JsonValue.JsonNull.INSTANCE);
                        List<String> names = flags.string().map(List::of).orElseGet(() ->
                                flags.elements().stream().flatMap(f -> f.string().stream()).toList());
                        return new Operand.Fib(result.get(), names);
                    }
                }
                default -> {
                }
            }
        }
        return new Operand.Other(left);
    }

    private static Optional<NamedSet> namedSet(JsonValue body, boolean map) {
        Optional<String> family = text(body, "family");
        Optional<String> table = text(body, "table");
        Optional<String> name = text(body, "name");
        if (family.isEmpty() || table.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        List<JsonValue> elements = body.member("elem").map(JsonValue::elements).orElse(List.of());
        return Optional.of(new NamedSet(family.get(), table.get(), name.get(), map, elements));
    }

    private static Optional<ChainRef> chainRef(JsonValue body, String nameMember) {
        Optional<String> family = text(body, "family");
        Optional<String> table = text(body, "table");
        Optional<String> name = text(body, nameMember);
        if (family.isEmpty() || table.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ChainRef(family.get(), table.get(), name.get()));
    }

    private static Optional<String> text(JsonValue object, String member) {
        return object.member(member).flatMap(JsonValue::string);
    }
}
