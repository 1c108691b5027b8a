package io.sockscope.procmap;

import io.sockscope.model.HostOrder;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The BPF program the kernel runs for every open file of every process when the owner scan iterates task
 * files ({@code iter/task_file}), assembled here for one kernel's {@link TaskFileLayout}. For a file whose
 * inode is a socket, held by a thread-group leader, it writes one {@link #RECORD_BYTES}-byte record to the
 * iterator: the inode number, the process id, the descriptor and the process's command name. Everything else
 * is passed over in the kernel, so user space reads only sockets.
 *
 * <p>Only the leader is reported because {@code /proc/<pid>/fd}, which ss reads, is the leader's table; the
 * iterator visits another thread only when its table differs from the leader's (after
 * {@code unshare(CLONE_FILES)}, or a leader that has exited), and ss never shows those.
 *
 * <p>The instructions are written by hand (there is no BPF compiler at run time): a dozen loads, three tests
 * and one helper call. The verifier checks every load against the kernel's types, so a wrong offset is
 * refused at load time rather than read.
 */
final class TaskFileProgram {
    /** Bytes per record: u64 inode, u32 pid, u32 fd, the 16-byte command. */
    static final int RECORD_BYTES = 32;
    static final int RECORD_INODE = 0;
    static final int RECORD_PID = 8;
    static final int RECORD_FD = 12;
    static final int RECORD_COMM = 16;

    /** The license the kernel requires of a program calling {@code bpf_seq_write}, which is GPL-only. */
    static final String LICENSE = "Dual MIT/GPL";

    private static final int S_IFMT = 0xF000;
    private static final int S_IFSOCK = 0xC000;
    private static final int FUNC_SEQ_WRITE = 127;

    // Opcodes (linux/bpf_common.h, linux/bpf.h).
    private static final int LDX_DW = 0x79;
    private static final int LDX_W = 0x61;
    private static final int LDX_H = 0x69;
    private static final int STX_DW = 0x7B;
    private static final int STX_W = 0x63;
    private static final int ALU64_AND_K = 0x57;
    private static final int ALU64_ADD_K = 0x07;
    private static final int ALU64_MOV_K = 0xB7;
    private static final int ALU64_MOV_X = 0xBF;
    private static final int JEQ_K = 0x15;
    private static final int JNE_K = 0x55;
    private static final int JNE_X = 0x5D;
    private static final int CALL = 0x85;
    private static final int EXIT = 0x95;

    // Registers: r1 the context on entry, r10 the frame pointer.
    private static final int R0 = 0;
    private static final int R1 = 1;
    private static final int R2 = 2;
    private static final int R3 = 3;
    private static final int R4 = 4;
    private static final int R5 = 5;
    private static final int R6 = 6;
    private static final int R7 = 7;
    private static final int R8 = 8;
    private static final int R9 = 9;
    private static final int FP = 10;

    private TaskFileProgram() {
    }

    /** The program's instructions in this machine's byte order, eight bytes each. */
    static byte[] assemble(TaskFileLayout layout) {
        Assembler a = new Assembler();
        int record = -RECORD_BYTES; // the record lives at the bottom of the program's stack frame
        a.op(LDX_DW, R6, R1, TaskFileLayout.CONTEXT_META, 0);
        a.op(LDX_DW, R7, R1, TaskFileLayout.CONTEXT_TASK, 0);
        a.op(LDX_DW, R8, R1, TaskFileLayout.CONTEXT_FILE, 0);
        a.op(LDX_W, R5, R1, TaskFileLayout.CONTEXT_FD, 0);
        a.jumpToEnd(JEQ_K, R7, 0, 0); // no task: the iteration's end
        a.jumpToEnd(JEQ_K, R8, 0, 0); // no file
        a.op(LDX_DW, R9, R8, layout.fileInode(), 0);
        a.jumpToEnd(JEQ_K, R9, 0, 0);
        a.op(LDX_H, R2, R9, layout.inodeMode(), 0);
        a.op(ALU64_AND_K, R2, 0, 0, S_IFMT);
        a.jumpToEnd(JNE_K, R2, 0, S_IFSOCK); // not a socket
        a.op(LDX_W, R2, R7, layout.taskTgid(), 0);
        a.op(LDX_W, R3, R7, layout.taskPid(), 0);
        a.jumpToEnd(JNE_X, R2, R3, 0); // not the thread-group leader
        a.op(LDX_DW, R3, R9, layout.inodeNumber(), 0);
        a.op(STX_DW, FP, R3, record + RECORD_INODE, 0);
        a.op(STX_W, FP, R2, record + RECORD_PID, 0);
        a.op(STX_W, FP, R5, record + RECORD_FD, 0);
        a.op(LDX_DW, R4, R7, layout.taskComm(), 0);
        a.op(STX_DW, FP, R4, record + RECORD_COMM, 0);
        a.op(LDX_DW, R4, R7, layout.taskComm() + 8, 0);
        a.op(STX_DW, FP, R4, record + RECORD_COMM + 8, 0);
        a.op(LDX_DW, R1, R6, 0, 0); // meta->seq
        a.op(ALU64_MOV_X, R2, FP, 0, 0);
        a.op(ALU64_ADD_K, R2, 0, 0, record);
        a.op(ALU64_MOV_K, R3, 0, 0, RECORD_BYTES);
        a.op(CALL, 0, 0, 0, FUNC_SEQ_WRITE);
        a.end();
        a.op(ALU64_MOV_K, R0, 0, 0, 0);
        a.op(EXIT, 0, 0, 0, 0);
        return a.bytes();
    }

    /** Writes instructions and points the forward jumps at the common exit once its place is known. */
    private static final class Assembler {
        private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        private static final int MAX_INSTRUCTIONS = 64;
        private final byte[] code = new byte[8 * MAX_INSTRUCTIONS];
        private final IntList pendingJumps = new IntList(8);
        private int count;

        void op(int opcode, int dst, int src, int offset, int imm) {
            int at = 8 * count++;
            code[at] = (byte) opcode;
            code[at + 1] = (byte) (LITTLE_ENDIAN ? src << 4 | dst : dst << 4 | src);
            HostOrder.putU16(code, at + 2, offset);
            HostOrder.putU32(code, at + 4, imm);
        }

        void jumpToEnd(int opcode, int dst, int src, int imm) {
            pendingJumps.add(count);
            op(opcode, dst, src, 0, imm);
        }

        /** Makes the next instruction the one the pending jumps go to. */
        void end() {
            for (int i = 0; i < pendingJumps.size(); i++) {
                int jump = pendingJumps.get(i);
                HostOrder.putU16(code, 8 * jump + 2, count - jump - 1);
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(code, 8 * count);
        }
    }
}
