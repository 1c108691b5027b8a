package io.sockscope.differential;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code sockscope --all-netns} against {@code ss} run inside each namespace ({@code nsenter --net=FILE ss …}),
 * over a host laid out as one running containers ({@link AllNamespacesFixture}): a named namespace per
 * container, one with no process, one with a process and no name, one pinned only by a descriptor of a process
 * in the host's namespace, sockets of every table, the holders in cgroups named as Docker and the kubelet name
 * them. For each of those namespaces, sockscope's lines minus the {@code Netns} column must be ss's lines byte
 * for byte (a namespace with nothing to show prints nothing), the sockets of the JSON output must be ss's
 * (netid, state, local, peer, inode) with the right namespace and workload; and the privilege matrix holds:
 * without {@code CAP_SYS_ADMIN}, and as nobody, the run lists its own namespace, says once what it could not
 * enter, and exits 0.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllNamespacesDifferentialTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final CommandRunner runner = new CommandRunner();
    private final ToolCommands tools = ToolCommands.ofThisBuild();
    private AllNamespacesFixture host;
    /** Each namespace of the fixture: its label in the Netns column, and the file ss enters it by. */
    private final Map<String, Path> ours = new LinkedHashMap<>();
    private final Map<String, Long> inodes = new LinkedHashMap<>();

    @BeforeAll
    void layOutTheHost() throws IOException, InterruptedException {
        ZooPreconditions.assumeZooCanRun();
        assumeTrue(ZooPreconditions.onPath("nsenter").isPresent(), "needs util-linux's nsenter to run ss inside");
        assumeTrue(ZooPreconditions.onPath("unshare").isPresent(), "needs util-linux's unshare");
        host = AllNamespacesFixture.start();
        for (String name : List.of(host.web, host.cart, host.empty)) {
            ours.put(name, Path.of("/run/netns", name));
        }
        ours.put("pid:" + host.unnamedPid, Path.of("/proc", Integer.toString(host.unnamedPid), "ns", "net"));
        long pinned = AllNamespacesFixture.inode(host.pinnedEntry());
        ours.put("inode:" + pinned, host.pinnedEntry());
        for (Map.Entry<String, Path> e : ours.entrySet()) {
            inodes.put(e.getKey(), AllNamespacesFixture.inode(e.getValue()));
        }
    }

    @AfterAll
    void tearDown() throws IOException {
        if (host != null) {
            host.close();
        }
    }

    @ParameterizedTest(name = "--all-netns {0}")
    @ValueSource(strings = {"-tan", "-tanp", "-tlnp", "-uanp", "-xap", "-an", "-anp", "-tane", "-tlnp --cgroup",
            "-tan sport = :8080 or sport = :7070", "-4tan", "-6tlnp", "-tn state established"})
    void eachNamespaceIsWhatSsPrintsInsideIt(String flags) throws IOException, InterruptedException {
        List<String> words = List.of(flags.split(" "));
        CommandResult ourRun = sockscope(words);
        assertEquals(0, ourRun.exitCode(), ourRun.stderrText());
        Map<String, List<String>> blocks = blocks(ourRun.stdoutText());
        for (Map.Entry<String, Path> ns : ours.entrySet()) {
            String theirs = ssInside(ns.getValue(), words);
            List<String> expected = theirs.lines().toList();
            List<String> got = blocks.get(ns.getKey());
            if (expected.size() <= 1) {
                assertTrue(got == null, ns.getKey() + ": ss shows no socket, so sockscope shows no block; got\n" + got);
                continue;
            }
            String want = String.join("\n", expected) + "\n";
            String have = got == null ? "(no block)" : String.join("\n", got) + "\n";
            if (OwnSockDiagLines.presentIn(want) || OwnSockDiagLines.presentIn(have)) {
                // Each tool's own sock_diag socket is in the netlink table it lists (see OwnSockDiagLines).
                want = OwnSockDiagLines.normalised(want);
                have = OwnSockDiagLines.normalised(have);
            }
            assertEquals(want, have, ns.getKey() + " with " + flags + "\nwhole output:\n" + ourRun.stdoutText());
        }
    }

    @Test
    void theHostsOwnNamespaceComesFirstAndEveryLineHasItsColumn() throws IOException, InterruptedException {
        CommandResult run = sockscope(List.of("-tln"));
        List<String> lines = run.stdoutText().lines().toList();
        assertTrue(lines.getFirst().startsWith("Netns "), lines.getFirst());
        long own = AllNamespacesFixture.inode(Path.of("/proc/self/ns/net"));
        String firstLabel = lines.get(1).substring(0, lines.get(1).indexOf(' '));
        assertEquals(own, labelInode(firstLabel), "the first block is the namespace sockscope runs in: " + firstLabel);
        int width = columnWidth(lines.getFirst());
        for (String line : lines) {
            assertTrue(line.length() > width && line.charAt(width - 1) == ' ' && line.charAt(width) != ' ',
                    "every line's Netns column is " + width + " wide: " + line);
        }
    }

    @Test
    void jsonSocketsAreSsSocketsWithTheirNamespaceAndWorkload() throws IOException, InterruptedException {
        CommandResult run = sockscope(List.of("-tuanpe", "--ndjson"));
        assertEquals(0, run.exitCode(), run.stderrText());
        Map<Long, Set<String>> byNamespace = new LinkedHashMap<>();
        Map<String, Map<String, Object>> byPort = new LinkedHashMap<>();
        for (String line : run.stdoutText().lines().toList()) {
            Map<String, Object> s = JsonTree.object(line);
            long inode = number(s, "netns", "inode");
            byNamespace.computeIfAbsent(inode, k -> new TreeSet<>()).add(identity(s));
            if (inodes.containsValue(inode) && number(s, "local", "port") > 0) {
                byPort.putIfAbsent(s.get("netid") + ":" + number(s, "local", "port"), s);
            }
        }
        for (Map.Entry<String, Path> ns : ours.entrySet()) {
            Set<String> theirs = new TreeSet<>();
            for (String line : ssInside(ns.getValue(), List.of("-tuanHe")).lines().toList()) {
                theirs.add(ssIdentity(line));
            }
            assertEquals(theirs, byNamespace.getOrDefault(inodes.get(ns.getKey()), Set.of()), ns.getKey());
        }

        Map<String, Object> web = byPort.get("tcp:8080");
        assertEquals(host.web, member(web, "netns", "name"));
        assertEquals(List.of((long) host.webPid), longs(member(web, "netns", "pids_sample")));
        assertEquals("docker", member(web, "container", "runtime"));
        assertEquals(AllNamespacesFixture.DOCKER_ID, member(web, "container", "id"));
        assertEquals("web", member(web, "container", "name"), "named from config.v2.json under --root");
        assertEquals("docker-" + AllNamespacesFixture.DOCKER_ID + ".scope", web.get("unit"));
        assertEquals(null, web.get("pod"));
        assertEquals("docker", member(byPort.get("udp:5353"), "container", "runtime"));

        Map<String, Object> cart = byPort.get("tcp:9090");
        assertEquals("containerd", member(cart, "container", "runtime"));
        assertEquals("app", member(cart, "container", "name"), "named from the kubelet's log links");
        assertEquals("shop", member(cart, "pod", "namespace"));
        assertEquals("cart", member(cart, "pod", "name"));
        assertEquals(AllNamespacesFixture.POD_UID, member(cart, "pod", "uid"));

        Map<String, Object> unnamed = byPort.get("tcp:7070");
        assertEquals(null, member(unnamed, "netns", "name"));
        assertEquals(List.of((long) host.unnamedPid), longs(member(unnamed, "netns", "pids_sample")));
        Map<String, Object> pinned = byPort.get("tcp:6060");
        assertEquals(List.of(), longs(member(pinned, "netns", "pids_sample")), "no process is in the pinned namespace");
        Object holder = ((List<?>) member(pinned, "owners", "processes")).getFirst();
        assertEquals((long) host.pinnedHolderPid, ((Number) ((Map<?, ?>) holder).get("pid")).longValue(),
                "held by a process of the host's namespace, found by the one owner scan");
    }

    @Test
    void unixSocketsTakeTheirWorkloadFromTheirOwner() throws IOException, InterruptedException {
        CommandResult run = sockscope(List.of("-xlp", "--ndjson"));
        assertEquals(0, run.exitCode(), run.stderrText());
        Map<String, Object> web = run.stdoutText().lines().map(JsonTree::object)
                .filter(s -> "sockscope-an-web".equals(s.get("path"))).findFirst().orElseThrow();
        assertEquals(host.web, member(web, "netns", "name"));
        assertEquals(AllNamespacesFixture.DOCKER_ID, member(web, "container", "id"),
                "a unix socket has no cgroup id: its owner's /proc/PID/cgroup names the container");
    }

    @Test
    void withoutCapSysAdminOnlyItsOwnNamespaceIsListedAndTheRestIsToldOnce() throws IOException, InterruptedException {
        assumeTrue(ZooPreconditions.onPath("setpriv").isPresent(), "needs util-linux's setpriv to drop capabilities");
        List<String> command = new ArrayList<>(List.of("setpriv", "--inh-caps=-all", "--bounding-set=-all", "--"));
        command.addAll(tools.candidate(List.of("--all-netns", "-tln", "--ndjson")));
        try (java.net.ServerSocket _ = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            assertOnlyOwnNamespace(runner.run(command, Map.of(), TIMEOUT));
        }
    }

    @Test
    void asNobodyOnlyItsOwnNamespaceIsListedAndTheRestIsToldOnce() throws IOException, InterruptedException {
        assumeTrue(ZooPreconditions.onPath("setpriv").isPresent(), "needs util-linux's setpriv to run as nobody");
        Path copy = Files.createTempDirectory("sockscope-an-nobody-");
        try {
            List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534",
                    "--clear-groups", "--"));
            command.addAll(readableByAll(tools.candidate(List.of("--all-netns", "-tln", "--ndjson")), copy));
            CommandResult run;
            try (java.net.ServerSocket _ = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
                run = runner.run(command, Map.of(), TIMEOUT);
            }
            assertOnlyOwnNamespace(run);
            assertTrue(run.stderrText().contains("could not be read"), run.stderrText());
        } finally {
            try (Stream<Path> files = Files.walk(copy)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** An NDJSON run that could enter no other namespace: its own namespace's sockets alone, and one line why. */
    private void assertOnlyOwnNamespace(CommandResult run) throws IOException {
        assertEquals(0, run.exitCode(), run.stderrText());
        long own = AllNamespacesFixture.inode(Path.of("/proc/self/ns/net"));
        List<String> lines = run.stdoutText().lines().toList();
        assertFalse(lines.isEmpty(), "its own namespace is listed (this test's listener at least)");
        for (String line : lines) {
            assertEquals(own, number(JsonTree.object(line), "netns", "inode"), "only the namespace it runs in: " + line);
        }
        List<String> told = run.stderrText().lines().filter(l -> l.contains("could not be entered")).toList();
        assertEquals(1, told.size(), run.stderrText());
        assertEquals(1, run.stderrText().lines().count(), "one line: " + run.stderrText());
        assertTrue(told.getFirst().contains("Operation not permitted") && told.getFirst().contains("CAP_SYS_ADMIN"),
                told.getFirst());
    }

    /** The candidate's command with its class path and JNI library copied where nobody can read them. */
    private static List<String> readableByAll(List<String> command, Path copy) throws IOException {
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < command.size(); i++) {
            String word = command.get(i);
            if (i > 0 && command.get(i - 1).equals("-cp")) {
                List<String> entries = new ArrayList<>();
                int n = 0;
                for (String entry : word.split(":")) {
                    // A "DIR/*" entry names the jars in DIR.
                    boolean jars = entry.endsWith("/*");
                    Path from = Path.of(jars ? entry.substring(0, entry.length() - 2) : entry);
                    String copied = copyTree(from, copy.resolve("cp" + n++)).toString();
                    entries.add(jars ? copied + "/*" : copied);
                }
                out.add(String.join(":", entries));
            } else if (word.startsWith("-Dsockscope.jni.library=")) {
                Path lib = Path.of(word.substring(word.indexOf('=') + 1));
                out.add("-Dsockscope.jni.library=" + copyTree(lib, copy.resolve(lib.getFileName())));
            } else {
                out.add(word);
            }
        }
        return out;
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return to;
        }
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        return to;
    }

    private CommandResult sockscope(List<String> flags) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("--all-netns", "--root", host.root.toString()));
        arguments.addAll(flags);
        return runner.run(tools.candidate(arguments), Map.of(), TIMEOUT);
    }

    private String ssInside(Path namespace, List<String> flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("nsenter", "--net=" + namespace, "ss"));
        command.addAll(flags);
        CommandResult run = runner.run(command, Map.of(), TIMEOUT);
        assertEquals(0, run.exitCode(), run.stderrText());
        return run.stdoutText();
    }

    /**
     * The output's lines by namespace, the {@code Netns} column taken off: each namespace's block with the header
     * line in front of it, as ss would print it.
     */
    private static Map<String, List<String>> blocks(String output) {
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        List<String> lines = output.lines().toList();
        if (lines.isEmpty()) {
            return blocks;
        }
        int width = columnWidth(lines.getFirst());
        String header = null;
        for (String line : lines) {
            String label = line.substring(0, width).strip();
            String rest = line.substring(width);
            if (label.equals("Netns")) {
                header = rest;
                continue;
            }
            List<String> block = blocks.computeIfAbsent(label, k -> new ArrayList<>());
            if (block.isEmpty() && header != null) {
                block.add(header);
            }
            block.add(rest);
        }
        return blocks;
    }

    /** Where the ss columns start: after the heading {@code Netns} and its padding. */
    private static int columnWidth(String headerLine) {
        assertTrue(headerLine.startsWith("Netns "), headerLine);
        int i = "Netns".length();
        while (i < headerLine.length() && headerLine.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private long labelInode(String label) throws IOException {
        if (label.startsWith("pid:")) {
            return AllNamespacesFixture.inode(Path.of("/proc", label.substring(4), "ns", "net"));
        }
        if (label.startsWith("inode:")) {
            return Long.parseLong(label.substring(6));
        }
        return AllNamespacesFixture.inode(Path.of("/run/netns", label));
    }

    /** The member at {@code path} of a JSON object, null when any step is missing or null. */
    private static Object member(Map<String, Object> object, String... path) {
        Object at = object;
        for (String name : path) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = map.get(name);
        }
        return at;
    }

    private static long number(Map<String, Object> object, String... path) {
        Object n = member(object, path);
        return n == null ? -1 : ((Number) n).longValue();
    }

    private static List<Long> longs(Object array) {
        List<Long> out = new ArrayList<>();
        for (Object n : (List<?>) array) {
            out.add(((Number) n).longValue());
        }
        return out;
    }

    /** A JSON socket as (netid, state, local, peer, inode). */
    private static String identity(Map<String, Object> s) {
        return s.get("netid") + " " + s.get("state") + " " + endpoint(member(s, "local", "address"),
                number(s, "local", "port")) + " " + endpoint(member(s, "peer", "address"), number(s, "peer", "port"))
                + " " + ((Number) s.get("inode")).longValue();
    }

    private static String endpoint(Object address, long port) {
        String text = String.valueOf(address);
        return plain((text.contains(":") ? "[" + text + "]" : text) + ":" + (port == 0 ? "*" : Long.toString(port)));
    }

    private static final Pattern INODE = Pattern.compile(" ino:(\\d+)");

    /** One line of {@code ss -tuanHe} as (netid, state, local, peer, inode), in the JSON's terms. */
    private static String ssIdentity(String line) {
        String[] f = line.trim().split("\\s+");
        Matcher ino = INODE.matcher(line);
        long inode = ino.find() ? Long.parseLong(ino.group(1)) : 0;
        return f[0] + " " + f[1] + " " + plain(f[4]) + " " + plain(f[5]) + " " + inode;
    }

    /**
     * An endpoint with any wildcard address as {@code *}: ss prints a dual-stack {@code [::]} listener as
     * {@code *}, the JSON keeps the address.
     */
    private static String plain(String endpoint) {
        for (String any : List.of("0.0.0.0:", "[::]:")) {
            if (endpoint.startsWith(any)) {
                return "*:" + endpoint.substring(any.length());
            }
        }
        return endpoint;
    }
}
