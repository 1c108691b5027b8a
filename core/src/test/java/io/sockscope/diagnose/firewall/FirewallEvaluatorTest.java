package io.sockscope.diagnose.firewall;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sockscope.diagnose.firewall.FirewallDecision.Outcome.ACCEPTED;
import static io.sockscope.diagnose.firewall.FirewallDecision.Outcome.DROPPED;
import static io.sockscope.diagnose.firewall.FirewallDecision.Outcome.REJECTED;
import static io.sockscope.diagnose.firewall.FirewallDecision.Outcome.TRANSLATED;
import static io.sockscope.diagnose.firewall.FirewallDecision.Outcome.UNKNOWN;
import static io.sockscope.diagnose.firewall.NftFixtures.ip;
import static io.sockscope.diagnose.firewall.NftFixtures.tcp;
import static io.sockscope.diagnose.firewall.NftFixtures.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The input path evaluated over rulesets captured from real nft. */
class FirewallEvaluatorTest {
    private static FirewallDecision run(String fixture, Probe probe) {
        return FirewallEvaluator.evaluate(NftFixtures.ruleset(fixture), probe);
    }

    /** The handle of the rule that decided (the only path), or -1 for a chain policy. */
    private static long decidingHandle(FirewallDecision d) {
        assertEquals(1, d.deciding().size(), d.toString());
        FirewallDecision.Step step = d.deciding().getFirst();
        return step.rule() == null ? -1 : step.rule().handle();
    }

    @Test
    void emptyRulesetAcceptsEverything() {
        FirewallDecision d = run("empty", tcp("192.0.2.9", 8080));
        assertEquals(ACCEPTED, d.outcome());
        assertEquals(List.of(), d.deciding());
    }

    @Test
    void serverFirewallLetsTheWebInAndRejectsTheRest() {
        FirewallDecision web = run("server-firewall", tcp("192.0.2.9", 443));
        assertEquals(ACCEPTED, web.outcome());
        assertEquals(9, web.deciding().getFirst().rule().handle());
        FirewallDecision other = run("server-firewall", tcp("192.0.2.9", 8080));
        assertEquals(REJECTED, other.outcome());
        assertEquals(13, decidingHandle(other));
        assertTrue(other.deciding().getFirst().describe().endsWith("counter reject with icmpx admin-prohibited"),
                other.deciding().getFirst().describe());
    }

    @Test
    void prefixesDecideByTheClientsAddress() {
        assertEquals(ACCEPTED, run("server-firewall", tcp("10.20.30.40", 5432)).outcome());
        assertEquals(REJECTED, run("server-firewall", tcp("11.0.0.1", 5432)).outcome());
        assertEquals(ACCEPTED, run("server-firewall", tcp("fd12::7", 5432)).outcome());
        assertEquals(REJECTED, run("server-firewall", tcp("2001:db8::7", 5432)).outcome());
    }

    @Test
    void anUnknownClientAddressLeavesTheAnswerOpenAndSaysWhy() {
        FirewallDecision d = run("server-firewall", tcp(null, 5432));
        assertEquals(UNKNOWN, d.outcome());
        assertEquals(List.of("ip saddr 10.0.0.0/8 (table inet filter chain input handle 10)"), d.undecided());
        assertEquals(2, d.alternatives().size(), d.alternatives().toString());
        assertTrue(d.alternatives().get(0).startsWith("accepted if ip saddr 10.0.0.0/8 matches"), d.toString());
        assertTrue(d.alternatives().get(1).startsWith("rejected by"), d.toString());
    }

    @Test
    void protocolDependenciesMakeOtherHeadersFalse() {
        // "udp dport 53" cannot match TCP; "tcp dport {22, 80, 443}" cannot match UDP.
        assertEquals(ACCEPTED, run("server-firewall", udp("192.0.2.9", 53)).outcome());
        assertEquals(REJECTED, run("server-firewall", udp("192.0.2.9", 443)).outcome());
        assertEquals(REJECTED, run("server-firewall", tcp("192.0.2.9", 53)).outcome());
    }

