package io.sockscope.query;

import io.sockscope.kernel.Errno;
import io.sockscope.kernel.NetlinkFailures;
import io.sockscope.source.DumpKind;
import io.sockscope.source.SourceException;
import io.sockscope.source.TableUnavailableException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one place a refusal is told from other failures: before the first query and in every dump. */
class QueryFailedExceptionTest {
    private static final TableFailures<QueryFailedException> LIBRARY = TableFailures.skippingMissingTables();

    private static SourceException after(int errno) {
        return new SourceException("netlink: recvmsg: " + Errno.name(errno) + " after 3 sockets",
                NetlinkFailures.syscall("recvmsg", errno));
    }

    @Test
    void aTableNobodyHasIsLeftOut() throws QueryFailedException {
        LIBRARY.failed(DumpKind.SCTP, new TableUnavailableException("netlink: no sctp diag"));
    }

    @Test
    void aRefusedDumpIsDeniedPermissionWithItsTableAndCause() {
        for (int errno : new int[] {Errno.EPERM, Errno.EACCES}) {
            SourceException cause = after(errno);
            QueryFailedException e = assertThrows(QueryFailedException.class, () -> LIBRARY.failed(DumpKind.TCP, cause));
            assertEquals(QueryFailedException.Reason.PERMISSION_DENIED, e.reason());
            assertEquals("dump of tcp sockets failed: " + cause.getMessage(), e.getMessage());
            assertSame(cause, e.getCause());
        }
    }

    @Test
    void anyOtherFailedDumpIsADumpFailure() {
        QueryFailedException e = assertThrows(QueryFailedException.class,
                () -> LIBRARY.failed(DumpKind.UNIX, after(105)));
        assertEquals(QueryFailedException.Reason.DUMP_FAILED, e.reason());
        assertEquals("dump of unix sockets failed: netlink: recvmsg: " + Errno.name(105) + " after 3 sockets",
                e.getMessage());
    }

    @Test
    void aSocketThatCannotBeOpenedIsRefusedOrUnavailable() {
        QueryFailedException refused = QueryFailedException.cannotOpen(NetlinkFailures.syscall("socket", Errno.EACCES));
        assertEquals(QueryFailedException.Reason.PERMISSION_DENIED, refused.reason());
        assertEquals("cannot open a sock_diag netlink socket: socket: EACCES", refused.getMessage());
        QueryFailedException missing = QueryFailedException.cannotOpen(NetlinkFailures.syscall("socket", 93));
        assertEquals(QueryFailedException.Reason.UNAVAILABLE, missing.reason());
        assertEquals(QueryFailedException.Reason.UNAVAILABLE,
                QueryFailedException.unreachable(new UnsatisfiedLinkError("socket")).reason());
    }
}
