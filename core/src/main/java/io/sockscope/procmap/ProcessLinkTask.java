package io.sockscope.procmap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The links {@link ProcessLinkScanner} reads of one process: its link at the given place, then its
 * {@code fd/} directory, split into chunks of {@link TaskScan#CHUNK} descriptors that any worker may read, each
 * chunk keeping what the filter keeps in a slot of its own. The worker finishing the last chunk closes the
 * directory.
 */
final class ProcessLinkTask {
    private final int pid;
    private final String processLink;
    private final ProcessLinkScanner.TargetFilter filter;
    private final AtomicInteger chunksLeft = new AtomicInteger();
    private String processTarget;
    private boolean refused;
    private FdDirectory directory;
    private IntList fds;
    /** Per chunk, the descriptor links it kept, or null when it kept none. */
    private List<ProcessLinkScanner.DescriptorLink>[] kept;

    ProcessLinkTask(int pid, String processLink, ProcessLinkScanner.TargetFilter filter) {
        this.pid = pid;
        this.processLink = processLink;
        this.filter = filter;
    }

    int pid() {
        return pid;
    }

    /** The process's link, or null when it could not be read; valid once the scan is over. */
    String processTarget() {
        return processTarget;
    }

    /** Whether reading this process was refused for want of permission; valid once the scan is over. */
    boolean refused() {
        return refused || (directory != null && directory.isForbidden());
    }

    /** Adds the kept descriptor links, in listing order; once the scan is over. */
    void addKeptTo(List<ProcessLinkScanner.DescriptorLink> into) {
        if (kept == null) {
            return;
        }
        for (List<ProcessLinkScanner.DescriptorLink> chunk : kept) {
            if (chunk != null) {
                into.addAll(chunk);
            }
        }
    }

    /** Reads the process's link, lists its fd directory and reads the first chunk, queueing the others. */
    @SuppressWarnings("unchecked") // an array of lists: one slot per chunk, written by one worker each
    void start(ProcSession session, WorkQueue queue) {
        byte[] target = new byte[ProcessLinkScanner.TARGET_BYTES];
        int length = session.readProcessLink(pid, processLink, target);
        if (length < 0) {
            refused = NativeProcTree.isPermissionDenied(-length);
            return;
        }
        processTarget = new String(target, 0, length, StandardCharsets.ISO_8859_1);
        if (filter == null) {
            return;
        }
        directory = session.openFdDirectory(pid);
        if (directory == null) {
            return; // exited since its link was read
        }
        fds = directory.fds();
        int count = fds.size();
        if (count == 0) {
            session.closeFdDirectory(directory);
            return;
        }
        int chunks = (count + TaskScan.CHUNK - 1) / TaskScan.CHUNK;
        kept = (List<ProcessLinkScanner.DescriptorLink>[]) new List<?>[chunks];
        chunksLeft.set(chunks);
        for (int chunk = chunks - 1; chunk >= 1; chunk--) {
            int index = chunk;
            queue.pushFront(worker -> readChunk(worker, index, Math.min(count, (index + 1) * TaskScan.CHUNK)));
        }
        readChunk(session, 0, Math.min(count, TaskScan.CHUNK));
    }

    private void readChunk(ProcSession session, int chunk, int to) {
        byte[] target = new byte[ProcessLinkScanner.TARGET_BYTES];
        List<ProcessLinkScanner.DescriptorLink> found = null;
        try {
            for (int i = chunk * TaskScan.CHUNK; i < to && !directory.isForbidden(); i++) {
                found = readLink(session, fds.get(i), target, found);
            }
        } finally {
            kept[chunk] = found;
            // The decrement publishes this chunk's slot to the worker that finishes last, which closes the directory.
            if (chunksLeft.decrementAndGet() == 0) {
                session.closeFdDirectory(directory);
            }
        }
    }

    /** Reads one descriptor's link; a call per link, for the JIT (docs/startup.md). */
    private List<ProcessLinkScanner.DescriptorLink> readLink(ProcSession session, int fd, byte[] target,
                                                             List<ProcessLinkScanner.DescriptorLink> found) {
        int length = session.readLink(directory, fd, target);
        if (length <= 0 || !filter.keeps(target, length)) {
            return found;
        }
        List<ProcessLinkScanner.DescriptorLink> into = found == null ? new ArrayList<>(2) : found;
        into.add(new ProcessLinkScanner.DescriptorLink(pid, fd,
                new String(target, 0, length, StandardCharsets.ISO_8859_1)));
        return into;
    }
}
