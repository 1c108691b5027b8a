package io.sockscope.netlink;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * {@code struct unix_diag_vfs}, the payload of {@code UNIX_DIAG_VFS}: the inode and device of the file a
 * path-bound unix socket lives at.
 *
 * <pre>
 * struct unix_diag_vfs {
 *     __u32   udiag_vfs_ino;
 *     __u32   udiag_vfs_dev;      // the kernel's dev_t: major &lt;&lt; 20 | minor
 * };
 * </pre>
 *
 * The device is in the kernel's internal encoding; {@link io.sockscope.model.UnixSocket#vfsDevice()} keeps it so.
 */
public final class UnixDiagVfs {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U32.withName("udiag_vfs_ino"),
                FieldLayouts.U32.withName("udiag_vfs_dev"));
    }

    public static final int SIZE = 8;
    public static final long INO = 0;
    public static final long DEV = 4;

    private UnixDiagVfs() {
    }
}
