package io.sockscope.diagnose.firewall;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules written back from nft's JSON read the way {@code nft -a list ruleset} printed them (counters aside),
 * for every rule of the captured fixtures except those whose expressions the writer deliberately shows as
 * JSON or by their iptables extension name.
 */
class RuleTextTest {
    /** Rules shown differently on purpose, by fixture and handle, with the reason. */
    private static final Map<String, Set<Long>> SHOWN_OTHERWISE = Map.of(
            // a rate limit, a hexadecimal mark, a bit operation, NAT: shown as the JSON nft gave
            "undecidable", Set.of(2L, 3L, 4L),
            // iptables' LOG target: nft's JSON names it only
            "iptables-nft", Set.of(8L));

    @Test
    void rulesReadLikeNftPrintsThem() {
        int compared = 0;
        List<String> mismatches = new ArrayList<>();
        for (String fixture : List.of("server-firewall", "sets-jumps-priorities", "undecidable", "iptables-nft", "dnat",
                "docker-nat")) {
            Ruleset ruleset = NftFixtures.ruleset(fixture);
            Map<ChainRef, Map<Long, String>> texts = XtTranslation.ruleTexts(NftFixtures.text(fixture + ".txt"));
            for (Chain chain : ruleset.chains()) {
                for (Rule rule : chain.rules()) {
                    if (SHOWN_OTHERWISE.getOrDefault(fixture, Set.of()).contains(rule.handle())
                            || rule.elements().stream().anyMatch(e -> e instanceof RuleElement.OpaqueAction)) {
                        continue;
                    }
                    String nft = texts.get(chain.ref()).get(rule.handle())
                            .replaceAll("counter packets \\d+ bytes \\d+", "counter");
                    compared++;
                    if (!nft.equals(RuleText.of(rule))) {
                        mismatches.add(fixture + " " + RuleText.location(rule) + "\n  nft:  " + nft + "\n  ours: "
                                + RuleText.of(rule));
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches);
        assertTrue(compared >= 25, "compared only " + compared + " rules");
    }

    @Test
    void destinationNatReadsAsNftWritesIt() {
        Ruleset dnat = NftFixtures.ruleset("dnat");
        assertEquals("tcp dport 8081 dnat to 10.213.0.2",
                RuleText.of(dnat.chain("ip", "nat", "prerouting").orElseThrow().rules().get(1)));
        assertEquals("tcp dport 8090 dnat ip6 to [fd00::5]:80",
                RuleText.of(dnat.chain("inet", "nat6", "prerouting").orElseThrow().rules().getFirst()));
    }

    @Test
    void locationsNameTableChainAndHandle() {
        Rule rule = NftFixtures.ruleset("server-firewall").chain("inet", "filter", "input").orElseThrow().rules().get(1);
        assertEquals("table inet filter chain input handle 5", RuleText.location(rule));
        assertEquals("iif \"lo\" accept", RuleText.of(rule));
    }

    @Test
    void whatCannotBePhrasedIsShownAsJson() {
        Rule limit = NftFixtures.ruleset("undecidable").chain("inet", "limits", "input").orElseThrow().rules().getFirst();
        assertEquals("tcp dport 22 ct state new {\"limit\":{\"rate\":3,\"burst\":5,\"per\":\"minute\"}} accept",
                RuleText.of(limit));
    }
}
