package io.sockscope.cli;

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

    @Test
    void killWantsTheSocketsNamed() throws Exception {
        for (String[] narrowed : new String[][] {
                {"-K", "dport = :80"}, {"-K", "-t", "state", "established"}, {"-K", "exclude", "listening"},
                {"-Kl"}, {"-K", "-F", "/dev/null"}, {"--kill", "-t", "src", "10.0.0.1"}}) {
            ActionOptions a = parse(narrowed);
            assertTrue(a.narrowed(), String.join(" ", narrowed));
            assertDoesNotThrow(a::check, String.join(" ", narrowed));
        }
        for (String[] everything : new String[][] {
                {"-K"}, {"-Kt"}, {"-K", "-ta"}, {"-K", "-4", "-x"}, {"-K", "-N", "ns"}}) {
            UsageException e = assertThrows(UsageException.class, () -> parse(everything).check(),
                    String.join(" ", everything));
            assertEquals(1, e.exitCode());
            assertTrue(e.getMessage().startsWith("-K closes every socket it lists"), e.getMessage());
        }
        assertThrows(UsageException.class, () -> parse("-K", "-E", "state", "established").check());
    }

    @Test
    void otherActionsNeedNoNarrowing() throws Exception {
        assertDoesNotThrow(() -> parse("-E").check());
        assertDoesNotThrow(() -> parse("-D", "-").check());
        assertDoesNotThrow(() -> parse("-N", "zoo", "-tan").check());
    }

    @Test
    void destroyEventGroupsFollowTheTablesAndFamilies() throws Exception {
        assertEquals(0b1111, EventFollower.groups(ListingOptionsParser.parse(CommandLine.parse(new String[] {"-E"}))
                .selection()));
        assertEquals(0b0001, groups("-E", "-t", "-4"));
        assertEquals(0b0101, groups("-E", "-t"));
        assertEquals(0b1010, groups("-E", "-u"));
        assertEquals(0b1000, groups("-E", "-u", "-6"));
        assertEquals(0b0011, groups("-E", "-tu", "-f", "inet"));
        assertEquals(0, groups("-E", "-x"));
        assertEquals(0, groups("-E", "-w"));
    }

    private static int groups(String... args) throws UsageException {
        return EventFollower.groups(ListingOptionsParser.parse(CommandLine.parse(args)).selection());
    }
}
