package io.sockscope.cli;

import io.sockscope.kernel.Errno;
import io.sockscope.kernel.InterfaceNames;
import io.sockscope.model.Netns;
import io.sockscope.model.SocketRecord;
import io.sockscope.query.NamespaceSink;
import io.sockscope.query.NotEntered;
import io.sockscope.render.ListingFormat;
import io.sockscope.render.NameLookups;
import io.sockscope.render.OwnerLookup;
import io.sockscope.render.SsListingWriter;
import io.sockscope.source.DumpKind;
import io.sockscope.source.SocketSink;
import io.sockscope.source.SourceException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --all-netns} as ss's table: each namespace's sockets laid out exactly as ss run inside that namespace
 * would lay them out (its own header, its own column widths), behind a leading {@code Netns} column as wide as
 * the longest label. A namespace with no socket to show prints nothing; when none has any, one header alone is
 * printed, as ss prints for an empty table. Interface names are looked up in each namespace, on its thread.
 *
 * <p>Namespaces that could not be entered are counted by reason and told once, at the end ({@link #report}).
 */
final class NamespacedTable implements NamespaceSink {
    static final String HEADING = "Netns";

    private final OutputStream stdout;
    private final ListingFormat screenFormat;
    private final NameLookups shared;
    private final OwnerLookup owners;
    private final PrintStream err;
    // Set by labelsWidth, once the namespaces are known and before the first of them is handed on.
    private ListingFormat format;
    private int columnWidth;
    private final Map<Integer, Integer> notEntered = new TreeMap<>();
    private boolean anyRows;
    private Netns firstEmpty;

    // The namespace being handed on (one at a time, see NamespaceSink).
    private SsListingWriter writer;
    private Netns current;
    private NameLookups currentNames;

    /**
     * @param format ss's format for the whole screen: each namespace's table gets what the column leaves
     * @param shared the name lookups every namespace shares (all but interface names)
     */
    NamespacedTable(OutputStream stdout, ListingFormat format, NameLookups shared, OwnerLookup owners,
                    PrintStream err) {
        this.stdout = stdout;
        this.screenFormat = format;
        this.shared = shared;
        this.owners = owners;
        this.err = err;
        labelsWidth(0);
    }

    /** The widest label among the namespaces: the column is that wide, and a blank more. */
    void labelsWidth(int widest) {
        this.columnWidth = Math.max(widest, HEADING.length()) + 1;
        this.format = narrowed(screenFormat, columnWidth);
    }

    /** ss spreads its columns over the screen: each namespace's table has the screen minus the Netns column. */
    private static ListingFormat narrowed(ListingFormat f, int columnWidth) {
        int width = f.screenWidth() > 0 ? Math.max(1, f.screenWidth() - columnWidth) : f.screenWidth();
        return f.withScreenWidth(width);
    }

    @Override
    public SocketSink started(Netns netns) {
        current = netns;
        writer = null;
        // This thread is in the namespace: its interface indexes are named here, and only here.
        InterfaceNames interfaces = new InterfaceNames();
        currentNames = new NameLookups(shared.services(), shared.protocols(), shared.netlinkProtocols(),
                shared.processes(), interfaces::name, shared.cgroups(), shared.hosts());
        return this::row;
    }

    private void row(SocketRecord socket) {
        try {
            if (writer == null) {
                writer = open(current, currentNames);
                anyRows = true;
            }
            writer.write(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SsListingWriter open(Netns netns, NameLookups names) throws IOException {
        byte[] label = pad(netns.label());
        byte[] first = format.header() ? pad(HEADING) : label;
        SsListingWriter w = new SsListingWriter(new LinePrefixStream(stdout, first, label), format, names, owners);
        if (format.header()) {
            w.header();
        }
        return w;
    }

    private byte[] pad(String text) {
        StringBuilder b = new StringBuilder(columnWidth).append(text);
        while (b.length() < columnWidth) {
            b.append(' ');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void tableFailed(Netns netns, DumpKind kind, SourceException failure) {
        err.println("sockscope: " + netns.label() + ": " + failure.getMessage());
    }

    @Override
    public void ended(Netns netns) {
        try {
            if (writer != null) {
                writer.finish();
                writer = null;
            } else if (firstEmpty == null) {
                firstEmpty = netns;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        current = null;
        currentNames = null;
    }

    @Override
    public void notEntered(Netns netns, NotEntered failure) {
        notEntered.merge(failure.errno(), 1, Integer::sum);
    }

    /**
     * Ends the listing: the lone header when no namespace had a socket to show. Then says once, on stderr, how
     * many namespaces could not be entered and why, and how many could not even be read.
     */
    void finish(int unreadable) throws IOException {
        if (!anyRows && format.header()) {
            Netns any = firstEmpty != null ? firstEmpty : new Netns(0, "-", List.of());
            SsListingWriter header = open(any, shared);
            header.finish();
        }
        stdout.flush();
        report(err, notEntered, unreadable);
    }

    /**
     * The one stderr line about namespaces the listing could not show: those it found and could not enter, by
     * reason, and the processes whose namespace it could not even read. Nothing when it showed them all.
     */
    static void report(PrintStream err, Map<Integer, Integer> notEntered, int unreadable) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : notEntered.entrySet()) {
            int count = e.getValue();
            String why = Errno.message(e.getKey());
            if (e.getKey() == Errno.EPERM) {
                why += ": entering another network namespace needs CAP_SYS_ADMIN";
            }
            parts.add(count + " network " + (count == 1 ? "namespace" : "namespaces") + " could not be entered ("
                    + why + ")");
        }
        if (unreadable > 0) {
            parts.add("the network namespaces of " + unreadable + " " + (unreadable == 1 ? "process" : "processes")
                    + " could not be read (permission denied)");
        }
        if (!parts.isEmpty()) {
            err.println("sockscope: warning: " + String.join("; ", parts) + "; those namespaces are not listed");
        }
    }
}
