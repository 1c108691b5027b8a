package io.sockscope.inspect;

import io.sockscope.filter.FilterEnvironment.CgroupLookup;
import io.sockscope.kernel.Errno;
import io.sockscope.kernel.FileHandles;
import io.sockscope.names.MountTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * The cgroup id of a path in a {@code cgroup PATH} filter, found the way iproute2's {@code get_cgroup2_id} finds
 * it, so that sockscope accepts and refuses the paths ss accepts and refuses and matches the same sockets:
 * <ol>
 *   <li>the 8-byte file handle of the path as given (relative to the working directory): for a directory of a
 *       cgroup2 mount, wherever that is mounted, its cgroup id; a file of another file system that has 8-byte
 *       handles (ext4's {@code /}) gives an id no socket has, and the filter matches nothing;</li>
 *   <li>when there is no such handle, the path without its leading slashes under the first cgroup2 mount of
 *       the mount table ({@link MountTable}): {@code /system.slice} names
 *       {@code /sys/fs/cgroup/system.slice} on a unified host and {@code /sys/fs/cgroup/unified/system.slice}
 *       on a hybrid one, where {@code /sys/fs/cgroup} itself (a tmpfs) and its v1 controllers ({@code cpu})
 *       are no cgroup2 path at all.</li>
 * </ol>
 * After {@code -N} the table is seen as ss sees it then ({@link MountTable#afterNetnsSwitch()}): nothing under
 * {@code /sys} has a handle, and a cgroup2 mount there is gone. Each refusal comes with the line ss prints for it.
 */
public final class Cgroup2Ids {
    private static final int CGROUP_ID_SIZE = 8;

    /** The calls {@code get_cgroup2_id} makes, so that a test can answer them. */
    interface Kernel {
        /** {@code name_to_handle_at} with room for 8 bytes ({@link FileHandles#of}). */
        FileHandles.Handle handle(int dirfd, byte[] path);

        /** {@code open(path, O_RDONLY)}: a descriptor or -errno. */
        int open(byte[] path);

        void close(int fd);
    }

    private static final Kernel SYSTEM = new Kernel() {
        @Override
        public FileHandles.Handle handle(int dirfd, byte[] path) {
            return FileHandles.of(dirfd, path);
        }

        @Override
        public int open(byte[] path) {
            return FileHandles.openReadOnly(path);
        }

        @Override
        public void close(int fd) {
            FileHandles.close(fd);
        }
    };

    private final MountTable mounts;
    private final Kernel kernel;

    /** @param mounts the mount table as ss sees it ({@link MountTable#PROC}, or after {@code -N}) */
    public Cgroup2Ids(MountTable mounts) {
        this(mounts, SYSTEM);
    }

    Cgroup2Ids(MountTable mounts, Kernel kernel) {
        this.mounts = mounts;
        this.kernel = kernel;
    }

    /** The cgroup id {@code path} names, or why it names none. */
    public CgroupLookup idOf(String path) {
        // In the fresh sysfs ss mounts for -N every file answers EOPNOTSUPP, whatever the host's /sys holds.
        FileHandles.Handle direct = mounts.inFreshSys(path) ? new FileHandles.Handle(0, 0, Errno.EOPNOTSUPP)
                : kernel.handle(FileHandles.AT_FDCWD, path.getBytes(StandardCharsets.UTF_8));
        if (direct.found()) {
            return id(direct);
        }
        String relative = path;
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        if (relative.isEmpty()) {
            return CgroupLookup.missing("Invalid cgroup2 path");
        }
        String mount;
        try {
            mount = mounts.cgroup2Mount();
        } catch (IOException | RuntimeException e) {
            return CgroupLookup.missing("Failed to open mounts file: " + reason(e) + "\nFailed to find cgroup2 mount");
        }
        if (mount == null) {
            return CgroupLookup.missing("Failed to find cgroup2 mount");
        }
        // The table is read as Latin-1, one char per byte: these are the bytes it holds.
        int fd = kernel.open(mount.getBytes(StandardCharsets.ISO_8859_1));
        if (fd < 0) {
            return CgroupLookup.missing("Failed to open cgroup2 mount");
        }
        try {
            FileHandles.Handle below = kernel.handle(fd, relative.getBytes(StandardCharsets.UTF_8));
            if (!below.found()) {
                return CgroupLookup.missing("Failed to get cgroup2 ID: " + Errno.message(below.errno()));
            }
            return id(below);
        } finally {
            kernel.close(fd);
        }
    }

    private static CgroupLookup id(FileHandles.Handle handle) {
        if (handle.length() != CGROUP_ID_SIZE) {
            return CgroupLookup.missing("Invalid size of cgroup2 ID");
        }
        // A zero handle is refused too, without a word (ss takes 0 for "no id").
        return handle.value() == 0 ? CgroupLookup.missing("") : CgroupLookup.found(handle.value());
    }

    private static String reason(Exception e) {
        return switch (e) {
            case NoSuchFileException _ -> Errno.message(Errno.ENOENT);
            case AccessDeniedException _ -> Errno.message(Errno.EACCES);
            default -> String.valueOf(e.getMessage());
        };
    }
}
