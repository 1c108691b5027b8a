package io.sockscope.cli;

import io.sockscope.testing.TestResources;
import io.sockscope.testing.CommandRun;
import io.sockscope.testing.TextDiff;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ss and sockscope read the same real /proc fixture trees (PROC_ROOT) and must print the same bytes. Needs no
 * root: only the installed ss, which is skipped with a visible reason when missing.
 */
class ProcFixtureDifferentialTest {
    private static final List<String> FLAG_LINES = List.of(
            "-tan", "-tln", "-ta", "-uan", "-ua", "-wan", "-wa", "-xa", "-xan", "-0a", "-0an", "-f netlink -a",
            "-f netlink -an", "-an", "-a", "-n", "", "-ltn", "-4tan", "-6tan", "-tanH", "-A unix_stream -a",
            "-A u_dgr,u_seq -a", "-A packet_raw -a", "-A inet -an", "-tan state established",
            "-tan exclude listening", "-an state connected", "-an state bucket", "-tn state synchronized",
            "-tan state big", "-tan state fin-wait-2 state close-wait", "-xa state listening", "-uln", "-wln");

    static List<Object[]> cases() {
        List<Object[]> c = new ArrayList<>();
        for (String flags : FLAG_LINES) {
            c.add(new Object[] {"zoo", flags});
        }
        // Socket counters: real sockstat, sockstat6 and snmp files, and trees without them.
        for (String tree : List.of("summary", "zoo", "empty")) {
            for (String flags : List.of("-s", "-s -t", "-sn")) {
                c.add(new Object[] {tree, flags});
            }
        }
        // The damaged trees only need each table read once, with and without names.
        for (String tree : List.of("no-v6", "empty", "unterminated", "overlong")) {
            for (String flags : List.of("-a", "-an", "-tan", "-uan", "-xa", "-0a")) {
                c.add(new Object[] {tree, flags});
            }
        }
        return c;
    }

    @ParameterizedTest(name = "PROC_ROOT={0} ss {1}")
    @MethodSource("cases")
    void sameBytesAsSs(String tree, String flags) throws Exception {
        Assumptions.assumeTrue(CommandRun.onPath("ss"), "needs the installed iproute2 ss as the oracle");
        String root = TestResources.directory().resolve("proc").resolve(tree).toAbsolutePath().toString();
        Map<String, String> env = Map.of("PROC_ROOT", root);
        String[] args = flags.isEmpty() ? new String[0] : flags.split(" ");
        List<String> ss = new ArrayList<>(List.of("ss"));
        ss.addAll(List.of(args));
        CommandRun expected = CommandRun.run(ss, env, 30);
        CommandRun actual = CommandRun.run(CommandRun.sockscope(args), env, 60);
        assertEquals(expected.stdoutText(), actual.stdoutText(),
                () -> TextDiff.describe(expected.stdoutText(), actual.stdoutText())
                        + "\nsockscope stderr: " + actual.stderrText());
        assertEquals(expected.exitCode(), actual.exitCode(), "exit code");
    }
}
