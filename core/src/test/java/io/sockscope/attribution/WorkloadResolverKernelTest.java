package io.sockscope.attribution;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.Workload;
import io.sockscope.names.MountTable;
import io.sockscope.source.DumpKind;
import io.sockscope.source.DumpRequest;
import io.sockscope.source.NetlinkSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * {@link WorkloadResolver} on the real cgroup2 hierarchy (unified, or hybrid's {@code /sys/fs/cgroup/unified}):
 * cgroups named as Docker, containerd's CRI plugin under the kubelet's systemd driver and the kubelet's cgroupfs
 * driver name theirs, each holding a process that opens a TCP listener only once it has been moved in (a
 * socket's cgroup is the one its creator is in when it is made). The kernel's {@code INET_DIAG_CGROUP_ID} for each
 * listener, read with sockscope's own dump, must resolve to the workload the names say, named from a fixture root,
 * and {@code /proc/PID/cgroup} must agree. Needs root (to make cgroups and move processes) and python3.
 */
class WorkloadResolverKernelTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    /** Says its pid, waits for a line (meanwhile it is moved), listens, says its port, waits for stdin to close. */
    private static final String LISTENER = """
            import os, socket, sys
            print(os.getpid(), flush=True)
            sys.stdin.readline()
            s = socket.socket()
            s.bind(('127.0.0.1', 0))
            s.listen()
            print(s.getsockname()[1], flush=True)
            sys.stdin.read()
            """;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Process> processes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private Path mount;
    private Path top;

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String uid() {
        String h = hex(16);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    @BeforeEach
    void makeTopCgroup() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root: makes cgroups and moves processes into them");
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "needs " + PYTHON + " to hold the listeners");
        String found = MountTable.PROC.cgroup2Mount();
        Assumptions.assumeTrue(found != null, "needs a cgroup2 mount in /proc/mounts");
        mount = Path.of(found);
        top = mount.resolve("sockscope-test-" + hex(4) + ".slice");
        try {
            Files.createDirectory(top);
        } catch (IOException e) {
            Assumptions.abort("cannot make a cgroup under " + mount + ": " + e);
        }
    }

    @AfterEach
    void removeProcessesAndCgroups() throws Exception {
        for (Process p : processes) {
            // Out to the root cgroup first, so that the test's cgroups empty even if the process lingers.
            try {
                Files.writeString(mount.resolve("cgroup.procs"), Long.toString(p.pid()));
            } catch (IOException e) {
                // It has exited already.
            }
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        if (top != null && Files.isDirectory(top)) {
            List<Path> cgroups;
            try (Stream<Path> walk = Files.walk(top)) {
                cgroups = walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
            }
            for (Path cgroup : cgroups) {
                removeCgroup(cgroup);
            }
        }
    }

    /** rmdir, retried briefly: a killed process leaves its cgroup a moment after it is reaped. */
    private static void removeCgroup(Path cgroup) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                Files.delete(cgroup);
                return;
            } catch (IOException e) {
                if (attempt == 50) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    /** A process holding a listener made in {@code cgroup}, and the listener's port. */
    private record Listener(Process process, int port) {
    }

    private Listener listenIn(Path cgroup) throws IOException {
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", LISTENER).redirectErrorStream(true).start();
        processes.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals(p.pid(), Long.parseLong(out.readLine().trim()), "python runs as the process started");
        Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(p.pid()));
        p.getOutputStream().write('\n');
        p.getOutputStream().flush();
        return new Listener(p, Integer.parseInt(out.readLine().trim()));
    }

    /** The kernel's cgroup id for our listener on {@code port}, from sockscope's own sock_diag dump. */
    private static long cgroupIdOfListener(int port) throws Exception {
        int allTables = (1 << SocketTable.values().length) - 1;
        long inet = AddressFamily.mask(AddressFamily.INET);
        DumpRequest request = new DumpRequest(allTables, TcpState.ALL, inet, AddressFamily.UNSPEC,
                false, false, false, false, false, null);
        List<InetSocket> found = new ArrayList<>();
        new NetlinkSource().dump(DumpKind.TCP, request, s -> {
            if (s instanceof InetSocket i && i.local().port() == port && i.state() == TcpState.LISTEN.code()) {
                found.add(i);
            }
        }, w -> { });
        assertEquals(1, found.size(), "our listener on port " + port);
        return found.getFirst().cgroupId();
    }

    @Test
    void socketsInRuntimeNamedCgroupsResolveToTheirWorkloads(@TempDir Path root) throws Exception {
        String dockerId = hex(32);
        String systemdPodUid = uid();
        String containerdId = hex(32);
        String cgroupfsPodUid = uid();
        String cgroupfsId = hex(32);
        RuntimeMetadataTest.dockerConfig(root, dockerId, DockerNamesTest.dockerConfig("\"Name\":\"/web\""));
        RuntimeMetadataTest.kubeletPod(root, "shop", "api-7c9d8b6f4-q7w2e", systemdPodUid, "api", containerdId);
        RuntimeMetadataTest.kubeletPod(root, "kube-system", "coredns-0", cgroupfsPodUid, "coredns", cgroupfsId);

        Path dockerScope = Files.createDirectories(top.resolve("docker-" + dockerId + ".scope"));
        Listener docker = listenIn(dockerScope);
        long dockerCgroup = cgroupIdOfListener(docker.port());
        assertEquals(WorkloadResolverTest.inode(dockerScope), dockerCgroup, "a cgroup's id is its inode number");

        WorkloadResolver resolver = WorkloadResolver.of(MountTable.PROC, root, warnings::add);
        Workload web = new Workload(new Workload.Container("docker", dockerId, "web"), null,
                "docker-" + dockerId + ".scope");
        assertEquals(web, resolver.forCgroupId(dockerCgroup));
        assertEquals(web, resolver.forPid((int) docker.process().pid()));

        // Made after the resolver's first walk: found by its one more walk.
        Path podScope = Files.createDirectories(top.resolve("kubepods.slice/kubepods-burstable.slice/"
                + "kubepods-burstable-pod" + systemdPodUid.replace('-', '_') + ".slice/cri-containerd-"
                + containerdId + ".scope"));
        Path cgroupfsContainer = Files.createDirectories(top.resolve("kubepods/besteffort/pod" + cgroupfsPodUid)
                .resolve(cgroupfsId));
        Listener api = listenIn(podScope);
        Listener coredns = listenIn(cgroupfsContainer);
        long apiCgroup = cgroupIdOfListener(api.port());
        long corednsCgroup = cgroupIdOfListener(coredns.port());
        assertNotEquals(0, apiCgroup);
        assertNotEquals(apiCgroup, corednsCgroup);

        Workload shopApi = new Workload(new Workload.Container("containerd", containerdId, "api"),
                new Workload.Pod("shop", "api-7c9d8b6f4-q7w2e", systemdPodUid),
                "cri-containerd-" + containerdId + ".scope");
        Workload kubeSystemCoredns = new Workload(new Workload.Container("containerd", cgroupfsId, "coredns"),
                new Workload.Pod("kube-system", "coredns-0", cgroupfsPodUid), null);
        assertEquals(shopApi, resolver.forCgroupId(apiCgroup));
        assertEquals(kubeSystemCoredns, resolver.forCgroupId(corednsCgroup));
        assertEquals(shopApi, resolver.forPid((int) api.process().pid()));
        assertEquals(kubeSystemCoredns, resolver.forPid((int) coredns.process().pid()));
        assertEquals(web, resolver.forCgroupId(dockerCgroup), "remembered");
        assertEquals(List.of(), warnings);
    }
}
