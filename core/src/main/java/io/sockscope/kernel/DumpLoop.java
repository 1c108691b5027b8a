package io.sockscope.kernel;

import io.sockscope.netlink.MessageCursor;
import io.sockscope.netlink.NetlinkHeader;

import java.util.function.Consumer;

/**
 * One request and its reply over a {@link NetlinkExchange}: each datagram is checked (sequence number and
 * port id, where the reply ends, errors, {@code NLM_F_DUMP_INTR}) and then its messages are delivered at
 * once, before the next datagram is read, so memory does not grow with the length of the reply.
 *
 * <p>{@code NLM_F_DUMP_INTR} (the kernel's data changed while it was dumped): when the first datagram of an
 * attempt carries it, nothing has been delivered or recorded yet, so the attempt is read to its end and
 * dropped, and the request sent again, up to {@link NetlinkChannel#MAX_DUMP_ATTEMPTS} times in all; the last
 * attempt is delivered whatever it carries. Once messages were delivered they cannot be taken back: a flag
 * in a later datagram lets the dump run to its end and report {@link DumpOutcome#POSSIBLY_INCONSISTENT},
 * as vishvananda/netlink returns its partial results together with an error.
 */
final class DumpLoop {
    private final NetlinkExchange exchange;
    private final String call;
    private final byte[] request;
    private final NetlinkMessageHandler handler;
    private final Consumer<String> warnings;
    private final ReplyRecorder recorder;
    private final int seq;
    private final boolean endsWithAck;
    private long delivered;
    /** The datagram being handled, the exchange's array, and how much of the array it fills. */
    private byte[] datagram = new byte[0];
    private int datagramLength;

    DumpLoop(NetlinkExchange exchange, String call, byte[] request, NetlinkMessageHandler handler,
             Consumer<String> warnings, ReplyRecorder recorder) {
        if (request.length < NetlinkHeader.SIZE) {
            throw new IllegalArgumentException("request of " + request.length + " bytes has no header");
        }
        this.exchange = exchange;
        this.call = call;
        this.request = request;
        this.handler = handler;
        this.warnings = warnings;
        this.recorder = recorder;
        this.seq = NetlinkHeader.seq(request, 0);
        // A request that is not a dump ends with its acknowledgement instead of NLMSG_DONE.
        this.endsWithAck = (NetlinkHeader.flags(request, 0) & NetlinkHeader.NLM_F_DUMP) != NetlinkHeader.NLM_F_DUMP;
    }

    DumpOutcome run() throws NetlinkException {
        for (int attempt = 1; ; attempt++) {
            send();
            DumpOutcome outcome = receiveReply(attempt < NetlinkChannel.MAX_DUMP_ATTEMPTS);
            if (outcome != null) {
                return outcome;
            }
        }
    }

    /** Reads the reply to its end, delivering as it goes; null when the attempt is to be repeated. */
    private DumpOutcome receiveReply(boolean mayRepeat) throws NetlinkException {
        boolean interrupted = false;
        for (boolean first = true; ; first = false) {
            receive();
            ReplyDatagram reply = ReplyDatagram.scan(datagram, datagramLength, exchange.portId(), seq, endsWithAck);
            boolean failed = reply.error() != null || reply.malformed() != null;
            // Only the first datagram of an attempt can still undo it: nothing was recorded or delivered yet.
            if (reply.interrupted() && first && mayRepeat && !failed) {
                if (!reply.endsReply()) {
                    skipRestOfReply();
                }
                return null;
            }
            if (recorder != null) {
                recorder.datagram(datagram, datagramLength);
            }
            warnAboutSkipped(reply);
            if (reply.error() != null) {
                throw NetlinkException.ofKernel(call, reply.error().errno(), reply.error().extAckMessage(),
                        delivered);
            }
            if (reply.malformed() != null) {
                throw NetlinkException.ofProtocol(call, reply.malformed(), delivered);
            }
            deliver(reply.end());
            interrupted |= reply.interrupted();
            if (reply.endsReply()) {
                return interrupted ? DumpOutcome.POSSIBLY_INCONSISTENT : DumpOutcome.CONSISTENT;
            }
        }
    }

    /** Reads and drops the datagrams of an attempt that will be repeated, up to its end. */
    private void skipRestOfReply() throws NetlinkException {
        ReplyDatagram reply;
        do {
            receive();
            reply = ReplyDatagram.scan(datagram, datagramLength, exchange.portId(), seq, endsWithAck);
        } while (!reply.endsReply());
    }

    /** Hands the data messages of the reply before {@code end} to the handler. */
    private void deliver(long end) {
        int portId = exchange.portId();
        MessageCursor c = new MessageCursor(datagram, datagramLength);
        while (c.next() && c.offset() < end) {
            // Types below 16 are netlink control messages: NOOP, OVERRUN, an acknowledgement inside a dump.
            if (c.portId() == portId && c.seq() == seq && c.type() >= 16) {
                handler.onMessage(c.type(), c.flags(), datagram, c.payloadOffset(), c.payloadLength());
                delivered++;
            }
        }
    }

    private void warnAboutSkipped(ReplyDatagram reply) {
        if (reply.foreignMessages() != 0) {
            warnings.accept(call + ": skipped " + reply.foreignMessages()
                    + (reply.foreignMessages() == 1 ? " message" : " messages")
                    + " not addressed to this request (seq " + Integer.toUnsignedString(reply.firstForeignSeq())
                    + ", port " + Integer.toUnsignedString(reply.firstForeignPortId()) + "; expected seq "
                    + Integer.toUnsignedString(seq) + ", port " + Integer.toUnsignedString(exchange.portId()) + ")");
        }
        if (reply.remnant() != 0) {
            long n = reply.remnant();
            warnings.accept(call + ": skipped " + n + (n == 1 ? " byte that does not" : " bytes that do not")
                    + " form a netlink message");
        }
    }

    private void send() throws NetlinkException {
        try {
            exchange.send(request);
        } catch (NetlinkException e) {
            throw e.afterDelivering(delivered);
        }
    }

    /** Receives the next datagram, where its headers and messages are read: in the exchange's own array. */
    private void receive() throws NetlinkException {
        try {
            datagram = exchange.receive();
            datagramLength = exchange.receivedLength();
        } catch (NetlinkException e) {
            throw e.afterDelivering(delivered);
        }
    }
}
