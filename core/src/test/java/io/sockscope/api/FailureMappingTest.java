package io.sockscope.api;

import io.sockscope.kernel.Errno;
import io.sockscope.kernel.NetlinkFailures;
import io.sockscope.query.QueryFailedException;
import io.sockscope.query.TableFailures;
import io.sockscope.source.DumpKind;
import io.sockscope.source.SourceException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The library's exception for each reason the engine gives, with the engine's message and cause. */
class FailureMappingTest {
    private static SockscopeException failedDump(SourceException cause) {
        QueryFailedException e = assertThrows(QueryFailedException.class,
                () -> TableFailures.skippingMissingTables().failed(DumpKind.TCP, cause));
        return FailureMapping.of(e);
    }

    @Test
    void aRefusalIsPermissionDenied() {
        SourceException cause = new SourceException("netlink: recvmsg: EPERM after 2 sockets",
                NetlinkFailures.syscall("recvmsg", Errno.EPERM));
        SockscopeException e = failedDump(cause);
        assertInstanceOf(PermissionDeniedException.class, e);
        assertEquals("dump of tcp sockets failed: netlink: recvmsg: EPERM after 2 sockets", e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void anotherFailureIsASocketDumpException() {
        SourceException cause = new SourceException("netlink: truncated", null);
        SockscopeException e = failedDump(cause);
        assertInstanceOf(SocketDumpException.class, e);
        assertSame(cause, e.getCause());
    }
}