    @Test
    void loopbackClientsAreAcceptedByIif() {
        Probe local = new Probe(4, "tcp", ip("127.0.0.1"), List.of(ip("127.0.0.1")), 8080, List.of("lo"), true);
        FirewallDecision d = run("server-firewall", local);
        assertEquals(ACCEPTED, d.outcome());
        assertEquals(5, d.deciding().getFirst().rule().handle());
    }

    @Test
    void namedVerdictMapJumpsAndReturns() {
        // 22 jumps to chain ssh, which accepts the admins set (a prefix, an address, a range) and drops others.
        assertEquals(ACCEPTED, run("sets-jumps-priorities", tcp("192.0.2.5", 22)).outcome());
        assertEquals(ACCEPTED, run("sets-jumps-priorities", tcp("198.51.100.7", 22)).outcome());
        assertEquals(ACCEPTED, run("sets-jumps-priorities", tcp("203.0.113.15", 22)).outcome());
        FirewallDecision outsider = run("sets-jumps-priorities", tcp("203.0.113.21", 22));
        assertEquals(DROPPED, outsider.outcome());
        assertEquals(10, decidingHandle(outsider));
        // 25 is dropped by the map itself.
        assertEquals(15, decidingHandle(run("sets-jumps-priorities", tcp("192.0.2.5", 25))));
        // 9100 goes to chain metrics: a return from a goto'd chain ends at the base chain's policy.
        FirewallDecision metrics = run("sets-jumps-priorities", tcp("10.1.2.3", 9100));
        assertEquals(DROPPED, metrics.outcome());
        assertEquals(-1, decidingHandle(metrics));
        assertEquals(REJECTED, run("sets-jumps-priorities", tcp("10.9.9.9", 9100)).outcome());
    }

    @Test
    void intervalSetsAndRangesOfPorts() {
        assertEquals(ACCEPTED, run("sets-jumps-priorities", tcp("192.0.2.99", 8050)).outcome());
        assertEquals(DROPPED, run("sets-jumps-priorities", tcp("192.0.2.99", 8100)).outcome());
    }

    @Test
    void anAcceptInAnEarlierBaseChainDoesNotSpareTheNextOne() {
        // Chain early (priority -10) accepts 6000-6100; chain input (priority 0) then drops by policy.
        FirewallDecision d = run("sets-jumps-priorities", tcp("192.0.2.99", 6050));
        assertEquals(DROPPED, d.outcome());
        assertEquals(-1, decidingHandle(d));
        assertTrue(d.deciding().getFirst().describe().contains("chain input (hook input priority 0 policy drop)"),
                d.deciding().getFirst().describe());
    }

    @Test
    void tablesOfTheOtherFamilyDoNotApply() {
        // table ip6 only6 drops 8080 for IPv6 only; inet fw accepts 8000-8099 for both.
        assertEquals(ACCEPTED, run("sets-jumps-priorities", tcp("192.0.2.99", 8080)).outcome());
        FirewallDecision v6 = run("sets-jumps-priorities", tcp("2001:db8::9", 8080));
        assertEquals(DROPPED, v6.outcome());
        assertEquals("table ip6 only6 chain input handle 2: tcp dport 8080 drop", v6.deciding().getFirst().describe());
    }

    @Test
    void interfaceWildcards() {
        assertEquals(ACCEPTED, run("sets-jumps-priorities", udp("192.0.2.99", 161)).outcome());
        Probe onWlan = new Probe(4, "udp", ip("192.0.2.99"), List.of(ip("10.0.0.1")), 161, List.of("wlan0"), false);
        assertEquals(DROPPED, run("sets-jumps-priorities", onWlan).outcome());
        Probe unknownInterface = new Probe(4, "udp", ip("192.0.2.99"), List.of(ip("10.0.0.1")), 161,
                List.of("eth1", "wlan0"), false);
        assertEquals(UNKNOWN, run("sets-jumps-priorities", unknownInterface).outcome());
    }

