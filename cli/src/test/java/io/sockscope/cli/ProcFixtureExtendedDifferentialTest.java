package io.sockscope.cli;

import io.sockscope.testing.TestResources;
import io.sockscope.testing.CommandRun;
import io.sockscope.testing.TextDiff;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Extended output of sockets read from /proc fixture trees (PROC_ROOT), against the installed ss: TCP lines
 * give timers, {@code -e} basics with their trailing text as {@code opt:"…"}, and their few metrics for
 * {@code -i} inline; UDP, raw and unix lines give nothing more; packet lines the {@code -e} basics; netlink
 * lines their kernel addresses and groups. {@code tcp-extras} is hand-made to reach every branch of ss's TCP
 * line reading; its {@code ss-*.txt} are what ss 6.1 printed from it, checked even where ss is not installed.
 */
class ProcFixtureExtendedDifferentialTest {
    private static final List<String> FLAG_LINES = List.of(
            "-taoei", "-tanoemi", "-tanoemiO", "-tani", "-tano", "-ta --tos --cgroup -m", "-uaoeim", "-waoeim",
            "-xaeim", "-0aeimb", "-0aebO", "-f netlink -aeim", "-aeimob", "-6tnoei", "-4tnoei state established");

    static List<Object[]> cases() {
        List<Object[]> c = new ArrayList<>();
        for (String tree : List.of("zoo", "no-v6", "empty", "tcp-extras")) {
            for (String flags : FLAG_LINES) {
                c.add(new Object[] {tree, flags});
            }
        }
        return c;
    }

    @ParameterizedTest(name = "PROC_ROOT={0} ss {1}")
    @MethodSource("cases")
    void sameBytesAsSs(String tree, String flags) throws Exception {
        Assumptions.assumeTrue(CommandRun.onPath("ss"), "needs the installed iproute2 ss as the oracle");
        Map<String, String> env = Map.of("PROC_ROOT", root(tree));
        String[] args = flags.split(" ");
        List<String> ss = new ArrayList<>(List.of("ss"));
        ss.addAll(List.of(args));
        CommandRun expected = CommandRun.run(ss, env, 30);
        CommandRun actual = CommandRun.run(CommandRun.sockscope(args), env, 60);
        assertEquals(expected.stdoutText(), actual.stdoutText(),
                () -> TextDiff.describe(expected.stdoutText(), actual.stdoutText())
                        + "\nsockscope stderr: " + actual.stderrText());
        assertEquals(expected.exitCode(), actual.exitCode(), "exit code");
    }

    @Test
    void theHandMadeTreeAsSs61PrintedIt() throws Exception {
        for (String flags : List.of("-tanoemi", "-tanoi")) {
            Path golden = Path.of(root("tcp-extras"), "ss" + flags + ".txt");
            String expected = Files.readString(golden, StandardCharsets.ISO_8859_1);
            CommandRun actual = CommandRun.run(CommandRun.sockscope(flags), Map.of("PROC_ROOT", root("tcp-extras")),
                    60);
            assertEquals(expected, new String(actual.stdout(), StandardCharsets.ISO_8859_1),
                    () -> TextDiff.describe(expected, actual.stdoutText()));
        }
    }

    private static String root(String tree) {
        return TestResources.directory().resolve("proc").resolve(tree).toAbsolutePath().toString();
    }
}
