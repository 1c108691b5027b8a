package io.sockscope.kernel;

/**
 * Names and C library messages of the Linux errno values sockscope's calls can end with ({@link Syscalls}):
 * the one table of both the netlink exchange and the owner scan. Unlisted numbers are named {@code errno N}
 * and described as glibc does ({@code Unknown error N}).
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int ENOTDIR = 20;
    public static final int EINVAL = 22;
    public static final int ENOTTY = 25;
    public static final int ENAMETOOLONG = 36;
    public static final int ELOOP = 40;
    public static final int EMSGSIZE = 90;
    public static final int EOPNOTSUPP = 95;
    public static final int ENOBUFS = 105;

    // Indexed by errno: {name, message}. Gaps are numbers sockscope never expects from these calls.
    private static final String[][] TABLE = new String[134][];

    static {
        add(1, "EPERM", "Operation not permitted");
        add(2, "ENOENT", "No such file or directory");
        add(3, "ESRCH", "No such process");
        add(4, "EINTR", "Interrupted system call");
        add(5, "EIO", "Input/output error");
        add(6, "ENXIO", "No such device or address");
        add(9, "EBADF", "Bad file descriptor");
        add(11, "EAGAIN", "Resource temporarily unavailable");
        add(12, "ENOMEM", "Cannot allocate memory");
        add(13, "EACCES", "Permission denied");
        add(14, "EFAULT", "Bad address");
        add(16, "EBUSY", "Device or resource busy");
        add(17, "EEXIST", "File exists");
        add(19, "ENODEV", "No such device");
        add(20, "ENOTDIR", "Not a directory");
        add(22, "EINVAL", "Invalid argument");
        add(23, "ENFILE", "Too many open files in system");
        add(24, "EMFILE", "Too many open files");
        add(25, "ENOTTY", "Inappropriate ioctl for device");
        add(28, "ENOSPC", "No space left on device");
        add(32, "EPIPE", "Broken pipe");
        add(34, "ERANGE", "Numerical result out of range");
        add(36, "ENAMETOOLONG", "File name too long");
        add(38, "ENOSYS", "Function not implemented");
        add(40, "ELOOP", "Too many levels of symbolic links");
        add(61, "ENODATA", "No data available");
        add(71, "EPROTO", "Protocol error");
        add(74, "EBADMSG", "Bad message");
        add(75, "EOVERFLOW", "Value too large for defined data type");
        add(88, "ENOTSOCK", "Socket operation on non-socket");
        add(90, "EMSGSIZE", "Message too long");
        add(91, "EPROTOTYPE", "Protocol wrong type for socket");
        add(92, "ENOPROTOOPT", "Protocol not available");
        add(93, "EPROTONOSUPPORT", "Protocol not supported");
        add(94, "ESOCKTNOSUPPORT", "Socket type not supported");
        add(95, "EOPNOTSUPP", "Operation not supported");
        add(96, "EPFNOSUPPORT", "Protocol family not supported");
        add(97, "EAFNOSUPPORT", "Address family not supported by protocol");
        add(98, "EADDRINUSE", "Address already in use");
        add(99, "EADDRNOTAVAIL", "Cannot assign requested address");
        add(100, "ENETDOWN", "Network is down");
        add(101, "ENETUNREACH", "Network is unreachable");
        add(103, "ECONNABORTED", "Software caused connection abort");
        add(104, "ECONNRESET", "Connection reset by peer");
        add(105, "ENOBUFS", "No buffer space available");
        add(106, "EISCONN", "Transport endpoint is already connected");
        add(107, "ENOTCONN", "Transport endpoint is not connected");
        add(110, "ETIMEDOUT", "Connection timed out");
        add(111, "ECONNREFUSED", "Connection refused");
        add(113, "EHOSTUNREACH", "No route to host");
        add(114, "EALREADY", "Operation already in progress");
        add(115, "EINPROGRESS", "Operation now in progress");
        add(133, "EHWPOISON", "Memory page has hardware error");
    }

    private Errno() {
    }

    private static void add(int errno, String name, String message) {
        TABLE[errno] = new String[] {name, message};
    }

    /** The symbolic name, e.g. {@code ENOENT}. */
    public static String name(int errno) {
        String[] entry = entry(errno);
        return entry != null ? entry[0] : "errno " + errno;
    }

    /** The C library's message, e.g. {@code No such file or directory} (what {@code perror} prints). */
    public static String message(int errno) {
        String[] entry = entry(errno);
        return entry != null ? entry[1] : "Unknown error " + errno;
    }

    private static String[] entry(int errno) {
        return errno > 0 && errno < TABLE.length ? TABLE[errno] : null;
    }
}
