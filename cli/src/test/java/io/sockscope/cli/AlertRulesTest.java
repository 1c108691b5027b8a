package io.sockscope.cli;

import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Prometheus alerting rules shipped for {@code sockscope serve}, {@code docs/alerts.yml}: promtool accepts
 * them and they pass their unit tests, {@code docs/alerts-test.yml}, in which every rule has a case where it
 * fires and one where it must not.
 */
class AlertRulesTest {

    private static final Path DOCS = Path.of(System.getProperty("sockscope.checkout", "..")).toAbsolutePath()
            .normalize().resolve("docs");
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        assumePromtool();
        Run run = promtool("check", "rules", DOCS.resolve("alerts.yml").toString());
        assertEquals(0, run.exit(), run.toString());
    }

    @Test
    void theRulesPassTheirUnitTests() throws Exception {
        assumePromtool();
        Run run = promtool("test", "rules", "alerts-test.yml");
        assertEquals(0, run.exit(), run.toString());
    }

    @Test
    void everyRuleHasACaseThatFiresAndOneThatMustNot() throws IOException {
        Set<String> rules = matches(Files.readString(DOCS.resolve("alerts.yml")), "- alert: (\\w+)");
        assertFalse(rules.isEmpty(), "no '- alert:' in alerts.yml");
        Set<String> fires = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        Set<String> unknown = new TreeSet<>();
        // One piece per alert_rule_test entry: its alertname, and either expected alerts or none.
        String[] cases = Files.readString(DOCS.resolve("alerts-test.yml")).split("- eval_time:");
        for (int i = 1; i < cases.length; i++) {
            Set<String> names = matches(cases[i], "alertname: (\\w+)");
            assertEquals(1, names.size(), "one alertname per eval_time in alerts-test.yml: " + cases[i]);
            String name = names.iterator().next();
            if (!rules.contains(name)) {
                unknown.add(name);
            }
            if (cases[i].contains("exp_labels:")) {
                fires.add(name);
            } else if (cases[i].contains("exp_alerts: []")) {
                quiet.add(name);
            }
        }
        // A misspelt name would pass an "exp_alerts: []" case without testing anything.
        assertEquals(Set.of(), unknown, "alerts-test.yml tests alerts that alerts.yml does not define");
        assertEquals(Set.of(), missing(rules, fires), "rules without a case in alerts-test.yml where they fire");
        assertEquals(Set.of(), missing(rules, quiet),
                "rules without a case in alerts-test.yml where they must not fire (exp_alerts: [])");
    }

    private static void assumePromtool() {
        assumeTrue(CommandRun.onPath("promtool"),
                "promtool is not installed: bin/install-deps installs Debian's prometheus");
    }

    /** Runs promtool in docs/ with its stdout and stderr together, for the failure message. */
    private Run promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("promtool");
        command.addAll(List.of(args));
        Path output = dir.resolve("promtool.out");
        Process process = new ProcessBuilder(command).directory(DOCS.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException("timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command)
                    + "\n" + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Run(command, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static Set<String> matches(String text, String regex) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static Set<String> missing(Set<String> wanted, Set<String> present) {
        Set<String> left = new TreeSet<>(wanted);
        left.removeAll(present);
        return left;
    }

    private record Run(List<String> command, int exit, String output) {
        @Override
        public String toString() {
            return String.join(" ", command) + " (in " + DOCS + "): exit " + exit + "\n" + output;
        }
    }
}
