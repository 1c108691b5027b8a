package io.sockscope.procmap;

import java.util.Optional;

/**
 * Where the running kernel keeps the fields the owner program reads, from its BTF: the id of the task-file
 * iterator's function (the program attaches to it) and the byte offsets of a task's thread id, process id and
 * command name, of a file's inode and of an inode's mode and number. Each field's size is checked too, so a
 * kernel whose types changed shape is refused here rather than read wrongly.
 */
record TaskFileLayout(int attachBtfId, int taskPid, int taskTgid, int taskComm, int fileInode, int inodeMode,
                      int inodeNumber) {

    /** The iterator's context: meta, task, fd and file, each in an 8-byte slot (checked through {@code fd}). */
    static final int CONTEXT_META = 0;
    static final int CONTEXT_TASK = 8;
    static final int CONTEXT_FD = 16;
    static final int CONTEXT_FILE = 24;

    /** {@code TASK_COMM_LEN}. */
    static final int COMM_BYTES = 16;

    /** The layout of the kernel that {@code btf} describes, or empty, with no guess, when something is missing. */
    static Optional<TaskFileLayout> resolve(KernelBtf btf) {
        int function = btf.functionId("bpf_iter_task_file");
        int[] structs = btf.structIds("bpf_iter__task_file", "task_struct", "file", "inode");
        int context = structs[0];
        int task = structs[1];
        int file = structs[2];
        int inode = structs[3];
        if (function == KernelBtf.ABSENT || context == KernelBtf.ABSENT || task == KernelBtf.ABSENT
                || file == KernelBtf.ABSENT || inode == KernelBtf.ABSENT) {
            return Optional.empty();
        }
        if (btf.memberOffset(context, "fd") != CONTEXT_FD || btf.memberSize(context, "fd") != 4
                || btf.memberSize(task, "pid") != 4 || btf.memberSize(task, "tgid") != 4
                || btf.memberSize(task, "comm") != COMM_BYTES || btf.memberSize(file, "f_inode") != 8
                || btf.memberSize(inode, "i_mode") != 2 || btf.memberSize(inode, "i_ino") != 8) {
            return Optional.empty();
        }
        TaskFileLayout layout = new TaskFileLayout(function, btf.memberOffset(task, "pid"),
                btf.memberOffset(task, "tgid"), btf.memberOffset(task, "comm"), btf.memberOffset(file, "f_inode"),
                btf.memberOffset(inode, "i_mode"), btf.memberOffset(inode, "i_ino"));
        return layout.complete() ? Optional.of(layout) : Optional.empty();
    }

    /** Whether every offset was found and fits the 16-bit displacement of a BPF load. */
    private boolean complete() {
        int[] offsets = {taskPid, taskTgid, taskComm + COMM_BYTES, fileInode, inodeMode, inodeNumber};
        for (int offset : offsets) {
            if (offset < 0 || offset > Short.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }
}
