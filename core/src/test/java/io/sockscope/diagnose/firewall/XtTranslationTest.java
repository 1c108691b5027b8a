package io.sockscope.diagnose.firewall;

import io.sockscope.json.JsonSyntaxException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.sockscope.diagnose.firewall.NftFixtures.tcp;
import static io.sockscope.diagnose.firewall.NftFixtures.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * iptables-nft rules whose matches nft's JSON only names, read back from nft's text form. The JSON and text
 * below were printed by nft 1.0.6 for these iptables commands:
 * <pre>
 * iptables -A INPUT -m state --state NEW -p tcp --dport 9000 -j DROP
 * iptables -A INPUT -m conntrack ! --ctstate INVALID -p tcp --dport 9001 -j ACCEPT
 * iptables -A INPUT -p tcp -m multiport --dports 80,443,8000:8100 -j ACCEPT
 * iptables -A INPUT -p udp -m multiport --sports 53,123 -j ACCEPT
 * iptables -A INPUT -p tcp -m multiport ! --dports 1:1023 -j DROP
 * iptables -A INPUT -p tcp -m tcp --dport 9002 -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT
 * iptables -P INPUT DROP
 * </pre>
 */
class XtTranslationTest {
    private static final String JSON = """
            {"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}}, \
            {"table": {"family": "ip", "name": "filter", "handle": 1}}, {"chain": {"family": "ip", "table": "filter", \
            "name": "INPUT", "handle": 1, "type": "filter", "hook": "input", "prio": 0, "policy": "drop"}}, \
            {"rule": {"family": "ip", "table": "filter", "chain": "INPUT", "handle": 2, "expr": [{"match": {"op": "==", \
            "left": {"meta": {"key": "l4proto"}}, "right": "tcp"}}, {"xt": {"type": "match", "name": "conntrack"}}, \
            {"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": 9000}}, \
            {"counter": {"packets": 0, "bytes": 0}}, {"drop": null}]}}, {"rule": {"family": "ip", "table": "filter", \
            "chain": "INPUT", "handle": 3, "expr": [{"match": {"op": "==", "left": {"meta": {"key": "l4proto"}}, \
            "right": "tcp"}}, {"xt": {"type": "match", "name": "conntrack"}}, {"match": {"op": "==", "left": \
            {"payload": {"protocol": "tcp", "field": "dport"}}, "right": 9001}}, {"counter": {"packets": 0, "bytes": 0}}, \
            {"accept": null}]}}, {"rule": {"family": "ip", "table": "filter", "chain": "INPUT", "handle": 4, "expr": \
            [{"match": {"op": "==", "left": {"meta": {"key": "l4proto"}}, "right": "tcp"}}, {"xt": {"type": "match", \
            "name": "multiport"}}, {"counter": {"packets": 0, "bytes": 0}}, {"accept": null}]}}, {"rule": {"family": \
            "ip", "table": "filter", "chain": "INPUT", "handle": 5, "expr": [{"match": {"op": "==", "left": {"meta": \
            {"key": "l4proto"}}, "right": "udp"}}, {"xt": {"type": "match", "name": "multiport"}}, {"counter": \
            {"packets": 0, "bytes": 0}}, {"accept": null}]}}, {"rule": {"family": "ip", "table": "filter", "chain": \
            "INPUT", "handle": 6, "expr": [{"match": {"op": "==", "left": {"meta": {"key": "l4proto"}}, "right": "tcp"}}, \
            {"xt": {"type": "match", "name": "multiport"}}, {"counter": {"packets": 0, "bytes": 0}}, {"drop": null}]}}, \
            {"rule": {"family": "ip", "table": "filter", "chain": "INPUT", "handle": 8, "expr": [{"match": {"op": "==", \
            "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": 9002}}, {"xt": {"type": "match", \
            "name": "conntrack"}}, {"counter": {"packets": 0, "bytes": 0}}, {"accept": null}]}}]}
            """;
    private static final String TEXT = """
            table ip filter { # handle 1
            \tchain INPUT { # handle 1
            \t\ttype filter hook input priority filter; policy drop;
            \t\tmeta l4proto tcp ct state new tcp dport 9000 counter packets 0 bytes 0 drop # handle 2
            \t\tmeta l4proto tcp ct state ! invalid tcp dport 9001 counter packets 0 bytes 0 accept # handle 3
            \t\tmeta l4proto tcp tcp dport { 80, 443, 8000-8100 } counter packets 0 bytes 0 accept # handle 4
            \t\tmeta l4proto udp udp sport { 53, 123 } counter packets 0 bytes 0 accept # handle 5
            \t\tmeta l4proto tcp tcp dport != 1-1023 counter packets 0 bytes 0 drop # handle 6
            \t\ttcp dport 9002 ct state new,established counter packets 0 bytes 0 accept # handle 8
            \t}
            }
            """;

