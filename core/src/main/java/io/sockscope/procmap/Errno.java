package io.sockscope.procmap;

/** Names for the {@code errno} values a /proc scan can meet, and which of them are simply the weather. */
final class Errno {
    /** Not permitted: for {@code bpf(2)}, the capabilities are missing. */
    static final int EPERM = 1;

    private Errno() {
    }

    /** The symbolic name, or {@code errno N} for one without a name here. */
    static String name(int errno) {
        return switch (errno) {
            case 1 -> "EPERM";
            case 2 -> "ENOENT";
            case 3 -> "ESRCH";
            case 4 -> "EINTR";
            case 5 -> "EIO";
            case 12 -> "ENOMEM";
            case 13 -> "EACCES";
            case 20 -> "ENOTDIR";
            case 22 -> "EINVAL";
            case 23 -> "ENFILE";
            case 24 -> "EMFILE";
            case 40 -> "ELOOP";
            default -> "errno " + errno;
        };
    }

    /** EPERM or EACCES: the kernel refused us, as opposed to the file being gone. */
    static boolean isPermissionDenied(int errno) {
        return errno == EPERM || errno == 13;
    }

    /**
     * True for failures that only mean a process or file went away, is not ours to read, or is not what
     * a real /proc would have there; ss skips those without a word and so does the scan.
     */
    static boolean isExpectedDuringScan(int errno) {
        return switch (errno) {
            case 1, 2, 3, 13, 20, 22, 40 -> true; // EPERM ENOENT ESRCH EACCES ENOTDIR EINVAL ELOOP
            default -> false;
        };
    }
}
