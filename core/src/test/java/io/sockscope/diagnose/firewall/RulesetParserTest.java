package io.sockscope.diagnose.firewall;

import io.sockscope.json.JsonReader;
import io.sockscope.json.JsonSyntaxException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RulesetParserTest {
    @Test
    void chainsSetsAndMapsOfARealRuleset() {
        Ruleset r = NftFixtures.ruleset("sets-jumps-priorities");
        assertEquals("1.0.6", r.nftVersion());
        assertEquals(List.of("ssh", "metrics", "early", "input", "input"),
                r.chains().stream().map(c -> c.ref().name()).toList());
        Chain early = r.chain("inet", "fw", "early").orElseThrow();
        assertEquals(Hook.INPUT, early.hook());
        assertEquals(-10, early.priority());
        assertEquals("accept", early.policy());
        Chain ssh = r.chain("inet", "fw", "ssh").orElseThrow();
        assertNull(ssh.hook());
        assertEquals(3, ssh.rules().size());
        assertEquals(3, r.set("inet", "fw", "admins").orElseThrow().elements().size());
        assertTrue(r.set("inet", "fw", "by_port").orElseThrow().map());
        assertEquals(List.of(), r.skipped());
        // Ordered by hook, then priority: early (-10), input (0), then only6's input (5) for IPv6.
        assertEquals(List.of("inet fw early", "inet fw input", "ip6 only6 input"),
                r.baseChains(6, List.of(Hook.INGRESS, Hook.PREROUTING, Hook.INPUT)).stream()
                        .map(c -> c.ref().family() + " " + c.ref().table() + " " + c.ref().name()).toList());
        assertEquals(2, r.baseChains(4, List.of(Hook.INPUT)).size());
    }

    @Test
    void expressionsBecomeMatchesVerdictsAndOpaqueElements() {
        Ruleset r = NftFixtures.ruleset("undecidable");
        List<RuleElement> limited = r.chain("inet", "limits", "input").orElseThrow().rules().getFirst().elements();
        assertEquals(new Operand.Payload("tcp", "dport"), assertInstanceOf(RuleElement.Match.class, limited.get(0)).left());
        assertEquals("in", ((RuleElement.Match) limited.get(1)).op());
        assertEquals("limit", assertInstanceOf(RuleElement.OpaqueCondition.class, limited.get(2)).name());
        assertEquals(VerdictKind.ACCEPT, assertInstanceOf(RuleElement.Verdict.class, limited.get(3)).kind());
        RuleElement dnat = r.chain("ip", "nat", "prerouting").orElseThrow().rules().getFirst().elements().get(1);
        RuleElement.Dnat to = assertInstanceOf(RuleElement.Dnat.class, dnat);
        assertEquals(NftFixtures.ip("10.0.0.2"), to.address());
        assertEquals(443, to.port());
        assertEquals(4, to.ipVersion());
        RuleElement map = NftFixtures.ruleset("dnat").chain("ip", "nat", "prerouting").orElseThrow().rules().get(2)
                .elements().get(1);
        assertEquals("dnat", assertInstanceOf(RuleElement.OpaqueAction.class, map).name(),
                "a map of addresses cannot be followed");
        RuleElement concat = r.chain("inet", "limits", "input").orElseThrow().rules().get(3).elements().getFirst();
        assertInstanceOf(Operand.Concat.class, ((RuleElement.Match) concat).left());
    }

    @Test
    void whatIsNotUnderstoodIsSkippedWithANote() throws JsonSyntaxException {
        Ruleset r = RulesetParser.parse(JsonReader.read("""
                {"nftables": [
                  {"metainfo": {"version": "9.9"}},
                  42,
                  {"chain": {"family": "inet", "table": "t"}},
                  {"rule": {"family": "inet", "table": "t", "chain": "gone", "handle": 3, "expr": []}},
                  {"rule": {"table": "t"}},
                  {"flowtable": {"name": "f"}},
                  {"chain": {"family": "inet", "table": "t", "name": "c", "hook": "input", "prio": 0}},
                  {"rule": {"family": "inet", "table": "t", "chain": "c", "expr": [{"frobnicate": 1}, "x"]}}
                ]}
                """), null);
        assertEquals("9.9", r.nftVersion());
        assertEquals(4, r.skipped().size(), r.skipped().toString());
        Chain c = r.chain("inet", "t", "c").orElseThrow();
        assertEquals("accept", c.policy()); // a base chain without a policy accepts
        assertEquals(-1, c.rules().getFirst().handle());
        assertEquals(2, c.rules().getFirst().elements().stream()
                .filter(e -> e instanceof RuleElement.OpaqueAction).count());
        assertEquals(List.of("the document has no \"nftables\" array"),
                RulesetParser.parse(JsonReader.read("{}"), null).skipped());
    }
}
