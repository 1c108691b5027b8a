package io.sockscope.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential harness is right before sockscope is judged by it: with ss itself as the candidate it
 * finds no difference on any case (so the zoo holds still and the netlink normalisation is sound), and with
 * a candidate that really differs it says so, pointing at the first difference.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialHarnessTest {

    private final CommandRunner runner = new CommandRunner();
    private SocketZoo zoo;

    @BeforeAll
    void startZoo() throws IOException, InterruptedException {
        ZooPreconditions.assumeZooCanRun();
        zoo = SocketZoo.start(runner);
    }

    @AfterAll
    void stopZoo() throws IOException {
        if (zoo != null) {
            zoo.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sockscope.differential.FlagCombinations#listings")
    void ssAgreesWithItself(FlagCase flags) throws IOException, InterruptedException {
        // The installed ss ignores COLUMNS; for those cases the oracle is ss on a terminal that wide.
        org.junit.jupiter.api.Assumptions.assumeFalse(flags.environment().containsKey("COLUMNS"),
                "ss 6.1 ignores COLUMNS, so it cannot be its own candidate there");
        zoo.keepTimeWaitFresh();
        against("ss", List.of("ss")).listingMismatch(flags).ifPresent(why -> fail(why + zoo.log()));
    }

    @Test
    void aTerminalOracleIsUsedForColumns() throws IOException, InterruptedException {
        // ss on an 80-column terminal spreads its columns; ss 6.1 given COLUMNS=80 on a pipe does not.
        Optional<String> why = against("ss", List.of("ss")).listingMismatch(FlagCase.of("-tan").with("COLUMNS", "80"));
        assertTrue(why.isPresent(), "the compact listing must not pass for the 80-column one");
    }

    @Test
    void aMissingHeaderIsReportedAtLineOne() throws IOException, InterruptedException {
        Optional<String> why = against("ss-H", List.of("ss", "-H")).listingMismatch(FlagCase.of("-tan"));
        assertTrue(why.isPresent(), "ss -H -tan must not pass for ss -tan");
        assertTrue(why.get().contains("first difference at line 1, column 1"), why.get());
        assertTrue(why.get().contains("  -State·"), why.get());
    }

    @Test
    void aDifferentNetlinkListingIsReportedDespiteNormalisation() throws IOException, InterruptedException {
        // -n turns "rtnl:kernel" into "0:0": more than the own sock_diag line differs.
        Optional<String> why = against("ss-n", List.of("ss", "-n")).listingMismatch(FlagCase.of("-a -f netlink"));
        assertTrue(why.isPresent(), "ss -n -a -f netlink must not pass for ss -a -f netlink");
        assertTrue(why.get().contains("own sock_diag line removed"), why.get());
    }

    @Test
    void aDifferentExitCodeIsReported() throws IOException, InterruptedException {
        Optional<String> why = against("false", List.of("false")).listingMismatch(FlagCase.of("-tan"));
        assertTrue(why.isPresent(), "`false` must not pass for ss -tan");
        assertTrue(why.get().contains("exit code: ss 0, false 1"), why.get());
    }

    @Test
    void aRejectionWithoutOneOwnLineIsReported() throws IOException, InterruptedException {
        // ss itself explains -j with a message plus its whole usage text, under its own name.
        Optional<String> why = against("ss", List.of("ss")).rejectionMismatch(FlagCase.of("-j"));
        assertTrue(why.isPresent(), "a multi-line rejection must not pass");
        assertTrue(why.get().contains("must explain a rejection in one line"), why.get());
    }

    @Test
    void aDifferentRejectionExitCodeIsReported() throws IOException, InterruptedException {
        Optional<String> why = against("true", List.of("true")).rejectionMismatch(FlagCase.of("-j"));
        assertTrue(why.isPresent(), "exit 0 must not pass for a rejection");
        assertTrue(why.get().contains("exit code: ss 255, true 0"), why.get());
    }

    private Differential against(String name, List<String> candidate) {
        return new Differential(runner, ToolCommands.ssAgainst(name, candidate), zoo::inNamespace,
                "in netns " + zoo.namespace());
    }
}
