package io.sockscope.differential;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad command lines must be turned down like ss does: same exit code, same stdout (none), the same
 * message on the first stderr line whatever program name starts it, and a usage text from both or neither.
 * Nothing is listed, so no namespace or root is needed: both run where the test runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SsRejectionDifferentialTest {

    private final ToolCommands tools = ToolCommands.ofThisBuild();
    private Differential differential;

    @BeforeAll
    void requireSs() {
        ZooPreconditions.assumeSsInstalled();
        differential = new Differential(new CommandRunner(), tools, UnaryOperator.identity(), "(no namespace)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sockscope.differential.FlagCombinations#rejections")
    void rejectsLikeSs(FlagCase flags) throws IOException, InterruptedException {
        tools.whyCandidateMissing().ifPresent(why -> fail(why + " (cannot compare `" + flags + "` with ss)"));
        differential.rejectionMismatch(flags).ifPresent(why -> fail(why));
    }
}
