package io.sockscope.diagnose;

import io.sockscope.model.Owner;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which processes hold which sockets. */
public interface OwnerProvider {
    /**
     * The owners of the sockets with these inodes (inodes nobody visible holds are absent from the map).
     */
    Owners owners(Set<Long> inodes) throws ProviderException;

    /**
     * What a scan found.
     *
     * @param byInode    owners per socket inode, in ss's order
     * @param limitation why some owners may be missing (for example "not running as root: only the processes of
     *                   uid 1000 can be inspected"), or null when every process could be inspected
     */
    record Owners(Map<Long, List<Owner>> byInode, String limitation) {
        public Owners {
            byInode = Map.copyOf(byInode);
        }
    }
}
