package io.sockscope.diagnose.json;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class JsonReaderTest {
    private static JsonValue read(String text) {
        try {
            return JsonReader.read(text);
        } catch (JsonSyntaxException e) {
            throw new AssertionError(text + ": " + e.getMessage(), e);
        }
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = JsonReaderTest.class.getResourceAsStream("/doctor/nft/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void scalars() {
        assertEquals(new JsonValue.JsonString("a"), read("\"a\""));
        assertEquals(new JsonValue.JsonBoolean(true), read(" true "));
        assertEquals(new JsonValue.JsonBoolean(false), read("false"));
        assertEquals(JsonValue.JsonNull.INSTANCE, read("null"));
        assertEquals(Optional.of(-42L), read("-42").integer());
        assertEquals(Optional.empty(), read("1.5").integer());
        assertEquals(new BigDecimal("1.5e300"), ((JsonValue.JsonNumber) read("1.5e300")).decimal());
        // Too big for a long: kept exactly, not as a long.
        JsonValue big = read("123456789012345678901234567890");
        assertEquals(Optional.empty(), big.integer());
        assertEquals("123456789012345678901234567890", ((JsonValue.JsonNumber) big).text());
    }

    @Test
    void escapes() {
        assertEquals("q\"b\\s/n\nr\rt\tb\bf\f", read("\"q\\\"b\\\\s\\/n\\nr\\rt\\tb\\bf\\f\"").string().orElseThrow());
        assertEquals("é€😀", read("\"\\u00e9\\u20AC\\ud83d\\ude00\"").string().orElseThrow());
        assertEquals("é€😀", read("\"é€😀\"").string().orElseThrow());
        // A lone surrogate escape is tolerated and kept.
        assertEquals("\ud800x", read("\"\\ud800x\"").string().orElseThrow());
    }

    @Test
    void containers() {
        JsonValue v = read("{\"a\": [1, {\"b\": null}], \"c\": {}, \"d\": []}");
        JsonValue.JsonObject o = assertInstanceOf(JsonValue.JsonObject.class, v);
        assertEquals(List.of("a", "c", "d"), List.copyOf(o.members().keySet()));
        assertEquals(2, v.member("a").orElseThrow().elements().size());
        assertEquals(JsonValue.JsonNull.INSTANCE, v.member("a").orElseThrow().elements().get(1).member("b").orElseThrow());
        assertEquals(Optional.empty(), v.member("zzz"));
        assertEquals(List.of(), v.elements());
        assertEquals(Optional.of("c"), ((JsonValue.JsonObject) read("{\"c\": 1}")).soleName());
    }

    @Test
    void repeatedNamesKeepTheLastValue() {
        assertEquals(Optional.of(2L), read("{\"a\": 1, \"a\": 2}").member("a").orElseThrow().integer());
    }

    @Test
    void byteOrderMarkAndWhitespaceAreSkipped() {
        assertEquals(Optional.of(1L), read("\uFEFF \n\t\r1 \n").integer());
    }

    @Test
    void errorsCarryThePosition() {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonReader.read("{\"a\": 1,\n  ]"));
        assertEquals(11, e.offset());
        assertTrue(e.getMessage().contains("line 2, column 3"), e.getMessage());
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "{'a': 1}", "tru", "01", "1.", "-", "1e", "\"a",
                "\"\\x\"", "\"\\u12\"", "\"a\nb\"", "[1] 2", "{\"a\":1,}", "// c\n1", "NaN", "[", "{\"a\":")) {
            assertThrows(JsonSyntaxException.class, () -> JsonReader.read(bad), bad);
        }
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(JsonReader.MAX_DEPTH + 1) + "]".repeat(JsonReader.MAX_DEPTH + 1);
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonReader.read(deep));
        assertTrue(e.getMessage().contains("nesting deeper"), e.getMessage());
        String ok = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        assertEquals(1, read(ok).elements().size());
    }

    @Test
    void realRulesetsRoundTripThroughCompactText() throws IOException {
        for (String name : List.of("server-firewall.json", "sets-jumps-priorities.json", "iptables-nft.json",
                "undecidable.json", "empty.json")) {
            JsonValue v = read(fixture(name));
            assertEquals(v, read(JsonText.compact(v)), name);
            assertTrue(v.member("nftables").orElseThrow().elements().size() >= 1, name);
        }
    }

    @Test
    void compactTextEscapesWhatJsonRequires() {
        JsonValue v = new JsonValue.JsonString("a\"b\\c\u0001\n\ud800");
        String text = JsonText.compact(v);
        assertEquals("\"a\\\"b\\\\c\\u0001\\n\\ud800\"", text);
        assertEquals(v, read(text));
    }

    /** Damaged real documents: every one either reads or fails with JsonSyntaxException, nothing else. */
    @Test
    void fuzzedRulesetsFailOnlyWithSyntaxErrors() throws IOException {
        String base = fixture("sets-jumps-priorities.json");
        Random random = new Random(20240601);
        String alphabet = "{}[]\":,\\0123456789.eE+-tfnul \n\u00e9\ud83d";
        int parsed = 0;
        for (int round = 0; round < 3000; round++) {
            StringBuilder b = new StringBuilder(base);
            int edits = 1 + random.nextInt(4);
            for (int k = 0; k < edits; k++) {
                int at = random.nextInt(b.length());
                switch (random.nextInt(3)) {
                    case 0 -> b.deleteCharAt(at);
                    case 1 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            if (random.nextInt(10) == 0) {
                b.setLength(random.nextInt(b.length()));
            }
            try {
                JsonReader.read(b);
                parsed++;
            } catch (JsonSyntaxException e) {
                assertTrue(e.offset() >= 0 && e.offset() <= b.length());
            } catch (RuntimeException e) {
                fail("unexpected " + e + " for input of length " + b.length(), e);
            }
        }
        assertTrue(parsed > 0, "no mutation kept the document valid; the fuzzer tests nothing but errors");
    }
}
