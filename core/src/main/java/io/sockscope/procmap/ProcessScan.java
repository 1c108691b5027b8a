package io.sockscope.procmap;

import java.util.ArrayList;
import java.util.List;

/**
 * One numeric entry of the root: the process's own fd directory and, when threads are asked for, each
 * other task listed in {@code <root>/<pid>/task}, kept in the order ss visits them.
 */
final class ProcessScan {
    private final int pid;
    private final ScanRequest request;
    private final List<TaskScan> tasks = new ArrayList<>(1);

    ProcessScan(int pid, ScanRequest request) {
        this.pid = pid;
        this.request = request;
    }

    void run(ProcSession session, WorkQueue queue) {
        TaskScan main = new TaskScan(pid, pid, request.wanted());
        tasks.add(main);
        if (request.includeThreads()) {
            IntList tids = session.listThreads(pid);
            for (int i = 0; i < tids.size(); i++) {
                int tid = tids.get(i);
                if (tid != pid) {
                    TaskScan thread = new TaskScan(pid, tid, request.wanted());
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
