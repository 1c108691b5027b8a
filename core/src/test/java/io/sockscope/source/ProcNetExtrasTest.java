package io.sockscope.source;

import io.sockscope.model.InetSocket;
import io.sockscope.model.ProcNetExtras;
import io.sockscope.model.SocketRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TCP columns after the socket address ({@link ProcNetExtras}) of the hand-made {@code proc/tcp-extras}
 * tree, converted as ss converts them (the tree's {@code ss-tanoemi.txt} is what ss 6.1 printed from it), and
 * the marker every UDP and raw line carries.
 */
class ProcNetExtrasTest {

    private static ProcNetExtras extras(List<SocketRecord> sockets, int localPort) {
        return sockets.stream().map(InetSocket.class::cast).filter(s -> s.local().port() == localPort)
                .findFirst().orElseThrow().procExtras();
    }

    @Test
    void tcpColumnsAsSsConvertsThem() throws Exception {
        List<SocketRecord> tcp = ProcNetTestSupport.dump(ProcNetTestSupport.fixture("tcp-extras"), DumpKind.TCP,
                ProcNetTestSupport.everything()).sockets;
        assertEquals(10, tcp.size());

        ProcNetExtras listener = extras(tcp, 8080);
        assertEquals(1.0, listener.rto(), "100 ticks at USER_HZ 100");
        assertEquals(10, listener.congestionWindow());
        assertEquals(5, listener.slowStartThreshold());
        assertNull(listener.options(), "nothing follows ssthresh");

        ProcNetExtras keepalive = extras(tcp, 40000);
        assertEquals(0.2, keepalive.rto());
        assertEquals(0.04, keepalive.ato());
        assertEquals(1, keepalive.quickAck(), "the column (3) halved");
        assertEquals(0, keepalive.slowStartThreshold(), "-1 means none");
        assertArrayEquals("extra words here".getBytes(StandardCharsets.US_ASCII), keepalive.options());

        assertEquals(0.0, extras(tcp, 40001).rto(), "the initial 3 s rto is shown as none");
        assertEquals(0.08, extras(tcp, 40001).ato());

        ProcNetExtras timeWait = extras(tcp, 40002);
        assertEquals(2, timeWait.congestionWindow(), "a line without the columns: ss assumes cwnd 2");
        assertEquals(0.0, timeWait.rto());

        ProcNetExtras rtoOnly = extras(tcp, 40003);
        assertEquals(0.25, rtoOnly.rto());
        assertEquals(0, rtoOnly.congestionWindow(), "columns the line lacks stay zero");
        assertEquals(0.12, extras(tcp, 40004).ato());

        ProcNetExtras v6 = extras(tcp, 8081);
        assertArrayEquals("opt6".getBytes(StandardCharsets.US_ASCII), v6.options());
    }

    @Test
    void datagramLinesCarryOnlyTheMarker() throws Exception {
        List<SocketRecord> udp = ProcNetTestSupport.dump(ProcNetTestSupport.fixture("zoo"), DumpKind.UDP,
                ProcNetTestSupport.everything()).sockets;
        assertTrue(!udp.isEmpty());
        for (SocketRecord s : udp) {
            assertSame(ProcNetExtras.DATAGRAM, ((InetSocket) s).procExtras());
        }
    }
}
