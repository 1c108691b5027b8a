package io.sockscope.procmap;

import io.sockscope.model.Owner;
import io.sockscope.model.ProcessName;

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

    /** Ints per entry in {@link #chains}: task, fd, next entry of the same inode (-1 ends the chain). */
    static final int ENTRY_INTS = 3;

    /**
     * Open addressing, each slot two ints side by side, (inode bits, first entry), so that a lookup touches
     * one cache line where two arrays would cost two misses; the same for the entries. 0 marks a free slot.
     */
    private final int[] slots;
    private final int mask;
    private final int[] chains;
    private final int[] entryInodes;
    private final int[] taskPids;
    private final int[] taskTids;
    private final ProcessName[] taskCommands;

    OwnerIndex(int[] slots, int[] chains, int[] entryInodes, int[] taskPids, int[] taskTids,
               ProcessName[] taskCommands) {
        this.slots = slots;
        this.mask = slots.length / 2 - 1;
        this.chains = chains;
        this.entryInodes = entryInodes;
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
        int next = chains[ENTRY_INTS * head + 2];
        if (next < 0) {
            // Nearly every socket has one owner.
            return List.of(owner(head));
        }
        int count = 1;
        for (int e = next; e >= 0; e = chains[ENTRY_INTS * e + 2]) {
            count++;
        }
        Owner[] owners = new Owner[count];
        int i = 0;
        for (int e = head; e >= 0; e = chains[ENTRY_INTS * e + 2]) {
            owners[i++] = owner(e);
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
        for (int e = 0; e < entryInodes.length; e++) {
            visitor.visit(Integer.toUnsignedLong(entryInodes[e]), owner(e));
        }
    }

    /**
     * The highest socket inode found, or 0 when none was. The kernel numbers socket inodes from a counter
     * that only grows (handed out to each processor in batches of 1024), so a socket missing from this index
     * whose inode is well below this one already existed when the scan ran.
     */
    public long highestInode() {
        long highest = 0;
        for (int bits : entryInodes) {
            highest = Math.max(highest, Integer.toUnsignedLong(bits));
        }
        return highest;
    }

    /** The number of (socket, descriptor) pairs found. */
    public int size() {
        return entryInodes.length;
    }

    private Owner owner(int e) {
        int task = chains[ENTRY_INTS * e];
        return new Owner(taskCommands[task], taskPids[task], taskTids[task], chains[ENTRY_INTS * e + 1]);
    }

    private int headOf(long inode) {
        if (inode <= 0 || inode > 0xFFFF_FFFFL) {
            return -1;
        }
        int key = (int) inode;
        for (int slot = OwnerIndexBuilder.slotOf(key, mask); ; slot = (slot + 1) & mask) {
            int found = slots[2 * slot];
            if (found == key) {
                return slots[2 * slot + 1];
            }
            if (found == 0) {
                return -1;
            }
        }
    }
}
