package io.sockscope.query;

import io.sockscope.kernel.Errno;
import io.sockscope.kernel.NativeLayer;
import io.sockscope.kernel.NetlinkException;
import io.sockscope.source.DumpKind;
import io.sockscope.source.SourceException;

import java.util.Locale;

/**
 * The socket tables could not be read, and why, in the three cases a front end tells apart: the kernel refused
 * for lack of privilege, no sock_diag socket can be had at all, or a dump failed. The errno that makes a
 * refusal is read here and nowhere else, for the check before the first query ({@link QueryEngine#probe()}) and
 * for every dump ({@link TableFailures#skippingMissingTables()}), so that the library maps each reason to its
 * exception once. The message and the cause are what the library's exception carries.
 */
public final class QueryFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the tables could not be read. */
    public enum Reason {
        /** The kernel refused for lack of privilege ({@code EPERM}, {@code EACCES}). */
        PERMISSION_DENIED,
        /** No sock_diag socket can be opened, or the C library's socket calls cannot be reached. */
        UNAVAILABLE,
        /** A dump failed for another reason. */
        DUMP_FAILED
    }

    private final Reason reason;

    private QueryFailedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** {@return why the tables could not be read} */
    public Reason reason() {
        return reason;
    }

    /** No sock_diag socket could be opened. */
    static QueryFailedException cannotOpen(NetlinkException e) {
        return new QueryFailedException(refused(e) ? Reason.PERMISSION_DENIED : Reason.UNAVAILABLE,
                "cannot open a sock_diag netlink socket: " + e.getMessage(), e);
    }

    /** The native layer cannot make the socket calls at all (a missing symbol, native access refused). */
    static QueryFailedException unreachable(Throwable e) {
        return new QueryFailedException(Reason.UNAVAILABLE, "the C library's socket calls cannot be reached through "
                + NativeLayer.describe() + ": " + e, e);
    }

    /** The dump of one table failed. */
    static QueryFailedException dumpFailed(DumpKind kind, SourceException e) {
        boolean refused = e.getCause() instanceof NetlinkException n && refused(n);
        return new QueryFailedException(refused ? Reason.PERMISSION_DENIED : Reason.DUMP_FAILED,
                "dump of " + kind.name().toLowerCase(Locale.ROOT) + " sockets failed: " + e.getMessage(), e);
    }

    private static boolean refused(NetlinkException e) {
        return e.errno() == Errno.EPERM || e.errno() == Errno.EACCES;
    }
}
