package io.sockscope.filter;

import io.sockscope.model.AddressFamily;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any input parses or fails with a {@link FilterSyntaxException} that points inside the input — never any
 * other exception — and whatever parses can be described, compiled and evaluated.
 */
class FilterFuzzTest {
    private static final String ALPHABET = "abcdefiklmnoprstuvxz0123456789 \t\n\r\\()[]:/*!=<>&|.-+@#,?^%'\"é€\u0000";
    private static final String[] VOCABULARY = {
        "src", "dst", "sport", "dport", "dev", "fwmark", "cgroup", "autobound", "(", ")", "!", "not", "&", "&&",
        "and", "|", "||", "or", "=", "==", "eq", "!=", "ne", "neq", ">", "gt", "<", "lt", ">=", "ge", "geq", "<=",
        "le", "leq", ":22", "22", "*", "*:80", "[::1]:22", "10.0.0.0/8", "::/0", "unix:/tmp/*", "link:ip:lo",
        "netlink:rtnl:kernel", "vsock:3:1", "inet:1.2.3.4", "inet6:[::1]", "lo", "if3", "0x10/0xff", "/a",
        "gw", "nosuch", ":ssh", ":nope", "[", "]", "\\", "", "1.2.3", "1.2.3.4.5", "-1", "0", "link:", "unix:",
        "99999999999", "[::1", "vsock:x", "netlink:999", "link:bogus", "dev", "src\\ dst",
    };

    private final MapEnvironment env = new MapEnvironment().iface("lo", 1).service("ssh", "tcp", 22)
            .host("gw", AddressFamily.INET, new byte[] {10, 0, 0, 1}).cgroup("/a", 5);

