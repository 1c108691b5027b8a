package io.sockscope.render;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import io.sockscope.model.TlsInfo;
import io.sockscope.netlink.InetDiagAttribute;
import io.sockscope.netlink.InetDiagDetails;
import io.sockscope.netlink.TcpInfoStruct;
import io.sockscope.netlink.UlpAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The texts ss builds from numbers, and the branches no live kernel here reaches (DCTCP and Vegas are not
 * built, kTLS is not loaded). Attribute areas for those are assembled field by field after the kernel
 * headers; the expected words follow ss 6.1's printing code. Everything the kernel here can produce is
 * compared with the real ss elsewhere (TcpReplyGoldenTest and the differential suite).
 */
class ExtensionTextTest {

    /** print_ms_timer; the 1min, 010ms, 2sec, 119min and 040ms forms are also in the /proc fixture ss printed. */
    @ParameterizedTest(name = "{0} ms")
    @CsvSource(delimiter = '|', textBlock = """
            0|''
            40|040ms
            520|520ms
            1000|1sec
            3600|3.600ms
            9999|9.999ms
            10500|10sec
            12000|12sec
            60000|1min
            61001|1min1sec
            90000|1min30sec
            599999|9min59sec
            600500|10min
            7140000|119min
            4294967295|71582min
            """)
    void timeTexts(long ms, String expected) {
        assertEquals(expected, text(t -> TimerText.time(t, ms, SsDialect.V6_1)));
    }

    @Test
    void timerNames() {
        assertEquals(" timer:(on,200ms,2)", text(t -> TimerText.tcp(t, Timer.of(1, 200), 2, SsDialect.V6_1)));
        assertEquals(" timer:(keepalive,1min,0)", text(t -> TimerText.tcp(t, Timer.of(2, 60000), 0, SsDialect.V6_1)));
        assertEquals(" timer:(timewait,58sec,0)", text(t -> TimerText.tcp(t, Timer.of(3, 58000), 0, SsDialect.V6_1)));
        assertEquals(" timer:(persist,2sec,5)", text(t -> TimerText.tcp(t, Timer.of(4, 2000), 5, SsDialect.V6_1)));
        assertEquals(" timer:(unknown,010ms,0)", text(t -> TimerText.tcp(t, Timer.of(7, 10), 0, SsDialect.V6_1)));
        assertEquals("", text(t -> TimerText.tcp(t, Timer.of(0, 10), 0, SsDialect.V6_1)), "timer 0 is off: nothing");
        assertEquals(" timer:(T3_RTX,1sec,3)", text(t -> TimerText.sctp(t, Timer.of(1, 1000), 3, SsDialect.V6_1)));
    }

    @Test
    void timerWordsOfTheSevenOneDialect() {
        assertEquals(" timer:(delack,037ms,0)", text(t -> TimerText.tcp(t, Timer.of(5, 37), 0, SsDialect.V7_1)));
        assertEquals(" timer:(unknown,037ms,0)", text(t -> TimerText.tcp(t, Timer.of(5, 37), 0, SsDialect.V6_1)));
        assertEquals(" timer:(unknown,010ms,0)", text(t -> TimerText.tcp(t, Timer.of(7, 10), 0, SsDialect.V7_1)));
        assertEquals("9.373sec", text(t -> TimerText.time(t, 9373, SsDialect.V7_1)));
        assertEquals("9.373ms", text(t -> TimerText.time(t, 9373, SsDialect.V6_1)));
        assertEquals("848ms", text(t -> TimerText.time(t, 848, SsDialect.V7_1)));
        assertEquals("1min1sec", text(t -> TimerText.time(t, 61001, SsDialect.V7_1)));
    }

