package io.sockscope.cli;

import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code -N NAME} opens the namespace by the bytes typed, whatever the locale: a UTF-8 name under
 * {@code LC_ALL=C} (where the JVM decodes argv as ASCII) and a name that is not UTF-8 at all. The names are
 * written with printf's octal escapes, so that no Java string stands between the test and the bytes.
 */
class NamespaceNameBytesTest {
    private static final long TIMEOUT = 60;

    private static CommandRun shell(String script, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        command.addAll(List.of(args));
        return CommandRun.run(command, env, TIMEOUT);
    }

    @Test
    void namesAreOpenedByTheirBytes() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: creates network namespaces");
        assumeTrue(CommandRun.onPath("ip"), "needs iproute2's ip");
        String tag = HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt()});
        // "hrel\303\251" is hrelé in UTF-8; "bad\377" is not UTF-8 in any reading.
        for (String octal : List.of("sockscope-hrel\\303\\251-" + tag, "sockscope-bad\\377-" + tag)) {
            CommandRun added = shell("ip netns add \"$(printf '" + octal + "')\"", Map.of());
            assertEquals(0, added.exitCode(), added.stderrText());
            try {
                List<String> sockscope = CommandRun.sockscope();
                for (String locale : List.of("C", "C.UTF-8")) {
                    CommandRun run = shell("n=$(printf '" + octal + "'); exec \"$@\" -N \"$n\" -tan", Map.of("LC_ALL",
                            locale), sockscope.toArray(String[]::new));
                    assertEquals(0, run.exitCode(), octal + " under LC_ALL=" + locale + ": " + run.stderrText());
                    assertEquals("", run.stderrText(), octal + " under LC_ALL=" + locale);
                    assertTrue(run.stdoutText().startsWith("State"), run.stdoutText());
                }
            } finally {
                shell("ip netns del \"$(printf '" + octal + "')\"", Map.of());
            }
        }
    }

    @Test
    void aNamespaceThatCannotBeOpenedIsAnErrorNotAnEmptyListing() throws Exception {
        CommandRun run = shell("exec \"$@\" -N \"$(printf 'sockscope-none-\\303\\251')\" -tan", Map.of("LC_ALL", "C"),
                CommandRun.sockscope().toArray(String[]::new));
        assertEquals(1, run.exitCode(), run.stderrText());
        assertEquals("", run.stdoutText());
        assertTrue(run.stderrText().startsWith("sockscope: Cannot open network namespace"), run.stderrText());
    }
}
