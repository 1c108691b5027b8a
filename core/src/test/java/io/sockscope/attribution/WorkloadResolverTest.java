package io.sockscope.attribution;

import io.sockscope.model.Workload;
import io.sockscope.names.MountTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.sockscope.attribution.CgroupLayoutTest.ID;
import static io.sockscope.attribution.CgroupLayoutTest.UID;
import static io.sockscope.attribution.CgroupLayoutTest.UID_;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WorkloadResolver} over a directory tree standing in for the cgroup2 mount (a cgroup's id is its
 * directory's inode number there too) and a fixture {@code /proc}; the real hierarchy is
 * {@link WorkloadResolverKernelTest}'s.
 */
class WorkloadResolverTest {
    private static final String DOCKER_SCOPE = "system.slice/docker-" + ID + ".scope";
    private static final String POD_SCOPE = "kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + UID_
            + ".slice/cri-containerd-" + RuntimeMetadataTest.OTHER + ".scope";

    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    static long inode(Path p) throws IOException {
        return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
    }

    private static Path hierarchy(Path dir) throws IOException {
        Path mount = Files.createDirectories(dir.resolve("cgroup"));
        Files.createDirectories(mount.resolve(DOCKER_SCOPE));
        Files.createDirectories(mount.resolve(POD_SCOPE));
        Files.createDirectories(mount.resolve("system.slice/nginx.service"));
        return mount;
    }

    private static Path runtimeRoot(Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        RuntimeMetadataTest.dockerConfig(root, ID, "{\"Name\":\"/web\"}");
        RuntimeMetadataTest.kubeletPod(root, "shop", "api-0", UID, "app", RuntimeMetadataTest.OTHER);
        return root;
    }

    private static final Workload DOCKER_WEB = new Workload(new Workload.Container("docker", ID, "web"), null,
            "docker-" + ID + ".scope");
    private static final Workload SHOP_API = new Workload(
            new Workload.Container("containerd", RuntimeMetadataTest.OTHER, "app"),
            new Workload.Pod("shop", "api-0", UID), "cri-containerd-" + RuntimeMetadataTest.OTHER + ".scope");

    @Test
    void cgroupIdsResolveThroughTheWalkAndTheRuntimesFiles(@TempDir Path dir) throws IOException {
        Path mount = hierarchy(dir);
        WorkloadResolver resolver = new WorkloadResolver(mount, runtimeRoot(dir), dir.resolve("proc"), warnings::add);
        assertEquals(DOCKER_WEB, resolver.forCgroupId(inode(mount.resolve(DOCKER_SCOPE))));
        assertEquals(SHOP_API, resolver.forCgroupId(inode(mount.resolve(POD_SCOPE))));
        assertEquals(new Workload(null, null, "nginx.service"),
                resolver.forCgroupId(inode(mount.resolve("system.slice/nginx.service"))));
        assertSame(Workload.NONE, resolver.forCgroupId(inode(mount)), "the root cgroup");
        assertSame(Workload.NONE, resolver.forCgroupId(inode(mount.resolve("system.slice"))));
        assertSame(Workload.NONE, resolver.forCgroupId(0), "no INET_DIAG_CGROUP_ID");
        assertEquals(List.of(), warnings);
    }

    @Test
    void aCgroupMadeAfterTheWalkIsFoundByOneMoreWalkOnly(@TempDir Path dir) throws IOException {
        Path mount = hierarchy(dir);
        WorkloadResolver resolver = new WorkloadResolver(mount, dir.resolve("root"), dir.resolve("proc"),
                warnings::add);
        assertEquals("nginx.service", resolver.forCgroupId(inode(mount.resolve("system.slice/nginx.service"))).unit());
        Path late = Files.createDirectories(mount.resolve("system.slice/late.service"));
        assertEquals("late.service", resolver.forCgroupId(inode(late)).unit(), "found by the second walk");
        Path later = Files.createDirectories(mount.resolve("system.slice/later.service"));
        assertSame(Workload.NONE, resolver.forCgroupId(inode(later)), "no third walk in one instance");
        assertSame(Workload.NONE, resolver.forCgroupId(Long.MAX_VALUE));
        assertEquals("later.service",
                new WorkloadResolver(mount, dir, dir, warnings::add).forCgroupId(inode(later)).unit());
    }

    @Test
    void withoutACgroup2MountNoIdResolvesAndTheTableSaysWhy(@TempDir Path dir) throws IOException {
        Path mounts = dir.resolve("mounts");
        Files.writeString(mounts, "cgroup /sys/fs/cgroup/cpu cgroup rw,cpu 0 0\n");
        WorkloadResolver resolver = WorkloadResolver.of(new MountTable(mounts, false), dir, warnings::add);
        assertSame(Workload.NONE, resolver.forCgroupId(1));
        assertEquals(List.of(mounts + ": no cgroup2 mount: sockets are not attributed to workloads"), warnings);

        warnings.clear();
        WorkloadResolver unreadable = WorkloadResolver.of(new MountTable(dir.resolve("none"), false), dir,
                warnings::add);
        assertSame(Workload.NONE, unreadable.forCgroupId(1));
        assertEquals(1, warnings.size());
        assertTrue(warnings.getFirst().startsWith(dir.resolve("none") + ": unreadable"), warnings.getFirst());
        assertSame(Workload.NONE, new WorkloadResolver(dir.resolve("gone"), dir, dir, warnings::add).forCgroupId(1));
    }

    /** {@code proc/PID/cgroup} with these lines. */
    private static void procCgroup(Path proc, int pid, String... lines) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("cgroup"), String.join("\n", lines) + "\n");
    }

    @Test
    void processesResolveThroughTheirCgroupFile(@TempDir Path dir) throws IOException {
        Path proc = dir.resolve("proc");
        // A unified host: the one v2 line.
        procCgroup(proc, 100, "0::/" + DOCKER_SCOPE);
        // A hybrid host: the v2 line among the v1 hierarchies (as on the machine these tests were written on).
        procCgroup(proc, 101, "9:name=systemd:/" + POD_SCOPE, "8:pids:/" + POD_SCOPE,
                "4:memory:/process_api/d0b8ce9658ffab7ed400f5ad90c58585", "2:cpuacct,cpu:/" + POD_SCOPE,
                "0::/" + POD_SCOPE);
        // cgroup v1 alone, systemd driver: name=systemd's path.
        procCgroup(proc, 102, "12:cpuset:/", "11:devices:/system.slice/nginx.service",
                "1:name=systemd:/system.slice/nginx.service");
        // cgroup v1 alone, cgroupfs driver: the controllers' path (name=systemd shows the daemon's service).
        procCgroup(proc, 103, "11:memory:/docker/" + ID, "10:pids:/docker/" + ID,
                "1:name=systemd:/system.slice/containerd.service");
        // A hybrid host where a cgroupfs runtime placed the container in the v1 hierarchies only.
        procCgroup(proc, 104, "8:pids:/docker/" + ID, "1:name=systemd:/system.slice/containerd.service",
                "0::/system.slice/containerd.service");
        // A cgroup removed while the process is in it.
        procCgroup(proc, 105, "0::/system.slice/gone.service (deleted)");
        procCgroup(proc, 106, "garbage", "", "::", "0:/no-second-colon");
        procCgroup(proc, 107, "0::/");
        WorkloadResolver resolver = new WorkloadResolver(null, runtimeRoot(dir), proc, warnings::add);
        assertEquals(DOCKER_WEB, resolver.forPid(100));
        assertEquals(SHOP_API, resolver.forPid(101));
        assertEquals(new Workload(null, null, "nginx.service"), resolver.forPid(102));
        assertEquals(new Workload(new Workload.Container("docker", ID, "web"), null, null), resolver.forPid(103));
        assertEquals(new Workload(new Workload.Container("docker", ID, "web"), null, null), resolver.forPid(104));
        assertEquals(new Workload(null, null, "gone.service"), resolver.forPid(105));
        assertSame(Workload.NONE, resolver.forPid(106));
        assertSame(Workload.NONE, resolver.forPid(107));
        assertSame(Workload.NONE, resolver.forPid(108), "no such process");
        assertSame(Workload.NONE, resolver.forPid(0));
        assertSame(Workload.NONE, resolver.forPid(-1));
        assertEquals(List.of(), warnings);
    }

    @Test
    void threadsSharingOneResolverAgree(@TempDir Path dir) throws Exception {
        Path mount = hierarchy(dir);
        List<Path> services = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            services.add(Files.createDirectories(mount.resolve("system.slice/s" + i + ".service")));
        }
        long docker = inode(mount.resolve(DOCKER_SCOPE));
        long pod = inode(mount.resolve(POD_SCOPE));
        WorkloadResolver resolver = new WorkloadResolver(mount, runtimeRoot(dir), dir.resolve("proc"), warnings::add);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int first = t;
                results.add(pool.submit(() -> {
                    boolean same = true;
                    for (int i = 0; i < services.size(); i++) {
                        Path service = services.get((first * 25 + i) % services.size());
                        same &= resolver.forCgroupId(inode(service)).unit()
                                .equals(service.getFileName().toString());
                        same &= resolver.forCgroupId(docker).equals(DOCKER_WEB);
                        same &= resolver.forCgroupId(pod).equals(SHOP_API);
                    }
                    return same;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), warnings);
    }
}