    @Test
    void undecidableConditionsAreFollowedBothWays() {
        // A rate limit: accepted, or (over the limit) dropped by the policy.
        FirewallDecision limited = run("undecidable", tcp("192.0.2.9", 22));
        assertEquals(UNKNOWN, limited.outcome());
        assertTrue(limited.undecided().getFirst().startsWith("{\"limit\""), limited.undecided().toString());
        // A mark, bit operations: unknown, and said to be.
        assertEquals(UNKNOWN, run("undecidable", tcp("192.0.2.9", 2222)).outcome());
        assertEquals(UNKNOWN, run("undecidable", tcp("192.0.2.9", 7000)).outcome());
        // Concatenations are matched part by part.
        assertEquals(ACCEPTED, run("undecidable", tcp("192.0.2.1", 7100)).outcome());
        assertEquals(DROPPED, run("undecidable", tcp("192.0.2.9", 7100)).outcome());
        assertEquals(UNKNOWN, run("undecidable", tcp(null, 7100)).outcome());
        // Where they cannot matter, the answer is known.
        assertEquals(ACCEPTED, run("undecidable", tcp("192.0.2.9", 7200)).outcome());
        assertEquals(DROPPED, run("undecidable", tcp("192.0.2.9", 9999)).outcome());
    }

    @Test
    void destinationNatEndsThePathWhereItSendsThePacket() {
        FirewallDecision d = run("undecidable", tcp("192.0.2.9", 8443));
        assertEquals(TRANSLATED, d.outcome());
        assertEquals(List.of(new FirewallDecision.Translation(d.deciding().getFirst(), ip("10.0.0.2"), 443)),
                d.translations());
        assertEquals("table ip nat chain prerouting handle 2: tcp dport 8443 dnat to 10.0.0.2:443",
                d.deciding().getFirst().describe());
        // The input chain's policy would drop the port: the translation came first.
        assertEquals(DROPPED, run("undecidable", tcp("192.0.2.9", 8444)).outcome());
    }

    @Test
    void everyFormOfDnatNftPrints() {
        FirewallDecision published = run("dnat", tcp(null, 8080));
        assertEquals(TRANSLATED, published.outcome());
        assertEquals(new FirewallDecision.Translation(published.deciding().getFirst(), ip("10.213.0.2"), 80),
                published.translations().getFirst());
        FirewallDecision samePort = run("dnat", tcp(null, 8081));
        assertEquals(8081, samePort.translations().getFirst().port(), "an address alone keeps the packet's port");
        FirewallDecision map = run("dnat", tcp(null, 8083));
        assertEquals(UNKNOWN, map.outcome());
        assertTrue(map.undecided().getFirst().startsWith("cannot follow"), map.undecided().toString());
        assertEquals(List.of(), map.translations());
        // dnat ip6 leaves IPv4 packets alone (the input chain then drops them); IPv6 ones are translated.
        assertEquals(DROPPED, run("dnat", tcp(null, 8090)).outcome());
        FirewallDecision v6 = run("dnat", tcp("2001:db8::7", 8090));
        assertEquals(TRANSLATED, v6.outcome());
        assertEquals(ip("fd00::5"), v6.translations().getFirst().address());
    }

    @Test
    void aTranslationOnSomePathsLeavesTheAnswerOpenAndIsKept() {
        Probe twoInterfaces = new Probe(4, "tcp", null, List.of(ip("10.0.0.1")), 8091, List.of("eth0", "eth1"),
                false);
        FirewallDecision d = FirewallEvaluator.evaluate(NftFixtures.ruleset("dnat"), twoInterfaces);
        assertEquals(UNKNOWN, d.outcome());
        assertEquals(1, d.translations().size());
        assertEquals(91, d.translations().getFirst().port());
        assertTrue(d.alternatives().stream().anyMatch(a -> a.startsWith("translated by table inet nat6 chain"
                + " prerouting handle")), d.alternatives().toString());
        assertEquals(TRANSLATED, run("dnat", tcp(null, 8091)).outcome(), "on eth0 alone");
    }

