package io.sockscope.source;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scanner against what glibc's sscanf does with the same text. */
class ProcNetScannerTest {
    private static ProcNetScanner over(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return new ProcNetScanner().reset(b, 0, b.length);
    }

    @Test
    void hexSkipsSpaceAndTakesPrefixAndSign() {
        ProcNetScanner s = over("  0A 0x1f -1 +7");
        assertTrue(s.hex());
        assertEquals(10, s.value());
        assertTrue(s.hex());
        assertEquals(31, s.value());
        assertTrue(s.hex());
        assertEquals(-1L, s.value(), "strtoul negates: 2^64-1");
        assertTrue(s.hex());
        assertEquals(7, s.value());
        assertTrue(s.atEnd());
    }

    @Test
    void widthLimitsEachConversion() {
        ProcNetScanner s = over("0000000000000000FFFF00000100007F:20FB");
        long[] words = new long[4];
        for (int i = 0; i < 4; i++) {
            assertTrue(s.hex(8));
            words[i] = s.value();
        }
        assertEquals(0, words[0]);
        assertEquals(0, words[1]);
        assertEquals(0xFFFF0000L, words[2]);
        assertEquals(0x0100007FL, words[3]);
        assertTrue(s.literal(':'));
        assertTrue(s.hex());
        assertEquals(0x20FB, s.value());
    }

    @Test
    void aFailedConversionAssignsNothingAndStaysPut() {
        ProcNetScanner s = over("  zz 12");
        assertFalse(s.hex());
        assertFalse(s.signedDecimal());
        assertEquals(2, s.position(), "like sscanf, the white space before the failing field is consumed");
        ProcNetScanner prefixOnly = over("0x");
        assertTrue(prefixOnly.hex());
        assertEquals(0, prefixOnly.value());
        assertEquals(2, prefixOnly.position());
        ProcNetScanner bare = over("0xg");
        assertTrue(bare.hex(), "glibc converts \"0x\" alone to 0 and consumes both characters");
        assertEquals(0, bare.value());
        assertEquals(2, bare.position());
        ProcNetScanner negative = over("-0x10");
        assertTrue(negative.hex());
        assertEquals(0xfffffffffffffff0L, negative.value());
        assertEquals(5, negative.position());
    }

    @Test
    void decimalConversionsSaturateLikeStrtol() {
        ProcNetScanner s = over("4294967295 -5 99999999999999999999 -99999999999999999999 18446744073709551615");
        assertTrue(s.signedDecimal());
        assertEquals(-1, (int) s.value(), "an int destination keeps the low 32 bits");
        assertTrue(s.signedDecimal());
        assertEquals(-5, s.value());
        assertTrue(s.signedDecimal());
        assertEquals(Long.MAX_VALUE, s.value());
        assertTrue(s.signedDecimal());
        assertEquals(Long.MIN_VALUE, s.value());
        assertTrue(s.unsignedDecimal());
        assertEquals(-1L, s.value());
        ProcNetScanner hex = over("1FFFFFFFFFFFFFFFF");
        assertTrue(hex.hex());
        assertEquals(-1L, hex.value());
    }

    @Test
    void literalDoesNotSkipSpace() {
        ProcNetScanner s = over("1 :2");
        assertTrue(s.hex());
        assertFalse(s.literal(':'));
        s.skipSpace();
        assertTrue(s.literal(':'));
    }

    @Test
    void wordIsTheRunOfNonSpace() {
        ProcNetScanner s = over(" 12 @abstract\tname ");
        assertTrue(s.hex());
        long w = s.word();
        assertEquals(4, (int) (w >>> 32));
        assertEquals(13, (int) w);
        long second = s.word();
        assertEquals(14, (int) (second >>> 32));
        assertEquals(-1, s.word());
    }

    @Test
    void digitsAndSpaces() {
        assertEquals(15, ProcNetScanner.digit((byte) 'f', 16));
        assertEquals(-1, ProcNetScanner.digit((byte) 'a', 10));
        assertEquals(-1, ProcNetScanner.digit((byte) 'g', 16));
        for (char c : new char[]{' ', '\t', '\n', '\u000b', '\f', '\r'}) {
            assertTrue(ProcNetScanner.isSpace((byte) c));
        }
        assertFalse(ProcNetScanner.isSpace((byte) 0));
    }
}
