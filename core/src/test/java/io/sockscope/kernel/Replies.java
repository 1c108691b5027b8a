package io.sockscope.kernel;

import io.sockscope.netlink.MessageCursor;
import io.sockscope.netlink.NetlinkError;
import io.sockscope.netlink.NetlinkHeader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds reply datagrams for a {@link ScriptedExchange}: real messages from the golden replies the kernel
 * sent (src/test/resources/golden/replies), addressed to the request being answered, and the few control
 * messages the kernel writes around them.
 */
public final class Replies {
    private Replies() {
    }

    /** Every message of a golden reply file, each whole (header included), in order. */
    public static List<byte[]> golden(String file) {
        byte[] bytes;
        try (InputStream in = Replies.class.getResourceAsStream("/golden/replies/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no fixture golden/replies/" + file);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<byte[]> messages = new ArrayList<>();
        MessageCursor c = new MessageCursor(bytes, bytes.length);
        while (c.next()) {
            messages.add(Arrays.copyOfRange(bytes, (int) c.offset(), (int) c.offset() + c.length()));
        }
        if (c.remnant() != 0) {
            throw new IllegalStateException(file + " has " + c.remnant() + " unframed bytes");
        }
        return messages;
    }

    /** The data messages (types from 16) of a golden reply, without its NLMSG_DONE. */
    public static List<byte[]> goldenData(String file) {
        return golden(file).stream().filter(m -> type(m) >= 16).toList();
    }

    /** A copy of {@code message} with its sequence number and port id replaced. */
    public static byte[] addressed(byte[] message, int seq, int portId) {
        byte[] copy = message.clone();
        MemorySegment s = MemorySegment.ofArray(copy);
        s.set(ValueLayout.JAVA_INT_UNALIGNED, NetlinkHeader.SEQ, seq);
        s.set(ValueLayout.JAVA_INT_UNALIGNED, NetlinkHeader.PID, portId);
        return copy;
    }

    /** Every message of {@code messages} addressed to {@code seq} and {@code portId}. */
    public static List<byte[]> addressed(List<byte[]> messages, int seq, int portId) {
        return messages.stream().map(m -> addressed(m, seq, portId)).toList();
    }

    /** A copy of {@code message} with {@code flags} added to its {@code nlmsg_flags}. */
    public static byte[] flagged(byte[] message, int flags) {
        byte[] copy = message.clone();
        MemorySegment s = MemorySegment.ofArray(copy);
        s.set(ValueLayout.JAVA_SHORT_UNALIGNED, NetlinkHeader.FLAGS, (short) (u16(message, NetlinkHeader.FLAGS)
                | flags));
        return copy;
    }

    /** A message of any type around {@code payload}. */
    public static byte[] message(int type, int flags, int seq, int portId, byte[] payload) {
        byte[] out = new byte[NetlinkHeader.SIZE + payload.length];
        NetlinkHeader.write(MemorySegment.ofArray(out), 0, out.length, type, flags, seq, portId);
        System.arraycopy(payload, 0, out, NetlinkHeader.SIZE, payload.length);
        return out;
    }

    /** {@code NLMSG_DONE} ending a dump, with 0 or a negative errno, as the kernel writes it ({@code NLM_F_MULTI}). */
    public static byte[] done(int seq, int portId, int error) {
        byte[] payload = new byte[4];
        MemorySegment.ofArray(payload).set(ValueLayout.JAVA_INT_UNALIGNED, 0, error);
        return message(NetlinkHeader.NLMSG_DONE, NetlinkHeader.NLM_F_MULTI, seq, portId, payload);
    }

    /** {@code NLMSG_ERROR} with a negative errno (or 0: an acknowledgement), echoing the request's header. */
    public static byte[] error(int seq, int portId, int error, byte[] request) {
        byte[] payload = new byte[NetlinkError.NLMSGERR_SIZE];
        MemorySegment.ofArray(payload).set(ValueLayout.JAVA_INT_UNALIGNED, 0, error);
        System.arraycopy(request, 0, payload, 4, NetlinkHeader.SIZE);
        return message(NetlinkHeader.NLMSG_ERROR, NetlinkHeader.NLM_F_CAPPED, seq, portId, payload);
    }

    /** One datagram holding {@code messages}, each starting at a 4-byte boundary. */
    public static byte[] datagram(List<byte[]> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            out.writeBytes(m);
            out.writeBytes(new byte[NetlinkHeader.align(m.length) - m.length]);
        }
        return out.toByteArray();
    }

    /** One datagram holding {@code messages}. */
    public static byte[] datagram(byte[]... messages) {
        return datagram(List.of(messages));
    }

    /** {@code bytes} followed by {@code extra}: a datagram with bytes that do not form a message. */
    public static byte[] concat(byte[] bytes, byte[] extra) {
        byte[] out = new byte[bytes.length + extra.length];
        System.arraycopy(bytes, 0, out, 0, bytes.length);
        System.arraycopy(extra, 0, out, bytes.length, extra.length);
        return out;
    }

    public static int type(byte[] message) {
        return u16(message, NetlinkHeader.TYPE);
    }

    private static int u16(byte[] message, long offset) {
        return MemorySegment.ofArray(message).get(ValueLayout.JAVA_SHORT_UNALIGNED, offset) & 0xffff;
    }
}
