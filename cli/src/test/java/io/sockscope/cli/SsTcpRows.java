package io.sockscope.cli;

import io.sockscope.testing.CommandRun;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A fresh dump of a namespace's TCP table by the installed iproute2 {@code ss -tanH}, the tests' oracle. */
final class SsTcpRows {
    private SsTcpRows() {
    }

    /**
     * Every TCP socket of {@code namespace} as a {@code STATE local peer} row, counted, leaving out those in
     * {@code ignoredStates}.
     */
    static Map<String, Integer> rows(String namespace, Set<String> ignoredStates) throws Exception {
        CommandRun run = CommandRun.run(List.of("ip", "netns", "exec", namespace, "ss", "-tanH"), Map.of(), 60);
        if (run.exitCode() != 0) {
            throw new AssertionError("ss -tanH failed with " + run.exitCode() + ": " + run.stderrText());
        }
        Map<String, Integer> rows = new TreeMap<>();
        for (String line : run.stdoutText().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && !ignoredStates.contains(f[0])) {
                rows.merge(f[0] + " " + f[3] + " " + f[4], 1, Integer::sum);
            }
        }
        return rows;
    }
}