    private static Ruleset ruleset() {
        try {
            return RulesetParser.parse(JSON, TEXT);
        } catch (JsonSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void ruleTextsAreFoundByChainAndHandle() {
        Map<ChainRef, Map<Long, String>> texts = XtTranslation.ruleTexts(TEXT);
        Map<Long, String> input = texts.get(new ChainRef("ip", "filter", "INPUT"));
        assertEquals(6, input.size());
        assertEquals("meta l4proto tcp ct state ! invalid tcp dport 9001 counter packets 0 bytes 0 accept", input.get(3L));
    }

    @Test
    void extensionMatchesBecomeWhatTheyTest() {
        List<String> rules = ruleset().chain("ip", "filter", "INPUT").orElseThrow().rules().stream()
                .map(RuleText::of).toList();
        assertEquals(List.of(
                "meta l4proto tcp ct state new tcp dport 9000 counter drop",
                "meta l4proto tcp ct state != invalid tcp dport 9001 counter accept",
                "meta l4proto tcp tcp dport { 80, 443, 8000-8100 } counter accept",
                "meta l4proto udp udp sport { 53, 123 } counter accept",
                "meta l4proto tcp tcp dport != 1-1023 counter drop",
                "tcp dport 9002 ct state new,established counter accept"), rules);
    }

    @Test
    void andAreEvaluated() {
        Ruleset r = ruleset();
        assertEquals(FirewallDecision.Outcome.DROPPED, FirewallEvaluator.evaluate(r, tcp("192.0.2.1", 9000)).outcome());
        assertEquals(FirewallDecision.Outcome.ACCEPTED, FirewallEvaluator.evaluate(r, tcp("192.0.2.1", 9001)).outcome());
        assertEquals(FirewallDecision.Outcome.ACCEPTED, FirewallEvaluator.evaluate(r, tcp("192.0.2.1", 8050)).outcome());
        // 1-1023 is not "!= 1-1023", so 22 falls through to the policy; 2000 is dropped by rule 6.
        FirewallDecision ssh = FirewallEvaluator.evaluate(r, tcp("192.0.2.1", 22));
        assertEquals(FirewallDecision.Outcome.DROPPED, ssh.outcome());
        assertEquals(null, ssh.deciding().getFirst().rule());
        assertEquals(6, FirewallEvaluator.evaluate(r, tcp("192.0.2.1", 2000)).deciding().getFirst().rule().handle());
        // Clients connect from an unprivileged port (which one is unknown): "udp sport { 53, 123 }" cannot hold.
        assertEquals(FirewallDecision.Outcome.DROPPED, FirewallEvaluator.evaluate(r, udp("192.0.2.1", 5000)).outcome());
        // Order matters: rule 6 drops 9002 before rule 8 could accept it.
        assertEquals(6, FirewallEvaluator.evaluate(r, tcp("192.0.2.1", 9002)).deciding().getFirst().rule().handle());
    }

    @Test
    void dockersAddressTypeMatchAndDnatTargetBecomeFibAndDnat() {
        Ruleset docker = NftFixtures.ruleset("docker-nat");
        Rule jump = docker.chain("ip", "nat", "PREROUTING").orElseThrow().rules().getFirst();
        assertEquals("fib daddr type local counter jump DOCKER", RuleText.of(jump));
        Rule dnat = docker.chain("ip", "nat", "DOCKER").orElseThrow().rules().get(1);
        RuleElement.Dnat to = (RuleElement.Dnat) dnat.elements().getLast();
        assertEquals(NftFixtures.ip("172.17.0.2"), to.address());
        assertEquals(80, to.port());
        Rule jsonOnly = NftFixtures.jsonOnly("docker-nat").chain("ip", "nat", "DOCKER").orElseThrow().rules().get(1);
        assertEquals("xt target DNAT", RuleText.of(jsonOnly).substring(RuleText.of(jsonOnly).lastIndexOf("xt ")));
    }

    @Test
    void ambiguousTextLeavesTheMatchOpaque() {
        Rule two = new Rule(new ChainRef("ip", "filter", "INPUT"), 9, List.of(
                RulesetParser.element(NftFixtures.parse("{\"xt\": {\"type\": \"match\", \"name\": \"conntrack\"}}")),
                RulesetParser.element(NftFixtures.parse("{\"accept\": null}"))), null);
        Rule same = XtTranslation.translate(two, "ct state new ct state established accept");
        assertEquals(two, same);
        assertEquals(two, XtTranslation.translate(two, "accept"));
    }

    @Test
    void portValues() {
        assertEquals("22", RuleText.operand(new Operand.Payload("tcp", "dport")).replace("tcp dport", "22"));
        assertEquals("{\"set\":[80,{\"range\":[8000,8100]}]}",
                io.sockscope.json.JsonText.compact(XtTranslation.portValue("{ 80, 8000-8100 }").orElseThrow()));
        assertEquals(java.util.Optional.empty(), XtTranslation.portValue("http"));
    }
}
