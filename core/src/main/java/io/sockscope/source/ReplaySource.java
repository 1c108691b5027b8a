package io.sockscope.source;

import io.sockscope.kernel.Errno;
import io.sockscope.model.SocketTable;
import io.sockscope.model.WarningSink;
import io.sockscope.netlink.InetDiagMsg;
import io.sockscope.netlink.MalformedMessageException;
import io.sockscope.netlink.NetlinkError;
import io.sockscope.netlink.NetlinkHeader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * TCP sockets replayed from a raw dump, read exactly as ss reads {@code $TCPDIAG_FILE}: the file is the
 * netlink messages of sock_diag replies back to back (what {@code ss -D} and {@code sockscope -D} write),
 * each a 16-byte {@code nlmsghdr} followed by its payload padded to 4 bytes. Messages are read in order up to
 * the first {@code NLMSG_DONE}, the only proper end, so a dump of both families replays its IPv4 part only,
 * as in ss. Every other message is taken as an {@code inet_diag_msg} of a TCP socket; the request's states
 * and families are not applied (ss applies only the filter expression to a replay).
 *
 * <p>Failures end the replay with ss's words, after the sockets read so far were delivered:
 * {@code fopen($TCPDIAG_FILE): No such file or directory}, {@code Unexpected EOF reading $TCPDIAG_FILE}
 * (the file ends before {@code NLMSG_DONE} or inside a message), {@code TCPDIAG answered: <error>} for an
 * {@code NLMSG_ERROR}, {@code ERROR truncated} when that message is too short. A record too short for
 * {@code inet_diag_msg} or of another address family is skipped with a warning. Only TCP is replayed: other
 * dump kinds are unavailable from this source.
 */
public final class ReplaySource implements SocketSource {
    /** The variable naming the file ss replays. */
    public static final String ENVIRONMENT_VARIABLE = "TCPDIAG_FILE";

    private static final String NAME = "$" + ENVIRONMENT_VARIABLE;
    // Far above what a socket record takes (ss itself reads messages into 16 KiB); larger claims are damage.
    private static final long MAX_PAYLOAD = 16L << 20;

    private final Path file;

    /** A source replaying {@code file}, opened anew by each dump. */
    public ReplaySource(Path file) {
        this.file = file;
    }

    @Override
    public void dump(DumpKind kind, DumpRequest request, SocketSink sink, WarningSink warnings)
            throws SourceException {
        if (kind != DumpKind.TCP) {
            throw new TableUnavailableException(NAME + " replays TCP sockets only, not " + kind);
        }
        boolean keepDetails = request.memory() || request.tcpInfo() || request.tos() || request.inetSockopt();
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (IOException e) {
            throw new SourceException("fopen(" + NAME + "): " + describe(e), e);
        }
        try (InputStream in = new BufferedInputStream(raw, 64 * 1024)) {
            replay(in, keepDetails, sink, warnings);
        } catch (IOException e) {
            throw new SourceException("Reading " + NAME + ": " + describe(e), e);
        }
    }

    private static void replay(InputStream in, boolean keepDetails, SocketSink sink, WarningSink warnings)
            throws IOException, SourceException {
        while (true) {
            byte[] header;
            try {
                header = in.readNBytes(NetlinkHeader.SIZE);
            } catch (IOException e) {
                throw new SourceException("Reading header from " + NAME + ": " + describe(e), e);
            }
            if (header.length != NetlinkHeader.SIZE) {
                throw unexpectedEof();
            }
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.nativeOrder());
            long length = Integer.toUnsignedLong(h.getInt(0));
            int type = Short.toUnsignedInt(h.getShort(4));
            if (length < NetlinkHeader.SIZE) {
                // ss's unsigned arithmetic asks for the rest of the file and then finds it too short.
                throw unexpectedEof();
            }
            long padded = NetlinkHeader.align(length - NetlinkHeader.SIZE);
            if (padded > MAX_PAYLOAD) {
                throw new SourceException(NAME + ": a message claims " + length + " bytes; the rest is not read");
            }
            byte[] payload = in.readNBytes((int) padded);
            if (payload.length != padded) {
                throw unexpectedEof();
            }
            if (type == NetlinkHeader.NLMSG_DONE) {
                return;
            }
            if (type == NetlinkHeader.NLMSG_ERROR) {
                throw answered(header, payload, length);
            }
            deliver(payload, (int) (length - NetlinkHeader.SIZE), keepDetails, sink, warnings);
        }
    }

    private static void deliver(byte[] payload, int length, boolean keepDetails, SocketSink sink,
                                WarningSink warnings) {
        try {
            sink.accept(InetDiagMsg.decode(payload, 0, length, SocketTable.TCP, keepDetails, warnings::warn));
        } catch (MalformedMessageException e) {
            warnings.warn(NAME + ": skipped a malformed socket record: " + e.getMessage());
        }
    }

    private static SourceException answered(byte[] header, byte[] payload, long length) {
        if (length < NetlinkHeader.SIZE + NetlinkError.NLMSGERR_SIZE) {
            return new SourceException("ERROR truncated");
        }
        byte[] message = new byte[(int) length];
        System.arraycopy(header, 0, message, 0, header.length);
        System.arraycopy(payload, 0, message, header.length, (int) length - header.length);
        try {
            int errno = NetlinkError.ofErrorMessage(message, 0, message.length).errno();
            return new SourceException("TCPDIAG answered: " + (errno == 0 ? "Success" : Errno.message(errno)));
        } catch (MalformedMessageException e) {
            return new SourceException("ERROR truncated");
        }
    }

    private static SourceException unexpectedEof() {
        return new SourceException("Unexpected EOF reading " + NAME);
    }

    /** The C library's words for the failures a file open or read can have, else the JDK's. */
    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return Errno.message(Errno.ENOENT);
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        String message = e.getMessage();
        return message != null ? message : e.toString();
    }
}
