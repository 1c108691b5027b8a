package io.sockscope.differential;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Raw dumps go both ways between ss and sockscope: a dump {@code ss -D} wrote replays through sockscope
 * ({@code TCPDIAG_FILE}) to exactly what ss prints from it, with flags and filters; a dump {@code sockscope
 * -D} wrote replays in ss to what ss prints from its own dump of the same sockets; and for sockets that hold
 * still (no timers), the two files are the same bytes but for the port id in each message header.
 *
 * <p>Replays of kernel replies checked into the tests (golden files) need only ss; dumps of the zoo need
 * root, like every zoo test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DumpReplayDifferentialTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final CommandRunner runner = new CommandRunner();
    private final ToolCommands tools = ToolCommands.ofThisBuild();
    private Path dir;
    private SocketZoo zoo;

    @BeforeAll
    void makeFiles() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "sockscope-dumps-");
        byte[] tcp4 = golden("tcp4.bin");
        byte[] tcp6 = golden("tcp6.bin");
        Files.write(dir.resolve("tcp4.bin"), tcp4);
        Files.write(dir.resolve("both.bin"), concat(tcp4, tcp6));
        Files.write(dir.resolve("cut.bin"), Arrays.copyOf(tcp4, tcp4.length - 20));
        Files.write(dir.resolve("empty.bin"), new byte[0]);
        Files.write(dir.resolve("ext.bin"), golden("tcp4-ext.bin"));
    }

    @AfterAll
    void removeFiles() throws IOException {
        try {
            if (zoo != null) {
                zoo.close();
            }
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static byte[] golden(String name) {
        try (InputStream in = DumpReplayDifferentialTest.class.getResourceAsStream("/golden/replies/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture golden/replies/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fact(String key) {
        Properties facts = new Properties();
        try (InputStream in = DumpReplayDifferentialTest.class.getResourceAsStream("/golden/replies/facts.properties")) {
            facts.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return facts.getProperty(key);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** Replays of checked-in kernel replies: file name and listing flags. */
    static Stream<List<String>> goldenReplays() {
        String client = ":" + fact("tcp4.client.port");
        return Stream.of(
                List.of("tcp4.bin", "-tan"),
                List.of("tcp4.bin", "-tn"),
                List.of("tcp4.bin", "-ta"),
                List.of("tcp4.bin", "-tanOH"),
                List.of("tcp4.bin", "-tan", "sport = " + client + " or dport = " + client),
                List.of("tcp4.bin", "-tn", "state", "listening"),
                List.of("both.bin", "-tan"),
                List.of("both.bin", "-tan", "-6"),
                List.of("ext.bin", "-tan"),
                List.of("tcp4.bin", "-tan", "--inet-sockopt"),
                List.of("ext.bin", "-tanO", "--inet-sockopt"),
                List.of("cut.bin", "-tan"),
                List.of("empty.bin", "-tan"),
                List.of("missing.bin", "-tan"));
    }

    @ParameterizedTest(name = "TCPDIAG_FILE={0}")
    @MethodSource("goldenReplays")
    void replaysCheckedInKernelRepliesAsSsDoes(List<String> replay) throws IOException, InterruptedException {
        ZooPreconditions.assumeSsInstalled();
        tools.whyCandidateMissing().ifPresent(why -> fail(why));
        FlagCase flags = new FlagCase(replay.subList(1, replay.size()), Map.of())
                .with("TCPDIAG_FILE", dir.resolve(replay.getFirst()).toString());
        new Differential(runner, tools, UnaryOperator.identity(), "replaying " + replay.getFirst())
                .listingMismatch(flags).ifPresent(why -> fail(why));
    }

    @Test
    void killListsReplayedSocketsAsSsDoesAndSaysNoneWasClosed() throws IOException, InterruptedException {
        ZooPreconditions.assumeSsInstalled();
        tools.whyCandidateMissing().ifPresent(why -> fail(why));
        Map<String, String> replay = Map.of("TCPDIAG_FILE", dir.resolve("tcp4.bin").toString());
        List<String> kill = List.of("-K", "-tn", "state", "listening");
        // ss applies no states to a replay: this lists every socket of the file, as if it had closed them.
        CommandResult ss = runner.run(tools.ss(kill), replay, TIMEOUT);
        long matching = ss.stdoutText().lines().skip(1).count();
        assertTrue(matching >= 5, "the golden dump holds the capture's sockets");
        CommandResult r = runner.run(tools.candidate(kill), replay, TIMEOUT);
        assertEquals(0, r.exitCode(), r.stderrText());
        assertEquals(ss.stdoutText(), r.stdoutText(), "the replayed sockets are listed as ss lists them");
        assertEquals(List.of("sockscope: warning: tcp sockets were replayed from $TCPDIAG_FILE: " + matching
                + " matching sockets listed as ss lists them, none closed"), r.stderrText().lines().toList());
    }

    @Test
    void aDumpFileThatCannotBeWrittenIsRefusedInOneLine() throws IOException, InterruptedException {
        tools.whyCandidateMissing().ifPresent(why -> fail(why));
        CommandResult r = runner.run(tools.candidate(List.of("-D", "/nonexistent/dir/dump.bin", "-t")), Map.of(), TIMEOUT);
        assertEquals(1, r.exitCode());
        assertEquals(List.of("sockscope: cannot open dump file /nonexistent/dir/dump.bin: No such file or directory"),
                r.stderrText().lines().toList());
        assertEquals("", r.stdoutText());
    }

    /** A dump each tool writes with these flags, and listings of it to compare. */
    record DumpCase(String dumpFlags, List<List<String>> listings) {
        @Override
        public String toString() {
            return "-D FILE " + dumpFlags;
        }
    }

    static Stream<DumpCase> zooDumps() {
        return Stream.of(
                new DumpCase("-ta", List.of(List.of("-tan"), List.of("-ta"), List.of("-tan", "sport = :22"),
                        List.of("-tan", "--inet-sockopt"))),
                new DumpCase("-t", List.of(List.of("-tn"))),
                new DumpCase("-ta -6", List.of(List.of("-tan"), List.of("-tan", "dst [::1]"))),
                new DumpCase("-t state time-wait", List.of(List.of("-tan"))),
                new DumpCase("-ta -4 dport = :22", List.of(List.of("-tanO"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zooDumps")
    void dumpsOfTheZooReplayTheSameInEitherTool(DumpCase c) throws IOException, InterruptedException {
        startZoo();
        zoo.keepTimeWaitFresh();
        String tag = c.dumpFlags().replaceAll("[^a-z0-9]+", "_");
        Path theirs = dir.resolve("ss" + tag + ".bin");
        Path ours = dir.resolve("sockscope" + tag + ".bin");
        List<String> dumpFlags = List.of(c.dumpFlags().split(" (?=[^=:])"));
        dump(tools.ss(withDump(theirs, dumpFlags)));
        dump(tools.candidate(withDump(ours, dumpFlags)));

        Differential differential = new Differential(runner, tools, zoo::inNamespace, "in netns " + zoo.namespace());
        for (List<String> listing : c.listings()) {
            FlagCase onTheirs = new FlagCase(listing, Map.of()).with("TCPDIAG_FILE", theirs.toString());
            differential.listingMismatch(onTheirs).ifPresent(why -> fail("ss's dump, " + why + zoo.log()));

            CommandResult ssOnTheirs = runner.run(zoo.inNamespace(tools.ss(listing)), onTheirs.environment(), TIMEOUT);
            CommandResult ssOnOurs = runner.run(zoo.inNamespace(tools.ss(listing)),
                    Map.of("TCPDIAG_FILE", ours.toString()), TIMEOUT);
            assertEquals(ssOnTheirs.stdoutText(), ssOnOurs.stdoutText(),
                    "ss " + String.join(" ", listing) + " replays sockscope's dump as its own");
            assertEquals(ssOnTheirs.exitCode(), ssOnOurs.exitCode());
        }
    }

    private static List<String> withDump(Path file, List<String> flags) {
        List<String> all = new ArrayList<>(List.of("-D", file.toString()));
        all.addAll(flags);
        return all;
    }

    private void dump(List<String> command) throws IOException, InterruptedException {
        CommandResult r = runner.run(zoo.inNamespace(command), Map.of(), TIMEOUT);
        assertEquals(0, r.exitCode(), r.describe() + ": " + r.stderrText());
        assertEquals("", r.stdoutText(), r.describe() + " prints nothing");
        assertEquals("", r.stderrText(), r.describe());
    }

    private void startZoo() throws IOException, InterruptedException {
        ZooPreconditions.assumeZooCanRun();
        tools.whyCandidateMissing().ifPresent(why -> fail(why));
        if (zoo == null) {
            zoo = SocketZoo.start(runner);
        }
    }

    @Test
    void dumpsOfSocketsWithoutTimersAreTheSameBytesButForThePortId() throws IOException, InterruptedException {
        ZooPreconditions.assumeZooCanRun();
        tools.whyCandidateMissing().ifPresent(why -> fail(why));
        try (ZooNetwork network = ZooNetwork.create(runner);
             SocketHolder holder = SocketHolder.start(network.inZoo(List.of()), runner)) {
            holder.run("listen 127.0.0.1 7441", "listen ::1 7442", "listen " + ZooNetwork.ZOO_ADDRESS + " 7443",
                    "connect 127.0.0.1 7441 41021", "accept 7441 1", "connect ::1 7442 41022", "accept 7442 1",
                    "connect " + ZooNetwork.ZOO_ADDRESS + " 7443", "accept 7443 1");
            // -m asks the kernel for socket memory, which ss's dump holds: idle sockets keep the same numbers.
            for (String flags : List.of("-ta", "-t -6", "-ta -m")) {
                Path theirs = dir.resolve("still-ss.bin");
                Path ours = dir.resolve("still-sockscope.bin");
                List<String> f = List.of(flags.split(" "));
                CommandResult ss = runner.run(network.inZoo(tools.ss(withDump(theirs, f))), Map.of(), TIMEOUT);
                CommandResult sockscope = runner.run(network.inZoo(tools.candidate(withDump(ours, f))), Map.of(), TIMEOUT);
                assertEquals(0, ss.exitCode());
                assertEquals(0, sockscope.exitCode(), sockscope.stderrText());
                byte[] expected = withoutPortIds(Files.readAllBytes(theirs));
                assertTrue(expected.length > 20, "ss dumped something for " + flags);
                assertArrayEquals(expected, withoutPortIds(Files.readAllBytes(ours)), "-D FILE " + flags);

                CommandResult toStdout = runner.run(network.inZoo(tools.candidate(withDump(Path.of("-"), f))),
                        Map.of(), TIMEOUT);
                assertEquals(0, toStdout.exitCode(), toStdout.stderrText());
                assertArrayEquals(expected, withoutPortIds(toStdout.stdout()), "-D - " + flags + " writes to stdout");
            }
            // tcp_info moves with time, so -i is checked through ss's replay of the dump: it shows tcp_info.
            Path withInfo = dir.resolve("still-sockscope-info.bin");
            CommandResult info = runner.run(network.inZoo(tools.candidate(withDump(withInfo, List.of("-ta", "-i")))),
                    Map.of(), TIMEOUT);
            assertEquals(0, info.exitCode(), info.stderrText());
            CommandResult replayed = runner.run(tools.ss(List.of("-tni")), Map.of("TCPDIAG_FILE", withInfo.toString()),
                    TIMEOUT);
            assertTrue(replayed.stdoutText().contains(" cwnd:"), "-D -i holds tcp_info:\n" + replayed.stdoutText());
        }
    }

    /** The dump with every message's {@code nlmsg_pid} (the dumping process's port) set to 0. */
    private static byte[] withoutPortIds(byte[] dump) {
        byte[] copy = dump.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder());
        int offset = 0;
        while (offset + 16 <= copy.length) {
            int length = b.getInt(offset);
            b.putInt(offset + 12, 0);
            if (length < 16) {
                break;
            }
            offset += (length + 3) & ~3;
        }
        return copy;
    }
}
