package io.sockscope.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommandLineTest {
    private static List<String> keys(CommandLine c) {
        return c.options().stream().map(o -> o.key() + (o.argument() == null ? "" : "=" + o.argument())).toList();
    }

    @Test
    void clusteredFlagsSplitIntoOptions() throws Exception {
        assertEquals(List.of("t", "l", "n", "p"), keys(CommandLine.parse(new String[] {"-tlnp"})));
    }

    @Test
    void argumentMayBeAttachedOrNextWord() throws Exception {
        assertEquals(List.of("t", "A=inet"), keys(CommandLine.parse(new String[] {"-tAinet"})));
        assertEquals(List.of("f=unix", "a"), keys(CommandLine.parse(new String[] {"-f", "unix", "-a"})));
        assertEquals(List.of("A=tcp,udp"), keys(CommandLine.parse(new String[] {"--query=tcp,udp"})));
        assertEquals(List.of("A=raw"), keys(CommandLine.parse(new String[] {"--socket", "raw"})));
    }

    @Test
    void longNamesMayBeAbbreviated() throws Exception {
        assertEquals(List.of("n", "l"), keys(CommandLine.parse(new String[] {"--num", "--listen"})));
        assertThrows(UsageException.class, () -> CommandLine.parse(new String[] {"--t"}));
    }

    @Test
    void serveOptionsAreKnownAfterServeAloneSoThatSsAbbreviationsKeepTheirMeaning() throws Exception {
        // ss reads --listen as --listening cut short, and --eve as --events.
        assertEquals(List.of("l", "E"), keys(CommandLine.parse(new String[] {"--listen", "--eve"})));
        CommandLine serve = CommandLine.parse(new String[] {"serve", "--listen", "0.0.0.0:1", "--every=5s",
                "--otlp", "http://x:4318", "--max-p", "3"});
        assertEquals(List.of("listen=0.0.0.0:1", "every=5s", "otlp=http://x:4318", "max-processes=3"), keys(serve));
        assertThrows(UsageException.class, () -> CommandLine.parse(new String[] {"--otlp", "http://x"}));
    }

    @Test
    void operandsMayInterleaveWithOptions() throws Exception {
        CommandLine c = CommandLine.parse(new String[] {"state", "listening", "-t", "--", "-n"});
        assertEquals(List.of("t"), keys(c));
        assertEquals(List.of("state", "listening", "-n"), c.operands());
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        UsageException e = assertThrows(UsageException.class, () -> CommandLine.parse(new String[] {"-y"}));
        assertEquals("invalid option -- 'y'", e.getMessage());
        assertEquals(255, e.exitCode());
        assertThrows(UsageException.class, () -> CommandLine.parse(new String[] {"-A"}));
        assertThrows(UsageException.class, () -> CommandLine.parse(new String[] {"--bogus"}));
        assertThrows(UsageException.class, () -> CommandLine.parse(new String[] {"--tcp=1"}));
    }
}
