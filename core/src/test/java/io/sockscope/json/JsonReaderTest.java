package io.sockscope.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The reader over the documents the core library reads: nft's rulesets (real ones, and damaged) and the shapes of
 * the container runtimes' files.
 */
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
        // As a Docker container's name may come: every escape in one member's value, the pair made whole again.
        String member = "{\"Name\":\"/caf\\u00e9-\\\"quoted\\\"-\\\\back\\/slash-\\ud83d\\ude00-\\t\\n\\r\\b\\f\"}";
        assertEquals("/caf\u00e9-\"quoted\"-\\back/slash-\uD83D\uDE00-\t\n\r\b\f",
                read(member).member("Name").flatMap(JsonValue::string).orElseThrow());
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
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "{", "[", "{\"a\":", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{'a': 1}", "{a: 1}", "// c\n1", "NaN",
        "tru", "01", "1.", "-", "1e", "+1", "[1 2]", "{\"b\"}", "{\"a\":}", "{\"a\":]", "[1] 2", "{\"a\":1} trailing",
        "\"a", "\"\\x\"", "\"\\u12\"", "\"\\u12zz\"", "\"a\nb\"", "\"a\tb\"",
        // Each of the above where it would stand in a Docker config, before the member a reader looks for.
        "{\"Name\":\"/web\"", "{\"Name\":\"/web\",}", "{Name:\"/web\"}", "{\"Name\" \"/web\"}", "{\"Name\":\"/w\\x\"}",
        "{\"Name\":\"/w\\u12\"}", "{\"Name\":\"/w\teb\"}", "{\"Name\":\"/web", "{\"a\":tru,\"Name\":\"/web\"}",
        "{\"a\":01,\"Name\":\"/web\"}", "{\"a\":1.,\"Name\":\"/web\"}", "{\"a\":-,\"Name\":\"/web\"}",
        "{\"a\":1e,\"Name\":\"/web\"}", "{\"a\":[1,],\"Name\":\"/web\"}", "{\"a\":[1 2],\"Name\":\"/web\"}",
        "{\"a\":{\"b\"},\"Name\":\"/web\"}", "{\"a\":,\"Name\":\"/web\"}", "{\"a\":]\"Name\":\"/web\"}",
    })
    void textThatIsNotJsonIsRefused(String text) {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonReader.read(text), text);
        assertTrue(e.offset() >= 0 && e.offset() <= text.length(), e.getMessage());
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(JsonReader.MAX_DEPTH + 1) + "]".repeat(JsonReader.MAX_DEPTH + 1);
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonReader.read(deep));
        assertTrue(e.getMessage().contains("nesting deeper"), e.getMessage());
        String ok = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        assertEquals(1, read(ok).elements().size());
        // Far deeper, inside an object and before the member a reader wants: refused as early, whatever follows.
        String far = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + ",\"Name\":\"/web\"}";
        assertTrue(assertThrows(JsonSyntaxException.class, () -> JsonReader.read(far)).getMessage()
                .contains("nesting deeper"));
        int below = JsonReader.MAX_DEPTH - 1;
        String within = "{\"a\":" + "[".repeat(below) + "]".repeat(below) + ",\"Name\":\"/web\"}";
        assertEquals(Optional.of("/web"), read(within).member("Name").flatMap(JsonValue::string));
    }

    /** The command runs with {@code -Xss512k}: the limit must hold there, not only on a test's larger stack. */
    @Test
    void theDeepestDocumentAllowedIsReadOnTheCommandsStackSize() throws InterruptedException {
        int depth = JsonReader.MAX_DEPTH;
        String arrays = "[".repeat(depth) + "]".repeat(depth);
        String objects = "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
        String tooDeep = "[".repeat(100_000) + "]".repeat(100_000);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(null, () -> {
            try {
                read(arrays);
                read(objects);
                assertThrows(JsonSyntaxException.class, () -> JsonReader.read(tooDeep));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "json-reader-512k-stack", 512 * 1024);
        reader.start();
        reader.join();
        assertNull(failure.get(), () -> "on a 512 KiB stack: " + failure.get());
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
