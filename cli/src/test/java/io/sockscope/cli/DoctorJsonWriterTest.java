package io.sockscope.cli;

import io.sockscope.diagnose.json.JsonReader;
import io.sockscope.diagnose.json.JsonSyntaxException;
import io.sockscope.diagnose.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DoctorJsonWriterTest {
    @Test
    void nestedDocumentIndentedByTwo() {
        String json = new DoctorJsonWriter().beginObject()
                .name("a").value("x")
                .name("b").beginArray().value("1").value(null).beginObject().endObject().endArray()
                .name("c").beginArray().endArray()
                .endObject().finish();
        assertEquals("""
                {
                  "a": "x",
                  "b": [
                    "1",
                    null,
                    {}
                  ],
                  "c": []
                }
                """, json);
    }

    @Test
    void escapingIsComplete() {
        String tricky = "q\" b\\ n\n r\r t\t \b \f \u0000 \u001f \u007f \u2028 \u2029 é 😀 lone\ud800 low\udc00";
        String json = new DoctorJsonWriter().value(tricky).finish();
        assertEquals("\"q\\\" b\\\\ n\\n r\\r t\\t \\b \\f \\u0000 \\u001f \\u007f \\u2028 \\u2029 é 😀 lone\\ud800"
                + " low\\udc00\"\n", json);
        // Valid UTF-8 once encoded (no lone surrogate reaches the encoder), and reads back the same.
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(utf8, new String(utf8, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        assertEquals(tricky, read(json).string().orElseThrow());
    }

    @Test
    void randomStringsRoundTrip() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(20);
            for (int k = 0; k < n; k++) {
                b.append((char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000)));
            }
            String s = b.toString();
            String json = new DoctorJsonWriter().beginObject().name(s).value(s).endObject().finish();
            JsonValue.JsonObject o = (JsonValue.JsonObject) read(json);
            assertEquals(s, o.members().get(s).string().orElseThrow(), "for " + s.chars().boxed().toList());
        }
    }

    @Test
    void misuseIsRefused() {
        assertThrows(IllegalStateException.class, () -> new DoctorJsonWriter().beginObject().value("x"));
        assertThrows(IllegalStateException.class, () -> new DoctorJsonWriter().beginArray().name("x"));
        assertThrows(IllegalStateException.class, () -> new DoctorJsonWriter().beginArray().endObject());
        assertThrows(IllegalStateException.class, () -> new DoctorJsonWriter().beginObject().finish());
        assertThrows(IllegalStateException.class, () -> new DoctorJsonWriter().value("a").value("b"));
        assertThrows(IllegalStateException.class, () -> new DoctorJsonWriter().beginObject().name("a").endObject());
    }

    private static JsonValue read(String json) {
        try {
            return JsonReader.read(json);
        } catch (JsonSyntaxException e) {
            throw new AssertionError(json, e);
        }
    }
}