    @ParameterizedTest(name = "{0} bps")
    @CsvSource(delimiter = '|', textBlock = """
            0|0|0
            999|999|999
            1000|1k|1000
            33659990.5|33.7M|33659990
            1365333000|1.37G|1365333000
            117057600000|117G|117057600000
            1e12|1T|1000000000000
            2497228785112|2.5T|2497228785112
            """)
    void bandwidthTexts(double bps, String named, String numeric) {
        NumberText numbers = new NumberText();
        assertEquals(named, text(t -> numbers.bandwidth(t, bps, false)));
        assertEquals(numeric, text(t -> numbers.bandwidth(t, bps, true)));
    }

    @Test
    void unsignedSixtyFourBitValuesConvertAsInC() {
        assertEquals(1.8446744073709552E19, NumberText.unsignedToDouble(-1L));
        assertEquals(9.223372036854775808E18, NumberText.unsignedToDouble(Long.MIN_VALUE));
        assertEquals(42.0, NumberText.unsignedToDouble(42));
    }

    @Test
    void dctcpAndAVegasRttForTheSendRate() throws Exception {
        Attributes a = new Attributes();
        a.put(InetDiagAttribute.INET_DIAG_INFO, tcpInfo(1000, 10, 500));
        a.put(InetDiagAttribute.INET_DIAG_CONG, "dctcp\0".getBytes(StandardCharsets.US_ASCII));
        a.put(InetDiagAttribute.INET_DIAG_DCTCPINFO, le(16).putShort((short) 1).putShort((short) 2).putInt(3)
                .putInt(4).putInt(5).array());
        // Vegas reports 2000 us: ss computes the send rate from it instead of tcpi_rtt (500 us).
        a.put(InetDiagAttribute.INET_DIAG_VEGASINFO, le(16).putInt(1).putInt(7).putInt(2000).putInt(1500).array());
        String info = infoText(a.bytes(), false);
        assertTrue(info.contains(" dctcp rto:"), info);
        assertTrue(info.contains(" dctcp:(ce_state:2,alpha:3,ab_ecn:4,ab_tot:5) send 40Mbps"), info);

        Attributes fallback = new Attributes();
        fallback.put(InetDiagAttribute.INET_DIAG_INFO, tcpInfo(1000, 10, 500));
        fallback.put(InetDiagAttribute.INET_DIAG_DCTCPINFO, new byte[16]);
        String text = infoText(fallback.bytes(), true);
        assertTrue(text.contains(" dctcp:fallback_mode send 160000000bps"), "send from tcpi_rtt: " + text);
    }

    @Test
    void kernelTlsOnTheUlp() throws Exception {
        Attributes tls = new Attributes();
        tls.put(UlpAttribute.TLS_INFO_VERSION, le(2).putShort((short) TlsInfo.TLS_1_3).array());
        tls.put(UlpAttribute.TLS_INFO_CIPHER, le(2).putShort((short) TlsInfo.AES_GCM_256).array());
        tls.put(UlpAttribute.TLS_INFO_TXCONF, le(2).putShort((short) TlsInfo.CONF_HW).array());
        tls.put(UlpAttribute.TLS_INFO_RXCONF, le(2).putShort((short) TlsInfo.CONF_SW).array());
        tls.put(UlpAttribute.TLS_INFO_ZC_RO_TX, new byte[0]);
        Attributes ulp = new Attributes();
        ulp.put(UlpAttribute.INET_ULP_INFO_NAME, "tls\0".getBytes(StandardCharsets.US_ASCII));
        ulp.put(UlpAttribute.INET_ULP_INFO_TLS, tls.bytes());
        Attributes a = new Attributes();
        a.put(InetDiagAttribute.INET_DIAG_ULP_INFO, ulp.bytes());
        assertTrue(infoText(a.bytes(), true).endsWith(
                " tcp-ulp-tls version: 1.3 cipher: aes-gcm-256 rxconf: sw txconf: hw zc_ro_tx"));

        Attributes odd = new Attributes();
        odd.put(UlpAttribute.TLS_INFO_VERSION, le(2).putShort((short) 0x0302).array());
        odd.put(UlpAttribute.TLS_INFO_RXCONF, le(2).putShort((short) 9).array());
        Attributes ulp2 = new Attributes();
        ulp2.put(UlpAttribute.INET_ULP_INFO_TLS, odd.bytes());
        Attributes b = new Attributes();
        b.put(InetDiagAttribute.INET_DIAG_ULP_INFO, ulp2.bytes());
        assertTrue(infoText(b.bytes(), true).endsWith(" version: unknown(770) rxconf: unknown(9)"));
    }

