package io.sockscope.netns;

import io.sockscope.model.Netns;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What discovery learnt of one network namespace so far, from every source: its names, the mount points that pin
 * it, the processes in it and the descriptors held open on it. {@link #build} chooses its name and entry.
 */
final class FoundNamespace {
    /** How many pids a {@link Netns} samples. */
    static final int PIDS_SAMPLED = 5;

    /** Names in byte order, as {@code ip netns list} sorts them, whatever the JVM's locale. */
    static int compareNames(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private final long inode;
    /** Files in the named-namespace directory, in listing order. */
    private final List<Path> names = new ArrayList<>(1);
    /** Other nsfs mount points, in mount order. */
    private final List<Path> mountPoints = new ArrayList<>(1);
    /** The lowest pids seen, ascending. */
    private final int[] lowestPids = new int[PIDS_SAMPLED];
    private int pidCount;
    /** The descriptor of the lowest (pid, fd) holding it open, or pid -1. */
    private int descriptorPid = -1;
    private int descriptorFd;
    /** The calling thread's own {@code ns/net}, when the namespace is the thread's. */
    private Path threadEntry;

    FoundNamespace(long inode) {
        this.inode = inode;
    }

    long inode() {
        return inode;
    }

    void addName(Path file) {
        names.add(file);
    }

    void addMountPoint(Path mountPoint) {
        if (!mountPoints.contains(mountPoint)) {
            mountPoints.add(mountPoint);
        }
    }

    /** Counts a process in the namespace; only the lowest {@link #PIDS_SAMPLED} are kept. */
    void addPid(int pid) {
        int at = pidCount;
        while (at > 0 && lowestPids[at - 1] > pid) {
            at--;
        }
        if (at >= PIDS_SAMPLED || (at > 0 && lowestPids[at - 1] == pid)) {
            return;
        }
        int kept = Math.min(pidCount, PIDS_SAMPLED - 1);
        System.arraycopy(lowestPids, at, lowestPids, at + 1, kept - at);
        lowestPids[at] = pid;
        pidCount = kept + 1;
    }

    void addDescriptor(int pid, int fd) {
        if (descriptorPid < 0 || pid < descriptorPid || (pid == descriptorPid && fd < descriptorFd)) {
            descriptorPid = pid;
            descriptorFd = fd;
        }
    }

    void setThreadEntry(Path entry) {
        threadEntry = entry;
    }

    /**
     * The namespace as found, or null when nothing found can enter it.
     *
     * @param procRoot the tree pids and descriptors are reached under
     */
    DiscoveredNamespace build(Path procRoot, boolean current) {
        Path named = null;
        for (Path file : names) {
            if (named == null || compareNames(file.getFileName().toString(), named.getFileName().toString()) < 0) {
                named = file;
            }
        }
        Path entry;
        if (named != null) {
            entry = named;
        } else if (!mountPoints.isEmpty()) {
            entry = mountPoints.getFirst();
        } else if (pidCount > 0) {
            entry = procRoot.resolve(Integer.toString(lowestPids[0])).resolve("ns").resolve("net");
        } else if (descriptorPid >= 0) {
            entry = procRoot.resolve(Integer.toString(descriptorPid)).resolve("fd")
                    .resolve(Integer.toString(descriptorFd));
        } else {
            entry = threadEntry;
        }
        if (entry == null) {
            return null;
        }
        String name = named == null ? null : named.getFileName().toString();
        return new DiscoveredNamespace(new Netns(inode, name, pidsSample()), entry, current);
    }

    /** The lowest {@link #PIDS_SAMPLED} pids seen, ascending. */
    List<Integer> pidsSample() {
        List<Integer> pids = new ArrayList<>(pidCount);
        for (int i = 0; i < pidCount; i++) {
            pids.add(lowestPids[i]);
        }
        return pids;
    }

    /**
     * The order of a discovery: the current namespace first, then named ones by name in byte order, then the
     * others by lowest pid, then the rest by inode. A class rather than a chain of lambdas: a fresh JVM links
     * each lambda it has not met before, at a millisecond or so apiece (docs/startup.md).
     */
    static final class Order implements Comparator<DiscoveredNamespace> {
        static final Order INSTANCE = new Order();

        @Override
        public int compare(DiscoveredNamespace a, DiscoveredNamespace b) {
            int byRank = Integer.compare(rank(a), rank(b));
            if (byRank != 0) {
                return byRank;
            }
            if (rank(a) == 1) {
                int byName = compareNames(a.netns().name(), b.netns().name());
                if (byName != 0) {
                    return byName;
                }
            } else if (rank(a) == 2) {
                int byPid = Integer.compare(a.netns().pidsSample().getFirst(), b.netns().pidsSample().getFirst());
                if (byPid != 0) {
                    return byPid;
                }
            }
            return Long.compare(a.netns().inode(), b.netns().inode());
        }

        private static int rank(DiscoveredNamespace found) {
            if (found.current()) {
                return 0;
            }
            if (found.netns().name() != null) {
                return 1;
            }
            return found.netns().pidsSample().isEmpty() ? 3 : 2;
        }
    }
}
