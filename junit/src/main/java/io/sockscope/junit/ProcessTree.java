package io.sockscope.junit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The descendants of a process, found through each thread's {@code /proc/PID/task/TID/children}: a small read per
 * thread, where {@link ProcessHandle#descendants()} reads the status of every process on the host (several times as
 * long on a quiet machine, and it grows with the host). A kernel without that file ({@code CONFIG_PROC_CHILDREN})
 * gets the JDK's walk. A process that exits during the walk is simply not there.
 *
 * <p>Even those reads cost some 10 µs per thread, twice a test. So the walk is skipped while no process or thread
 * has been created in this PID namespace since the last one: the last PID the kernel allocated ({@code /proc/loadavg},
 * fifth field) is then unchanged, and no new descendant can exist; the last walk's answer stands (a descendant that
 * exited since is simply not found when its descriptors are read). Safe to share between threads.
 */
final class ProcessTree {
    /** A walk, and the last PID allocated before it began. */
    private record Walk(long root, String lastPid, List<Long> descendants) {
    }

    private final Path proc;
    private final boolean childrenFiles;
    private final AtomicReference<Walk> lastWalk = new AtomicReference<>();

    ProcessTree(Path proc) {
        this.proc = proc;
        this.childrenFiles = Files.isReadable(proc.resolve("self/task").resolve(threadId()).resolve("children"));
    }

    private static String threadId() {
        // The calling thread's own task directory exists for as long as this call: a safe one to test.
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return String.valueOf(ProcessHandle.current().pid());
        }
    }

    /** {@return the process ids of every descendant of {@code pid}, parents before their children} */
    List<Long> descendantsOf(long pid) {
        if (!childrenFiles) {
            return ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants).map(ProcessHandle::pid).toList();
        }
        // Read before the walk: a process made during it changes the value, and the next call walks again.
        String lastPid = lastPidAllocated();
        Walk last = lastWalk.get();
        if (last != null && lastPid != null && last.root() == pid && last.lastPid().equals(lastPid)) {
            return last.descendants();
        }
        List<Long> found = walk(pid);
        if (lastPid != null) {
            lastWalk.set(new Walk(pid, lastPid, found));
        }
        return found;
    }

    private String lastPidAllocated() {
        try {
            String[] fields = Files.readString(proc.resolve("loadavg"), StandardCharsets.US_ASCII).strip().split(" ");
            return fields.length >= 5 ? fields[4] : null;
        } catch (IOException e) {
            return null;
        }
    }

    private List<Long> walk(long pid) {
        List<Long> found = new ArrayList<>();
        Deque<Long> pending = new ArrayDeque<>();
        pending.add(pid);
        while (!pending.isEmpty()) {
            long parent = pending.poll();
            for (long child : childrenOf(parent)) {
                found.add(child);
                pending.add(child);
            }
        }
        return List.copyOf(found);
    }

    private List<Long> childrenOf(long pid) {
        List<Long> children = new ArrayList<>(0);
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve(Long.toString(pid)).resolve("task"))) {
            for (Path task : tasks) {
                parsePids(read(task.resolve("children")), children);
            }
        } catch (IOException e) {
            // The process exited, or is not ours to read: it has no children we can see.
        }
        return children;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void parsePids(byte[] text, List<Long> into) {
        long value = -1;
        for (byte b : text) {
            if (b >= '0' && b <= '9') {
                value = (value < 0 ? 0 : value * 10) + (b - '0');
            } else if (value >= 0) {
                into.add(value);
                value = -1;
            }
        }
        if (value >= 0) {
            into.add(value);
        }
    }

    /** {@return the name of a process as {@code /proc/PID/comm} gives it, or {@code ?} when it is gone} */
    String command(long pid) {
        try {
            return new String(Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("comm")),
                    StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
