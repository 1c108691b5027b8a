package io.sockscope.procmap;

import io.sockscope.model.Owner;

import java.util.List;

/**
 * Which processes hold each socket, as found by one {@link OwnerScanner} scan: a snapshot that never
 * changes. {@link #owners(long)} lists them in the order ss 6.1 prints them in {@code users:(...)}, which is
 * the reverse of the order the scan met them (root listing order, then, per process, its own fd directory
 * followed by each of its other threads' fd directories when threads were scanned, each in listing order).
 * Safe to share between threads.
 */
public final class OwnerIndex {
    private static final OwnerIndex EMPTY = new OwnerIndexBuilder().build();

    private final int[] slotInodes;
    private final int[] slotHeads;
    private final int mask;
    private final int[] entryInodes;
    private final int[] entryFds;
    private final int[] entryTasks;
    private final int[] entryNext;
    private final int[] taskPids;
    private final int[] taskTids;
    private final String[] taskCommands;

    OwnerIndex(int[] slotInodes, int[] slotHeads, int[] entryInodes, int[] entryFds, int[] entryTasks,
               int[] entryNext, int[] taskPids, int[] taskTids, String[] taskCommands) {
        this.slotInodes = slotInodes;
        this.slotHeads = slotHeads;
        this.mask = slotInodes.length - 1;
        this.entryInodes = entryInodes;
        this.entryFds = entryFds;
        this.entryTasks = entryTasks;
        this.entryNext = entryNext;
        this.taskPids = taskPids;
        this.taskTids = taskTids;
        this.taskCommands = taskCommands;
    }

    /** An index with no owners, for runs that do not scan. */
    public static OwnerIndex empty() {
        return EMPTY;
    }

    /**
     * Every descriptor found holding socket {@code inode}, in ss's printing order; empty when there is none,
     * and always for inode 0 (time-wait and request sockets), which ss never looks up.
     */
    public List<Owner> owners(long inode) {
        int head = headOf(inode);
        if (head < 0) {
            return List.of();
        }
        int count = 0;
        for (int e = head; e >= 0; e = entryNext[e]) {
            count++;
        }
        Owner[] owners = new Owner[count];
        int i = 0;
        for (int e = head; e >= 0; e = entryNext[e]) {
            int task = entryTasks[e];
            owners[i++] = new Owner(taskCommands[task], taskPids[task], taskTids[task], entryFds[e]);
        }
        return List.of(owners);
    }

    /** Whether any descriptor holds socket {@code inode}; cheaper than {@link #owners(long)}. */
    public boolean hasOwners(long inode) {
        return headOf(inode) >= 0;
    }

    /** Receives the entries of an index, see {@link #forEach}. */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(long inode, Owner owner);
    }

    /**
     * Gives every (socket, owner) pair to {@code visitor} in the order the scan met them (the reverse of
     * {@link #owners(long)}'s order for any one socket): for tallies such as sockets per process.
     */
    public void forEach(EntryVisitor visitor) {
        for (int e = 0; e < entryFds.length; e++) {
            int task = entryTasks[e];
            visitor.visit(Integer.toUnsignedLong(entryInodes[e]),
                    new Owner(taskCommands[task], taskPids[task], taskTids[task], entryFds[e]));
        }
    }

    /** The number of (socket, descriptor) pairs found. */
    public int size() {
        return entryFds.length;
    }

    private int headOf(long inode) {
        if (inode <= 0 || inode > 0xFFFF_FFFFL) {
            return -1;
        }
        int key = (int) inode;
        for (int slot = OwnerIndexBuilder.slotOf(key, mask); ; slot = (slot + 1) & mask) {
            int found = slotInodes[slot];
            if (found == key) {
                return slotHeads[slot];
            }
            if (found == 0) {
                return -1;
            }
        }
    }
}
