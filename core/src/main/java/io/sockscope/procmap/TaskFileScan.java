package io.sockscope.procmap;

import io.sockscope.kernel.Errno;
import io.sockscope.kernel.Syscalls;
import io.sockscope.model.HostOrder;
import io.sockscope.model.ProcessName;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The owner scan done by the kernel: a BPF task-file iterator ({@link TaskFileProgram}) walks every open file
 * of every process in one pass and hands back only the sockets, as (inode, pid, fd, command) records. Where
 * the {@code /proc} scan makes a {@code readlinkat} system call for every descriptor on the host (4–7 µs each
 * in the kernel), this costs well under a microsecond per descriptor and one {@code read} per few thousand.
 *
 * <p>It gives exactly what the {@code /proc} scan of the same moment gives: the same processes in the same
 * order (ascending process id, then descriptor), the same command name (the leader's {@code comm}, cut at a
 * ")" like ss's {@code stat} parsing), and only processes whose {@code /proc/<pid>/fd} this process may read,
 * which is checked with one link read per process that holds a wanted socket (BPF itself would show every
 * process). It applies only where that equivalence holds, and says why not otherwise:
 * <ul>
 * <li>the process tree is {@code /proc} of the initial PID namespace, whose ids are the kernel's own;</li>
 * <li>threads are not asked for ({@code ss -T} reads each thread's table: the {@code /proc} scan does that);</li>
 * <li>the kernel publishes its types (BTF) and has the iterator, and this process may load BPF programs
 *     (root, or {@code CAP_BPF} with {@code CAP_PERFMON}).</li>
 * </ul>
 */
final class TaskFileScan {
    /** The inode of the initial PID namespace ({@code PROC_PID_INIT_INO}), fixed by the kernel. */
    static final String INITIAL_PID_NAMESPACE = "pid:[4026531836]";

    private static final Path KERNEL_BTF = Path.of("/sys/kernel/btf/vmlinux");
    private static final String PROGRAM_NAME = "sockscope_owner";
    /** The program's name and its NUL-terminated license, as bpf(2) takes them. */
    private static final byte[] NAME = PROGRAM_NAME.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LICENSE = Arrays.copyOf(TaskFileProgram.LICENSE.getBytes(StandardCharsets.US_ASCII),
            TaskFileProgram.LICENSE.length() + 1);
    private static final int READ_BYTES = 64 * 1024;
    private static final int READ_CHUNK = 8 * 1024;
    private static final int LOG_BYTES = 16 * 1024;

    /** What a scan found, or why it could not be made (then {@code index} is null). */
    record Outcome(OwnerIndex index, String refusal) {
        static Outcome refused(String why) {
            return new Outcome(null, why);
        }
    }

    /** The program for the running kernel, assembled at most once per JVM from its BTF. */
    private static final class RunningKernel {
        static final Program PROGRAM = Program.load(KERNEL_BTF);

        private RunningKernel() {
        }
    }

    /** The assembled program and where it attaches, or the reason there is none. */
    record Program(byte[] instructions, int attachBtfId, String refusal) {
        static Program load(Path btfFile) {
            byte[] blob;
            try {
                blob = readWhole(btfFile);
            } catch (IOException | SecurityException e) {
                return new Program(null, 0, "no kernel BTF at " + btfFile);
            }
            try {
                return TaskFileLayout.resolve(KernelBtf.parse(blob))
                        .map(layout -> new Program(TaskFileProgram.assemble(layout), layout.attachBtfId(), null))
                        .orElseGet(() -> new Program(null, 0, "the kernel's BTF lacks the task-file iterator's types"));
            } catch (IllegalArgumentException e) {
                return new Program(null, 0, "unreadable kernel BTF: " + e.getMessage());
            }
        }
    }

    /**
     * The whole of a sysfs file of a few megabytes. sysfs hands out at most a page per read, and a
     * {@link FileInputStream} read of more than 8 KiB allocates (and for megabytes maps) a native buffer of the
     * asked size on every call, which made the JDK's own readers take ~70 ms over the 4 ms the reads cost; reads
     * of 8 KiB go through the stack instead.
     */
    static byte[] readWhole(Path file) throws IOException {
        File plain = file.toFile();
        // java.io alone, not FileChannel (docs/startup.md).
        try (FileInputStream in = new FileInputStream(plain)) {
            long size = plain.length();
            byte[] bytes = new byte[(int) Math.min(Math.max(size, 4096), Integer.MAX_VALUE - 16)];
            int filled = 0;
            while (true) {
                if (filled == bytes.length) {
                    bytes = Arrays.copyOf(bytes, bytes.length * 2);
                }
                int n = in.read(bytes, filled, Math.min(READ_CHUNK, bytes.length - filled));
                if (n < 0) {
                    return filled == bytes.length ? bytes : Arrays.copyOf(bytes, filled);
                }
                filled += n;
            }
        }
    }

    private final Syscalls calls;

    TaskFileScan(Syscalls calls) {
        this.calls = calls;
    }

    /** Scans for {@code request}'s sockets, or says why this way does not apply. */
    Outcome scan(Path procRoot, ScanRequest request) {
        if (request.includeThreads()) {
            return Outcome.refused("threads are read from /proc");
        }
        if (!procRoot.toAbsolutePath().normalize().equals(Path.of("/proc"))) {
            return Outcome.refused("the process tree is " + procRoot + ", not /proc");
        }
        if (!INITIAL_PID_NAMESPACE.equals(pidNamespace(procRoot))) {
            return Outcome.refused("not in the initial PID namespace");
        }
        Program program = RunningKernel.PROGRAM;
        if (program.refusal() != null) {
            return Outcome.refused(program.refusal());
        }
        long programFd = calls.bpfLoadIteratorProgram(program.instructions(), LICENSE, NAME,
                program.attachBtfId(), null);
        if (programFd < 0) {
            int errno = (int) -programFd;
            // Without the capabilities there is no verifier verdict to ask for: loading again would only repeat it.
            String why = errno == Errno.EPERM ? "" : verifierWords(program);
            return Outcome.refused("BPF program refused: " + Errno.name(errno) + why);
        }
        long iteratorFd;
        try {
            long linkFd = calls.bpfCreateIteratorLink((int) programFd);
            if (linkFd < 0) {
                return Outcome.refused("BPF iterator link refused: " + Errno.name((int) -linkFd));
            }
            try {
                iteratorFd = calls.bpfCreateIterator((int) linkFd);
            } finally {
                calls.close((int) linkFd); // the iterator keeps the link, and the link the program
            }
        } finally {
            calls.close((int) programFd);
        }
        if (iteratorFd < 0) {
            return Outcome.refused("BPF iterator refused: " + Errno.name((int) -iteratorFd));
        }
        try {
            return read((int) iteratorFd, procRoot, request);
        } finally {
            calls.close((int) iteratorFd);
        }
    }

    /** The verifier's account of a refusal, loaded again with a log, for the reason given. */
    private String verifierWords(Program program) {
        byte[] log = new byte[LOG_BYTES];
        long again = calls.bpfLoadIteratorProgram(program.instructions(), LICENSE, NAME,
                program.attachBtfId(), log);
        if (again >= 0) {
            calls.close((int) again);
            return "";
        }
        int end = 0;
        while (end < log.length && log[end] != 0) {
            end++;
        }
        String words = new String(log, 0, end, StandardCharsets.UTF_8).strip();
        return words.isEmpty() ? "" : " (" + words.replace('\n', ' ') + ")";
    }

    private Outcome read(int iteratorFd, Path procRoot, ScanRequest request) {
        RecordReader records = new RecordReader(procRoot, request);
        byte[] buffer = new byte[READ_BYTES];
        int filled = 0;
        while (true) {
            long n = calls.read(iteratorFd, buffer, filled, buffer.length - filled);
            if (n < 0) {
                return Outcome.refused("reading the BPF iterator failed: " + Errno.name((int) -n));
            }
            if (n == 0) {
                break;
            }
            filled += (int) n;
            int whole = filled - filled % TaskFileProgram.RECORD_BYTES;
            for (int at = 0; at < whole; at += TaskFileProgram.RECORD_BYTES) {
                records.accept(buffer, at);
            }
            // A record cut by the read's end waits at the front for the rest.
            System.arraycopy(buffer, whole, buffer, 0, filled - whole);
            filled -= whole;
        }
        return new Outcome(records.index(), null);
    }

    /** The PID namespace the process tree shows this process in, as its {@code ns/pid} link reads. */
    private static String pidNamespace(Path procRoot) {
        try {
            return Files.readSymbolicLink(procRoot.resolve("self/ns/pid")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }

    /** Turns the iterator's records, in the kernel's order, into an index. */
    private static final class RecordReader {
        private final Path procRoot;
        private final ScanRequest request;
        private final OwnerIndexBuilder builder = new OwnerIndexBuilder(1024, 64);
        private int currentPid = -1;
        /** The builder's number for the current process, -1 before its first wanted socket, -2 when unreadable. */
        private int currentTask = -1;

        RecordReader(Path procRoot, ScanRequest request) {
            this.procRoot = procRoot;
            this.request = request;
        }

        void accept(byte[] bytes, int at) {
            long inode = HostOrder.u64(bytes, at + TaskFileProgram.RECORD_INODE);
            int pid = HostOrder.u32(bytes, at + TaskFileProgram.RECORD_PID);
            int fd = HostOrder.u32(bytes, at + TaskFileProgram.RECORD_FD);
            if (pid != currentPid) {
                currentPid = pid;
                currentTask = -1;
            }
            if (inode == 0 || inode > 0xFFFFFFFFL || pid == request.excludedPid() || currentTask == -2
                    || !request.wanted().test(inode)) {
                return;
            }
            if (currentTask == -1) {
                if (!readable(pid, fd)) {
                    currentTask = -2;
                    return;
                }
                ProcessName command = StatCommand.name(bytes, at + TaskFileProgram.RECORD_COMM,
                        at + TaskFileProgram.RECORD_COMM + TaskFileLayout.COMM_BYTES);
                currentTask = builder.addTask(pid, pid, command);
            }
            builder.addEntry(currentTask, (int) inode, fd);
        }

        /**
         * Whether {@code /proc/<pid>/fd/<fd>} may be read, as ss's scan needs: a process whose table is not
         * ours to read (another user's, or one an LSM guards) is left out as ss leaves it. A link that has
         * vanished since the iterator saw it (the descriptor closed, the process exited) is no refusal.
         */
        private boolean readable(int pid, int fd) {
            try {
                Files.readSymbolicLink(procRoot.resolve(pid + "/fd/" + fd));
                return true;
            } catch (AccessDeniedException | SecurityException e) {
                return false;
            } catch (IOException | UnsupportedOperationException e) {
                return true;
            }
        }

        OwnerIndex index() {
            return builder.build();
        }
    }
}
