package io.sockscope.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The {@code bpf(2)} commands of {@link FfmSyscalls}. Each call lays its {@code bpf_attr} out in a confined arena
 * by the offsets of {@code linux/bpf.h}, which are fixed by the kernel's ABI; the JNI twin
 * ({@code src/main/c/bpf_calls.c}) fills the C union instead.
 */
final class FfmBpf {
    private static final int BPF_PROG_LOAD = 5;
    private static final int BPF_LINK_CREATE = 28;
    private static final int BPF_ITER_CREATE = 33;
    private static final int BPF_PROG_TYPE_TRACING = 26;
    private static final int BPF_TRACE_ITER = 28;
    private static final int BPF_INSN_BYTES = 8;
    private static final int BPF_OBJ_NAME_LEN = 16;

    /** The size of {@code union bpf_attr} passed: it covers every field set here; the kernel zero-fills the rest. */
    private static final int ATTR_BYTES = 144;

    // union bpf_attr, the BPF_PROG_LOAD member.
    private static final long PROG_TYPE = 0;
    private static final long INSN_CNT = 4;
    private static final long INSNS = 8;
    private static final long LICENSE = 16;
    private static final long LOG_LEVEL = 24;
    private static final long LOG_SIZE = 28;
    private static final long LOG_BUF = 32;
    private static final long PROG_NAME = 48;
    private static final long EXPECTED_ATTACH_TYPE = 68;
    private static final long ATTACH_BTF_ID = 108;
    // The BPF_LINK_CREATE and BPF_ITER_CREATE members.
    private static final long LINK_PROG_FD = 0;
    private static final long LINK_ATTACH_TYPE = 8;
    private static final long ITER_LINK_FD = 0;

    private FfmBpf() {
    }

    static long loadIteratorProgram(byte[] instructions, byte[] license, byte[] name, int attachBtfId, byte[] log) {
        if (instructions.length % BPF_INSN_BYTES != 0 || license.length == 0 || name.length >= BPF_OBJ_NAME_LEN) {
            return -Errno.EINVAL;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(ATTR_BYTES, 8);
            MemorySegment code = FfmSyscalls.copy(arena, instructions, instructions.length);
            attr.set(ValueLayout.JAVA_INT, PROG_TYPE, BPF_PROG_TYPE_TRACING);
            attr.set(ValueLayout.JAVA_INT, EXPECTED_ATTACH_TYPE, BPF_TRACE_ITER);
            attr.set(ValueLayout.JAVA_LONG, INSNS, code.address());
            attr.set(ValueLayout.JAVA_INT, INSN_CNT, instructions.length / BPF_INSN_BYTES);
            attr.set(ValueLayout.JAVA_LONG, LICENSE, FfmSyscalls.cString(arena, license).address());
            attr.set(ValueLayout.JAVA_INT, ATTACH_BTF_ID, attachBtfId);
            MemorySegment.copy(name, 0, attr, ValueLayout.JAVA_BYTE, PROG_NAME, name.length);
            MemorySegment logBuffer = null;
            if (log != null) {
                logBuffer = arena.allocate(log.length);
                attr.set(ValueLayout.JAVA_LONG, LOG_BUF, logBuffer.address());
                attr.set(ValueLayout.JAVA_INT, LOG_SIZE, log.length);
                attr.set(ValueLayout.JAVA_INT, LOG_LEVEL, 1);
            }
            long result = bpf(arena, BPF_PROG_LOAD, attr);
            if (logBuffer != null) {
                MemorySegment.copy(logBuffer, ValueLayout.JAVA_BYTE, 0, log, 0, log.length);
            }
            return result;
        }
    }

    static long createIteratorLink(int programFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(ATTR_BYTES, 8);
            attr.set(ValueLayout.JAVA_INT, LINK_PROG_FD, programFd);
            attr.set(ValueLayout.JAVA_INT, LINK_ATTACH_TYPE, BPF_TRACE_ITER);
            return bpf(arena, BPF_LINK_CREATE, attr);
        }
    }

    static long createIterator(int linkFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(ATTR_BYTES, 8);
            attr.set(ValueLayout.JAVA_INT, ITER_LINK_FD, linkFd);
            return bpf(arena, BPF_ITER_CREATE, attr);
        }
    }

    private static long bpf(Arena arena, int command, MemorySegment attr) {
        MemorySegment state = FfmSyscalls.state(arena);
        return FfmSyscalls.outcome(state, LibcDowncalls.bpf(state, command, attr));
    }
}
