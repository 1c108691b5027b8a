package io.sockscope.cli;

import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Command lines at the edges, tried as a new user would: the ones ss takes quietly, the ones whose output
 * cannot be written, and inputs with no bound. Each runs the real command in a process of its own.
 */
class CommandLineEdgesTest {
    private static final long TIMEOUT = 60;

    private static CommandRun sockscope(Map<String, String> env, String... args) throws Exception {
        return CommandRun.run(CommandRun.sockscope(args), env, TIMEOUT);
    }

    /** The command with its stdout sent where a shell redirection sends it. */
    private static CommandRun redirected(String redirection, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "exec \"$@\" " + redirection, "sh"));
        command.addAll(CommandRun.sockscope(args));
        return CommandRun.run(command, Map.of(), TIMEOUT);
    }

    @Test
    void aFilterFileThatIsADirectoryIsAnEmptyFilterAsInSs(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(CommandRun.onPath("ss"), "needs the installed iproute2 ss as the oracle");
        CommandRun ss = CommandRun.run(List.of("ss", "-F", dir.toString(), "-xa"), Map.of(), TIMEOUT);
        CommandRun ours = sockscope(Map.of(), "-F", dir.toString(), "-xa");
        assertEquals(0, ss.exitCode());
        assertEquals(0, ours.exitCode(), ours.stderrText());
        assertEquals(ss.stdoutText().lines().findFirst(), ours.stdoutText().lines().findFirst());
    }

    @Test
    void anEndlessFilterFileEndsAtOnce() throws Exception {
        long start = System.nanoTime();
        CommandRun ours = sockscope(Map.of(), "-F", "/dev/zero", "-tn");
        assertEquals(UsageException.SS_USAGE_EXIT, ours.exitCode());
        assertEquals(1, ours.stderrText().lines().count(), ours.stderrText());
        assertTrue(ours.stderrText().contains("/dev/zero"), ours.stderrText());
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "bounded, not read to the end of /dev/zero");
    }

    @Test
    void anEmptyDumpFileNameDumpsNothingAndSaysSo() throws Exception {
        CommandRun ours = sockscope(Map.of(), "-D", "", "-tn");
        assertEquals(0, ours.exitCode(), "ss exits 0 for -D ''");
        assertEquals("", ours.stdoutText());
        assertEquals(List.of("sockscope: -D '' names no file: nothing dumped"), ours.stderrText().lines().toList());
    }

    @Test
    void familyHelpPrintsTheHelp() throws Exception {
        CommandRun help = sockscope(Map.of(), "-f", "help");
        assertEquals(0, help.exitCode(), help.stderrText());
        assertEquals(sockscope(Map.of(), "-h").stdoutText(), help.stdoutText());
    }

    @Test
    void aScopedAddressIsRefusedAsSsRefusesIt() throws Exception {
        for (String word : List.of("[fe80::1%1]", "inet6:[fe80::1%2]", "[::1%1]:22", "fe80::1%1")) {
            CommandRun ours = sockscope(Map.of(), "-tn", "src", word);
            assertEquals(1, ours.exitCode(), word + ": " + ours.stderrText());
            assertEquals("", ours.stdoutText(), word);
        }
    }

    @Test
    void aFullDiskIsReportedNotSwallowed() throws Exception {
        CommandRun full = redirected(">/dev/full", "-xa");
        assertEquals(1, full.exitCode());
        assertEquals(List.of("sockscope: cannot write standard output: No space left on device"),
                full.stderrText().lines().toList());
        CommandRun closed = redirected(">&-", "-xa");
        assertEquals(1, closed.exitCode());
        assertEquals(List.of("sockscope: cannot write standard output: Bad file descriptor"),
                closed.stderrText().lines().toList());
    }

    @Test
    void aDumpThatCannotBeWrittenFailsAndLeavesADeviceAlone() throws Exception {
        CommandRun ours = sockscope(Map.of(), "-D", "/dev/full", "-tan");
        assertEquals(1, ours.exitCode(), ours.stderrText());
        assertEquals(List.of("sockscope: cannot write dump file /dev/full: No space left on device"),
                ours.stderrText().lines().toList());
        assertTrue(Files.exists(Path.of("/dev/full")) && !Files.isRegularFile(Path.of("/dev/full")));
    }

    @Test
    void aHugeColumnsValueIsCapped() throws Exception {
        CommandRun ours = sockscope(Map.of("COLUMNS", "2147483647"), "-xa");
        assertEquals(0, ours.exitCode(), ours.stderrText());
        assertTrue(ours.stdoutText().lines().allMatch(l -> l.length() <= ListingCommand.MAX_COLUMNS + 1024),
                "every line stays near the cap");
    }

    @Test
    void aMissingReplayIsAnErrorForJsonConsumers() throws Exception {
        Map<String, String> env = Map.of("TCPDIAG_FILE", "/nonexistent/sockscope-replay");
        CommandRun text = sockscope(env, "-tn");
        assertEquals(0, text.exitCode(), "ss lists the other tables and exits 0");
        CommandRun json = sockscope(env, "-tn", "--json");
        assertEquals(1, json.exitCode());
        assertTrue(json.stdoutText().startsWith("{\"schema_version\":1"), "the document is still whole");
        assertEquals(List.of("sockscope: fopen($TCPDIAG_FILE): No such file or directory"),
                json.stderrText().lines().toList());
    }
}
