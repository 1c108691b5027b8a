package io.sockscope.inspect;

import io.sockscope.filter.FilterEnvironment.CgroupLookup;
import io.sockscope.kernel.Errno;
import io.sockscope.kernel.FileHandles;
import io.sockscope.names.MountTable;
import io.sockscope.testing.TestResources;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Cgroup2Ids} follows iproute2's {@code get_cgroup2_id} step by step, on mount tables laid out as a
 * unified host, a hybrid one (cgroup2 at {@code /sys/fs/cgroup/unified}, v1 controllers and a tmpfs at
 * {@code /sys/fs/cgroup}) and one without cgroup2, with the kernel's answers played by a fake: the file
 * handle of each path (as the working directory or an opened mount sees it) and the mounts that open.
 */
class Cgroup2IdsTest {
    private static final Path MOUNTS = TestResources.directory().resolve("mounts");
    private static final long ROOT = 1;
    private static final long WEB = 0x2a1;
    private static final int EOVERFLOW = 75;

    /** The kernel of one machine: handles by (directory, path), where the directory is "." or a mount. */
    private static final class FakeKernel implements Cgroup2Ids.Kernel {
        private final Map<String, FileHandles.Handle> handles = new HashMap<>();
        private final Map<String, Integer> openable = new HashMap<>();
        private final Map<Integer, String> open = new HashMap<>();
        private final List<String> asked = new ArrayList<>();

        FakeKernel mount(String point) {
            openable.put(point, 10 + openable.size());
            return this;
        }

        FakeKernel handle(String directory, String path, long value, int length) {
            handles.put(directory + "|" + path, new FileHandles.Handle(value, length, 0));
            return this;
        }

        FakeKernel fails(String directory, String path, int errno) {
            handles.put(directory + "|" + path, new FileHandles.Handle(0, 0, errno));
            return this;
        }

        @Override
        public FileHandles.Handle handle(int dirfd, byte[] path) {
            String directory = dirfd == FileHandles.AT_FDCWD ? "." : open.get(dirfd);
            String text = new String(path, StandardCharsets.UTF_8);
            asked.add(directory + "|" + text);
            return handles.getOrDefault(directory + "|" + text, new FileHandles.Handle(0, 0, Errno.ENOENT));
        }

        @Override
        public int open(byte[] path) {
            String point = new String(path, StandardCharsets.ISO_8859_1);
            Integer fd = openable.get(point);
            if (fd == null) {
                return -Errno.ENOENT;
            }
            open.put(fd, point);
            return fd;
        }

        @Override
        public void close(int fd) {
            if (open.remove(fd) == null) {
                throw new AssertionError("closed " + fd + ", which was not open");
            }
        }
    }

    /** A hybrid host: / on ext4, a tmpfs at /sys/fs/cgroup, cgroup2 below it, a web service's cgroup. */
    private static FakeKernel hybrid() {
        return new FakeKernel().mount("/sys/fs/cgroup/unified")
                .handle(".", "/", 2, 8)
                .fails(".", "/sys/fs/cgroup", EOVERFLOW)
                .handle(".", "/sys/fs/cgroup/cpu,cpuacct", ROOT, 8)
                .handle(".", "/sys/fs/cgroup/unified", ROOT, 8)
                .handle(".", "/sys/fs/cgroup/unified/web.slice", WEB, 8)
                .handle("/sys/fs/cgroup/unified", "web.slice", WEB, 8);
    }

    private static CgroupLookup lookUp(String layout, FakeKernel kernel, String path) {
        return lookUp(new MountTable(MOUNTS.resolve(layout), false), kernel, path);
    }

    private static CgroupLookup lookUp(MountTable mounts, FakeKernel kernel, String path) {
        CgroupLookup answer = new Cgroup2Ids(mounts, kernel).idOf(path);
        assertEquals(Map.of(), kernel.open, "every mount opened is closed again");
        return answer;
    }

    private static CgroupLookup refused(String diagnostic) {
        return CgroupLookup.missing(diagnostic);
    }

    @Test
    void onAHybridHostPathsResolveUnderTheUnifiedMount() {
        assertEquals(CgroupLookup.found(WEB), lookUp("hybrid", hybrid(), "/web.slice"));
        assertEquals(CgroupLookup.found(WEB), lookUp("hybrid", hybrid(), "web.slice"));
        assertEquals(CgroupLookup.found(WEB), lookUp("hybrid", hybrid(), "/sys/fs/cgroup/unified/web.slice"));
        assertEquals(CgroupLookup.found(ROOT), lookUp("hybrid", hybrid(), "/sys/fs/cgroup/unified"));
    }

