package io.sockscope.netlink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Loads the fixtures under {@code src/test/resources/golden} (see the README there). */
final class Golden {
    private Golden() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + path)) {
            if (in == null) {
                throw new IllegalStateException("no fixture golden/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A recorded reply (its datagrams, each padded to 4 bytes) as one segment. */
    static MemorySegment reply(String name) {
        return MemorySegment.ofArray(bytes("replies/" + name));
    }

    /** A copy of a segment's bytes, for the decoders, which read heap arrays. */
    static byte[] array(MemorySegment s) {
        return s.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    static Properties facts() {
        Properties facts = new Properties();
        try (InputStream in = Golden.class.getResourceAsStream("/golden/replies/facts.properties")) {
            facts.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return facts;
    }

    static long fact(String key) {
        String value = facts().getProperty(key);
        if (value == null) {
            throw new IllegalStateException("no fact " + key);
        }
        return Long.parseLong(value);
    }

    /** One message of a reply. */
    record Message(int type, int flags, int seq, MemorySegment whole, MemorySegment payload) {
    }

    /** Every message of a reply, asserting nothing: tests check what they need. */
    static List<Message> messages(MemorySegment reply) {
        List<Message> out = new ArrayList<>();
        MessageCursor c = new MessageCursor(reply);
        while (c.next()) {
            out.add(new Message(c.type(), c.flags(), c.seq(), c.message(), c.payload()));
        }
        if (c.remnant() != 0) {
            throw new IllegalStateException("fixture has " + c.remnant() + " unframed bytes");
        }
        return out;
    }

    /** The data messages (not DONE or ERROR) of a reply. */
    static List<MemorySegment> payloads(MemorySegment reply) {
        return messages(reply).stream().filter(m -> m.type() >= 16).map(Message::payload).toList();
    }
}
