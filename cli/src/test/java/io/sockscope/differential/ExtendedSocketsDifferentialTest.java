package io.sockscope.differential;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Extended output of sockets the main zoo does not hold, compared with ss byte for byte (live numbers
 * masked where they move): packet sockets with TPACKET_V2 and V3 rings, fanout groups, flags and a copy
 * threshold; an MPTCP connection ({@code mptcp_info} with {@code -M}, subflow ULP state with {@code -t}); a
 * TCP listener holding an MD5 key, which ss prints ahead of its table; netlink multicast groups; unix sockets
 * shut down one way and both. The sockets come from {@code zoo/extended_sockets.py} in a fresh namespace pair
 * ({@link ZooNetwork}); everything is removed afterwards. Skipped with the reason unless root with ss and
 * python3.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtendedSocketsDifferentialTest {

    private final CommandRunner runner = new CommandRunner();
    private final ToolCommands tools = ToolCommands.ofThisBuild();
    private ZooNetwork network;
    private Path directory;
    private Process sockets;
    private Differential differential;

    static Stream<FlagCase> cases() {
        return Stream.of(
                FlagCase.of("-0e"),
                FlagCase.of("-0aeb"),
                FlagCase.of("-0aebO"),
                FlagCase.of("-0aebm"),
                FlagCase.of("-0anmb"),
                FlagCase.of("-xae"),
                FlagCase.of("-xaeO"),
                FlagCase.of("-f netlink -ae"),
                FlagCase.of("-Mane").masked(),
                FlagCase.of("-Mani").masked(),
                FlagCase.of("-Manm").masked(),
                FlagCase.of("-ManoemiO").masked(),
                FlagCase.of("-tani").masked(),
                FlagCase.of("-tanoemi").masked(),
                FlagCase.of("-taoemi").masked(),
                FlagCase.of("-aeimob --tos --cgroup").masked());
    }

    @BeforeAll
    void start() throws IOException, InterruptedException {
        ZooPreconditions.assumeZooCanRun();
        directory = Files.createTempDirectory(Path.of("/tmp"), "sockscope-extended-");
        Path script = directory.resolve("extended_sockets.py");
        try (InputStream in = getClass().getResourceAsStream("/zoo/extended_sockets.py")) {
            if (in == null) {
                throw new IOException("resource /zoo/extended_sockets.py is not on the test classpath");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        network = ZooNetwork.create(runner);
        ProcessBuilder builder = new ProcessBuilder(network.inZoo(List.of(ZooPreconditions.PYTHON.toString(),
                script.toString(), "--dev", ZooNetwork.ZOO_DEVICE, "--timeout", "600")))
                .redirectError(directory.resolve("sockets.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(runner.environment());
        sockets = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(sockets.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (!"READY".equals(first)) {
            throw new IOException("extended_sockets.py did not get ready: " + first + "\n"
                    + Files.readString(directory.resolve("sockets.log")));
        }
        differential = new Differential(runner, tools, network::inZoo, "in netns " + network.zooNamespace());
    }

    @AfterAll
    void stop() throws IOException, InterruptedException {
        try {
            if (sockets != null) {
                sockets.getOutputStream().close();
                if (!sockets.waitFor(5, TimeUnit.SECONDS)) {
                    sockets.descendants().forEach(ProcessHandle::destroyForcibly);
                    sockets.destroyForcibly();
                    sockets.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } finally {
            try {
                if (network != null) {
                    network.close();
                }
            } finally {
                if (directory != null) {
                    Files.deleteIfExists(directory.resolve("sockets.log"));
                    Files.deleteIfExists(directory.resolve("extended_sockets.py"));
                    Files.deleteIfExists(directory);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void listsLikeSs(FlagCase flags) throws IOException, InterruptedException {
        tools.whyCandidateMissing().ifPresent(why -> fail(why + " (cannot compare `" + flags + "` with ss)"));
        differential.listingMismatch(flags).ifPresent(why -> fail(why));
    }
}
