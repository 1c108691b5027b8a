package io.sockscope.names;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * The directories of a cgroup2 hierarchy by cgroup id. A cgroup's id is the inode number of its directory (the
 * kernfs node id the kernel reports as {@code INET_DIAG_CGROUP_ID} on 64-bit machines), so one walk of the mount
 * maps every id to its path below the mount: {@code /} for the mount itself, {@code /system.slice/app.service}
 * below it, as Java strings of the file names.
 *
 * <p>The walk stays on the mount's file system and skips directories it cannot read; what was found before a
 * failure is kept, so a hierarchy that changes while it is walked yields what could be seen. Callers decide when
 * to walk and what to cache: {@link CgroupPaths} for the listing's {@code cgroup:} column, the attribution of
 * sockets to workloads for its own lookups.
 */
public final class CgroupDirectories {
    private CgroupDirectories() {
    }

    /**
     * Walks the hierarchy mounted at {@code mount}.
     *
     * @return cgroup id → path below the mount; empty when the mount cannot be read
     */
    public static Map<Long, String> walk(Path mount) {
        Map<Long, String> found = new HashMap<>();
        try {
            Object rootDevice = Files.getAttribute(mount, "unix:dev");
            Files.walkFileTree(mount, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    Map<String, Object> unix = Files.readAttributes(dir, "unix:dev,ino");
                    if (!rootDevice.equals(unix.get("dev"))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    found.putIfAbsent(((Number) unix.get("ino")).longValue(), relative(mount, dir));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            // What was found before the failure stays usable; the rest is unknown.
        }
        return found;
    }

    private static String relative(Path mount, Path dir) {
        return dir.equals(mount) ? "/" : "/" + mount.relativize(dir);
    }
}
