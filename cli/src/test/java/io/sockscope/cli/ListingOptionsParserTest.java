package io.sockscope.cli;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.render.SsDialect;
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

    @Test
    void theSevenOneDialectHasItsOptionsAndStateSets() throws UsageException {
        ListingOptions quiet = parse71("-tlnQ");
        assertEquals(false, quiet.queues());
        assertEquals(SsDialect.V7_1, quiet.dialect());
        assertEquals(StateMasks.BOUND_INACTIVE, parse71("-tB").selection().states);
        assertEquals(StateMasks.BOUND_INACTIVE, parse71("--bound-inactive", "-t").selection().states);
        assertEquals((1 << 14) - 1, parse71("-ta").selection().states, "7.x's all has states 12 and 13");
        assertEquals(StateMasks.BOUND_INACTIVE, parse71("-t", "state", "bound-inactive").selection().states);
        assertThrows(UsageException.class, () -> parse71("-t", "state", "new-syn-recv"));
        // 6.1 has neither the options nor the state.
        assertEquals("invalid option -- 'Q'", assertThrows(UsageException.class,
                () -> CommandLine.parse(new String[] {"-tlnQ"}, SsDialect.V6_1)).getMessage());
        assertThrows(UsageException.class, () -> ListingOptionsParser.parse(
                CommandLine.parse(new String[] {"-t", "state", "bound-inactive"}), RawArguments.unknown(),
                SsDialect.V6_1));
        assertEquals(TcpState.ALL, ListingOptionsParser.parse(CommandLine.parse(new String[] {"-ta"}))
                .selection().states);
    }

    @Test
    void bpfSocketStorageIsRefusedInOneLine() {
        // ss 7.1 (built with libbpf) lists as usual with --bpf-maps; sockscope says it cannot rather than ignore it.
        UsageException e = assertThrows(UsageException.class, () -> parse71("-tn", "--bpf-maps"));
        assertEquals("option --bpf-maps is not supported yet", e.getMessage());
        assertEquals(1, e.exitCode());
        assertEquals("option --bpf-map-id is not supported yet",
                assertThrows(UsageException.class, () -> parse71("--bpf-map-id=3")).getMessage());
        assertEquals("unrecognized option '--bpf-maps'", assertThrows(UsageException.class,
                () -> CommandLine.parse(new String[] {"--bpf-maps"}, SsDialect.V6_1)).getMessage());
    }

    private static ListingOptions parse71(String... args) throws UsageException {
        return ListingOptionsParser.parse(CommandLine.parse(args, SsDialect.V7_1), RawArguments.unknown(),
                SsDialect.V7_1);
    }
}
