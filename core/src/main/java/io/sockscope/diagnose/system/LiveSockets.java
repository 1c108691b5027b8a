package io.sockscope.diagnose.system;

import io.sockscope.diagnose.ProviderException;
import io.sockscope.diagnose.SocketProvider;
import io.sockscope.diagnose.Transport;
import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.UnixSocket;
import io.sockscope.source.DumpKind;
import io.sockscope.source.DumpRequest;
import io.sockscope.source.FallbackSource;
import io.sockscope.source.NetlinkSource;
import io.sockscope.source.ProcNetSource;
import io.sockscope.source.ProcPaths;
import io.sockscope.source.SocketSource;
import io.sockscope.source.SourceException;
import io.sockscope.source.WarningSink;

import java.util.ArrayList;
import java.util.List;

/**
 * Sockets of the calling thread's network namespace, from the kernel over sock_diag, with ss's fallback to
 * {@code /proc/net} (and its {@code PROC_ROOT} / {@code PROC_NET_*} overrides), every state.
 */
public final class LiveSockets implements SocketProvider {
    /** The kernel's clock-tick rate in /proc/net files (sysconf(_SC_CLK_TCK) is 100 on Linux). */
    private static final int USER_HZ = 100;

    private final SocketSource source;
    private final WarningSink warnings;

    public LiveSockets(ProcPaths paths, WarningSink warnings) {
        this.source = new FallbackSource(new NetlinkSource(), new ProcNetSource(paths, USER_HZ), paths::forcesProc);
        this.warnings = warnings;
    }

    @Override
    public List<InetSocket> inet(Transport transport) throws ProviderException {
        SocketTable table = transport == Transport.TCP ? SocketTable.TCP : SocketTable.UDP;
        DumpKind kind = transport == Transport.TCP ? DumpKind.TCP : DumpKind.UDP;
        DumpRequest request = new DumpRequest(table.bit(), TcpState.ALL,
                AddressFamily.mask(AddressFamily.INET) | AddressFamily.mask(AddressFamily.INET6), AddressFamily.UNSPEC,
                false, false, false, false, false, null);
        List<InetSocket> out = new ArrayList<>();
        for (SocketRecord r : dump(kind, request)) {
            if (r instanceof InetSocket s) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public List<UnixSocket> unix() throws ProviderException {
        int tables = SocketTable.UNIX_STREAM.bit() | SocketTable.UNIX_DGRAM.bit() | SocketTable.UNIX_SEQPACKET.bit();
        // details: the kernel then reports the inode and device of each socket's file (UNIX_DIAG_VFS).
        DumpRequest request = new DumpRequest(tables, TcpState.ALL, AddressFamily.mask(AddressFamily.UNIX),
                AddressFamily.UNSPEC, false, false, false, false, true, null);
        List<UnixSocket> out = new ArrayList<>();
        for (SocketRecord r : dump(DumpKind.UNIX, request)) {
            if (r instanceof UnixSocket s) {
                out.add(s);
            }
        }
        return out;
    }

    private List<SocketRecord> dump(DumpKind kind, DumpRequest request) throws ProviderException {
        List<SocketRecord> out = new ArrayList<>();
        try {
            source.dump(kind, request, out::add, warnings);
        } catch (SourceException e) {
            throw new ProviderException(e.getMessage(), e);
        }
        return out;
    }
}
