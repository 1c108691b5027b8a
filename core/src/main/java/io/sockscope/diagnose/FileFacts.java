package io.sockscope.diagnose;

/**
 * What {@code lstat} says about one path.
 *
 * @param path   the path
 * @param type   what kind of file
 * @param mode   the permission bits ({@code 0777} part, plus setuid/setgid/sticky)
 * @param uid    owning user
 * @param gid    owning group
 * @param inode  inode number
 * @param device device number as {@code stat} reports it ({@code st_dev})
 */
public record FileFacts(String path, Type type, int mode, int uid, int gid, long inode, long device) {
    /** File types that matter to the doctor. */
    public enum Type {
        SOCKET,
        DIRECTORY,
        REGULAR,
        SYMLINK,
        OTHER
    }
}
