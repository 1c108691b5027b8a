package io.sockscope.cli;

import io.sockscope.diagnose.FindingCode;
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
        assertTrue(help.contains("  UNIX_SOCKET_NOT_LISTENING  a stale socket file that nobody listens on\n"), help);
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
