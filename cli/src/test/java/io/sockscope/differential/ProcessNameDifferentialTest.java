package io.sockscope.differential;

import io.sockscope.testing.NamedListeners;
import io.sockscope.testing.ScratchNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code -p} listings of processes whose names are not ASCII text, against ss in a scratch namespace: ss prints
 * the kernel's bytes unchanged in a column sized in bytes, so one name decoded and re-encoded would shift every
 * line. The names: {@code üml}, invalid UTF-8, {@code ě} and {@code Ċ} (whose low bytes are ESC and a newline),
 * and raw ESC and newline bytes, which ss also prints unchanged when stdout is not a terminal (as here). Both
 * ways of finding owners are compared: the {@code /proc} scan and the kernel's task-file iterator.
 *
 * <p>On a terminal (a pseudo-terminal made by {@code script}) sockscope escapes what a terminal would obey,
 * as {@code ls} does, and prints ss's bytes again with {@code --show-control-chars}; in a pipe,
 * {@code --escape-control-chars} escapes them too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessNameDifferentialTest {
    private static final List<String> NAMES_HEX = List.of("c3bc6d6c", "fd6d6c", "c49b41", "c48a42", "ff",
            "611b5b33316d78", "610a62");
    /** The same names as a terminal shows them: UTF-8 text as it is, the rest escaped as {@code ls -b} does. */
    private static final List<String> ESCAPED = List.of("üml", "\\375ml", "ěA", "ĊB", "\\377", "a\\033[31mx",
            "a\\nb");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The width of the terminal the terminal cases run on. */
    private static final int COLUMNS = 160;

    private final CommandRunner runner = new CommandRunner();
    private final ToolCommands tools = ToolCommands.ofThisBuild();
    private ScratchNamespace namespace;
    private NamedListeners listeners;
    private Differential inNamespace;

    @BeforeAll
    void start() throws IOException, InterruptedException {
        ZooPreconditions.assumeZooCanRun();
        namespace = ScratchNamespace.create();
        listeners = NamedListeners.start(List.of("ip", "netns", "exec", namespace.name()),
                NAMES_HEX.stream().map(HexFormat.of()::parseHex).toList());
        inNamespace = new Differential(runner, tools, this::inNamespace,
                "in a namespace of listeners with non-ASCII names");
    }

    @AfterAll
    void stop() throws IOException {
        try {
            if (listeners != null) {
                listeners.close();
            }
        } finally {
            if (namespace != null) {
                namespace.close();
            }
        }
    }

    static Stream<FlagCase> cases() {
        return Stream.of("proc", "iterator").flatMap(scan -> Stream.of("-tlnp", "-tlp", "-tlnpO", "-tlnpe", "-lnp")
                .map(flags -> FlagCase.of(flags).with("SOCKSCOPE_OWNER_SCAN", scan)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ownerNamesAreTheKernelsBytes(FlagCase flags) throws IOException, InterruptedException {
        tools.whyCandidateMissing().ifPresent(why -> fail(why));
        inNamespace.listingMismatch(flags).ifPresent(why -> fail(why));
    }

    static Stream<FlagCase> terminalCases() {
        return Stream.of("proc", "iterator").flatMap(scan -> Stream.of("-tlnp", "-tlnpO")
                .map(flags -> FlagCase.of(flags).with("SOCKSCOPE_OWNER_SCAN", scan)));
    }

    @ParameterizedTest(name = "{0} on a terminal")
    @MethodSource("terminalCases")
    void onATerminalControlBytesAreEscaped(FlagCase flags) throws IOException, InterruptedException {
        tools.whyCandidateMissing().ifPresent(why -> fail(why));
        assertEscapedListing(onTerminal(tools.candidate(flags.flags()), flags));
    }

    @ParameterizedTest(name = "{0} --show-control-chars on a terminal")
    @MethodSource("terminalCases")
    void showControlCharsPrintsWhatSsPrintsOnTheSameTerminal(FlagCase flags)
            throws IOException, InterruptedException {
        tools.whyCandidateMissing().ifPresent(why -> fail(why));
        List<String> shown = new ArrayList<>(flags.flags());
        shown.add("--show-control-chars");
        CommandResult ss = onTerminal(tools.ss(flags.flags()), flags);
        CommandResult ours = onTerminal(tools.candidate(shown), flags);
        assertEquals(0, ours.exitCode(), ours.stderrText());
        if (!Arrays.equals(ss.stdout(), ours.stdout())) {
            fail(LineDiff.render("ss on a terminal", ss.stdoutText(), "sockscope --show-control-chars on a terminal",
                    ours.stdoutText()));
        }
    }

    @Test
    void escapeControlCharsKeepsOneLinePerSocketInAPipe() throws IOException, InterruptedException {
        tools.whyCandidateMissing().ifPresent(why -> fail(why));
        assertEscapedListing(runner.run(inNamespace(tools.candidate(List.of("-tlnpO", "--escape-control-chars"))),
                Map.of(), TIMEOUT));
    }

    /** A listing of the named listeners with every name escaped: one line per socket, no control byte. */
    private static void assertEscapedListing(CommandResult listing) {
        assertEquals(0, listing.exitCode(), listing.stderrText());
        String text = listing.stdoutText();
        assertEquals(1 + NAMES_HEX.size(), text.lines().count(), "a header and one line per socket:\n" + text);
        for (String name : ESCAPED) {
            assertTrue(text.contains("users:((\"" + name + "\",pid="), () -> name + " missing from\n" + text);
        }
        for (byte b : listing.stdout()) {
            assertTrue(b == '\n' || (b & 0xff) >= 0x20 && b != 0x7f, () -> "a control byte " + b + " in\n" + text);
        }
    }

    private CommandResult onTerminal(List<String> command, FlagCase flags) throws IOException, InterruptedException {
        return PseudoTerminal.unwrap(runner.run(inNamespace(PseudoTerminal.wrap(command, COLUMNS)),
                flags.environment(), TIMEOUT));
    }

    private List<String> inNamespace(List<String> command) {
        List<String> placed = new ArrayList<>(List.of("ip", "netns", "exec", namespace.name()));
        placed.addAll(command);
        return placed;
    }
}
