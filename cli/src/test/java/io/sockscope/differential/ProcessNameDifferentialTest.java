package io.sockscope.differential;

import io.sockscope.testing.NamedListeners;
import io.sockscope.testing.ScratchNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code -p} listings of processes whose names are not ASCII text, against ss in a scratch namespace: ss prints
 * the kernel's bytes unchanged in a column sized in bytes, so one name decoded and re-encoded would shift every
 * line. The names: {@code üml}, invalid UTF-8, {@code ě} and {@code Ċ} (whose low bytes are ESC and a newline),
 * and raw ESC and newline bytes, which ss also prints unchanged when stdout is not a terminal (as here). Both
 * ways of finding owners are compared: the {@code /proc} scan and the kernel's task-file iterator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessNameDifferentialTest {
    private static final List<String> NAMES_HEX = List.of("c3bc6d6c", "fd6d6c", "c49b41", "c48a42", "ff",
            "611b5b33316d78", "610a62");

    private final CommandRunner runner = new CommandRunner();
    private final ToolCommands tools = ToolCommands.ofThisBuild();
    private ScratchNamespace namespace;
    private NamedListeners listeners;
    private Differential inNamespace;

    @BeforeAll
    void start() throws IOException, InterruptedException {
        ZooPreconditions.assumeZooCanRun();
        namespace = ScratchNamespace.create();
        List<String> enter = List.of("ip", "netns", "exec", namespace.name());
        listeners = NamedListeners.start(enter, NAMES_HEX.stream().map(HexFormat.of()::parseHex).toList());
        inNamespace = new Differential(runner, tools, command -> {
            List<String> placed = new ArrayList<>(enter);
            placed.addAll(command);
            return placed;
        }, "in a namespace of listeners with non-ASCII names");
    }

    @AfterAll
    void stop() throws IOException {
        try {
            if (listeners != null) {
                listeners.close();
            }
        } finally {
            if (namespace != null) {
                namespace.close();
            }
        }
    }

    static Stream<FlagCase> cases() {
        return Stream.of("proc", "iterator").flatMap(scan -> Stream.of("-tlnp", "-tlp", "-tlnpO", "-tlnpe", "-lnp")
                .map(flags -> FlagCase.of(flags).with("SOCKSCOPE_OWNER_SCAN", scan)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ownerNamesAreTheKernelsBytes(FlagCase flags) throws IOException, InterruptedException {
        tools.whyCandidateMissing().ifPresent(why -> fail(why));
        inNamespace.listingMismatch(flags).ifPresent(why -> fail(why));
    }
}
