package io.sockscope.names;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * cgroup id → the path ss prints for it ({@code cg_id_to_path}): the directory's path below the cgroup2 mount,
 * {@code /} for the root, or {@code unreachable:ID} (ID in hex) for an id no directory has.
 *
 * <p>A cgroup's id is the inode number of its directory, so the map is built by walking the first cgroup2 mount
 * listed in the mounts file ({@link CgroupDirectories}: as ss does, without crossing into other file systems, and
 * skipping directories it cannot read). The walk happens on the first lookup, not before: listings without
 * {@code -e} or {@code --cgroup} never pay for it. ss asks the kernel about an id the walk did not see; this class
 * walks once more instead, at most once, so a cgroup created after the first walk is still found. Where no cgroup2 is
 * mounted (as inside {@code ip netns exec}, which remounts /sys) every id is unreachable, as in ss.
 *
 * <p>File names are kept as their UTF-8 bytes, one char per byte, the form the table writer prints byte for
 * byte. Not thread-safe: one instance serves one listing.
 */
public final class CgroupPaths implements LongFunction<String> {
    private final MountTable mounts;
    private Map<Long, String> paths;
    private boolean walkedAgain;

    /** @param mounts the mount table as ss sees it ({@link MountTable#PROC}, or after {@code -N}) */
    public CgroupPaths(MountTable mounts) {
        this.mounts = mounts;
    }

    @Override
    public String apply(long id) {
        if (paths == null) {
            paths = walk();
        }
        String path = paths.get(id);
        if (path == null && !walkedAgain) {
            walkedAgain = true;
            paths = walk();
            path = paths.get(id);
        }
        return path != null ? path : "unreachable:" + Long.toHexString(id);
    }

    /** The mount point of the first cgroup2 file system in the mounts table, or null. */
    String cgroup2Mount() {
        try {
            return mounts.cgroup2Mount();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Map<Long, String> walk() {
        String mount = cgroup2Mount();
        if (mount == null) {
            return new HashMap<>();
        }
        Map<Long, String> found;
        try {
            found = CgroupDirectories.walk(Path.of(mount));
        } catch (InvalidPathException e) {
            return new HashMap<>();
        }
        found.replaceAll((id, path) -> asBytes(path));
        return found;
    }

    /** The path's UTF-8 bytes, one char per byte, as the table writer prints them. */
    private static String asBytes(String path) {
        return new String(path.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
