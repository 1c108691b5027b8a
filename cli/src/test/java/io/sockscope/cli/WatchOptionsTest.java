package io.sockscope.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watch}'s own options, what it refuses of the listing's, and {@code --interval} refused in a listing. */
class WatchOptionsTest {
    private static WatchOptions parse(String... args) throws UsageException {
        return WatchOptions.parse(CommandLine.parse(args));
    }

    @Test
    void readsTheIntervalInEverySpellingAndLeavesTheRestToTheListingParser() throws Exception {
        assertEquals(WatchOptions.DEFAULT_INTERVAL_MILLIS, parse("-ta").intervalMillis());
        assertEquals(200, parse("--interval", "200ms", "-t").intervalMillis());
        assertEquals(2_500, parse("--interval=2.5s").intervalMillis());
        assertEquals(120_000, parse("--interval=2m").intervalMillis());
        assertEquals(3_000, parse("--interval=3").intervalMillis(), "a bare number is seconds");
        WatchOptions watch = parse("--interval=1s", "-tan", "--ndjson", "sport", "=", ":22");
        assertFalse(watch.rest().options().stream().anyMatch(o -> o.key().equals("interval")));
        assertEquals(List.of("sport", "=", ":22"), watch.rest().operands());
        assertEquals(OutputFormat.NDJSON, ListingOptionsParser.parse(watch.rest()).format());
        assertEquals(OutputFormat.NDJSON, ListingOptionsParser.parse(parse("--output=ndjson").rest()).format());
    }

    @Test
    void refusesBadDurationsInOneLine() {
        for (String bad : List.of("0", "0ms", "-1s", "1e3", "NaN", "2x", "", "25h", "1441m")) {
            UsageException e = assertThrows(UsageException.class, () -> parse("--interval", bad), bad);
            assertTrue(e.getMessage().startsWith("--interval takes a duration"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void refusesTheListingsActionsAndTheJsonDocument() {
        for (String[] args : List.of(new String[] {"-K"}, new String[] {"-E"}, new String[] {"-D", "-"},
                new String[] {"-s"}, new String[] {"--json"}, new String[] {"--output=json"},
                new String[] {"-N", "zoo"}, new String[] {"--root=/"})) {
            UsageException e = assertThrows(UsageException.class, () -> parse(args), String.join(" ", args));
            assertEquals(1, e.exitCode());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void aListingRefusesTheInterval() {
        UsageException e = assertThrows(UsageException.class,
                () -> ListingOptionsParser.parse(CommandLine.parse(new String[] {"-ta", "--interval=1s"})));
        assertTrue(e.getMessage().contains("sockscope watch"), e.getMessage());
    }

    @Test
    void readsTheLeakThresholdsAndRefusesOutOfRangeOnes() throws Exception {
        assertEquals(io.sockscope.live.LeakThresholds.DEFAULTS, parse("-t").thresholds());
        assertEquals(new io.sockscope.live.LeakThresholds(90_000, 3, 70, 95, 4), parse("--close-wait-age=90s",
                "--close-wait-rising", "3", "--fd-percent=70", "--backlog-percent=95", "--backlog-reads=4")
                .thresholds());
        for (String[] args : List.of(new String[] {"--fd-percent=0"}, new String[] {"--fd-percent=101"},
                new String[] {"--backlog-percent=x"}, new String[] {"--close-wait-rising=0"},
                new String[] {"--backlog-reads=-2"}, new String[] {"--close-wait-age=0"}, new String[] {"--for=1m"})) {
            UsageException e = assertThrows(UsageException.class, () -> parse(args), String.join(" ", args));
            assertEquals(1, e.exitCode());
            assertFalse(e.getMessage().contains("\n"));
        }
        UsageException e = assertThrows(UsageException.class,
                () -> ListingOptionsParser.parse(CommandLine.parse(new String[] {"-ta", "--fd-percent=50"})));
        assertEquals("--fd-percent sets a leak detector of sockscope watch and sockscope leaks: a listing looks for"
                + " no leak", e.getMessage());
    }
}
