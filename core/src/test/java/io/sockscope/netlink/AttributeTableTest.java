package io.sockscope.netlink;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AttributeTable} indexes like iproute2's parse_rtattr: first attribute of a type wins, types above the
 * maximum (and with flag bits) are left out, short payloads read as if zero-extended. The real-reply behaviour
 * is covered by the golden decode tests; these areas are assembled to reach the corner cases.
 */
class AttributeTableTest {

    private static byte[] area(Object... typeAndPayload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < typeAndPayload.length; i += 2) {
            byte[] payload = (byte[]) typeAndPayload[i + 1];
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder())
                    .putShort((short) (4 + payload.length)).putShort((short) (int) (Integer) typeAndPayload[i]).array());
            out.writeBytes(payload);
            out.writeBytes(new byte[(4 - payload.length % 4) % 4]);
        }
        return out.toByteArray();
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    @Test
    void firstOfATypeWinsAndHighTypesAreIgnored() {
        AttributeTable t = new AttributeTable(5);
        t.parse(MemorySegment.ofArray(area(2, u32(7), 2, u32(8), 6, u32(9), 0x8001, u32(10))));
        assertEquals(7, t.u32(2));
        assertFalse(t.has(6), "above the maximum");
        assertFalse(t.has(1), "a nested-flagged type is not type 1");
        assertNull(t.payload(3));
        assertEquals(0, t.u32(3), "absent reads as zero");
        assertNull(t.problem());
    }

    @Test
    void shortPayloadsAreZeroExtended() {
        AttributeTable t = new AttributeTable(4);
        t.parse(MemorySegment.ofArray(area(1, new byte[] {5}, 2, new byte[0])));
        assertEquals(5, t.u8(1));
        assertEquals(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 5 : 5L << 24, t.u32(1));
        assertEquals(0, t.u64(1) >>> 32);
        assertTrue(t.has(2));
        assertEquals(0, t.length(2));
        assertEquals(0, t.u32(2, 4));
    }

    @Test
    void cStringsStopAtNulOrLimit() {
        AttributeTable t = new AttributeTable(4);
        t.parse(MemorySegment.ofArray(area(4, "cubic\0junk".getBytes(StandardCharsets.US_ASCII),
                3, "a-very-long-congestion-name".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("cubic", t.string(4, 15));
        assertTrue(t.stringEquals(4, 15, "cubic"));
        assertFalse(t.stringEquals(4, 15, "cubi"));
        assertFalse(t.stringEquals(4, 15, "cubic2"));
        assertEquals("a-very-long-con", t.string(3, 15), "ss keeps 15 chars of a congestion name");
        assertTrue(t.stringEquals(3, 15, "a-very-long-con"));
        assertNull(t.string(1, 15));
    }

    @Test
    void aDamagedAreaKeepsWhatCameBefore() {
        byte[] good = area(1, u32(1));
        byte[] damaged = new byte[good.length + 4];
        System.arraycopy(good, 0, damaged, 0, good.length);
        ByteBuffer.wrap(damaged, good.length, 4).order(ByteOrder.nativeOrder()).putShort((short) 40).putShort((short) 2);
        AttributeTable t = new AttributeTable(4).parse(MemorySegment.ofArray(damaged));
        assertEquals(1, t.u32(1));
        assertFalse(t.has(2));
        assertTrue(t.problem() != null && t.problem().contains("rta_len 40"), t.problem());
        t.parse(MemorySegment.ofArray(area(3, u32(3))));
        assertFalse(t.has(1), "parse forgets the previous area");
        assertNull(t.problem());
    }
}
