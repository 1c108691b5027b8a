package io.sockscope.cli;

import io.sockscope.kernel.Errno;
import io.sockscope.kernel.NetlinkException;
import io.sockscope.model.SocketRecord;
import io.sockscope.query.DestroyEvents;
import io.sockscope.query.EventSink;
import io.sockscope.query.Query;
import io.sockscope.query.QueryEngine;
import io.sockscope.render.SsListingWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * {@code -E}: prints a row for every destroyed socket the engine hands on ({@link QueryEngine#follow}), as it
 * happens, until SIGINT or SIGTERM ({@link StopOnSignal}). Each row is printed in ss's layout the moment it
 * comes: one render per event, the header with the first one, column widths growing as they do over ss's
 * batches. Every event is flushed at once, so a reader of a pipe sees it immediately.
 */
final class EventRows implements EventSink {
    private final SsListingWriter writer;
    private final OutputStream stdout;

    private EventRows(SsListingWriter writer, OutputStream stdout) {
        this.writer = writer;
        this.stdout = stdout;
    }

    /** Follows the events {@code query} selects until a signal stops it; returns the exit status. */
    static int follow(QueryEngine engine, Query query, SsListingWriter writer, OutputStream stdout)
            throws IOException, UsageException {
        if (DestroyEvents.groups(query) == 0) {
            // ss exits with -1 here, silently.
            throw new UsageException("-E follows destroyed TCP and UDP sockets: the selection has neither", 255);
        }
        // ss's destroy-event rows ask the service resolver without a protocol.
        writer.nameServicesOfAnyProtocol();
        StopOnSignal stop = StopOnSignal.install();
        try (stop) {
            engine.follow(query, new EventRows(writer, stdout), stop::requested);
            stdout.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (NetlinkException e) {
            String hint = e.errno() == Errno.EPERM ? " (following destroy events needs CAP_NET_ADMIN)" : "";
            throw new UsageException("cannot follow destroy events: " + e.getMessage() + hint, 1);
        }
        return stop.exitStatus();
    }

    @Override
    public void accept(SocketRecord socket) {
        try {
            writer.write(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Renders whatever is buffered after every event, as ss renders after every message whether or not it printed
     * a row: the header thus comes out with the first event received, its widths measured over that event's row
     * only if that row was kept.
     */
    @Override
    public void eventEnded() {
        try {
            writer.finish();
            stdout.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
