package io.sockscope.netlink;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attribute walking over hand-built areas (the edge cases a healthy kernel does not send). */
class AttributeCursorTest {
    private static AttributeCursor over(String hex) {
        byte[] area = HexFormat.ofDelimiter(" ").parseHex(hex);
        return new AttributeCursor(area, 0, area.length);
    }

    @Test
    void visitsEveryAttributeKnownOrNot() {
        AttributeCursor c = over("05 00 08 00 01 00 00 00 08 00 7f 00 2a 00 00 00 04 00 ff 7f");
        List<Integer> types = new ArrayList<>();
        while (c.next()) {
            types.add(c.type());
        }
        assertEquals(List.of(8, 0x7f, 0x7fff), types);
        assertFalse(c.malformed(), "an empty last attribute is fine");
        assertNull(c.problem());
    }

    @Test
    void shortStructIsZeroExtended() {
        // A 4-byte UNIX_DIAG_RQLEN where the struct has 8: the missing write queue reads as 0.
        AttributeCursor c = over("08 00 04 00 07 00 00 00");
        assertTrue(c.next());
        assertEquals(7, c.u32At(0));
        assertEquals(0, c.u32At(4));
        assertEquals(7, c.u64At(0), "the low half present, the high half zero");
        assertEquals(0, c.u64At(8));
    }

    @Test
    void partialFieldKeepsTheBytesThatArePresent() {
        AttributeCursor c = over("06 00 01 00 34 12 00 00");
        assertTrue(c.next());
        assertEquals(2, c.payloadLength());
        assertEquals(0x1234, c.u32At(0));
    }

    @Test
    void emptyPayloadReadsAsZero() {
        AttributeCursor c = over("04 00 06 00");
        assertTrue(c.next());
        assertEquals(0, c.u8());
        assertEquals(0, c.u32());
        assertEquals(0, c.bytes().length);
    }

    @Test
    void lengthBelowHeaderStopsTheWalk() {
        AttributeCursor c = over("05 00 08 00 01 00 00 00 02 00 09 00 01 00 00 00");
        assertTrue(c.next());
        assertEquals(1, c.u8());
        assertFalse(c.next());
        assertTrue(c.malformed());
        assertTrue(c.problem().contains("8 unframed trailing bytes"), c.problem());
    }

    @Test
    void lengthPastTheEndStopsTheWalk() {
        AttributeCursor c = over("40 00 01 00 01 00 00 00");
        assertFalse(c.next());
        assertTrue(c.malformed());
    }

    @Test
    void trailingBytesTooFewForAHeaderAreReported() {
        AttributeCursor c = over("08 00 01 00 01 00 00 00 00 00");
        assertTrue(c.next());
        assertFalse(c.next());
        assertTrue(c.malformed());
    }

    @Test
    void lastAttributeMayOmitItsPadding() {
        AttributeCursor c = over("05 00 08 00 03");
        assertTrue(c.next());
        assertEquals(3, c.u8());
        assertFalse(c.next());
        assertFalse(c.malformed());
    }
}
