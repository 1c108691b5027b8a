package io.sockscope.cli;

import io.sockscope.filter.CompiledFilter;
import io.sockscope.query.DestroyEvents;
import io.sockscope.query.FallbackPolicy;
import io.sockscope.query.Query;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the action options are read, and which combinations sockscope refuses. */
class ActionOptionsTest {
    private static ActionOptions parse(String... args) throws UsageException {
        CommandLine line = CommandLine.parse(args);
        ListingOptionsParser.parse(line); // the listing options must accept every action option too
        return ActionOptions.parse(line);
    }

    @Test
    void readsEachActionInEverySpelling() throws Exception {
        ActionOptions a = parse("-tD", "dump.bin", "--net=zoo", "-K", "--events", "state", "established");
        assertEquals("dump.bin", a.dumpFile());
        assertEquals("zoo", a.namespace());
        assertTrue(a.kill());
        assertTrue(a.events());
        assertEquals("other", parse("--diag", "one", "-D", "other").dumpFile(), "the last -D wins, as in ss");
        assertEquals("b", parse("-N", "a", "-Nb").namespace());
        ActionOptions none = parse("-tan");
        assertNull(none.dumpFile());
        assertNull(none.namespace());
        assertFalse(none.kill() || none.events());
    }

    /** Reads a kill command line the way the listing does and asks the guard, without running anything. */
    private static void checkKill(String... args) throws UsageException, java.io.IOException {
        CommandLine line = CommandLine.parse(args);
        ListingOptions options = ListingOptionsParser.parse(line);
        ActionOptions actions = ActionOptions.parse(line);
        actions.check();
        ListingFilter filter = ListingFilter.parse(options.expression(), options.filterFileText(),
                options.selection(), io.sockscope.filter.FilterEnvironment.offline(),
                io.sockscope.filter.EphemeralPortRange.FALLBACK, true);
        actions.checkKillIsNarrowed(filter.narrowsInetSockets(), options.statesNarrowed());
    }

    @Test
    void killWantsTheSocketsNamed() {
        for (String[] narrowed : new String[][] {
                {"-K", "dport = :80"}, {"-K", "-t", "state", "established"}, {"-K", "exclude", "established"},
                {"-Kl"}, {"--kill", "-t", "src", "10.0.0.1"}, {"-K", "-t", "state", "synchronized"},
                {"-K", "sport >= :1"}, {"-K", "", "dport = :22"}, {"-K", "src 0.0.0.0/0 and dport = :80"},
                {"-K", "dport = :80 or dport = :81"}, {"-K", "not sport = :22"}}) {
            assertDoesNotThrow(() -> checkKill(narrowed), String.join(" ", narrowed));
        }
        for (String[] everything : new String[][] {
                {"-K"}, {"-Kt"}, {"-K", "-ta"}, {"-K", "-4", "-x"}, {"-K", "-N", "ns"},
                // Words that parse to no expression at all.
                {"-K", ""}, {"-K", " "}, {"-K", "", " ", "\t"}, {"-K", "-F", "/dev/null"},
                // Expressions that hold for every inet socket.
                {"-K", "sport >= :0"}, {"-K", "dport <= :65535"}, {"-K", "src 0.0.0.0/0"}, {"-K", "dst ::/0"},
                {"-K", "src *"}, {"-K", "dport = :80 or not dport = :80"}, {"-K", "not ( sport < :0 )"},
                {"-K", "sport >= :0 and dst *"}, {"-K", "fwmark 0/0"},
                // State words that still hold every connection a plain listing shows.
                {"-K", "state", "connected"}, {"-K", "state", "all"}, {"-K", "exclude", "listening"},
                {"-K", "-a", "state", "all", ""}}) {
            UsageException e = assertThrows(UsageException.class, () -> checkKill(everything),
                    String.join(" ", everything));
            assertEquals(1, e.exitCode());
            assertTrue(e.getMessage().startsWith("-K closes every socket it lists"), e.getMessage());
        }
        assertThrows(UsageException.class, () -> checkKill("-K", "-E", "state", "established"));
    }

    @Test
    void otherActionsNeedNoNarrowing() throws Exception {
        assertDoesNotThrow(() -> parse("-E").check());
        assertDoesNotThrow(() -> parse("-D", "-").check());
        assertDoesNotThrow(() -> parse("-N", "zoo", "-tan").check());
    }

    @Test
    void destroyEventGroupsFollowTheTablesAndFamilies() throws Exception {
        assertEquals(0b1111, groups("-E"));
        assertEquals(0b0001, groups("-E", "-t", "-4"));
        assertEquals(0b0101, groups("-E", "-t"));
        assertEquals(0b1010, groups("-E", "-u"));
        assertEquals(0b1000, groups("-E", "-u", "-6"));
        assertEquals(0b0011, groups("-E", "-tu", "-f", "inet"));
        assertEquals(0, groups("-E", "-x"));
        assertEquals(0, groups("-E", "-w"));
    }

    private static int groups(String... args) throws UsageException {
        TableSelection sel = ListingOptionsParser.parse(CommandLine.parse(args)).selection();
        return DestroyEvents.groups(new Query(sel.tables, sel.states, sel.families, sel.preferredFamily,
                CompiledFilter.NONE, Query.Attributes.NONE, FallbackPolicy.SS, false));
    }
}
