package io.sockscope.cli;

import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The generated completions: bash's driven for real (the script sourced, {@code _sockscope} called with the words a
 * Tab would give it), zsh's and fish's checked by their shells' parsers.
 */
class CompletionsTest {
    @TempDir
    static Path dir;
    private static Path bashScript;
    private static Path namespaces;

    @BeforeAll
    static void writeScripts() throws IOException {
        bashScript = Files.writeString(dir.resolve("sockscope.bash"), Completions.bash());
        // A stand-in for /run/netns, so that no namespace has to be made (nor root be had) to see names offered.
        namespaces = Files.createDirectories(dir.resolve("netns"));
        Files.createFile(namespaces.resolve("blue-ns"));
    }

    @Test
    void aShortOptionCompletesToItself() throws Exception {
        List<String> replies = complete("sockscope", "-t");
        assertTrue(replies.contains("-t"), replies.toString());
        replies.forEach(r -> assertTrue(r.startsWith("-t"), r));
    }

    @Test
    void longOptionsThatTakeAnArgumentComeWithTheirEqualsSign() throws Exception {
        assertEquals(List.of("--family=", "--fd-percent=", "--filter=", "--for="),
                complete("sockscope", "--f").stream().sorted().toList());
    }

    @Test
    void stateNamesFollowStateAndExclude() throws Exception {
        List<String> replies = complete("sockscope", "-t", "state", "");
        assertEquals(CommandWords.stateWords(), replies);
        assertEquals(List.of("established"), complete("sockscope", "exclude", "est"));
    }

    @Test
    void theTablesFollowMinusA() throws Exception {
        assertEquals(CommandWords.TABLES, complete("sockscope", "-A", ""));
        assertEquals(List.of("unix_stream"), complete("sockscope", "--query", "unix_st"));
        // The next table of a list, after a comma and a !.
        assertEquals(List.of("tcp,!udp"), complete("sockscope", "-A", "tcp,!ud"));
        // Joined to its letter in a cluster, as getopt reads it.
        assertEquals(List.of("-tAudp"), complete("sockscope", "-tAudp"));
        // --socket=in split at = by bash, or not.
        assertEquals(List.of("inet"), complete("sockscope", "--socket", "=", "ine"));
        assertEquals(List.of("--sock=inet"), complete("sockscope", "--sock=ine"));
    }

    @Test
    void theFamiliesFollowMinusF() throws Exception {
        assertEquals(CommandWords.FAMILIES, complete("sockscope", "-f", ""));
        assertEquals(List.of("--family=inet", "--family=inet6"), complete("sockscope", "--family=in"));
    }

    @Test
    void serveOptionsAreOfferedAfterServeOnly() throws Exception {
        assertEquals(List.of("--listening"), complete("sockscope", "--li"));
        List<String> afterServe = complete("sockscope", "serve", "--li");
        assertTrue(afterServe.contains("--listen="), afterServe.toString());
        assertFalse(complete("sockscope", "watch", "--").contains("--otlp="));
    }

    @Test
    void namespaceNamesAreListedFromTheNamespaceDirectory() throws Exception {
        assertEquals(List.of("blue-ns"), complete("sockscope", "-N", ""));
        assertEquals(List.of("blue-ns"), complete("sockscope", "-tn", "--net", "b"));
        assertEquals(List.of("-Nblue-ns"), complete("sockscope", "-Nbl"));
        assertEquals(List.of("blue-ns"), complete("sockscope", "doctor", "8080", "-N", ""));
    }

    @Test
    void theSubCommandsComeFirst() throws Exception {
        List<String> replies = complete("sockscope", "");
        assertTrue(replies.containsAll(CommandWords.SUB_COMMANDS), replies.toString());
        assertEquals(List.of("doctor"), complete("sockscope", "help", ""));
    }

