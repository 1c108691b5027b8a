package io.sockscope.netlink;

import io.sockscope.model.InterfaceAddress;
import io.sockscope.model.InterfaceLink;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The rtnetlink link and address dumps, both ways: the requests as bytes, replies (annotated bytes) decoded. */
class RtnetlinkCodecTest {
    private static byte[] bytes(String annotated) {
        // Everything after '#' on a line is a comment; the rest is hex.
        StringBuilder hex = new StringBuilder();
        for (String line : annotated.lines().toList()) {
            int hash = line.indexOf('#');
            hex.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s", ""));
        }
        return HexFormat.of().parseHex(hex);
    }

    /**
     * The payload placed after a header's room and followed by more bytes, as a dump hands it over inside its
     * datagram: a decoder reads in place and nothing outside the payload.
     */
    private static byte[] inDatagram(byte[] payload) {
        byte[] datagram = new byte[NetlinkHeader.SIZE + payload.length + 8];
        Arrays.fill(datagram, (byte) 0xee);
        System.arraycopy(payload, 0, datagram, NetlinkHeader.SIZE, payload.length);
        return datagram;
    }

    private static InterfaceAddress address(String annotated) {
        byte[] payload = bytes(annotated);
        return IfAddrMsg.decode(inDatagram(payload), NetlinkHeader.SIZE, payload.length);
    }

    private static InterfaceLink link(String annotated) {
        byte[] payload = bytes(annotated);
        return IfInfoMsg.decode(inDatagram(payload), NetlinkHeader.SIZE, payload.length);
    }

    @Test
    void requestsAreDumpsOfEveryFamily() {
        assertArrayEquals(HexFormat.of().parseHex(
                "20000000" + "1200" + "0103" + "07000000" + "00000000"   // nlmsghdr: 32 bytes, RTM_GETLINK, REQUEST|DUMP, seq 7
                        + "00000000" + "00000000" + "00000000" + "00000000"), // ifinfomsg: AF_UNSPEC, all zero
                IfInfoMsg.dumpRequest(7));
        assertArrayEquals(HexFormat.of().parseHex(
                "18000000" + "1600" + "0103" + "07000000" + "00000000"   // 24 bytes, RTM_GETADDR
                        + "00000000" + "00000000"), IfAddrMsg.dumpRequest(7)); // ifaddrmsg: AF_UNSPEC, all zero
    }

    @Test
    void addressesTakeTheLocalOneAndTheirPrefix() {
        InterfaceAddress pointToPoint = address("""
                02 20 80 00  05000000        # AF_INET, /32, IFA_F_PERMANENT, scope global, ifindex 5
                0800 0100  0a000002          # IFA_ADDRESS 10.0.0.2 (the peer)
                0800 0200  0a000001          # IFA_LOCAL 10.0.0.1 (this host)
                0900 0300  74756e3000 000000 # IFA_LABEL "tun0", padded
                """);
        assertEquals(5, pointToPoint.index());
        assertArrayEquals(new byte[] {10, 0, 0, 1}, pointToPoint.address());
        assertEquals(32, pointToPoint.prefixLength());

        InterfaceAddress v6 = address("""
                0a 40 80 00  02000000                                # AF_INET6, /64, ifindex 2
                1400 0100  fd990000000000000000000000000001          # IFA_ADDRESS fd99::1
                1400 0600  ffffffff ffffffff 10000000 10000000       # IFA_CACHEINFO, not looked at
                """);
        assertEquals(2, v6.index());
        assertEquals(64, v6.prefixLength());
        assertArrayEquals(HexFormat.of().parseHex("fd990000000000000000000000000001"), v6.address());
    }

    @Test
    void whatIsNotAnInetAddressIsLeftOut() {
        assertNull(address("02 18 00 00"), "shorter than ifaddrmsg");
        assertNull(address("""
                11 00 00 00  02000000        # AF_PACKET
                0a00 0100  001122334455 0000
                """));
        assertNull(address("""
                02 18 00 00  02000000
                0600 0100  0a00 0000         # an IPv4 address of 2 bytes: malformed
                """));
    }

    @Test
    void linksHaveTheirNameAndWhetherTheyAreUp() {
        InterfaceLink up = link("""
                00 00 0100  03000000  43100100  00000000   # ARPHRD_ETHER, ifindex 3, UP|BROADCAST|RUNNING|MULTICAST|LOWER_UP
                0800 0400  dc050000                        # IFLA_MTU 1500
                0900 0300  73727630 00 000000              # IFLA_IFNAME "srv0"
                """);
        assertEquals(new InterfaceLink(3, "srv0", true), up);
        InterfaceLink down = link("""
                00 00 0100  04000000  02100000  00000000   # ifindex 4, BROADCAST|MULTICAST: down
                0800 0300  65746831                        # IFLA_IFNAME "eth1" without its NUL
                """);
        assertEquals(new InterfaceLink(4, "eth1", false), down);
        assertEquals(new InterfaceLink(9, "if9", true), link("00000100 09000000 01000000 00000000"));
        assertNull(link("00000100 09000000"), "shorter than ifinfomsg");
    }
}
