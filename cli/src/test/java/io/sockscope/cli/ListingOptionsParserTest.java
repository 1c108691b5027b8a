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

    private static ControlChars controlChars(String... args) throws Exception {
        return ListingOptionsParser.parse(CommandLine.parse(args)).controlChars();
    }

    @Test
    void controlCharsAreEscapedOnATerminalUnlessAskedOtherwiseAndTheLastOptionWins() throws Exception {
        assertEquals(ControlChars.AUTOMATIC, controlChars("-tlnp"));
        assertEquals(ControlChars.SHOW, controlChars("-tlnp", "--show-control-chars"));
        assertEquals(ControlChars.ESCAPE, controlChars("--escape-control-chars", "-tlnp"));
        assertEquals(ControlChars.SHOW, controlChars("--escape-control-chars", "--show"));
        assertTrue(ControlChars.AUTOMATIC.escape(true) && !ControlChars.AUTOMATIC.escape(false));
        assertTrue(!ControlChars.SHOW.escape(true) && ControlChars.ESCAPE.escape(false));
    }

    @Test
    void theNewOptionsLeaveSsAbbreviationsAsTheyWere() throws Exception {
        // ss takes --ra for --raw and --ex for --extended; names of sockscope's own must not make them ambiguous.
        assertTrue(SocketTable.RAW.in(select("--ra").tables));
        assertTrue(ListingOptionsParser.parse(CommandLine.parse(new String[] {"--ex"})).extended().details());
        assertEquals(ControlChars.ESCAPE, controlChars("--esc"));
    }
}