    @Test
    void oldKernelsMemoryReportAndTosInAlternateHex() throws Exception {
        Attributes a = new Attributes();
        a.put(InetDiagAttribute.INET_DIAG_MEMINFO, le(16).putInt(1).putInt(2).putInt(3).putInt(4).array());
        a.put(InetDiagAttribute.INET_DIAG_TOS, new byte[] {0});
        a.put(InetDiagAttribute.INET_DIAG_TCLASS, new byte[] {(byte) 0xb8});
        a.put(InetDiagAttribute.INET_DIAG_CLASS_ID, le(4).putInt(0x10002).array());
        ExtendedOutput output = new ExtendedOutput(false, false, true, false, true, false, false, false, true);
        String row = row(socket(a.bytes()), output, true);
        assertTrue(row.endsWith(" tos:0 tclass:0xb8 class_id:0x10002 mem:(r1,w2,f3,t4)"), row);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private interface TableWork {
        void run(SsTable table) throws Exception;
    }

    /** What {@code work} appends to one field, as text. */
    private static String text(TableWork work) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SsTable table = new SsTable(out, -1);
        try {
            work.run(table);
            table.render();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return out.toString(StandardCharsets.ISO_8859_1).stripTrailing();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    /** A tcp_info with the send figures set: mss, cwnd, rtt in microseconds, and rto 204 ms. */
    private static byte[] tcpInfo(int mss, int cwnd, int rttMicros) {
        ByteBuffer b = le(TcpInfoStruct.SIZE);
        b.putInt((int) TcpInfoStruct.RTO, 204000);
        b.putInt((int) TcpInfoStruct.SND_MSS, mss);
        b.putInt((int) TcpInfoStruct.SND_CWND, cwnd);
        b.putInt((int) TcpInfoStruct.RTT, rttMicros);
        b.putInt((int) TcpInfoStruct.REORDERING, 3);
        return b.array();
    }

    private static InetSocket socket(byte[] attributes) throws Exception {
        InetEndpoint local = new InetEndpoint(new byte[] {127, 0, 0, 1}, 40000);
        InetEndpoint peer = new InetEndpoint(new byte[] {127, 0, 0, 1}, 40001);
        return new InetSocket(SocketTable.TCP, AddressFamily.INET, TcpState.ESTABLISHED.code(), 0, 0, local, peer,
                0, 1, 0, 0, Timer.OFF, 0, -1, -1, 0, 0, -1,
                InetDiagDetails.decode(attributes, 0, attributes.length, SocketTable.TCP, -1), null);
    }

    /** The {@code -i} text of a TCP socket with these attributes, on one line. */
    private static String infoText(byte[] attributes, boolean numeric) throws Exception {
        ExtendedOutput output = new ExtendedOutput(false, false, false, true, false, false, false, false, true);
        return row(socket(attributes), output, numeric);
    }

    private static String row(InetSocket s, ExtendedOutput output, boolean numeric) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ListingFormat format = new ListingFormat(false, false, false, numeric, false, false, -1, output);
        SsListingWriter writer = new SsListingWriter(out, format, SsListingWriterTest.names(), OwnerLookup.NONE);
        writer.write(s);
        writer.finish();
        return out.toString(StandardCharsets.ISO_8859_1).stripTrailing();
    }

    /** An rtattr area built attribute by attribute, in host order, each padded to 4 bytes. */
    private static final class Attributes {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void put(int type, byte[] payload) {
            ByteBuffer header = le(4).putShort((short) (4 + payload.length)).putShort((short) type);
            bytes.writeBytes(header.array());
            bytes.writeBytes(payload);
            bytes.writeBytes(new byte[(4 - payload.length % 4) % 4]);
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
