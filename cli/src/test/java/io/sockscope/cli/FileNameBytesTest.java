package io.sockscope.cli;

import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Files named in the environment ({@code PROC_ROOT}, {@code PROC_NET_TCP}, {@code TCPDIAG_FILE}) and on the
 * command line ({@code -F}, {@code -D}) are opened by their bytes, whatever the locale: a UTF-8 name under
 * {@code LC_ALL=C}, where the JVM decodes argv and the environment as ASCII, and a name that is not UTF-8 at
 * all. The names are written with printf's octal escapes in a shell, so that no Java string stands between the
 * test and the bytes; each case is compared with ss given the same bytes.
 */
class FileNameBytesTest {
    private static final long TIMEOUT = 60;
    /** "caf\303\251" is café in UTF-8; "bad\377" is not UTF-8 in any reading. */
    private static final List<String> NAMES = List.of("caf\\303\\251", "bad\\377");
    private static final List<String> LOCALES = List.of("C", "C.UTF-8");

    private Path dir;

    @BeforeEach
    void makeDirectory() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "sockscope-bytes-");
    }

    @AfterEach
    void removeDirectory() throws Exception {
        shell("rm -rf -- \"$1\"", Map.of(), dir.toString());
    }

    /** Runs {@code script} in sh with {@code $d} the test's directory and {@code $n} the name's bytes. */
    private CommandRun inShell(String octalName, String locale, String script) throws Exception {
        String prelude = "d='" + dir + "'; n=$(printf '" + octalName + "'); ";
        return shell(prelude + script, Map.of("LC_ALL", locale));
    }

    private static CommandRun shell(String script, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        command.addAll(List.of(args));
        return CommandRun.run(command, env, TIMEOUT);
    }

    private static String sockscope() {
        StringBuilder words = new StringBuilder();
        for (String word : CommandRun.sockscope()) {
            words.append('\'').append(word.replace("'", "'\\''")).append("' ");
        }
        return words.toString();
    }

    private void assertSameAsSs(String octalName, String locale, String setup, String command) throws Exception {
        CommandRun ss = inShell(octalName, locale, setup + "exec " + command.replace("SS", "ss"));
        CommandRun ours = inShell(octalName, locale, setup + "exec " + command.replace("SS", sockscope()));
        String what = command + " with " + octalName + " under LC_ALL=" + locale;
        assertEquals(ss.exitCode(), ours.exitCode(), what + ": " + ours.stderrText());
        assertEquals(ss.stdoutText(), ours.stdoutText(), what);
        assertTrue(!ours.stderrText().contains("internal error") && !ours.stderrText().contains("locale"),
                what + ": " + ours.stderrText());
    }

    @Test
    void procFilesNamedInTheEnvironment() throws Exception {
        assumeTrue(CommandRun.onPath("ss"), "needs the installed iproute2 ss as the oracle");
        // A /proc/net/tcp of one listener, so that ss and sockscope read the same socket from the named file.
        String table = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\\n"
                + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0\\n";
        for (String name : NAMES) {
            for (String locale : LOCALES) {
                String setup = "mkdir -p \"$d/$n/net\" && printf '" + table + "' > \"$d/$n/net/tcp\" && ";
                // -4: tcp6 would come from the host's own /proc/net/tcp6, whose listeners come and go.
                assertSameAsSs(name, locale, setup, "env PROC_NET_TCP=\"$d/$n/net/tcp\" SS -4tln");
                assertSameAsSs(name, locale, setup, "env PROC_ROOT=\"$d/$n\" SS -tln");
            }
        }
    }

    @Test
    void aDumpWrittenAndReplayedByName() throws Exception {
        assumeTrue(CommandRun.onPath("ss"), "needs the installed iproute2 ss as the oracle");
        for (String name : NAMES) {
            for (String locale : LOCALES) {
                // sockscope writes the dump under the name; ss and sockscope replay it from that name.
                CommandRun dumped = inShell(name, locale, "exec " + sockscope() + "-D \"$d/$n\" -tan");
                assertEquals(0, dumped.exitCode(), name + " under LC_ALL=" + locale + ": " + dumped.stderrText());
                CommandRun size = inShell(name, locale, "wc -c < \"$d/$n\"");
                assertTrue(Integer.parseInt(size.stdoutText().strip()) > 0, "the dump was written under its name");
                assertSameAsSs(name, locale, "", "env TCPDIAG_FILE=\"$d/$n\" SS -tan");
                inShell(name, locale, "rm -f -- \"$d/$n\"");
            }
        }
    }

    @Test
    void aFilterFileNamedOnTheCommandLine() throws Exception {
        assumeTrue(CommandRun.onPath("ss"), "needs the installed iproute2 ss as the oracle");
        for (String name : NAMES) {
            for (String locale : LOCALES) {
                String setup = "echo 'sport = :1' > \"$d/$n\" && ";
                assertSameAsSs(name, locale, setup, "SS -F \"$d/$n\" -tan");
            }
        }
    }

    @Test
    void theDoctorSaysWhatToDoWhenTheLocaleCannotNameAUnixPath() throws Exception {
        // The doctor follows a unix path through the JDK's files; under LC_ALL=C it cannot name "café".
        CommandRun run = inShell(NAMES.get(0), "C", "exec " + sockscope() + "doctor \"unix:$d/$n\"");
        assertEquals(2, run.exitCode(), run.stderrText());
        assertEquals(1, run.stderrText().lines().count(), run.stderrText());
        assertTrue(run.stderrText().contains("run the doctor in a UTF-8 locale (LC_ALL=C.UTF-8)"), run.stderrText());
    }
}
