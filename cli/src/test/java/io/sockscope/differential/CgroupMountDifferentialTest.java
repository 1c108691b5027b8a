package io.sockscope.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sockscope.names.MountTable;
import io.sockscope.testing.ScratchNamespace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cgroup PATH} filters and the cgroup paths of {@code -e} and {@code --cgroup} under the three layouts
 * a host may have, compared with the installed ss: cgroup2 at {@code /sys/fs/cgroup} (unified), cgroup2 at
 * {@code /sys/fs/cgroup/unified} below a tmpfs holding v1 controller directories (hybrid, Debian and Ubuntu
 * with cgroup v1), and no cgroup2 at all. Each layout is built for each command in a mount namespace of its
 * own ({@code unshare -m}, inside the fresh {@code /sys} of {@code ip netns exec}), so the host's mounts are
 * never touched and nothing is left to unmount.
 *
 * <p>The sockets: in a scratch network namespace, a listener on 127.0.0.1:7071 in the test's own cgroup and
 * one on 127.0.0.1:7070 in a cgroup the test makes (and removes) under the host's cgroup2 mount. Skipped
 * unless root with ss, ip, unshare, python3 and a cgroup2 mount.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CgroupMountDifferentialTest {
    private static final String CGROUP = "{CG}";

    /** How /sys/fs/cgroup looks, as shell commands run as root in a private mount namespace. */
    enum Layout {
        UNIFIED("mount -t cgroup2 cgroup2 /sys/fs/cgroup"),
        HYBRID("mount -t tmpfs -o mode=755 tmpfs /sys/fs/cgroup && mkdir /sys/fs/cgroup/unified /sys/fs/cgroup/cpu"
                + " && mount -t cgroup2 cgroup2 /sys/fs/cgroup/unified"),
        NO_CGROUP2("true");

        final String commands;

        Layout(String commands) {
            this.commands = commands;
        }
    }

    private final CommandRunner runner = new CommandRunner();
    private final ToolCommands tools = ToolCommands.ofThisBuild();
    private ScratchNamespace namespace;
    private Path cgroup;
    private Process holder;

    static Stream<Arguments> cases() {
        List<List<String>> filters = List.of(
                List.of("-tan", "cgroup", "/"),
                List.of("-tan", "cgroup", "/sys/fs/cgroup"),
                List.of("-tan", "cgroup", "/sys/fs/cgroup/unified"),
                List.of("-tan", "cgroup", "cpu"),
                List.of("-tan", "cgroup", "/" + CGROUP),
                List.of("-tan", "cgroup", CGROUP),
                List.of("-tan", "cgroup", "/sys/fs/cgroup/" + CGROUP),
                List.of("-tan", "cgroup", "/sys/fs/cgroup/unified/" + CGROUP),
                List.of("-tan", "not cgroup /" + CGROUP),
                List.of("-tane"),
                List.of("-tan", "--cgroup"));
        return Stream.of(Layout.values())
                .flatMap(layout -> filters.stream().map(flags -> Arguments.of(layout, flags)));
    }

    @BeforeAll
    void makeSocketsInTwoCgroups() throws Exception {
        ZooPreconditions.assumeZooCanRun();
        assumeTrue(ZooPreconditions.onPath("unshare").isPresent(), "needs util-linux's unshare");
        String mount = MountTable.PROC.cgroup2Mount();
        assumeTrue(mount != null, "needs a cgroup2 mount on the host");
        tools.whyCandidateMissing().ifPresent(why -> fail(why));
        namespace = ScratchNamespace.create();
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        cgroup = Files.createDirectory(Path.of(mount, "sockscope-test-" + HexFormat.of().formatHex(random)));
        // The second listener is opened only once the holder has been moved into the new cgroup: a socket
        // belongs to the cgroup its creator was in.
        holder = new ProcessBuilder("ip", "netns", "exec", namespace.name(), ZooPreconditions.PYTHON.toString(), "-c",
                "import os, socket, sys\n"
                        + "def listen(port):\n"
                        + "    s = socket.socket(); s.bind(('127.0.0.1', port)); s.listen(); return s\n"
                        + "first = listen(7071)\n"
                        + "print(os.getpid(), flush=True)\n"
                        + "sys.stdin.readline()\n"
                        + "second = listen(7070)\n"
                        + "print('READY', flush=True)\n"
                        + "sys.stdin.readline()\n")
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String pid = out.readLine();
        Files.writeString(cgroup.resolve("cgroup.procs"), pid);
        holder.getOutputStream().write('\n');
        holder.getOutputStream().flush();
        assertEquals("READY", out.readLine(), "the holder's listeners");
    }

    @AfterAll
    void removeEverything() throws Exception {
        try {
            if (holder != null) {
                holder.getOutputStream().close();
                if (!holder.waitFor(5, TimeUnit.SECONDS)) {
                    holder.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } finally {
            try {
                if (cgroup != null) {
                    removeCgroup();
                }
            } finally {
                if (namespace != null) {
                    namespace.close();
                }
            }
        }
    }

    /** rmdir, retried while the holder's exit is still being accounted (EBUSY). */
    private void removeCgroup() throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                Files.deleteIfExists(cgroup);
                return;
            } catch (IOException busy) {
                if (attempt == 50) {
                    throw busy;
                }
                Thread.sleep(100);
            }
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void filtersAndPathsAreSsOnes(Layout layout, List<String> flags) throws IOException, InterruptedException {
        String name = cgroup.getFileName().toString();
        List<String> arguments = flags.stream().map(word -> word.replace(CGROUP, name)).toList();
        Differential differential = new Differential(runner, tools, command -> inLayout(layout, command),
                "in netns " + namespace.name() + " with the " + layout + " layout");
        differential.listingMismatch(new FlagCase(arguments, Map.of())).ifPresent(why -> fail(why));
    }

    /** {@code command} run in the scratch namespace, in a mount namespace where /sys/fs/cgroup is laid out. */
    private List<String> inLayout(Layout layout, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", namespace.name(),
                "unshare", "--mount", "--propagation", "private",
                "sh", "-c", layout.commands + " && exec \"$@\"", "sh"));
        wrapped.addAll(command);
        return wrapped;
    }
}
