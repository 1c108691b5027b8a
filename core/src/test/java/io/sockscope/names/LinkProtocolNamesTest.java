package io.sockscope.names;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** One table read both ways: the listing prints iproute2's spelling, a filter's name matches in any ASCII case. */
class LinkProtocolNamesTest {
    @Test
    void anEthertypeHasTheFirstNameOfTheTable() {
        assertEquals("ip", LinkProtocolNames.lookup(0x0800));
        assertEquals("802.1Q", LinkProtocolNames.lookup(0x8100));
        assertEquals("LLDP", LinkProtocolNames.lookup(0x88cc));
        assertNull(LinkProtocolNames.lookup(0x1234));
    }

    @Test
    void aNameMatchesAsStrcasecmpCompares() {
        assertEquals(OptionalInt.of(0x0800), LinkProtocolNames.number("IP"));
        assertEquals(OptionalInt.of(0x0800), LinkProtocolNames.number("ipv4"));
        assertEquals(OptionalInt.of(0x88cc), LinkProtocolNames.number("lldp"));
        assertEquals(OptionalInt.of(0x8100), LinkProtocolNames.number("802.1q"));
        assertEquals(OptionalInt.of(0x809B), LinkProtocolNames.number("ATALK"));
        // Only ASCII letters fold: a dotless i is not an i, nor the Kelvin sign a k.
        assertEquals(OptionalInt.empty(), LinkProtocolNames.number("\u0131p"));
        assertEquals(OptionalInt.empty(), LinkProtocolNames.number("atal\u212A"));
        assertEquals(OptionalInt.empty(), LinkProtocolNames.number("0x0800"));
    }
}
