package io.sockscope.differential;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 7.1 dialect live: in the socket zoo's namespace, with bound-inactive TCP sockets added, sockscope with
 * {@code SOCKSCOPE_SS_DIALECT=7.1} against iproute2 7.1's ss built by {@code bin/build-ss} (into {@code
 * target/ss-7.1.0/ss}), over the flag list of {@link SsDifferentialTest} and what 7.x added. The same bar:
 * same exit code and byte-identical stdout; rejections as in {@link SsRejectionDifferentialTest}.
 *
 * <p>Skipped, with the reason, unless root can build the zoo and that ss has been built: this test does not
 * build it (it downloads), and CI does not have it; {@link SsDialectGoldenTest} covers the dialect there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Ss71DifferentialTest {

    private static final String DIALECT = "7.1";

    private final CommandRunner runner = new CommandRunner();
    private final ToolCommands tools = ToolCommands.ofThisBuild();
    private SocketZoo zoo;
    /** TCP sockets bound and nothing more, which the zoo does not make and ss 7.x lists as UNCONN. */
    private SocketHolder boundInactive;
    private Differential listings;
    private Differential rejections;

    @BeforeAll
    void startZoo() throws IOException, InterruptedException {
        Path ss71 = builtSs();
        String missing = "needs iproute2 7.1's ss at " + ss71 + " (bin/build-ss builds it; SsDialectGoldenTest"
                + " holds the 7.1 dialect to its recorded output meanwhile)";
        if (!Files.isExecutable(ss71)) {
            // A class skipped in @BeforeAll shows in Maven's log as "Tests run: 0": say why where it is read.
            System.err.println("Ss71DifferentialTest skipped: " + missing);
        }
        assumeTrue(Files.isExecutable(ss71), missing);
        ZooPreconditions.assumeZooCanRun();
        zoo = SocketZoo.start(runner);
        boundInactive = SocketHolder.start(zoo.inNamespace(List.of()), runner);
        boundInactive.run("bind 127.0.0.1 7501", "bind 0.0.0.0 7502", "bind ::1 7503", "bind :: 7504");
        String where = "in netns " + zoo.namespace() + ", ss being " + ss71;
        listings = new Differential(runner, tools, command -> zoo.inNamespace(as(ss71, command)), where);
        rejections = new Differential(runner, tools, command -> as(ss71, command), ss71.toString());
    }

    @AfterAll
    void stopZoo() throws IOException {
        try {
            if (boundInactive != null) {
                boundInactive.close();
            }
        } finally {
            if (zoo != null) {
                zoo.close();
            }
        }
    }

    /** 6.1's listings and 7.x's new options and states. */
    static Stream<FlagCase> listings() {
        return Stream.concat(FlagCombinations.listings(), Stream.of(
                // -Q, --no-queues (fbf0acb9), alone and with the other layout switches.
                FlagCase.of("-tanQ"),
                FlagCase.of("-anQ"),
                FlagCase.of("-uanQ"),
                FlagCase.of("-xaQp"),
                FlagCase.of("-tanQO"),
                FlagCase.of("-tlnQe"),
                FlagCase.of("-tanQH"),
                FlagCase.of("--no-queues --tcp --listening --processes"),
                FlagCase.of("-tanQ").with("COLUMNS", "100"),
                // Bound-inactive sockets (ae447da6): -B, the state word, and the selections that now include them.
                FlagCase.of("-t"),
                FlagCase.of("-tn"),
                FlagCase.of("-tB"),
                FlagCase.of("-tnB"),
                FlagCase.of("-6tnB"),
                FlagCase.of("-tanB"),
                FlagCase.of("-tnBa"),
                FlagCase.of("-anB"),
                FlagCase.of("-tnBe"),
                FlagCase.of("-tnBp"),
                FlagCase.of("--tcp --numeric --bound-inactive"),
                FlagCase.of("-tn state bound-inactive"),
                FlagCase.of("-n state bound-inactive"),
                FlagCase.of("-tn state bound-inactive state listening"),
                FlagCase.of("-tn exclude bound-inactive"),
                FlagCase.of("-tn state connected"),
                FlagCase.of("-tn state synchronized"),
                FlagCase.of("-tn state big"),
                FlagCase.ofArguments("-tn", "sport = :7501 or sport = :7503"),
                // A port above 2^31 - 1 is a number to 7.x (012cb515), no port at all to 6.1.
                FlagCase.ofArguments("-tan", "sport = :4294967318"),
                // The Process column only with -p, and no trailing blanks after the last column (1607bf53, 218757a8).
                FlagCase.of("-tnp"),
                FlagCase.of("-xp"),
                FlagCase.of("-tlnpO"),
                FlagCase.of("-tlnT"),
                FlagCase.of("-tlnTp"),
                FlagCase.of("-tln").with("COLUMNS", "0"),
                // tcp_info's rcv_wnd and rehash (ef335508).
                FlagCase.of("-tni").masked(),
                FlagCase.of("-tnoi state established").masked()));
        // BPF socket-local storage (8740ca9d, --bpf-maps) is the one 7.1 listing option sockscope refuses (exit 1,
        // one line; ListingOptionsParserTest): where ss 7.1 lists as usual, there is nothing to compare.
    }

    /** 6.1's rejections and 7.x's new ones. */
    static Stream<FlagCase> rejections() {
        return Stream.concat(FlagCombinations.rejections(), Stream.of(
                FlagCase.of("-tn state new-syn-recv"),
                FlagCase.of("--bpf-map-id=0"),
                FlagCase.of("--bpf-map-id=abc -t"),
                FlagCase.of("--bpf-map-id=1 --bpf-maps"),
                FlagCase.of("-D /nonexistent/dir/dump.bin -t")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listings")
    void listsTheZooExactlyLikeSs71(FlagCase flags) throws IOException, InterruptedException {
        tools.whyCandidateMissing().ifPresent(why -> fail(why + " (cannot compare `" + flags + "` with ss 7.1)"));
        zoo.keepTimeWaitFresh();
        listings.listingMismatch(flags.with("SOCKSCOPE_SS_DIALECT", DIALECT)).ifPresent(why -> fail(why + zoo.log()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsLikeSs71(FlagCase flags) throws IOException, InterruptedException {
        tools.whyCandidateMissing().ifPresent(why -> fail(why + " (cannot compare `" + flags + "` with ss 7.1)"));
        rejections.rejectionMismatch(flags.with("SOCKSCOPE_SS_DIALECT", DIALECT)).ifPresent(why -> fail(why));
    }

    /**
     * {@code command} with the reference ss replaced by {@code ss71}: {@link ToolCommands} names the installed
     * {@code ss}, either first on the line or, for a case with COLUMNS, inside the pseudo-terminal's shell line
     * ({@link PseudoTerminal}); ss 7.1 lays a terminal of N columns out as it lays out COLUMNS=N.
     */
    private static List<String> as(Path ss71, List<String> command) {
        List<String> replaced = new ArrayList<>(command);
        if (replaced.getFirst().equals("ss")) {
            replaced.set(0, ss71.toString());
        } else if (replaced.getFirst().equals("script")) {
            replaced.set(2, replaced.get(2).replace("exec 'ss' ", "exec '" + ss71 + "' "));
        }
        return replaced;
    }

    /** {@code target/ss-7.1.0/ss} of this checkout: three levels above the test classes (cli/target/test-classes). */
    private static Path builtSs() {
        try {
            Path testClasses = Path.of(Ss71DifferentialTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return testClasses.getParent().getParent().getParent().resolve("target/ss-7.1.0/ss");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the test classes", e);
        }
    }
}
