package io.sockscope.diagnose.system;

import io.sockscope.diagnose.ProviderException;
import io.sockscope.diagnose.SocketProvider;
import io.sockscope.diagnose.Transport;
import io.sockscope.filter.CompiledFilter;
import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.UnixSocket;
import io.sockscope.model.WarningSink;
import io.sockscope.query.FallbackPolicy;
import io.sockscope.query.Query;
import io.sockscope.query.QueryEngine;
import io.sockscope.query.TableFailures;
import io.sockscope.source.ProcPaths;
import io.sockscope.source.SourceException;

import java.util.ArrayList;
import java.util.List;

/**
 * Sockets of the calling thread's network namespace, from the kernel over sock_diag, with ss's fallback to
 * {@code /proc/net} (and its {@code PROC_ROOT} / {@code PROC_NET_*} overrides), every state.
 */
public final class LiveSockets implements SocketProvider {
    private final QueryEngine engine;

    public LiveSockets(ProcPaths paths, WarningSink warnings) {
        this.engine = new QueryEngine(paths, warnings);
    }

    @Override
    public List<InetSocket> inet(Transport transport) throws ProviderException {
        SocketTable table = transport == Transport.TCP ? SocketTable.TCP : SocketTable.UDP;
        Query query = everyState(table.bit(),
                AddressFamily.mask(AddressFamily.INET) | AddressFamily.mask(AddressFamily.INET6), Query.Attributes.NONE);
        List<InetSocket> out = new ArrayList<>();
        for (SocketRecord r : dump(query)) {
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
        Query query = everyState(tables, AddressFamily.mask(AddressFamily.UNIX),
                new Query.Attributes(false, false, false, false, true));
        List<UnixSocket> out = new ArrayList<>();
        for (SocketRecord r : dump(query)) {
            if (r instanceof UnixSocket s) {
                out.add(s);
            }
        }
        return out;
    }

    /** Every socket of these tables and families, read as ss reads them (PROC_ROOT and PROC_NET_* honoured). */
    private static Query everyState(int tables, long families, Query.Attributes attributes) {
        return new Query(tables, TcpState.ALL, families, AddressFamily.UNSPEC, CompiledFilter.NONE, attributes,
                FallbackPolicy.SS, false);
    }

    private List<SocketRecord> dump(Query query) throws ProviderException {
        List<SocketRecord> out = new ArrayList<>();
        try {
            engine.run(query, out::add, TableFailures.fail());
        } catch (SourceException e) {
            throw new ProviderException(e.getMessage(), e);
        }
        return out;
    }
}
