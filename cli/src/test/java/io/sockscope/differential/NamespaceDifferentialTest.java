package io.sockscope.differential;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code sockscope -N NAME} against {@code ss -N NAME}, both run from the host's network namespace, for the
 * socket zoo's namespace: the netlink dumps, the interface names ({@code %zoo0}, {@code dev zoo0}), the
 * {@code /proc/net} files read instead of netlink ({@code PROC_ROOT=/proc}, {@code PROC_NET_UDP=/proc/net/udp}
 * mean the zoo's files, as they do for ss), and a raw dump taken from outside must all be the zoo's; the
 * owners of {@code -p} must be ss's whichever way they are found ({@code SOCKSCOPE_OWNER_SCAN}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamespaceDifferentialTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final CommandRunner runner = new CommandRunner();
    private final ToolCommands tools = ToolCommands.ofThisBuild();
    private SocketZoo zoo;
    private Differential fromTheHost;

    @BeforeAll
    void startZoo() throws IOException, InterruptedException {
        ZooPreconditions.assumeZooCanRun();
        zoo = SocketZoo.start(runner);
        fromTheHost = new Differential(runner, tools, UnaryOperator.identity(), "from the host namespace");
    }

    @AfterAll
    void stopZoo() throws IOException {
        if (zoo != null) {
            zoo.close();
        }
    }

    /** Flags after {@code -N ZOO}, with environment variables as NAME=VALUE words in front. */
    static Stream<String> cases() {
        return Stream.of(
                "-tan",
                "-tlnp",
                "-uan",
                "-an",
                "-wan",
                "-xa",
                "-0an",
                "-an dev zoo0",
                "-tan sport = :22",
                "-tan --inet-sockopt",
                // ss -N mounts a fresh /sys for itself: the host's cgroup2 mount under /sys is gone for it.
                "-tlne",
                "-tan --cgroup",
                "-tan cgroup /",
                "-tan cgroup /sys/fs/cgroup",
                "PROC_ROOT=/proc -tan",
                "PROC_ROOT=/proc -xa",
                "PROC_NET_UDP=/proc/net/udp -ua",
                // Owners found by the kernel's task-file iterator (as root), which a quiet host would not choose.
                "SOCKSCOPE_OWNER_SCAN=iterator -tlnp",
                "SOCKSCOPE_OWNER_SCAN=iterator -tanp",
                "SOCKSCOPE_OWNER_SCAN=iterator -uanp",
                "SOCKSCOPE_OWNER_SCAN=iterator -xap",
                "SOCKSCOPE_OWNER_SCAN=iterator -anp",
                "SOCKSCOPE_OWNER_SCAN=proc -tanp");
    }

    @ParameterizedTest(name = "-N <zoo> {0}")
    @MethodSource("cases")
    void listsTheNamedNamespaceLikeSs(String line) throws IOException, InterruptedException {
        tools.whyCandidateMissing().ifPresent(why -> fail(why));
        zoo.keepTimeWaitFresh();
        List<String> words = new ArrayList<>(List.of(line.split(" (?=[^=:])")));
        FlagCase flags = new FlagCase(List.of(), Map.of());
        List<String> arguments = new ArrayList<>(List.of("-N", zoo.namespace()));
        for (String w : words) {
            if (w.matches("[A-Z_]+=.*")) {
                flags = flags.with(w.substring(0, w.indexOf('=')), w.substring(w.indexOf('=') + 1));
            } else {
                arguments.add(w);
            }
        }
        FlagCase c = new FlagCase(arguments, flags.environment());
        fromTheHost.listingMismatch(c).ifPresent(why -> fail(why + zoo.log()));
    }

    @Test
    void aDumpTakenFromOutsideIsTheNamespacesDump() throws IOException, InterruptedException {
        tools.whyCandidateMissing().ifPresent(why -> fail(why));
        zoo.keepTimeWaitFresh();
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "sockscope-netns-dump-");
        Path theirs = dir.resolve("ss.bin");
        Path ours = dir.resolve("sockscope.bin");
        try {
            CommandResult ss = runner.run(tools.ss(List.of("-N", zoo.namespace(), "-D", theirs.toString(), "-ta")),
                    Map.of(), TIMEOUT);
            CommandResult sockscope = runner.run(tools.candidate(List.of("-N", zoo.namespace(), "-D", ours.toString(),
                    "-ta")), Map.of(), TIMEOUT);
            assertEquals(0, ss.exitCode());
            assertEquals(0, sockscope.exitCode(), sockscope.stderrText());
            String replayTheirs = runner.run(tools.ss(List.of("-tan")), Map.of("TCPDIAG_FILE", theirs.toString()),
                    TIMEOUT).stdoutText();
            String replayOurs = runner.run(tools.ss(List.of("-tan")), Map.of("TCPDIAG_FILE", ours.toString()),
                    TIMEOUT).stdoutText();
            assertTrue(replayTheirs.contains(ZooNetwork.ZOO_ADDRESS + ":3306"), "the zoo's sockets:\n" + replayTheirs);
            assertEquals(replayTheirs, replayOurs);
        } finally {
            Files.deleteIfExists(theirs);
            Files.deleteIfExists(ours);
            Files.delete(dir);
        }
    }
}
