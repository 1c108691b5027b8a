package io.sockscope.filter;

import io.sockscope.model.AddressFamily;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which expressions keep every inet socket, the question {@code -K} asks before closing anything: the known
 * forms are recognised, the ones that name sockets are not, and no expression is ever called "always" while
 * the evaluator leaves out one of a varied set of sockets.
 */
class TautologyTest {
    private static final EphemeralPortRange EPHEMERAL = new EphemeralPortRange(32768, 60999);

    private static CompiledFilter compile(String expression) throws Exception {
        ParseContext context = new ParseContext(AddressFamily.UNSPEC, true, true, ParserTableTest.environment());
        return CompiledFilter.compile(List.of(expression), null, context, EPHEMERAL, true);
    }

    @Test
    void expressionsThatKeepEverythingNameNothing() throws Exception {
        for (String text : List.of("", " ", " \t", "sport >= :0", "dport <= :65535", "src 0.0.0.0/0", "dst ::/0",
                "src *", "dst *:*", "dport = :80 or not dport = :80", "not dport = :80 or dport = :80",
                "not ( sport < :0 )", "sport >= :0 and dst *", "fwmark 0/0", "! ( dport = :1 & ! dport = :1 )",
                "sport = :22 | sport >= :0")) {
            assertFalse(compile(text).narrowsInetSockets(), "'" + text + "' keeps every inet socket");
        }
        assertFalse(CompiledFilter.NONE.narrowsInetSockets());
        assertFalse(CompiledFilter.compile(List.of(), "\n  \n", ParseContext.defaults(ParserTableTest.environment()),
                EPHEMERAL, true).narrowsInetSockets(), "an empty filter file");
    }

    @Test
    void expressionsThatNameSocketsNarrow() throws Exception {
        for (String text : List.of("dport = :80", "sport >= :1", "dport <= :65534", "src 10.0.0.0/8", "src 0.0.0.0",
                "not src *", "sport < :0 or dport = :22", "dport = :80 and not dport = :80", "fwmark 1/0",
                "fwmark 0x10", "dev lo", "src *:22", "autobound", "dst [::1]", "not sport >= :0 or dport = :9")) {
            assertTrue(compile(text).narrowsInetSockets(), "'" + text + "' names some sockets");
        }
    }

    @Test
    void alwaysIsSaidOnlyWhenEverySocketMatches() throws Exception {
        long seed = 0x4B17_A11L;
        Random random = new Random(seed);
        List<FilterSubject> sockets = sockets(random);
        RandomExpressions gen = new RandomExpressions(random,
                new String[] {"*", "0.0.0.0/0", "::/0", "10.0.0.0/8", "[::1]", "*:0", "127.0.0.1:22"},
                new String[] {":0", ":1", ":22", ":65535", ":65534", "*"}, new String[] {"fwmark 0/0", "fwmark 3"});
        ParseContext context = new ParseContext(AddressFamily.UNSPEC, true, true, ParserTableTest.environment());
        int always = 0;
        for (int i = 0; i < 5000; i++) {
            String text = gen.expression(1 + random.nextInt(4));
            Filter filter = Filters.parse(List.of(text), context).expression().orElseThrow();
            if (!Tautology.keepsEveryInetSocket(filter)) {
                continue;
            }
            always++;
            FilterEvaluator evaluator = FilterEvaluator.of(filter, EPHEMERAL);
            for (FilterSubject s : sockets) {
                assertTrue(evaluator.matches(s), () -> "seed " + seed + ": '" + text + "' called always, but leaves out "
                        + s);
            }
        }
        assertTrue(always > 50, "the property was exercised: " + always + " tautologies");
    }

    private static List<FilterSubject> sockets(Random random) {
        List<FilterSubject> sockets = new ArrayList<>();
        int[] ports = {0, 1, 22, 80, 32768, 65534, 65535};
        for (int i = 0; i < 200; i++) {
            boolean v6 = random.nextBoolean();
            byte[] local = new byte[v6 ? 16 : 4];
            byte[] remote = new byte[v6 ? 16 : 4];
            random.nextBytes(local);
            random.nextBytes(remote);
            int localPort = i < ports.length ? ports[i] : random.nextInt(65536);
            int remotePort = i < ports.length ? ports[ports.length - 1 - i] : random.nextInt(65536);
            sockets.add(new FilterSubject(v6 ? AddressFamily.INET6 : AddressFamily.INET, local, remote, localPort,
                    remotePort, random.nextInt(3), random.nextInt(), random.nextLong()));
        }
        return sockets;
    }
}
