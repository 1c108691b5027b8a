package io.sockscope.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The escapes a name gets on a terminal: {@code ls -b}'s, for what a terminal would obey. */
class ControlEscapesTest {

    @ParameterizedTest(name = "{0} is shown as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "6e67696e78|nginx",                           // plain ASCII
            "2f72756e2f612e736f636b|/run/a.sock",
            "c3bc6d6c|üml",                               // UTF-8 stays
            "c49b41|ěA",
            "e282ac|€",
            "f09f9880|\uD83D\uDE00",
            "c2a0|\u00a0",                                // the first character after the C1 controls
            "611b5b33316d78|a\\033[31mx",                 // ESC
            "610a62|a\\nb",                               // the seven with letters
            "07080b0c0d09|\\a\\b\\v\\f\\r\\t",
            "00017f|\\000\\001\\177",
            "5c|\\\\",                                    // a backslash, so that escapes stay unambiguous
            "c29b|\\302\\233",                            // U+009B, the C1 CSI
            "fd6d6c|\\375ml",                             // not UTF-8
            "c3|\\303",                                   // cut short
            "c328|\\303(",
            "c0af|\\300\\257",                            // overlong '/'
            "eda080|\\355\\240\\200",                     // an encoded surrogate
            "f4908080|\\364\\220\\200\\200",              // above U+10FFFF
            "ff|\\377",
    })
    void escapes(String hex, String shown) {
        byte[] name = HexFormat.of().parseHex(hex);
        String escaped = new String(ControlEscapes.escape(name, 0, name.length), StandardCharsets.UTF_8);
        assertEquals(shown, escaped);
        assertEquals(!shown.equals(new String(name, StandardCharsets.UTF_8)),
                ControlEscapes.needed(name, 0, name.length));
    }

    @Test
    void onlyTheGivenRangeIsRead() {
        byte[] b = "\n/tmp/x\n".getBytes(StandardCharsets.US_ASCII);
        assertFalse(ControlEscapes.needed(b, 1, 7));
        assertEquals("/tmp/x", new String(ControlEscapes.escape(b, 1, 7), StandardCharsets.US_ASCII));
        assertTrue(ControlEscapes.needed(b, 0, 7));
    }

    @Test
    void escapedNamesHoldNoControlByteAtAll() {
        byte[] every = new byte[256];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i;
        }
        for (byte b : ControlEscapes.escape(every, 0, every.length)) {
            int v = b & 0xff;
            assertTrue(v >= 0x20 && v != 0x7f && v < 0x80, "byte " + v + " left as it is");
        }
    }
}