    @Test
    void aLocalClientIsTranslatedOnTheOutputHook() {
        Probe local = new Probe(4, "tcp", ip("10.0.0.1"), List.of(ip("10.0.0.1")), 8080, List.of("lo"), true);
        FirewallDecision d = FirewallEvaluator.evaluate(NftFixtures.ruleset("dnat"), local);
        assertEquals(TRANSLATED, d.outcome());
        assertEquals("output", d.deciding().getFirst().chain().ref().name());
    }

    @Test
    void dockersIptablesNftRulesAreFollowedThroughItsChain() {
        FirewallDecision d = run("docker-nat", tcp(null, 8080));
        assertEquals(TRANSLATED, d.outcome());
        assertEquals("table ip nat chain DOCKER handle 9: iifname != \"docker0\" tcp dport 8080 counter dnat to"
                + " 172.17.0.2:80", d.deciding().getFirst().describe());
        assertEquals(ip("172.17.0.2"), d.translations().getFirst().address());
        assertEquals(ACCEPTED, run("docker-nat", tcp(null, 8081)).outcome());
        // Without the text form the extension match and the target are only named: nothing can be followed.
        FirewallDecision named = FirewallEvaluator.evaluate(NftFixtures.jsonOnly("docker-nat"), tcp(null, 8080));
        assertEquals(UNKNOWN, named.outcome());
    }

    @Test
    void iptablesNftRulesWithTheirExtensionMatchesRead() {
        FirewallDecision reject = run("iptables-nft", tcp("192.0.2.9", 8080));
        assertEquals(REJECTED, reject.outcome());
        assertEquals(6, decidingHandle(reject));
        assertEquals(ACCEPTED, run("iptables-nft", tcp("10.1.1.1", 5432)).outcome());
        FirewallDecision logged = run("iptables-nft", udp("192.0.2.9", 514));
        assertEquals(DROPPED, logged.outcome());
        assertEquals("table ip filter chain LOGDROP handle 9: counter drop", logged.deciding().getFirst().describe());
        FirewallDecision policy = run("iptables-nft", tcp("192.0.2.9", 9999));
        assertEquals(DROPPED, policy.outcome());
        assertEquals(-1, decidingHandle(policy));
        // ip6tables: its own table.
        assertEquals(DROPPED, run("iptables-nft", tcp("2001:db8::1", 8080)).outcome());
        assertEquals(ACCEPTED, run("iptables-nft", tcp("2001:db8::1", 8081)).outcome());
    }

    @Test
    void withoutTheTextFormConntrackMatchesStayUnknown() {
        FirewallDecision d = FirewallEvaluator.evaluate(NftFixtures.jsonOnly("iptables-nft"), tcp("192.0.2.9", 8080));
        assertEquals(UNKNOWN, d.outcome());
        assertTrue(d.undecided().contains("xt match conntrack (table ip filter chain INPUT handle 3)"),
                d.undecided().toString());
    }

    @Test
    void tooManyUndecidedConditionsGiveUpAsUnknown() {
        StringBuilder json = new StringBuilder("{\"nftables\": [{\"chain\": {\"family\": \"inet\", \"table\": \"t\","
                + " \"name\": \"in\", \"hook\": \"input\", \"prio\": 0, \"policy\": \"drop\", \"type\": \"filter\"}}");
        for (int i = 0; i < 20; i++) {
            json.append(", {\"rule\": {\"family\": \"inet\", \"table\": \"t\", \"chain\": \"in\", \"handle\": ")
                    .append(i + 10).append(", \"expr\": [{\"limit\": {\"rate\": 1, \"per\": \"second\"}},"
                            + " {\"counter\": null}]}}");
        }
        json.append(", {\"rule\": {\"family\": \"inet\", \"table\": \"t\", \"chain\": \"in\", \"handle\": 99,"
                + " \"expr\": [{\"limit\": {\"rate\": 1, \"per\": \"second\"}}, {\"accept\": null}]}}]}");
        Ruleset r;
        try {
            r = RulesetParser.parse(json.toString());
        } catch (io.sockscope.json.JsonSyntaxException e) {
            throw new AssertionError(e);
        }
        FirewallDecision d = FirewallEvaluator.evaluate(r, tcp("192.0.2.1", 80));
        assertEquals(UNKNOWN, d.outcome());
    }
}