    @Test
    void onAHybridHostTheTmpfsAndTheV1ControllersAreNoCgroup2Path() {
        FakeKernel kernel = hybrid();
        assertEquals(refused("Failed to get cgroup2 ID: No such file or directory"),
                lookUp("hybrid", kernel, "/sys/fs/cgroup"));
        assertEquals(List.of(".|/sys/fs/cgroup", "/sys/fs/cgroup/unified|sys/fs/cgroup"), kernel.asked,
                "the tmpfs has no 8-byte handle, and the path is then looked for below the cgroup2 mount");
        assertEquals(refused("Failed to get cgroup2 ID: No such file or directory"), lookUp("hybrid", hybrid(), "cpu"));
        assertEquals(refused("Failed to get cgroup2 ID: No such file or directory"),
                lookUp("hybrid", hybrid(), "/sys/fs/cgroup/web.slice"));
    }

    @Test
    void aPathWhoseFileSystemHasEightByteHandlesIsTakenAsItIs() {
        // ext4's / has one (inode and generation): "cgroup /" is accepted, and matches no socket; so has a v1
        // hierarchy's root.
        assertEquals(CgroupLookup.found(2), lookUp("hybrid", hybrid(), "/"));
        assertEquals(CgroupLookup.found(ROOT), lookUp("hybrid", hybrid(), "/sys/fs/cgroup/cpu,cpuacct"));
    }

    @Test
    void onAUnifiedHostTheMountIsSysFsCgroup() {
        FakeKernel kernel = new FakeKernel().mount("/sys/fs/cgroup")
                .handle(".", "/sys/fs/cgroup", ROOT, 8)
                .handle("/sys/fs/cgroup", "web.slice", WEB, 8);
        assertEquals(CgroupLookup.found(ROOT), lookUp("unified", kernel, "/sys/fs/cgroup"));
        assertEquals(CgroupLookup.found(WEB), lookUp("unified", kernel, "///web.slice"));
        assertEquals(refused("Failed to get cgroup2 ID: No such file or directory"),
                lookUp("unified", kernel, "/unified/web.slice"));
    }

    @Test
    void nothingButSlashesIsNoPath() {
        FakeKernel overlayRoot = new FakeKernel().mount("/sys/fs/cgroup").fails(".", "/", EOVERFLOW)
                .fails(".", "//", EOVERFLOW);
        assertEquals(refused("Invalid cgroup2 path"), lookUp("unified", overlayRoot, "/"));
        assertEquals(refused("Invalid cgroup2 path"), lookUp("unified", overlayRoot, "//"));
    }

    @Test
    void withoutACgroup2MountOnlyPathsWithHandlesResolve() {
        FakeKernel kernel = new FakeKernel().handle(".", "/sys/fs/cgroup/cpu", ROOT, 8);
        assertEquals(refused("Failed to find cgroup2 mount"), lookUp("none", kernel, "/system.slice"));
        assertEquals(CgroupLookup.found(ROOT), lookUp("none", kernel, "/sys/fs/cgroup/cpu"));
        assertEquals(refused("Failed to open mounts file: No such file or directory\nFailed to find cgroup2 mount"),
                lookUp("no-such-table", kernel, "/system.slice"));
    }

    @Test
    void aMountThatDoesNotOpenOrAHandleOfAnotherSizeIsRefused() {
        assertEquals(refused("Failed to open cgroup2 mount"), lookUp("hybrid", new FakeKernel(), "/web.slice"));
        FakeKernel fourBytes = hybrid().handle(".", "/tmp/odd", 7, 4);
        assertEquals(refused("Invalid size of cgroup2 ID"), lookUp("hybrid", fourBytes, "/tmp/odd"));
        FakeKernel zero = hybrid().handle(".", "/zero", 0, 8);
        assertEquals(refused(""), lookUp("hybrid", zero, "/zero"));
    }

    /** After -N, ss sees a fresh sysfs on /sys: no handle there, and no cgroup2 mount below it. */
    @Test
    void afterNetnsSwitchSysHoldsNoCgroup() {
        MountTable hybrid = new MountTable(MOUNTS.resolve("hybrid"), false).afterNetnsSwitch();
        assertEquals(refused("Failed to find cgroup2 mount"), lookUp(hybrid, hybrid(), "/sys/fs/cgroup/unified"));
        assertEquals(refused("Failed to find cgroup2 mount"), lookUp(hybrid, hybrid(), "/web.slice"));
        assertEquals(CgroupLookup.found(2), lookUp(hybrid, hybrid(), "/"), "outside /sys, handles are the host's");
        MountTable unified = new MountTable(MOUNTS.resolve("unified"), false).afterNetnsSwitch();
        FakeKernel elsewhere = new FakeKernel().mount("/run/cgroup2").handle("/run/cgroup2", "web.slice", WEB, 8);
        assertEquals(CgroupLookup.found(WEB), lookUp(unified, elsewhere, "/web.slice"),
                "a cgroup2 mount outside /sys stays");
    }
}
