package io.sockscope.cli;

import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java io.sockscope.cli.InstallFiles OUTDIR}, as the packaging runs it. */
class InstallFilesTest {
    private static List<String> installFiles(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", CommandRun.cliClassPath(), "io.sockscope.cli.InstallFiles"));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void writesThePageAndTheCompletionsQuietly(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("new/out");
        CommandRun run = CommandRun.run(installFiles(out.toString()), Map.of("SOURCE_DATE_EPOCH", "1767312000"), 60);
        assertEquals(0, run.exitCode(), run.stderrText());
        assertEquals("", run.stdoutText() + run.stderrText());
        assertEquals(ManPage.text(LocalDate.of(2026, 1, 2)), Files.readString(out.resolve("man/sockscope.8")));
        assertEquals(Completions.bash(), Files.readString(out.resolve("bash-completion/sockscope")));
        assertEquals(Completions.zsh(), Files.readString(out.resolve("zsh/_sockscope")));
        assertEquals(Completions.fish(), Files.readString(out.resolve("fish/sockscope.fish")));
    }

    @Test
    void aUsageErrorIsOneLineAndExitCodeTwo() throws Exception {
        CommandRun run = CommandRun.run(installFiles(), Map.of(), 60);
        assertEquals(2, run.exitCode());
        assertEquals("", run.stdoutText());
        assertEquals(1, run.stderrText().lines().count(), run.stderrText());
        assertTrue(run.stderrText().contains("OUTDIR"), run.stderrText());
    }

    @Test
    void thePageIsDatedBySourceDateEpochElseToday() {
        assertEquals(LocalDate.of(2026, 1, 2), InstallFiles.pageDate(Map.of("SOURCE_DATE_EPOCH", "1767312000")));
        assertTrue(!InstallFiles.pageDate(Map.of()).isBefore(LocalDate.of(2026, 1, 1)));
    }
}
