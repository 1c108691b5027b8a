package io.sockscope.source;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.WarningSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Sockets read from the {@code /proc/net} tables, the way ss 6.1 reads them when netlink is not used
 * (see {@link ProcPaths#forcesProc}) or not available.
 *
 * <p>Contract, following ss:
 * <ul>
 *   <li>TCP, UDP and raw read the IPv4 file when the request's families include {@code AF_INET} and the
 *       IPv6 file when they include {@code AF_INET6}. The IPv4 file must open (else
 *       {@link SourceException} "cannot open PATH: REASON", nothing delivered); an IPv6 file that does not
 *       exist is skipped silently.</li>
 *   <li>Unix, packet and netlink files must open. Packet and netlink are read only when the request's
 *       states include CLOSE; packet lines are never dropped by table (an ss quirk), unix lines are by
 *       type; unix sockets arrive in ss's sorted order with peer names looked up as ss does.</li>
 *   <li>DCCP, SCTP and MPTCP deliver nothing: ss has no {@code /proc} reader for them.</li>
 *   <li>Sockets arrive in file order, filtered by the request's states, families and tables where ss
 *       filters; {@link DumpRequest#bytecode()} and {@link DumpRequest#preferredFamily()} play no part
 *       here (ss runs its filter expression in user space for these files; pass it as {@code keep}).</li>
 *   <li>A line ss cannot read is skipped with a warning; where ss abandons the rest of a file (a line
 *       with no ':' separators), reading stops with a warning. Where ss fails the whole table (a data line
 *       without a newline, i.e. cut off or longer than 254 bytes, or a read error) a
 *       {@link SourceException} is thrown after the sockets before it were delivered.</li>
 * </ul>
 * Instances hold no state between dumps and may be shared between threads.
 */
public final class ProcNetSource implements SocketSource {
    private static final Predicate<SocketRecord> KEEP_ALL = record -> true;

    private final ProcPaths paths;
    private final int userHz;

    /**
     * @param paths  where the files are
     * @param userHz the clock-tick rate the kernel uses in these files ({@code sysconf(_SC_CLK_TCK)}, 100 on
     *               Linux), for turning TCP timer ticks into milliseconds
     */
    public ProcNetSource(ProcPaths paths, int userHz) {
        if (userHz <= 0) {
            throw new IllegalArgumentException("userHz must be positive, was " + userHz);
        }
        this.paths = paths;
        this.userHz = userHz;
    }

    @Override
    public void dump(DumpKind kind, DumpRequest request, SocketSink sink, WarningSink warnings)
            throws SourceException {
        dump(kind, request, KEEP_ALL, sink, warnings);
    }

    /**
     * Like {@link #dump(DumpKind, DumpRequest, SocketSink, WarningSink)}, with ss's user-space filter
     * expression applied where ss applies it. For unix this matters beyond dropping sockets: a socket the
     * filter drops is not remembered, so a later peer of it is named "?", as in ss.
     *
     * @param keep tested on each socket that passed the request's filters; false drops it
     */
    @Override
    public void dump(DumpKind kind, DumpRequest request, Predicate<? super SocketRecord> keep, SocketSink sink,
                     WarningSink warnings) throws SourceException {
        switch (kind) {
            case TCP -> inet(SocketTable.TCP, ProcNetFile.TCP, ProcNetFile.TCP6, request, keep, sink, warnings);
            case UDP -> inet(SocketTable.UDP, ProcNetFile.UDP, ProcNetFile.UDP6, request, keep, sink, warnings);
            case RAW -> inet(SocketTable.RAW, ProcNetFile.RAW, ProcNetFile.RAW6, request, keep, sink, warnings);
            case UNIX -> unix(request, keep, sink, warnings);
            case PACKET -> packet(request, keep, sink, warnings);
            case NETLINK -> netlink(request, keep, sink, warnings);
            case DCCP, SCTP, MPTCP -> {
                // ss skips netlink for these when /proc is forced, and has nothing to read instead.
            }
        }
    }

    private void inet(SocketTable table, ProcNetFile v4, ProcNetFile v6, DumpRequest request,
                      Predicate<? super SocketRecord> keep, SocketSink sink, WarningSink warnings)
            throws SourceException {
        ProcNetInetParser parser = new ProcNetInetParser(table, userHz);
        if (wants(request, AddressFamily.INET)) {
            Path path = paths.resolve(v4);
            try (InputStream in = open(path)) {
                readInet(parser, path, in, AddressFamily.INET, request, keep, sink, warnings);
            } catch (IOException e) {
                throw readError(path, e);
            }
        }
        if (wants(request, AddressFamily.INET6)) {
            Path path = paths.resolve(v6);
            InputStream opened = openOptional(path, warnings);
            if (opened != null) {
                try (InputStream in = opened) {
                    readInet(parser, path, in, AddressFamily.INET6, request, keep, sink, warnings);
                } catch (IOException e) {
                    throw readError(path, e);
                }
            }
        }
    }

    private static void readInet(ProcNetInetParser parser, Path path, InputStream in, int family,
                                 DumpRequest request, Predicate<? super SocketRecord> keep, SocketSink sink,
                                 WarningSink warnings) throws IOException, SourceException {
        ProcNetLineReader lines = new ProcNetLineReader(in);
        if (!lines.next()) {
            return;
        }
        while (lines.next()) {
            requireNewline(path, lines);
            switch (parser.parse(lines.buffer(), lines.start(), lines.end(), family, request.states())) {
                case RECORD -> deliver(parser.record(), keep, sink);
                case FILTERED -> { }
                case MALFORMED -> skipped(path, lines, parser.problem(), warnings);
                case STOP -> {
                    warnings.warn(path + ":" + lines.lineNumber() + ": " + parser.problem()
                            + "; the rest of the file is ignored, as ss does");
                    return;
                }
            }
        }
    }

    private void unix(DumpRequest request, Predicate<? super SocketRecord> keep, SocketSink sink,
                      WarningSink warnings) throws SourceException {
        if (!wants(request, AddressFamily.UNIX)) {
            return;
        }
        Path path = paths.resolve(ProcNetFile.UNIX);
        try (InputStream in = open(path)) {
            ProcNetLineReader lines = headerRead(path, in);
            ProcNetUnixTable table = new ProcNetUnixTable(lines.buffer(), lines.start(), lines.end(), request,
                    keep, sink);
            // ss reads this file with plain fgets: a piece without a newline is just another line.
            while (lines.next()) {
                if (table.add(lines.buffer(), lines.start(), lines.end()) == ProcNetLineOutcome.MALFORMED) {
                    skipped(path, lines, table.problem(), warnings);
                }
            }
            table.flush();
        } catch (IOException e) {
            throw readError(path, e);
        }
    }

    private void packet(DumpRequest request, Predicate<? super SocketRecord> keep, SocketSink sink,
                        WarningSink warnings) throws SourceException {
        if (!wants(request, AddressFamily.PACKET) || !wantsClosed(request)) {
            return;
        }
        Path path = paths.resolve(ProcNetFile.PACKET);
        try (InputStream in = open(path)) {
            ProcNetLineReader lines = new ProcNetLineReader(in);
            if (!lines.next()) {
                return;
            }
            ProcNetPacketParser parser = new ProcNetPacketParser();
            while (lines.next()) {
                requireNewline(path, lines);
                if (parser.parse(lines.buffer(), lines.start(), lines.end()) == ProcNetLineOutcome.RECORD) {
                    deliver(parser.record(), keep, sink);
                } else {
                    skipped(path, lines, parser.problem(), warnings);
                }
            }
        } catch (IOException e) {
            throw readError(path, e);
        }
    }

    private void netlink(DumpRequest request, Predicate<? super SocketRecord> keep, SocketSink sink,
                         WarningSink warnings) throws SourceException {
        if (!wants(request, AddressFamily.NETLINK) || !wantsClosed(request)) {
            return;
        }
        Path path = paths.resolve(ProcNetFile.NETLINK);
        try (InputStream in = open(path)) {
            ProcNetLineReader lines = headerRead(path, in);
            ProcNetNetlinkParser parser = new ProcNetNetlinkParser();
            while (lines.next()) {
                if (parser.parse(lines.buffer(), lines.start(), lines.end()) == ProcNetLineOutcome.RECORD) {
                    deliver(parser.record(), keep, sink);
                } else {
                    skipped(path, lines, parser.problem(), warnings);
                }
            }
        } catch (IOException e) {
            throw readError(path, e);
        }
    }

    /** Unix and netlink fail when the header cannot be read (ss returns an error and lists nothing). */
    private static ProcNetLineReader headerRead(Path path, InputStream in) throws IOException, SourceException {
        ProcNetLineReader lines = new ProcNetLineReader(in);
        if (!lines.next()) {
            throw new SourceException(path + ": empty file, no header line");
        }
        return lines;
    }

    private static void requireNewline(Path path, ProcNetLineReader lines) throws SourceException {
        if (!lines.terminated()) {
            throw new SourceException(path + ":" + lines.lineNumber()
                    + ": line is not ended by a newline within " + (ProcNetLineReader.MAX_PIECE - 1)
                    + " bytes; the rest of the table is lost, as in ss");
        }
    }

    private static void deliver(SocketRecord record, Predicate<? super SocketRecord> keep, SocketSink sink) {
        if (keep.test(record)) {
            sink.accept(record);
        }
    }

    private static void skipped(Path path, ProcNetLineReader lines, String problem, WarningSink warnings) {
        warnings.warn(path + ":" + lines.lineNumber() + ": " + problem + "; line skipped");
    }

    private static boolean wants(DumpRequest request, int family) {
        return (request.families() & AddressFamily.mask(family)) != 0;
    }

    private static boolean wantsClosed(DumpRequest request) {
        return (request.states() & TcpState.bit(TcpState.CLOSE)) != 0;
    }

    private static InputStream open(Path path) throws SourceException {
        try {
            return openFile(path);
        } catch (IOException e) {
            throw new SourceException("cannot open " + path + ": " + reason(e), e);
        }
    }

    /** ss skips an IPv6 file that does not open; only a reason other than absence is worth a warning. */
    private static InputStream openOptional(Path path, WarningSink warnings) {
        try {
            return openFile(path);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            warnings.warn("cannot open " + path + ": " + reason(e) + "; skipped");
            return null;
        }
    }

    private static InputStream openFile(Path path) throws IOException {
        if (path.toString().isEmpty()) {
            throw new NoSuchFileException("");
        }
        return Files.newInputStream(path);
    }

    private static SourceException readError(Path path, IOException e) {
        return new SourceException("cannot read " + path + ": " + reason(e), e);
    }

    /** The strerror-style reason ss users know, rather than Java's exception text. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
