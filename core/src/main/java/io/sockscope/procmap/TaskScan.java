package io.sockscope.procmap;

import io.sockscope.model.ProcessName;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;

/**
 * The sockets one task holds: the links of {@code <root>/<tid>/fd}, read in listing order, and the task's
 * command name, read only when at least one wanted socket was found (as ss reads it only then). A large
 * directory is split into chunks that any worker may read; each chunk writes its own slice of the
 * result, and the worker finishing the last chunk closes the directory and reads the name.
 */
final class TaskScan {
    /** Descriptors per work item: large enough to make queueing negligible, small enough to share. */
    static final int CHUNK = 1024;

    private final int pid;
    private final int tid;
    private final LongPredicate wanted;
    private final AtomicInteger chunksLeft = new AtomicInteger();
    private FdDirectory directory;
    private IntList fds;
    /** Per listed descriptor, the wanted socket inode it holds (as unsigned int bits), 0 if none. */
    private int[] inodes;
    private ProcessName command = ProcessName.EMPTY;
    /** Wanted sockets found so far, added chunk by chunk. */
    private final AtomicInteger sockets = new AtomicInteger();

    TaskScan(int pid, int tid, LongPredicate wanted) {
        this.pid = pid;
        this.tid = tid;
        this.wanted = wanted;
    }

    int pid() {
        return pid;
    }

    int tid() {
        return tid;
    }

    /** Lists the fd directory and reads the first chunk, queueing the others for whoever is free. */
    void start(ProcSession session, WorkQueue queue) {
        directory = session.openFdDirectory(tid);
        if (directory == null) {
            return;
        }
        fds = directory.fds();
        int count = fds.size();
        if (count == 0) {
            session.closeFdDirectory(directory);
            return;
        }
        inodes = new int[count];
        int chunks = (count + CHUNK - 1) / CHUNK;
        chunksLeft.set(chunks);
        for (int chunk = chunks - 1; chunk >= 1; chunk--) {
            int from = chunk * CHUNK;
            queue.pushFront(worker -> readChunk(worker, from, Math.min(count, from + CHUNK)));
        }
        readChunk(session, 0, Math.min(count, CHUNK));
    }

    private void readChunk(ProcSession session, int from, int to) {
        int found = 0;
        try {
            for (int i = from; i < to && !directory.isForbidden(); i++) {
                found += readLink(session, i);
            }
        } finally {
            sockets.addAndGet(found);
            // The decrement publishes this chunk's slice to the worker that finishes last, which closes the
            // directory even if a chunk failed.
            if (chunksLeft.decrementAndGet() == 0) {
                session.closeFdDirectory(directory);
                if (hasSockets()) {
                    command = session.readCommand(tid);
                }
            }
        }
    }

    /** Reads link {@code i}; returns 1 when it is a wanted socket. A call per link, for the JIT (docs/startup.md). */
    private int readLink(ProcSession session, int i) {
        long inode = session.socketInode(directory, fds.get(i));
        if (inode != 0 && wanted.test(inode)) {
            inodes[i] = (int) inode;
            return 1;
        }
        return 0;
    }

    private boolean hasSockets() {
        return socketCount() > 0;
    }

    /** The number of wanted sockets found; valid once the scan is over (or from the last chunk's worker). */
    int socketCount() {
        return sockets.get();
    }

    /** Number of descriptor slots listed; valid once the scan is over. */
    int slots() {
        return inodes == null ? 0 : inodes.length;
    }

    /** The socket inode in slot {@code i} as unsigned int bits, or 0. */
    int inodeAt(int i) {
        return inodes[i];
    }

    int fdAt(int i) {
        return fds.get(i);
    }

    ProcessName command() {
        return command;
    }
}
