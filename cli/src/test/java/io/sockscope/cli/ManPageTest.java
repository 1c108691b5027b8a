package io.sockscope.cli;

import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** sockscope(8): clean for mandoc's lint, with every option in it, and its roff escaped. */
class ManPageTest {
    private static final String PAGE = ManPage.text(LocalDate.of(2026, 1, 2));

    @Test
    void mandocLintFindsNothing(@TempDir Path dir) throws Exception {
        assumeTrue(CommandRun.onPath("mandoc"), "mandoc is not installed (bin/install-deps installs it)");
        Path page = dir.resolve("sockscope.8");
        Files.writeString(page, PAGE);
        CommandRun lint = CommandRun.run(List.of("mandoc", "-T", "lint", page.toString()), Map.of(), 30);
        assertEquals("", lint.stdoutText() + lint.stderrText());
        assertEquals(0, lint.exitCode());
    }

    @Test
    void renderedItShowsTheOptionsAsTyped(@TempDir Path dir) throws Exception {
        assumeTrue(CommandRun.onPath("mandoc"), "mandoc is not installed (bin/install-deps installs it)");
        Path page = dir.resolve("sockscope.8");
        Files.writeString(page, PAGE);
        CommandRun text = CommandRun.run(List.of("mandoc", "-T", "ascii", page.toString()), Map.of(), 30);
        assertEquals(0, text.exitCode(), text.stderrText());
        String rendered = text.stdoutText().replaceAll(".\b", "");
        for (String shown : List.of("-A LIST, --socket=LIST, --query=LIST", "--all-netns", "sockscope -tlnp",
                "--listen=HOST:PORT", "close-wait")) {
            assertTrue(rendered.contains(shown), shown);
        }
    }

    @Test
    void everyOptionIsInThePage() {
        List<String> missing = new ArrayList<>();
        for (OptionDoc doc : OptionDocs.ALL) {
            char letter = OptionDocs.shortLetter(doc);
            if (letter != 0 && !PAGE.contains("\\fB\\-" + letter + "\\fR")) {
                missing.add("-" + letter);
            }
            for (String name : OptionDocs.longNames(doc)) {
                if (!PAGE.contains("\\fB" + Roff.escape("--" + name) + "\\fR")) {
                    missing.add("--" + name);
                }
            }
        }
        for (DoctorOptionDocs.Entry e : DoctorOptionDocs.ALL) {
            if (!PAGE.contains("\\fB" + Roff.escape(e.longName()) + "\\fR")) {
                missing.add("doctor " + e.longName());
            }
        }
        for (String state : CommandWords.stateWords()) {
            if (!PAGE.contains(Roff.escape(state))) {
                missing.add("state " + state);
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyHyphenIsEscapedAndNoTextLineLooksLikeARequest() {
        for (String line : PAGE.lines().filter(l -> !l.startsWith(".TH ")).toList()) {
            assertTrue(line.replace("\\-", "").indexOf('-') < 0, "a bare hyphen: " + line);
            assertTrue(!line.startsWith("'"), line);
            assertTrue(!line.startsWith(".") || line.matches("\\.[A-Za-z]{2}( .*)?"), line);
        }
    }

    @Test
    void roffEscapesBackslashesHyphensAndLeadingControlCharacters() {
        assertEquals("\\e\\-\\-a", Roff.escape("\\--a"));
        assertEquals("\\&.x", Roff.line(".x"));
        assertEquals("\\&'( dport = :443 )'", Roff.line("'( dport = :443 )'"));
        String xs = "x ".repeat(34).strip();
        // A sentence a line; a line that ends in a full stop inside a sentence is marked as not its end.
        assertEquals(List.of("A sentence.", "Then " + xs + " e.g.\\&", "y"),
                Roff.lines("A sentence. Then " + xs + " e.g. y"));
        assertEquals(List.of("\\&. starts"), Roff.lines(". starts"));
    }
}