    /** Parses and checks the outcome; returns true when it parsed. */
    private boolean exercise(List<String> words, String file) {
        env.questions.clear();
        ParsedFilter parsed;
        String source = expectedSource(words, file);
        try {
            parsed = Filters.parse(words, file, ParseContext.defaults(env));
        } catch (FilterSyntaxException e) {
            assertEquals(source, e.source(), "source text");
            assertTrue(e.offset() >= 0 && e.offset() <= source.length(), () -> "offset " + e.offset() + " in " + source);
            assertTrue(e.line() >= 1 && e.column() >= 1);
            assertFalse(e.reason().isEmpty());
            assertTrue(e.getMessage().contains("column " + e.column()));
            assertTrue(e.ssStderr().endsWith("\n"));
            assertTrue(SsExitStatus.of(e) == 1 || SsExitStatus.of(e) == 255);
            return false;
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t + " for words " + words + " file " + file, t);
        }
        parsed.expression().ifPresent(f -> {
            Filters.describe(f);
            BytecodePlan plan = BytecodeCompiler.compile(f);
            if (plan instanceof BytecodePlan.Program p && p.kernelAccepts()) {
                assertEquals(null, InetDiagInterpreter.audit(p.bytes(), true), () -> "audit " + words);
            }
            FilterEvaluator ev = FilterEvaluator.of(f, EphemeralPortRange.FALLBACK);
            for (FilterSubject s : SUBJECTS) {
                ev.matches(s);
            }
        });
        return true;
    }

    private static final List<FilterSubject> SUBJECTS = List.of(
            new FilterSubject(AddressFamily.INET, new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 2}, 22, 4000, 1, 5,
                    5),
            new FilterSubject(AddressFamily.INET6, new byte[16], new byte[16], 0, 0, 0, 0, 0),
            new FilterSubject(AddressFamily.UNIX, "/tmp/x".getBytes(), null, 7, 0, 0, 0, 0),
            new FilterSubject(AddressFamily.UNIX, null, null, 0, 0, 0, 0, 0),
            new FilterSubject(AddressFamily.PACKET, FilterSubject.hostWord(0x800), new byte[4], 1, 0, 1, 0, 0),
            new FilterSubject(AddressFamily.NETLINK, FilterSubject.hostWord(0), new byte[4], -1, -1, 0, 0, 0));

    private static String expectedSource(List<String> words, String file) {
        String joined = String.join(" ", words);
        if (file == null) {
            return joined;
        }
        return words.isEmpty() ? file : joined + "\n" + file;
    }

    @Test
    void randomCharacters() {
        Random random = new Random(0xF00DL);
        int parsed = 0;
        for (int i = 0; i < 30_000; i++) {
            List<String> words = new ArrayList<>();
            for (int w = random.nextInt(5); w >= 0; w--) {
                StringBuilder b = new StringBuilder();
                for (int c = random.nextInt(14); c > 0; c--) {
                    b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                words.add(b.toString());
            }
            parsed += exercise(words, null) ? 1 : 0;
        }
        assertTrue(parsed > 100, "some random strings are filters: " + parsed);
    }

    @Test
    void randomTokenSequences() {
        Random random = new Random(0xBEEFL);
        int parsed = 0;
        for (int i = 0; i < 40_000; i++) {
            List<String> words = new ArrayList<>();
            for (int w = random.nextInt(9); w >= 0; w--) {
                words.add(VOCABULARY[random.nextInt(VOCABULARY.length)]);
            }
            if (random.nextInt(4) == 0) {
                words = List.of(String.join(random.nextBoolean() ? " " : "\t", words));
            }
            parsed += exercise(words, null) ? 1 : 0;
        }
        assertTrue(parsed > 100, "token soup reaches valid filters too: " + parsed);
    }

    @Test
    void mutatedGrammaticalExpressions() {
        Random random = new Random(0xAB1EL);
        RandomExpressions gen = new RandomExpressions(random, new String[] {"10.0.0.0/8", "[::1]:22", "*", "gw",
            "unix:/x*", "link:ip:lo", "netlink:rtnl", "vsock:1:2", "inet:*:80", "nosuch", ":ssh"},
            new String[] {":22", "ssh", "*", "-1", "70000", "[1]"}, new String[] {"dev lo", "dev != if4",
                "cgroup /a", "cgroup /missing", "dev nope"});
        int parsed = 0;
        int failed = 0;
        for (int i = 0; i < 20_000; i++) {
            List<String> words = new ArrayList<>(List.of(gen.expression(1 + random.nextInt(4)).split(" ")));
            int edits = random.nextInt(3);
            for (int k = 0; k < edits && !words.isEmpty(); k++) {
                int at = random.nextInt(words.size());
                switch (random.nextInt(3)) {
                    case 0 -> words.remove(at);
                    case 1 -> words.add(at, VOCABULARY[random.nextInt(VOCABULARY.length)]);
                    default -> Collections.swap(words, at, random.nextInt(words.size()));
                }
            }
            if (exercise(words, null)) {
                parsed++;
            } else {
                failed++;
            }
        }
        assertTrue(parsed > 5000 && failed > 2000, "both outcomes: " + parsed + " parsed, " + failed + " refused");
    }

    @Test
    void randomFilterFiles() {
        Random random = new Random(0xF11EL);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder file = new StringBuilder();
            for (int line = random.nextInt(6); line >= 0; line--) {
                switch (random.nextInt(8)) {
                    case 0 -> file.append("# comment ").append(VOCABULARY[random.nextInt(VOCABULARY.length)]);
                    case 1 -> file.append("0 ignored");
                    case 2 -> file.append("x".repeat(1018 + random.nextInt(8)));
                    case 3 -> file.append('\u0000').append("after nul");
                    case 4 -> file.append("sport = :22\r");
                    default -> {
                        for (int w = random.nextInt(5); w >= 0; w--) {
                            file.append(VOCABULARY[random.nextInt(VOCABULARY.length)]).append(' ');
                        }
                    }
                }
                if (random.nextInt(5) != 0) {
                    file.append('\n');
                }
            }
            List<String> words = random.nextBoolean() ? List.of() : List.of("sport", "=", ":1", "or");
            exercise(words, file.toString());
        }
    }

    @Test
    void deepNestingStopsWhereBisonsStackStops() {
        List<String> deep = new ArrayList<>(Collections.nCopies(20_000, "("));
        deep.add("autobound");
        FilterSyntaxException e = assertThrows(FilterSyntaxException.class,
                () -> Filters.parse(deep, ParseContext.defaults(env)));
        assertTrue(e.ssStderr().contains("memory exhausted"), e.ssStderr());

        List<String> nots = new ArrayList<>(Collections.nCopies(Parser.MAX_STACK - 3, "!"));
        nots.add("autobound");
        assertTrue(exercise(nots, null), "9997 '!' then a predicate fit in 10000 entries, as with ss");
        nots.add(0, "!");
        assertFalse(exercise(nots, null), "one more does not");

        List<String> parens = new ArrayList<>(Collections.nCopies(9996, "("));
        parens.add("autobound");
        parens.addAll(Collections.nCopies(9996, ")"));
        assertTrue(exercise(parens, null));
        parens.add(0, "(");
        parens.add(")");
        assertFalse(exercise(parens, null));
    }

    @Test
    void veryLongListsParseAndRunWithoutRecursion() throws Exception {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            words.add("sport = :" + (i % 65536));
            words.add(i % 3 == 0 ? "or" : "");
        }
        words.add("autobound");
        Filter f = Filters.parse(words, ParseContext.defaults(env)).expression().orElseThrow();
        assertInstanceOf(BytecodePlan.Oversized.class, BytecodeCompiler.compile(f));
        FilterEvaluator ev = FilterEvaluator.of(f, EphemeralPortRange.FALLBACK);
        for (FilterSubject s : SUBJECTS) {
            ev.matches(s);
        }
        assertTrue(Filters.describe(f).length() > 1_000_000);
    }
}
