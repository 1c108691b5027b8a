package io.sockscope.differential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each ss dialect sockscope speaks ({@code SOCKSCOPE_SS_DIALECT=6.1|7.1}) against what that version of ss
 * printed for the same command line over the same raw TCP dump ({@code TCPDIAG_FILE}), captured once by
 * {@code src/test/golden/ss-7.1/regenerate} from iproute2 7.1's ss (built by {@code bin/build-ss}) and the
 * installed 6.1. Neither ss, root nor a namespace is needed here, so CI runs it.
 *
 * <p>A listing (ss exited 0) must have the same exit code, byte-identical stdout and, like ss, nothing on
 * stderr. A rejected command line must have ss's exit code and empty stdout, and sockscope explains it in
 * one line of its own (its wording, not ss's usage text), as in {@link SsRejectionDifferentialTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SsDialectGoldenTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final CommandRunner runner = new CommandRunner();
    private final ToolCommands tools = ToolCommands.ofThisBuild();
    private Path dumps;

    /** The dumps are copied out of the class path: TCPDIAG_FILE wants a file name. */
    @BeforeAll
    void copyDumps() throws IOException {
        dumps = Files.createTempDirectory("sockscope-dialect-dumps-");
        for (String name : Stream.of(cases().toArray(DialectGolden[]::new)).map(DialectGolden::dump).distinct().toList()) {
            Files.write(dumps.resolve(name), DialectGolden.bytes(DialectGolden.DUMPS + name));
        }
    }

    @AfterAll
    void removeDumps() throws IOException {
        if (dumps == null) {
            return;
        }
        try (Stream<Path> files = Files.list(dumps)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dumps);
    }

    static Stream<DialectGolden> cases() {
        return Stream.concat(DialectGolden.of("6.1"), DialectGolden.of("7.1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsWhatThatSsPrintedOverTheSameDump(DialectGolden expected) throws IOException, InterruptedException {
        tools.whyCandidateMissing().ifPresent(why -> fail(why));
        Map<String, String> environment = new HashMap<>(expected.environment());
        environment.put("TCPDIAG_FILE", dumps.resolve(expected.dump()).toString());
        environment.put("SOCKSCOPE_SS_DIALECT", expected.dialect());
        CommandResult ours = runner.run(tools.candidate(expected.arguments()), environment, TIMEOUT);

        String commandLine = expected.flags().commandLine("sockscope") + " (SOCKSCOPE_SS_DIALECT=" + expected.dialect() + ")";
        if (expected.exitCode() == 0 && !Arrays.equals(expected.stdout(), ours.stdout())) {
            fail(commandLine + " prints other bytes than ss " + expected.dialect() + " did:\n"
                    + stderrNote(ours)
                    + LineDiff.render("ss " + expected.dialect(), new String(expected.stdout(), java.nio.charset.StandardCharsets.UTF_8),
                            "sockscope", ours.stdoutText()));
        }
        assertEquals(expected.exitCode(), ours.exitCode(), commandLine + ": exit code\n" + stderrNote(ours));
        if (expected.exitCode() == 0) {
            assertArrayEquals(expected.stderr(), ours.stderr(), commandLine + ": stderr");
        } else {
            assertEquals("", ours.stdoutText(), commandLine + ": a rejection prints nothing on stdout");
            List<String> lines = ours.stderrText().lines().toList();
            assertTrue(lines.size() == 1 && lines.getFirst().startsWith("sockscope: ") && !lines.getFirst().contains("Exception"),
                    commandLine + " must explain the rejection in one line starting with 'sockscope: ', not:\n"
                            + ours.stderrText());
        }
    }

    private static String stderrNote(CommandResult ours) {
        return ours.stderr().length == 0 ? "" : "sockscope stderr:\n" + ours.stderrText().lines().limit(12)
                .map(line -> "  | " + line + "\n").reduce("", String::concat);
    }
}
