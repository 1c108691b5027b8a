package io.sockscope.cli;

import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code -N} also takes {@code pid:PID} and an nsfs path, tried as a new user would: each works, and each way of
 * naming nothing is one line on stderr and exit status 1, with nothing on stdout. So is every option that cannot
 * go with {@code --all-netns}.
 */
class NamespaceArgumentTest {
    private static final long TIMEOUT = 60;

    private static CommandRun sockscope(String... args) throws Exception {
        List<String> command = new ArrayList<>(CommandRun.sockscope());
        command.addAll(List.of(args));
        return CommandRun.run(command, Map.of(), TIMEOUT);
    }

    @Test
    void aPidAndAPathNameTheNamespaceTheyAreIn() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: enters a network namespace");
        long self = ProcessHandle.current().pid();
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String port = ":" + listener.getLocalPort() + " ";
            for (String argument : List.of("pid:" + self, "/proc/" + self + "/ns/net")) {
                CommandRun run = sockscope("-N", argument, "-tln");
                assertEquals(0, run.exitCode(), argument + ": " + run.stderrText());
                assertTrue(run.stdoutText().contains(port), argument + " lists this JVM's listener:\n" + run.stdoutText());
            }
        }
    }

    @Test
    void namingNothingIsOneLineAndExitOne() throws Exception {
        Map<List<String>, String> refusals = Map.of(
                List.of("-N", "pid:999999999", "-tln"), "sockscope: no process 999999999",
                List.of("-N", "/etc/passwd", "-tln"), "sockscope: /etc/passwd is not a network namespace file",
                List.of("-N", "/proc/self/ns/uts", "-tln"), "sockscope: /proc/self/ns/uts is not a network namespace file",
                List.of("--all-netns", "-N", "x"), "sockscope: --all-netns cannot be combined with -N, which works in one network namespace",
                List.of("--all-netns", "-E"), "sockscope: --all-netns cannot be combined with -E, which works in one network namespace",
                List.of("--all-netns", "-K", "dport = :1"), "sockscope: --all-netns cannot be combined with -K, which works in one network namespace",
                List.of("--all-netns", "-s"), "sockscope: --all-netns cannot be combined with -s, whose counters are one network namespace's",
                List.of("--root", "/", "-tln"), "sockscope: --root names where container runtimes keep their files, which only --all-netns reads",
                List.of("--all-netns", "--root", "/nonexistent-root"), "sockscope: --root /nonexistent-root: not a directory",
                List.of("--all-netns", "-tan", "dev", "lo"), "sockscope: --all-netns cannot take an interface name in a filter (\"lo\"): each network namespace numbers its own interfaces");
        for (Map.Entry<List<String>, String> r : refusals.entrySet()) {
            CommandRun run = sockscope(r.getKey().toArray(String[]::new));
            assertEquals(1, run.exitCode(), r.getKey() + ": " + run.stderrText());
            assertEquals("", run.stdoutText(), r.getKey().toString());
            assertEquals(r.getValue() + "\n", run.stderrText(), r.getKey().toString());
        }
    }
}
