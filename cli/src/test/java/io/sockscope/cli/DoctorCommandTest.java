package io.sockscope.cli;

import io.sockscope.diagnose.FindingCode;
import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Exit codes and messages of the command itself (the examination is tested elsewhere). */
class DoctorCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DoctorCommand.run(args, Map.of(), out, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void usageErrorsExitWithTwoAndOneLine() {
        assertEquals(2, run("--bogus"));
        assertEquals("sockscope doctor: unknown option --bogus (sockscope doctor --help)\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals(0, out.size());
    }

    @Test
    void helpExitsWithZero() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.startsWith("Usage: sockscope doctor TARGET"), help);
        assertTrue(help.contains("Exit status: 0 nothing wrong, 1 a problem was found, 2 usage error"), help);
        assertTrue(help.contains("4 undecided: nothing wrong was found, but whether a client gets through depends on"
                + " the client"), help);
        assertTrue(help.contains("status is ok, problem or undecided"), help);
        help.lines().forEach(line -> assertTrue(line.length() <= 100, line));
        // Plain ASCII, whatever the locale.
        assertTrue(help.chars().allMatch(c -> c < 0x80), help);
    }

    @Test
    void helpEndsWithEveryFindingAndNoPathIntoTheRepository() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertFalse(help.contains("docs/"), help);
        List<String> tail = help.lines().toList();
        tail = tail.subList(tail.size() - FindingCode.values().length, tail.size());
        for (int i = 0; i < FindingCode.values().length; i++) {
            FindingCode code = FindingCode.values()[i];
            assertTrue(tail.get(i).matches("  " + code.name() + " +" + java.util.regex.Pattern.quote(code.meaning())),
                    tail.get(i));
        }
        // The meanings start two blanks after the longest code.
        assertTrue(help.contains("  PUBLISHED_TO_LOOPBACK_ONLY  published by DNAT to a container that listens"), help);
        assertTrue(help.contains("  UNIX_SOCKET_NOT_LISTENING   a stale socket file that nobody listens on\n"), help);
    }

    @Test
    void theManualListsEveryFindingToo() throws Exception {
        String manual = Files.readString(Path.of(System.getProperty("user.dir")).resolve("../docs/doctor.md"));
        for (FindingCode code : FindingCode.values()) {
            assertTrue(manual.contains("| `" + code.name() + "` |"), code + " is missing from docs/doctor.md's table");
            assertTrue(manual.contains("### " + code.name()), code + " has no section in docs/doctor.md");
        }
    }

    @Test
    void aNamespaceThatCannotBeEnteredMeansNothingWasExamined() {
        assertEquals(3, run("-N", "sockscope-no-such-namespace", "8080"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("sockscope doctor: Cannot open network namespace \"sockscope-no-such-namespace\":")
                || message.startsWith("sockscope doctor: setting the network namespace"), message);
        assertEquals(0, out.size());
    }

    /** Runs the doctor on a pseudo-terminal 60 columns wide (util-linux script), with {@code environment}. */
    private static String onATerminal(Map<String, String> environment, String... args) throws Exception {
        assumeTrue(CommandRun.onPath("script") && CommandRun.onPath("stty"), "needs script and stty (util-linux)");
        StringBuilder shell = new StringBuilder("stty cols 60 && exec");
        for (String word : CommandRun.sockscope(args)) {
            shell.append(" '").append(word.replace("'", "'\\''")).append('\'');
        }
        CommandRun run = CommandRun.run(List.of("script", "-qec", shell.toString(), "/dev/null"), environment, 60);
        return new String(run.stdout(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    @Test
    void aTerminalGetsWrappedColouredTextAndAPipeTheLinesAsWritten() throws Exception {
        String[] args = {"doctor", "bind", "1", "--user", "nobody"};
        Map<String, String> utf8 = Map.of("LANG", "C.UTF-8", "TERM", "xterm");
        String terminal = onATerminal(utf8, args);
        assertTrue(terminal.startsWith("bind tcp port 1 as nobody: \u001b[1;31mPROBLEM\u001b[0m — nobody cannot bind port\n"),
                terminal);
        assertTrue(terminal.contains("\n\u001b[31merror\u001b[0m PRIVILEGED_PORT: "), terminal);
        assertTrue(terminal.contains("\n  fix: Give the program CAP_NET_BIND_SERVICE (systemd:\n"
                + "      AmbientCapabilities=CAP_NET_BIND_SERVICE; a binary:\n"), terminal);
        for (String line : terminal.replaceAll("\u001b\\[[0-9;]*m", "").split("\n")) {
            assertTrue(line.length() <= 60, line);
        }
        // NO_COLOR: wrapped, not coloured; the C locale: ASCII punctuation.
        String plain = onATerminal(Map.of("LC_ALL", "C", "LANG", "C.UTF-8", "NO_COLOR", "1", "TERM", "xterm"), args);
        assertTrue(plain.startsWith("bind tcp port 1 as nobody: PROBLEM - nobody cannot bind port\n"), plain);
        assertFalse(plain.contains("\u001b"), plain);
        // Piped: one line per sentence, however long, as before.
        CommandRun piped = CommandRun.run(CommandRun.sockscope(args), utf8, 60);
        String fix = piped.stdoutText().lines().filter(l -> l.startsWith("  fix: ")).findFirst().orElseThrow();
        assertTrue(fix.length() > 200 && fix.endsWith("lower net.ipv4.ip_unprivileged_port_start."), fix);
        assertFalse(piped.stdoutText().contains("\u001b"), piped.stdoutText());
        assertTrue(new String(piped.stdout(), StandardCharsets.UTF_8).contains(" — "), piped.stdoutText());
    }

    @Test
    void anUnknownUserIsAUsageError() {
        assertEquals(2, run("bind", "80", "--user", "no-such-user-here", "--json"));
        assertEquals("sockscope doctor: no such user: no-such-user-here\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void mainHandsDoctorWordsToTheDoctor() {
        // Without the hook the ss option parser would refuse --bogus with its own exit code (255), not 2.
        assertEquals(2, Main.run(new String[] {"doctor", "--bogus"}, Map.of()));
    }
}
