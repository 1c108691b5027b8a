package io.sockscope.procmap;

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
    private String command = "";
    /** Counted once all chunks are in; -1 until then. */
    private int socketCount = -1;

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
        try {
            for (int i = from; i < to && !directory.isForbidden(); i++) {
                long inode = session.socketInode(directory, fds.get(i));
                if (inode != 0 && wanted.test(inode)) {
                    inodes[i] = (int) inode;
                }
            }
        } finally {
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

    private boolean hasSockets() {
        return socketCount() > 0;
    }

    /** The number of wanted sockets found; valid once the scan is over (or from the last chunk's worker). */
    int socketCount() {
        if (inodes == null) {
            return 0;
        }
        if (socketCount < 0) {
            int count = 0;
            for (int inode : inodes) {
                count += inode != 0 ? 1 : 0;
            }
            socketCount = count;
        }
        return socketCount;
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

    String command() {
        return command;
    }
}
