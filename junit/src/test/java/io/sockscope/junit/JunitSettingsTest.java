package io.sockscope.junit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configuration's small languages: the linger's durations and the allow-list's addresses and prefixes. */
class JunitSettingsTest {
    @Test
    void lingerTakesMillisecondsSecondsAndBareNumbers() {
        assertEquals(Duration.ofMillis(200), DetectionSettings.parseDuration("200ms"));
        assertEquals(Duration.ofMillis(1500), DetectionSettings.parseDuration(" 1.5s "));
        assertEquals(Duration.ofMillis(50), DetectionSettings.parseDuration("50"));
        assertEquals(Duration.ZERO, DetectionSettings.parseDuration("0"));
        assertThrows(ExtensionConfigurationException.class, () -> DetectionSettings.parseDuration("soon"));
        assertThrows(ExtensionConfigurationException.class, () -> DetectionSettings.parseDuration("-5ms"));
    }

    @Test
    void anAddressMatchesItselfAndAPrefixItsRange() throws UnknownHostException {
        AddressPrefix one = AddressPrefix.parse("127.0.0.2");
        assertTrue(one.contains(InetAddress.getByName("127.0.0.2")));
        assertFalse(one.contains(InetAddress.getByName("127.0.0.1")));
        AddressPrefix net = AddressPrefix.parse("10.1.0.0/15");
        assertTrue(net.contains(InetAddress.getByName("10.0.255.255")));
        assertTrue(net.contains(InetAddress.getByName("10.1.2.3")));
        assertFalse(net.contains(InetAddress.getByName("10.2.0.0")));
        AddressPrefix v6 = AddressPrefix.parse("fe80::/10");
        assertTrue(v6.contains(InetAddress.getByName("febf::1")));
        assertFalse(v6.contains(InetAddress.getByName("fec0::1")));
        assertFalse(v6.contains(InetAddress.getByName("10.1.2.3")), "families never match each other");
        assertTrue(AddressPrefix.parse("::1").contains(InetAddress.getByName("0:0:0:0:0:0:0:1")));
        assertTrue(AddressPrefix.parse("0.0.0.0/0").contains(InetAddress.getByName("192.0.2.1")));
    }

    @Test
    void namesAndBadPrefixesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AddressPrefix.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> AddressPrefix.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> AddressPrefix.parse("10.0.0.0/x"));
        assertThrows(IllegalArgumentException.class, () -> new AllowList.Builder().port(70000));
    }

    @Test
    void jsonStringsEscapeControlsQuotesAndLoneSurrogates() {
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", JsonText.string("a\"b\\c\nd\u0001"));
        assertEquals("\"\\udcff x \uD83D\uDE00\"", JsonText.string("\udcff x \uD83D\uDE00"));
        assertEquals("null", JsonText.string(null));
    }
}
