package io.sockscope.procmap;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * One numeric entry of the root: the process's own fd directory and, when threads are asked for, each
 * other task listed in {@code <root>/<pid>/task}, kept in the order ss visits them.
 */
final class ProcessScan {
    private final int pid;
    private final boolean threads;
    private final LongPredicate wanted;
    private final List<TaskScan> tasks = new ArrayList<>(1);

    ProcessScan(int pid, boolean threads, LongPredicate wanted) {
        this.pid = pid;
        this.threads = threads;
        this.wanted = wanted;
    }

    void run(ProcSession session, WorkQueue queue) {
        TaskScan main = new TaskScan(pid, pid, wanted);
        tasks.add(main);
        if (threads) {
            IntList tids = session.listThreads(pid);
            for (int i = 0; i < tids.size(); i++) {
                int tid = tids.get(i);
                if (tid != pid) {
                    TaskScan thread = new TaskScan(pid, tid, wanted);
                    tasks.add(thread);
                    queue.pushFront(worker -> thread.start(worker, queue));
                }
            }
        }
        main.start(session, queue);
    }

    /** The tasks in visiting order; complete once the scan is over. */
    List<TaskScan> tasks() {
        return tasks;
    }
}