    @Test
    void theDoctorOffersItsOwnOptions() throws Exception {
        List<String> replies = complete("sockscope", "doctor", "--");
        assertTrue(replies.contains("--no-firewall"), replies.toString());
        assertFalse(replies.contains("--listening"), replies.toString());
        assertEquals(List.of("bind"), complete("sockscope", "doctor", "b"));
    }

    @Test
    void theFunctionIsRegisteredForTheCommand() throws Exception {
        CommandRun run = bash("source \"$1\" && complete -p sockscope", bashScript.toString());
        assertEquals("complete -F _sockscope sockscope\n", run.stdoutText(), run.stderrText());
        assertFalse(Completions.bash().contains("java"), "completion must never start the command");
    }

    @Test
    void zshParsesItsScript() throws Exception {
        assumeTrue(CommandRun.onPath("zsh"), "zsh is not installed");
        Path script = Files.writeString(dir.resolve("_sockscope"), Completions.zsh());
        CommandRun run = CommandRun.run(List.of("zsh", "-n", script.toString()), Map.of(), 30);
        assertEquals(0, run.exitCode(), run.stderrText());
        assertEquals("", run.stderrText());
    }

    @Test
    void fishParsesItsScript() throws Exception {
        assumeTrue(CommandRun.onPath("fish"), "fish is not installed");
        Path script = Files.writeString(dir.resolve("sockscope.fish"), Completions.fish());
        CommandRun run = CommandRun.run(List.of("fish", "--no-execute", script.toString()), Map.of(), 30);
        assertEquals(0, run.exitCode(), run.stderrText());
        assertEquals("", run.stderrText());
    }

    @Test
    void fishCompletesFromItsScript() throws Exception {
        assumeTrue(CommandRun.onPath("fish"), "fish is not installed");
        Path script = Files.writeString(dir.resolve("sockscope.fish"), Completions.fish());
        assertEquals(List.of("--listening"), fish(script, "sockscope --li"));
        assertTrue(fish(script, "sockscope serve --li").contains("--listen"));
        assertTrue(fish(script, "sockscope state ").contains("established"));
        assertEquals(CommandWords.TABLES.stream().sorted().toList(), fish(script, "sockscope -A ").stream().sorted().toList());
        assertEquals(List.of("blue-ns"), fish(script, "sockscope doctor 80 -N "));
        assertTrue(fish(script, "sockscope ").containsAll(CommandWords.SUB_COMMANDS));
    }

    /** What fish would offer for {@code line}: its candidates, without their descriptions. */
    private static List<String> fish(Path script, String line) throws Exception {
        CommandRun run = CommandRun.run(List.of("fish", "--no-config", "-c", "source $argv[1]; complete -C $argv[2]",
                script.toString(), line), Map.of(Completions.NETNS_DIRECTORY_VARIABLE, namespaces.toString()), 30);
        assertEquals(0, run.exitCode(), run.stderrText());
        return run.stdoutText().lines().map(l -> l.split("\t", 2)[0]).toList();
    }

    /** What bash's Tab would offer for the last word of {@code words}. */
    private static List<String> complete(String... words) throws Exception {
        List<String> args = new ArrayList<>(List.of(bashScript.toString(), String.valueOf(words.length - 1)));
        args.addAll(List.of(words));
        CommandRun run = bash("""
                source "$1"; COMP_CWORD=$2; shift 2; COMP_WORDS=("$@")
                _sockscope
                (( ${#COMPREPLY[@]} )) && printf '%s\\n' "${COMPREPLY[@]}"
                exit 0
                """, args.toArray(String[]::new));
        assertEquals("", run.stderrText());
        return run.stdoutText().lines().toList();
    }

    private static CommandRun bash(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "--norc", "--noprofile", "-c", script, "bash"));
        command.addAll(List.of(args));
        CommandRun run = CommandRun.run(command, Map.of(Completions.NETNS_DIRECTORY_VARIABLE, namespaces.toString()),
                30);
        assertEquals(0, run.exitCode(), run.stderrText());
        return run;
    }
}
