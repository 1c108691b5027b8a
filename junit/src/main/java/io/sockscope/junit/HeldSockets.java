package io.sockscope.junit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sockets a group of processes held through descriptors at one moment, by inode, each with the descriptors
 * that hold it. Immutable.
 */
final class HeldSockets {
    /** Where one process holds a socket. */
    record Descriptor(long pid, int fd) {
    }

    static final HeldSockets NONE = new HeldSockets(Map.of());

    private final Map<Long, List<Descriptor>> byInode;

    HeldSockets(Map<Long, List<Descriptor>> byInode) {
        this.byInode = Collections.unmodifiableMap(byInode);
    }

    Set<Long> inodes() {
        return byInode.keySet();
    }

    List<Descriptor> descriptors(long inode) {
        return byInode.getOrDefault(inode, List.of());
    }

    boolean isEmpty() {
        return byInode.isEmpty();
    }

    int size() {
        return byInode.size();
    }

    /**
     * {@return the sockets held now that were not held in {@code before}} Compared by inode, which is never reused
     * while a socket lives.
     */
    HeldSockets addedSince(HeldSockets before) {
        Map<Long, List<Descriptor>> added = new LinkedHashMap<>();
        for (Map.Entry<Long, List<Descriptor>> e : byInode.entrySet()) {
            if (!before.byInode.containsKey(e.getKey())) {
                added.put(e.getKey(), e.getValue());
            }
        }
        return added.isEmpty() ? NONE : new HeldSockets(added);
    }

    /** {@return these sockets but those whose inode is in {@code inodes}} */
    HeldSockets without(Set<Long> inodes) {
        Map<Long, List<Descriptor>> kept = new LinkedHashMap<>(byInode);
        kept.keySet().removeAll(inodes);
        return kept.isEmpty() ? NONE : new HeldSockets(kept);
    }

    /** {@return those of these sockets that are also held in {@code now}, with the descriptors {@code now} has} */
    HeldSockets stillHeldIn(HeldSockets now) {
        Map<Long, List<Descriptor>> kept = new LinkedHashMap<>();
        for (Long inode : byInode.keySet()) {
            List<Descriptor> d = now.byInode.get(inode);
            if (d != null) {
                kept.put(inode, d);
            }
        }
        return kept.isEmpty() ? NONE : new HeldSockets(kept);
    }

    @Override
    public String toString() {
        return byInode.toString();
    }
}
