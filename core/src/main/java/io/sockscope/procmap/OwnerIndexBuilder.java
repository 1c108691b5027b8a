package io.sockscope.procmap;

import io.sockscope.model.ProcessName;

import java.util.Arrays;

/**
 * Assembles an {@link OwnerIndex} from (task, descriptor, inode) entries given in scan order. Like ss,
 * each entry is put in front of the ones already known for its inode, so reading a chain from its head
 * gives ss's order. Inodes are kept as unsigned int bits in an open-addressing table where 0 marks a free
 * slot (inode 0 is never stored).
 */
final class OwnerIndexBuilder {
    private int[] entryInodes;
    private int[] entryFds;
    private int[] entryTasks;
    private int entries;
    private int[] taskPids;
    private int[] taskTids;
    private ProcessName[] taskCommands;
    private int tasks;

    OwnerIndexBuilder() {
        this(64, 16);
    }

    /** A builder sized for the given numbers, which saves regrowing arrays of a large scan. */
    OwnerIndexBuilder(int expectedEntries, int expectedTasks) {
        entryInodes = new int[Math.max(1, expectedEntries)];
        entryFds = new int[Math.max(1, expectedEntries)];
        entryTasks = new int[Math.max(1, expectedEntries)];
        taskPids = new int[Math.max(1, expectedTasks)];
        taskTids = new int[Math.max(1, expectedTasks)];
        taskCommands = new ProcessName[Math.max(1, expectedTasks)];
    }

    /** Starts a task whose entries follow; returns its number. */
    int addTask(int pid, int tid, ProcessName command) {
        if (tasks == taskPids.length) {
            taskPids = Arrays.copyOf(taskPids, tasks * 2);
            taskTids = Arrays.copyOf(taskTids, tasks * 2);
            taskCommands = Arrays.copyOf(taskCommands, tasks * 2);
        }
        taskPids[tasks] = pid;
        taskTids[tasks] = tid;
        taskCommands[tasks] = command;
        return tasks++;
    }

    /** Records that descriptor {@code fd} of task {@code task} holds the socket {@code inode} (non-zero bits). */
    void addEntry(int task, int inode, int fd) {
        if (entries == entryFds.length) {
            entryInodes = Arrays.copyOf(entryInodes, entries * 2);
            entryFds = Arrays.copyOf(entryFds, entries * 2);
            entryTasks = Arrays.copyOf(entryTasks, entries * 2);
        }
        entryInodes[entries] = inode;
        entryFds[entries] = fd;
        entryTasks[entries] = task;
        entries++;
    }

    OwnerIndex build() {
        // A load of at most three quarters: lookups stay short and the zeroing of large tables stays cheap.
        int capacity = Integer.highestOneBit(Math.max(16, entries + entries / 3 + 1) - 1) << 1;
        int[] slots = new int[2 * capacity];
        int[] chains = new int[OwnerIndex.ENTRY_INTS * entries];
        for (int e = 0; e < entries; e++) {
            link(e, slots, chains);
        }
        return new OwnerIndex(slots, chains, trim(entryInodes, entries), trim(taskPids, tasks), trim(taskTids, tasks),
                tasks == taskCommands.length ? taskCommands : Arrays.copyOf(taskCommands, tasks));
    }

    /** Puts entry {@code e} in front of its inode's chain; a method of its own for the JIT (docs/startup.md). */
    private void link(int e, int[] slots, int[] chains) {
        int mask = slots.length / 2 - 1;
        int key = entryInodes[e];
        int slot = slotOf(key, mask);
        while (slots[2 * slot] != 0 && slots[2 * slot] != key) {
            slot = (slot + 1) & mask;
        }
        int at = OwnerIndex.ENTRY_INTS * e;
        chains[at] = entryTasks[e];
        chains[at + 1] = entryFds[e];
        if (slots[2 * slot] == 0) {
            slots[2 * slot] = key;
            chains[at + 2] = -1;
        } else {
            chains[at + 2] = slots[2 * slot + 1];
        }
        slots[2 * slot + 1] = e;
    }

    private static int[] trim(int[] values, int length) {
        return length == values.length ? values : Arrays.copyOf(values, length);
    }

    /** Home slot of an inode: a multiplicative hash, since socket inodes are handed out consecutively. */
    static int slotOf(int inode, int mask) {
        return (inode * 0x9E3779B9 >>> 16 ^ inode * 0x9E3779B9) & mask;
    }
}
