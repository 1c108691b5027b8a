package io.sockscope.procmap;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one scan of a {@link ProcTree} on the calling thread plus {@code parallelism - 1} helper threads
 * ({@link ScanWorkers}), then puts the results together in ss's scan order. Work is handed out process by
 * process, and large fd directories are split so that one process holding most sockets still keeps every
 * thread busy. Since every result lands in a slot fixed by its place in the listings, the order of the index
 * does not depend on which thread read what, or when.
 */
final class ParallelScan implements ScanWorkers.Producer {
    /** Slots per {@link #addEntries} call; see there. */
    private static final int ENTRIES_PER_CALL = 64;

    private final ProcTree tree;
    private final ScanRequest request;
    private final int parallelism;
    private final WorkQueue queue = new WorkQueue();
    private final List<ProcessScan> processes = new ArrayList<>();

    ParallelScan(ProcTree tree, ScanRequest request, int parallelism) {
        this.tree = tree;
        this.request = request;
        this.parallelism = Math.max(1, parallelism);
    }

    /** Runs the scan; an instance runs once. */
    OwnerIndex run() {
        ScanWorkers.run(tree, queue, parallelism, this);
        return assemble(processes);
    }

    @Override
    public void queueFirstItems(ProcSession session) {
        IntList pids = session.listProcesses();
        for (int i = 0; i < pids.size(); i++) {
            if (pids.get(i) == request.excludedPid()) {
                continue;
            }
            ProcessScan process = new ProcessScan(pids.get(i), request);
            processes.add(process);
            queue.pushBack(worker -> process.run(worker, queue));
        }
    }

    private static OwnerIndex assemble(List<ProcessScan> processes) {
        // Count first so that the builder's arrays are allocated once, at their final size.
        int entries = 0;
        int tasks = 0;
        for (ProcessScan process : processes) {
            for (TaskScan task : process.tasks()) {
                int found = task.socketCount();
                entries += found;
                tasks += found > 0 ? 1 : 0;
            }
        }
        OwnerIndexBuilder builder = new OwnerIndexBuilder(entries, tasks);
        for (ProcessScan process : processes) {
            for (TaskScan task : process.tasks()) {
                if (task.socketCount() == 0) {
                    continue;
                }
                int number = builder.addTask(task.pid(), task.tid(), task.command());
                for (int from = 0, n = task.slots(); from < n; from += ENTRIES_PER_CALL) {
                    addEntries(builder, number, task, from, Math.min(n, from + ENTRIES_PER_CALL));
                }
            }
        }
        return builder.build();
    }

    /** Adds the sockets of slots {@code from} to {@code to} of a task: a call per few slots (docs/startup.md). */
    private static void addEntries(OwnerIndexBuilder builder, int number, TaskScan task, int from, int to) {
        for (int i = from; i < to; i++) {
            int inode = task.inodeAt(i);
            if (inode != 0) {
                builder.addEntry(number, inode, task.fdAt(i));
            }
        }
    }
}
