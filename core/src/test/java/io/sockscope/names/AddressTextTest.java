package io.sockscope.names;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AddressTextTest {
    private static String text(String literal) throws Exception {
        byte[] address = InetAddress.getByName(literal).getAddress();
        byte[] out = new byte[64];
        int n = AddressText.format(address, out);
        return new String(out, 0, n, StandardCharsets.US_ASCII);
    }

    private static String text6(int... words) {
        byte[] a = new byte[16];
        for (int i = 0; i < 8; i++) {
            a[2 * i] = (byte) (words[i] >> 8);
            a[2 * i + 1] = (byte) words[i];
        }
        byte[] out = new byte[64];
        return new String(out, 0, AddressText.format(a, out), StandardCharsets.US_ASCII);
    }

    @Test
    void ipv4IsDottedQuad() throws Exception {
        assertEquals("0.0.0.0", text("0.0.0.0"));
        assertEquals("127.0.0.1", text("127.0.0.1"));
        assertEquals("10.200.7.255", text("10.200.7.255"));
    }

    @Test
    void ipv6CompressesTheFirstLongestZeroRun() {
        assertEquals("::", text6(0, 0, 0, 0, 0, 0, 0, 0));
        assertEquals("::1", text6(0, 0, 0, 0, 0, 0, 0, 1));
        assertEquals("fe80::1", text6(0xfe80, 0, 0, 0, 0, 0, 0, 1));
        assertEquals("2001:db8::1:0:0:1", text6(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1));
        assertEquals("2001:db8:0:1:1:1:1:1", text6(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1));
        assertEquals("1::", text6(1, 0, 0, 0, 0, 0, 0, 0));
        assertEquals("fd00:abcd::", text6(0xfd00, 0xabcd, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void ipv4MappedAndCompatibleEndInDottedQuad() {
        assertEquals("::ffff:127.0.0.1", text6(0, 0, 0, 0, 0, 0xffff, 0x7f00, 0x0001));
        assertEquals("::10.0.0.1", text6(0, 0, 0, 0, 0, 0, 0x0a00, 0x0001));
        assertEquals("::ffff:0:a00:1", text6(0, 0, 0, 0, 0xffff, 0, 0x0a00, 0x0001));
    }
}
