package io.sockscope.attribution;

import io.sockscope.names.CgroupDirectories;

import java.nio.file.Path;
import java.util.Map;

/**
 * cgroup id → path below the cgroup2 mount, from one walk of the mount ({@link CgroupDirectories}) made on the
 * first lookup. An id the walk did not see makes one more walk, once in the life of the instance, so that a
 * cgroup made after the first walk (a container started since) is found, and a socket whose cgroup is gone
 * (it outlives the cgroup it was made in) does not make every lookup walk again. Safe for use by several
 * threads: a walk replaces the map whole, and at most one thread walks at a time.
 */
final class CgroupIndex {
    private final Path mount;
    private volatile Map<Long, String> paths;
    private boolean walkedAgain;

    /** @param mount the cgroup2 mount, or null when there is none (every id is then unknown) */
    CgroupIndex(Path mount) {
        this.mount = mount;
    }

    /** The path of cgroup {@code id}, or null when no directory has it. */
    String pathOf(long id) {
        Map<Long, String> known = paths;
        if (known == null) {
            known = firstWalk();
        }
        String path = known.get(id);
        return path != null ? path : afterWalkingAgain(id);
    }

    private synchronized Map<Long, String> firstWalk() {
        if (paths == null) {
            paths = walk();
        }
        return paths;
    }

    private synchronized String afterWalkingAgain(long id) {
        // Another thread's walk may have found it meanwhile.
        String path = paths.get(id);
        if (path == null && !walkedAgain) {
            walkedAgain = true;
            paths = walk();
            path = paths.get(id);
        }
        return path;
    }

    private Map<Long, String> walk() {
        return mount == null ? Map.of() : Map.copyOf(CgroupDirectories.walk(mount));
    }
}
