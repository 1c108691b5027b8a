package io.sockscope.netlink;

import io.sockscope.model.InetSocket;
import io.sockscope.model.InetSocketOptions;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code struct inet_diag_sockopt}: its bit-fields in the order C lays them out on this machine, the attribute
 * found in an attribute area (the first of its type, none when shorter than the struct, as ss reads it), and
 * what real replies hold.
 */
class InetDiagSockoptTest {

    /** An area of one attribute of {@code type} with {@code payload}, padded to 4 bytes. */
    private static byte[] attribute(int type, byte... payload) {
        int length = AttributeCursor.HEADER_SIZE + payload.length;
        byte[] area = new byte[NetlinkHeader.align(length)];
        Fields.putU16(area, 0, length);
        Fields.putU16(area, 2, type);
        System.arraycopy(payload, 0, area, AttributeCursor.HEADER_SIZE, payload.length);
        return area;
    }

    /** The options of an attribute area, as the codec decodes them for a TCP socket. */
    private static InetSocketOptions options(byte[] area) {
        return InetDiagDetails.decode(area, 0, area.length, SocketTable.TCP, -1).options();
    }

    /** The options of an {@code INET_DIAG_SOCKOPT} with these bytes. */
    private static InetSocketOptions bits(int... bytes) {
        byte[] payload = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            payload[i] = (byte) bytes[i];
        }
        return options(attribute(InetDiagAttribute.INET_DIAG_SOCKOPT, payload));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void bitFieldsFillEachByteFromItsLowBitOnLittleEndianMachines() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the x86-64 and arm64 layout");
        // 0x31: recverr (bit 0), mc_loop (4), transparent (5); 0x05: bind_address_no_port (0), defer_connect (2).
        assertEquals(new InetSocketOptions(true, false, false, false, true, true, false, false, true, false, true),
                bits(0x31, 0x05));
        // 0xca: is_icsk (1), hdrincl (3), mc_all (6), nodefrag (7); 0x02: recverr_rfc4884 (1); 0x04: freebind (2).
        assertEquals(new InetSocketOptions(false, true, false, true, false, false, true, true, false, true, false),
                bits((byte) 0xca, 0x02));
        assertEquals(new InetSocketOptions(false, false, true, false, false, false, false, false, false, false, false),
                bits(0x04, 0x00));
    }

    @Test
    void theUnusedBitsAreIgnored() {
        assertEquals(bits(0, 0), bits(
                0, (byte) (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0xf8 : 0x1f)));
    }

    @Test
    void theFirstAttributeOfItsTypeCountsAndAShortOneIsPassedOver() {
        byte[] tos = attribute(InetDiagAttribute.INET_DIAG_TOS, (byte) 0x10);
        byte[] first = attribute(InetDiagAttribute.INET_DIAG_SOCKOPT, (byte) 0x02, (byte) 0);
        byte[] second = attribute(InetDiagAttribute.INET_DIAG_SOCKOPT, (byte) 0xff, (byte) 0xff);
        assertEquals(bits(0x02, 0),
                options(concat(tos, concat(first, second))));
        assertNull(options(tos), "absent");
        assertNull(options(new byte[0]), "no attributes at all");
        assertNull(options(attribute(InetDiagAttribute.INET_DIAG_SOCKOPT, (byte) 0xff)),
                "one byte is shorter than the struct: ss prints nothing");
        byte[] longer = attribute(InetDiagAttribute.INET_DIAG_SOCKOPT, (byte) 0x02, (byte) 0, (byte) 0xff, (byte) 7);
        assertEquals(bits(0x02, 0), options(longer),
                "a longer struct from a later kernel: the fields known are read");
    }

    /** Listeners and connections of the recorded replies carry it, the kernel's defaults set; TIME-WAIT has none. */
    @Test
    void realRepliesCarryTheDefaults() throws Exception {
        List<String> warnings = new ArrayList<>();
        int seen = 0;
        for (byte[] payload : Golden.payloads(Golden.reply("tcp4.bin"))) {
            InetSocket s = InetDiagMsg.decode(payload, 0, payload.length, SocketTable.TCP, true, warnings::add);
            InetSocketOptions o = s.details().options();
            if (s.state() == TcpState.TIME_WAIT.code()) {
                assertNull(o, "a TIME-WAIT entry has no socket options");
                continue;
            }
            assertEquals(new InetSocketOptions(false, true, false, false, true, false, true, false, false, false, false),
                    o, "a TCP socket over IPv4: is_icsk, mc_loop and mc_all, the defaults");
            seen++;
        }
        assertEquals(List.of(), warnings);
        assertTrue(seen >= 3, "full sockets seen: " + seen);
        InetSocket udp = Golden.payloads(Golden.reply("udp4.bin")).stream()
                .map(p -> decode(p, SocketTable.UDP, warnings))
                .filter(s -> s.local().port() == Golden.fact("udp4.port"))
                .findFirst().orElseThrow();
        assertEquals(new InetSocketOptions(false, false, false, false, true, false, false, false, false, false, false),
                udp.details().options(),
                "the capture's DatagramChannel: mc_loop, no is_icsk, and mc_all off (the JDK turns IP_MULTICAST_ALL"
                        + " off)");
    }

    private static InetSocket decode(byte[] payload, SocketTable table, List<String> warnings) {
        try {
            return InetDiagMsg.decode(payload, 0, payload.length, table, true, warnings::add);
        } catch (MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }
}
