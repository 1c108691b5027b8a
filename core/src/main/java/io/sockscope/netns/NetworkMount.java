package io.sockscope.netns;

import io.sockscope.names.MountInfo;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An nsfs bind mount of a network namespace, as mountinfo shows it: file system type {@code nsfs} and the
 * mount's root {@code net:[INODE]}. {@code ip netns add} makes one under {@code /run/netns}; other tools make them
 * anywhere ({@code unshare --net=FILE}, container runtimes under {@code /run/docker/netns} or
 * {@code /var/run/netns}), and such a mount alone keeps its namespace alive.
 *
 * @param inode      the namespace's inode
 * @param mountPoint where it is mounted
 */
record NetworkMount(long inode, Path mountPoint) {
    static final String NSFS = "nsfs";

    /** The network namespace mounts among {@code mounts} (of any type), in their order; other types are left out. */
    static List<NetworkMount> of(List<MountInfo> mounts) {
        List<NetworkMount> found = new ArrayList<>();
        for (MountInfo mount : mounts) {
            if (!mount.fileSystemType().equals(NSFS)) {
                continue;
            }
            long inode = NsfsName.networkInode(mount.root());
            if (inode == NsfsName.NONE) {
                continue; // another type of namespace: mnt:[…], uts:[…], …
            }
            try {
                found.add(new NetworkMount(inode, Path.of(mount.mountPoint())));
            } catch (InvalidPathException e) {
                // A mount point the JDK cannot name cannot be entered through a Path either.
            }
        }
        return found;
    }
}
