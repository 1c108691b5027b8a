package io.sockscope.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A process name is its bytes; its two texts, one for people and one that loses nothing. */
class ProcessNameTest {

    private static ProcessName hex(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        return ProcessName.of(b, 0, b.length);
    }

    @ParameterizedTest(name = "{0}: text \"{1}\", UTF-8 {2}")
    @CsvSource(delimiter = '|', value = {
            "6e67696e78|nginx|true",
            "c3bc6d6c|üml|true",
            "c49b|ě|true",
            "c48a|Ċ|true",
            "f09f9880|\uD83D\uDE00|true",
            "efbfbd41|\uFFFDA|true",                // U+FFFD itself is valid UTF-8
            "fd6d6c|\uFFFDml|false",
            "c3|\uFFFD|false",
            "eda080|\uFFFD|false",   // an encoded surrogate is not UTF-8
    })
    void textDecodesUtf8AndMarksWhatIsNot(String bytes, String text, boolean utf8) {
        ProcessName name = hex(bytes);
        assertEquals(text, name.text());
        assertEquals(utf8, name.isUtf8());
        assertArrayEquals(HexFormat.of().parseHex(bytes), name.bytes());
    }

    @Test
    void namesDifferingOnlyInInvalidBytesStayApartInTheEscapedText() {
        ProcessName fd = hex("fd6d6c");
        ProcessName fe = hex("fe6d6c");
        assertEquals(fd.text(), fe.text());
        assertNotEquals(fd.escapedText(), fe.escapedText());
        assertEquals("\uDCFDml", fd.escapedText());
        assertEquals("üml", hex("c3bc6d6c").escapedText());
        assertEquals("\uFFFD\uDCFF", hex("efbfbdff").escapedText());
        assertEquals("\uFFFDA", hex("efbfbd41").escapedText());
    }

    @Test
    void escapedTextGivesTheBytesBackForAnyBytes() {
        Random random = new Random(12);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(1, 20)];
            random.nextBytes(bytes);
            if (round % 3 == 0) {
                // Bias towards UTF-8 lead and continuation bytes, where the decoder's cases are.
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (0x80 | bytes[i] & (i % 2 == 0 ? 0x7f : 0x3f));
                }
            }
            ProcessName name = ProcessName.of(bytes, 0, bytes.length);
            assertArrayEquals(bytes, ProcessName.ofEscapedText(name.escapedText()).bytes(),
                    () -> HexFormat.of().formatHex(bytes));
        }
    }

    @Test
    void aSupplementaryCharacterWhoseLowHalfLooksLikeAnEscapeIsKept() {
        // U+10080 is D800 DC80 in UTF-16: its low half lies in the escape range but is no stray byte.
        ProcessName name = ProcessName.ofText("\uD800\uDC80x");
        assertTrue(name.isUtf8());
        assertEquals(name, ProcessName.ofEscapedText(name.escapedText()));
    }

    @Test
    void equalityIsByBytes() {
        assertEquals(hex("c3bc"), ProcessName.ofText("ü"));
        assertEquals(hex("c3bc").hashCode(), ProcessName.ofText("ü").hashCode());
        assertNotEquals(hex("fc"), ProcessName.ofText("ü"));
        assertEquals(0, ProcessName.EMPTY.length());
        assertEquals(ProcessName.EMPTY, ProcessName.of(new byte[4], 2, 2));
    }
}
