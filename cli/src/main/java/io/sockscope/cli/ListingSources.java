package io.sockscope.cli;

import io.sockscope.kernel.Errno;
import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.source.DumpKind;
import io.sockscope.source.DumpRequest;
import io.sockscope.source.FallbackSource;
import io.sockscope.source.NetlinkSource;
import io.sockscope.source.ProcNetSource;
import io.sockscope.source.ProcPaths;
import io.sockscope.source.ReplaySource;
import io.sockscope.source.SocketDestroyer;
import io.sockscope.source.SocketSink;
import io.sockscope.source.SourceException;
import io.sockscope.source.WarningSink;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where each dump kind of a listing comes from, as in ss: the kernel over netlink, {@code /proc/net} when the
 * kernel cannot answer or the environment or filter asks for it, and for TCP the file named by
 * {@code TCPDIAG_FILE} when that variable is set (then TCP comes from nowhere else).
 *
 * <p>With {@code -K}, every inet socket the kernel lists and the filter keeps is closed before it is listed,
 * and only the sockets the kernel did close are listed (ss's {@code show_one_inet_sock}). Sockets read from
 * {@code /proc/net} cannot be closed: unlike ss, which lists them as if they were, they are left out with a
 * warning. Sockets replayed from a {@code TCPDIAG_FILE} are listed as ss lists them, with a warning that
 * nothing was closed. The first refusal other than "already gone" or "not supported" ends the killing and
 * the listing ({@link #killFailed()}).
 */
final class ListingSources implements AutoCloseable {
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    private final FallbackSource live;
    private final ReplaySource replay;
    private final ListingFilter filter;
    private final SocketDestroyer destroyer;
    private final WarningSink warnings;
    private SocketDestroyer.DestroyFailedException killFailure;

    /**
     * @param kill close what is listed ({@code -K})
     */
    ListingSources(ProcPaths paths, ListingFilter filter, Map<String, String> environment, boolean kill,
                   WarningSink warnings) {
        this(paths, filter, environment, kill, warnings, null);
    }

    /**
     * @param kill          close what is listed ({@code -K})
     * @param beforeKernel  when not null, runs before each request to the kernel, on a channel already open
     *                      ({@link NetlinkSource#requestingAfter}): the owner scan a listing waits for
     */
    ListingSources(ProcPaths paths, ListingFilter filter, Map<String, String> environment, boolean kill,
                   WarningSink warnings, Runnable beforeKernel) {
        this.live = new FallbackSource(
                beforeKernel == null ? new NetlinkSource() : NetlinkSource.requestingAfter(beforeKernel),
                new ProcNetSource(paths, CLOCK_TICKS_PER_SECOND),
                kind -> paths.forcesProc(kind) || filter.forcesProc(kind));
        String replayFile = environment.get(ReplaySource.ENVIRONMENT_VARIABLE);
        this.replay = replayFile != null ? new ReplaySource(Path.of(replayFile)) : null;
        this.filter = filter;
        this.destroyer = kill ? new SocketDestroyer(warnings) : null;
        this.warnings = warnings;
    }

    /** Streams one dump kind to {@code sink} from where ss would read it. */
    void dump(DumpKind kind, DumpRequest request, SocketSink sink) throws SourceException {
        if (killFailure != null) {
            return;
        }
        if (kind == DumpKind.TCP && replay != null) {
            replayTcp(request, sink);
        } else if (destroyer != null && isInet(kind)) {
            dumpClosing(kind, request, sink);
        } else {
            live.dump(kind, request, filter.keepFromKernel(), filter.keepFromProc(), sink, warnings);
        }
    }

    private void replayTcp(DumpRequest request, SocketSink sink) throws SourceException {
        if (destroyer == null) {
            replay.dump(DumpKind.TCP, request, filter.keepFromKernel(), sink, warnings);
            return;
        }
        // A replay is a record of sockets, not sockets: ss lists the matching ones as if it had closed them,
        // and so does sockscope (the bytes stay ss's), saying on stderr that nothing was closed.
        Predicate<SocketRecord> matches = filter.keepFromKernel();
        long[] replayed = {0};
        replay.dump(DumpKind.TCP, request, socket -> {
            if (matches.test(socket)) {
                replayed[0]++;
                return true;
            }
            return false;
        }, sink, warnings);
        if (replayed[0] != 0) {
            warnings.warn("tcp sockets were replayed from $" + ReplaySource.ENVIRONMENT_VARIABLE + ": "
                    + replayed[0] + " matching " + (replayed[0] == 1 ? "socket" : "sockets")
                    + " listed as ss lists them, none closed");
        }
    }

    /** {@code -K}: closes each matching socket the kernel lists and lists it once closed. */
    private void dumpClosing(DumpKind kind, DumpRequest request, SocketSink sink) throws SourceException {
        Predicate<SocketRecord> matches = filter.keepFromKernel();
        Predicate<SocketRecord> matchesInProc = filter.keepFromProc();
        long[] leftOpen = {0};
        try {
            live.dump(kind, request,
                    socket -> matches.test(socket) && destroyed((InetSocket) socket, kind),
                    socket -> {
                        if (matchesInProc.test(socket)) {
                            leftOpen[0]++;
                        }
                        return false;
                    },
                    sink, warnings);
        } catch (KillStopped stopped) {
            // The refusal is kept in killFailure; the rest of this dump is not listed.
        }
        warnLeftOpen(kind, leftOpen[0], "read from /proc/net");
    }

    private void warnLeftOpen(DumpKind kind, long count, String where) {
        if (count != 0) {
            warnings.warn(kind.name().toLowerCase(Locale.ROOT) + " sockets were " + where + ", where they cannot"
                    + " be closed: " + count + " matching " + (count == 1 ? "socket" : "sockets")
                    + " not closed and not listed");
        }
    }

    /** Whether a {@code -K} refusal ended the killing: list no further tables. */
    boolean killFailed() {
        return killFailure != null;
    }

    /**
     * Ends the command with the {@code -K} refusal, if there was one: ss's message, and what it means when
     * the kernel said {@code EPERM}.
     */
    void throwIfKillFailed() throws UsageException {
        if (killFailure == null) {
            return;
        }
        String hint = killFailure.errno() == Errno.EPERM
                ? " (closing sockets needs CAP_NET_ADMIN)" : "";
        throw new UsageException(killFailure.getMessage() + hint, 1);
    }

    private boolean destroyed(InetSocket socket, DumpKind kind) {
        try {
            return destroyer.destroy(socket, kind) == SocketDestroyer.Outcome.CLOSED;
        } catch (SocketDestroyer.DestroyFailedException e) {
            killFailure = e;
            throw new KillStopped();
        }
    }

    private static boolean isInet(DumpKind kind) {
        return switch (kind) {
            case TCP, UDP, RAW, DCCP, SCTP, MPTCP -> true;
            default -> false;
        };
    }

    @Override
    public void close() {
        if (destroyer != null) {
            destroyer.close();
        }
    }

    /** Unwinds a dump from inside its filter once the kernel refused to close a socket. */
    private static final class KillStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KillStopped() {
            super(null, null, false, false);
        }
    }
}
