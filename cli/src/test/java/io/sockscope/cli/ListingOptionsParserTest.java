package io.sockscope.cli;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListingOptionsParserTest {
    private static TableSelection select(String... args) throws Exception {
        return ListingOptionsParser.parse(CommandLine.parse(args)).selection();
    }

    @Test
    void tcpAloneMeansConnectedTcpOverBothFamilies() throws Exception {
        TableSelection s = select("-t");
        assertEquals(SocketTable.TCP.bit(), s.tables);
        assertEquals(TcpState.CONNECTED_DEFAULT, s.states);
        assertTrue(s.hasFamily(AddressFamily.INET) && s.hasFamily(AddressFamily.INET6));
    }

    @Test
    void listeningAddsUnconnected() throws Exception {
        assertEquals(TcpState.bit(TcpState.LISTEN) | TcpState.bit(TcpState.CLOSE), select("-tl").states);
    }

    @Test
    void udpDefaultsToEstablishedOnly() throws Exception {
        assertEquals(TcpState.bit(TcpState.ESTABLISHED), select("-u").states);
    }

    @Test
    void stateWordsReplaceThenAccumulate() throws Exception {
        TableSelection s = select("-ta", "state", "listening", "state", "time-wait");
        assertEquals(TcpState.bit(TcpState.LISTEN) | TcpState.bit(TcpState.TIME_WAIT), s.states);
        TableSelection e = select("-t", "exclude", "established");
        assertEquals(TcpState.ALL & ~TcpState.bit(TcpState.ESTABLISHED), e.states);
    }

    @Test
    void familyPullsInItsTables() throws Exception {
        TableSelection s = select("-4");
        assertEquals(AddressFamily.INET, s.preferredFamily);
        assertTrue(SocketTable.TCP.in(s.tables) && SocketTable.RAW.in(s.tables) && SocketTable.UDP.in(s.tables));
        assertTrue(!SocketTable.UNIX_STREAM.in(select("-4").tables));
    }

    @Test
    void queryStartsFromNothingAndMayExclude() throws Exception {
        TableSelection s = select("-A", "inet,!tcp");
        assertTrue(!SocketTable.TCP.in(s.tables) && SocketTable.UDP.in(s.tables));
        assertThrows(UsageException.class, () -> select("-A", "bogus"));
        assertThrows(UsageException.class, () -> select("-f", "bogus"));
        assertThrows(UsageException.class, () -> select("state", "bogus"));
        assertThrows(UsageException.class, () -> select("state"));
    }
}
