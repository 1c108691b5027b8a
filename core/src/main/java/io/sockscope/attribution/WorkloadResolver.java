package io.sockscope.attribution;

import io.sockscope.model.WarningSink;
import io.sockscope.model.Workload;
import io.sockscope.names.MountTable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which container, pod and systemd unit a socket or a process belongs to, without BPF: the cgroup the kernel
 * names (a socket's {@code INET_DIAG_CGROUP_ID}, a process's {@code /proc/PID/cgroup}) → its path below the
 * cgroup2 mount → the workload the path's layout names ({@link CgroupLayout}) → the names the runtimes' files
 * give it ({@link RuntimeMetadata}). The one entry point for the engine and the command.
 *
 * <p>cgroup ids are mapped to paths by one walk of the cgroup2 mount, made on the first lookup by id; an id that
 * walk did not see makes one more, once per instance, so one instance serves one listing (a caller that runs for
 * long makes a new one when it wants cgroups made since). The workload of each path, and each runtime file, is
 * worked out once and remembered for the life of the instance.
 *
 * <p>What cannot be known gives {@link Workload#NONE} (an id of no cgroup, the root cgroup, a process that has
 * exited, no cgroup2 mount); nothing here throws for what it reads. Instances are safe for use by several threads:
 * the caches are concurrent, and at most one thread walks the mount at a time.
 */
public final class WorkloadResolver {
    /** Far above any /proc/PID/cgroup (one line per hierarchy). */
    private static final int MAX_CGROUP_FILE = 64 << 10;

    private final CgroupIndex index;
    private final Path procRoot;
    private final RuntimeMetadata metadata;
    private final ConcurrentHashMap<String, Workload> byPath = new ConcurrentHashMap<>();

    /**
     * @param cgroup2Mount the cgroup2 mount (unified: {@code /sys/fs/cgroup}, hybrid: {@code /sys/fs/cgroup/unified}),
     *                     or null when there is none: then no id resolves
     * @param root         the root prefix the runtimes' files are read under ({@code /} on the host itself)
     * @param procRoot     the proc file system ({@code /proc}, or a fixture)
     * @param warnings     where malformed or oversized runtime files are reported (a directory of the hierarchy
     *                     that cannot be read is skipped without a word, as ss skips it)
     */
    public WorkloadResolver(Path cgroup2Mount, Path root, Path procRoot, WarningSink warnings) {
        Objects.requireNonNull(procRoot, "procRoot");
        this.index = new CgroupIndex(cgroup2Mount);
        this.procRoot = procRoot;
        this.metadata = new RuntimeMetadata(root, warnings);
    }

    /**
     * A resolver for this system: the first cgroup2 mount of {@code mounts} (a table that cannot be read, or that
     * has none, is reported to {@code warnings}, and then no cgroup id resolves), processes in {@code /proc}.
     *
     * @param root the root prefix the runtimes' files are read under ({@code /} on the host itself)
     */
    public static WorkloadResolver of(MountTable mounts, Path root, WarningSink warnings) {
        return new WorkloadResolver(cgroup2Mount(mounts, warnings), root, Path.of("/proc"), warnings);
    }

    private static Path cgroup2Mount(MountTable mounts, WarningSink warnings) {
        try {
            String mount = mounts.cgroup2Mount();
            if (mount == null) {
                warnings.warn(mounts.file() + ": no cgroup2 mount: sockets are not attributed to workloads");
                return null;
            }
            return Path.of(mount);
        } catch (IOException | InvalidPathException e) {
            warnings.warn(mounts.file() + ": unreadable (" + e.getMessage() + "): sockets are not attributed"
                    + " to workloads");
            return null;
        }
    }

    /** The workload of cgroup {@code id} (a socket's {@code INET_DIAG_CGROUP_ID}; 0 means none was sent). */
    public Workload forCgroupId(long id) {
        if (id == 0) {
            return Workload.NONE;
        }
        String path = index.pathOf(id);
        return path == null ? Workload.NONE : forCgroupPath(path);
    }

    /**
     * The workload of process {@code pid}, from {@code /proc/PID/cgroup}: the cgroup v2 path, or on a host with
     * cgroup v1 alone the {@code name=systemd}, {@code pids} or {@code memory} hierarchy's. Of the lines there,
     * the first that names a container wins, else the first that names a pod, else the first that names anything
     * (a cgroupfs runtime on a hybrid host may have placed the container in the v1 hierarchies only).
     */
    public Workload forPid(int pid) {
        String text = cgroupFile(pid);
        if (text == null) {
            return Workload.NONE;
        }
        List<Workload> candidates = ProcCgroupFile.candidatePaths(text).stream().map(this::forCgroupPath).toList();
        return candidates.stream().filter(w -> w.container() != null).findFirst()
                .or(() -> candidates.stream().filter(w -> w.pod() != null).findFirst())
                .or(() -> candidates.stream().filter(w -> !w.isEmpty()).findFirst())
                .orElse(Workload.NONE);
    }

    /** The workload of the cgroup at {@code path} below the cgroup2 mount ({@code /system.slice/…}), named. */
    public Workload forCgroupPath(String path) {
        if (path == null) {
            return Workload.NONE;
        }
        Workload known = byPath.get(path);
        if (known == null) {
            Workload layout = CgroupLayout.workloadOf(path);
            known = layout.isEmpty() ? layout : metadata.withNames(layout);
            byPath.putIfAbsent(path, known);
        }
        return known;
    }

    private String cgroupFile(int pid) {
        if (pid <= 0) {
            return null;
        }
        try (InputStream in = Files.newInputStream(procRoot.resolve(Integer.toString(pid)).resolve("cgroup"))) {
            return new String(in.readNBytes(MAX_CGROUP_FILE), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // The process exited, or is not ours to read: nothing is known of it.
            return null;
        }
    }
}
