package io.sockscope.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TopOptions}: --interval, the default of -ta, and what top refuses. */
class TopOptionsTest {
    private static TopOptions parse(String... args) throws UsageException {
        return TopOptions.parse(CommandLine.parse(args));
    }

    private static List<String> keys(TopOptions options) {
        return options.rest().options().stream().map(CommandLine.Option::key).toList();
    }

    @Test
    void withoutATableOrStateItShowsEveryTcpSocket() throws UsageException {
        TopOptions options = parse("sport = :80");
        assertEquals(List.of("t", "a"), keys(options));
        assertEquals(List.of("sport = :80"), options.rest().operands());
        assertEquals(WatchOptions.DEFAULT_INTERVAL_MILLIS, options.intervalMillis());
        TableSelection sel = ListingOptionsParser.parse(options.rest()).selection();
        TableSelection ta = ListingOptionsParser.parse(CommandLine.parse(new String[] {"-ta"})).selection();
        assertEquals(ta.tables, sel.tables);
        assertEquals(ta.states, sel.states);
    }

    @Test
    void aTableStateOrFamilyGivenReplacesTheDefault() throws UsageException {
        assertEquals(List.of("u"), keys(parse("-u")));
        assertEquals(List.of("l"), keys(parse("-l")));
        assertEquals(List.of("4"), keys(parse("-4")));
        assertEquals(List.of("n"), keys(parse("-n", "state", "established")).subList(0, 1));
        assertEquals(1, keys(parse("-n", "state", "established")).size(), "a state word is a choice too");
    }

    @Test
    void theIntervalIsTopsOwn() throws UsageException {
        TopOptions options = parse("--interval", "250ms", "-t");
        assertEquals(250, options.intervalMillis());
        assertEquals(List.of("t"), keys(options));
    }

    @Test
    void actionsAndStructuredOutputAreRefusedWithAReason() {
        for (String refused : List.of("-K", "-E", "-s", "--json", "--ndjson", "--all-netns")) {
            UsageException e = assertThrows(UsageException.class, () -> parse(refused, "-t"), refused);
            assertTrue(e.getMessage().startsWith("top "), e.getMessage());
            assertEquals(1, e.exitCode());
        }
    }
}
