package io.sockscope.netlink;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
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
 * The device is in the kernel's internal encoding, but ss splits it with the C library's {@code major()} and
 * {@code minor()}, which expect the user-space encoding; {@link #major} and {@link #minor} split it the same
 * way, so that 254:0 shows as {@code 0/65024}, as in ss.
 *
 * @param inode  the file's inode (unsigned)
 * @param device the file system's device, kernel encoding (unsigned)
 */
public record UnixDiagVfs(long inode, long device) {
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

    /** Decodes a payload of any length; bytes past its end read as zero. */
    public static UnixDiagVfs decode(MemorySegment p) {
        return new UnixDiagVfs(Structs.u32(p, INO), Structs.u32(p, DEV));
    }

    /** glibc's {@code major()} of a 32-bit device number. */
    public static long major(long device) {
        return (device >>> 8) & 0xfff | ((device >>> 32) & 0xfffff000L);
    }

    /** glibc's {@code minor()} of a 32-bit device number. */
    public static long minor(long device) {
        return (device & 0xff) | ((device >>> 12) & 0xffffff00L);
    }
}
