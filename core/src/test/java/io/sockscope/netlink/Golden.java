package io.sockscope.netlink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** A recorded reply: its datagrams, each padded to 4 bytes, one after the other. */
    static byte[] reply(String name) {
        return bytes("replies/" + name);
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

    /** One message of a reply: copies of the whole message and of its payload. */
    record Message(int type, int flags, int seq, byte[] whole, byte[] payload) {
    }

    /** Every message of a reply, asserting nothing: tests check what they need. */
    static List<Message> messages(byte[] reply) {
        List<Message> out = new ArrayList<>();
        MessageCursor c = new MessageCursor(reply, reply.length);
        while (c.next()) {
            int at = (int) c.offset();
            out.add(new Message(c.type(), c.flags(), c.seq(), Arrays.copyOfRange(reply, at, at + c.length()),
                    Arrays.copyOfRange(reply, c.payloadOffset(), c.payloadOffset() + c.payloadLength())));
        }
        if (c.remnant() != 0) {
            throw new IllegalStateException("fixture has " + c.remnant() + " unframed bytes");
        }
        return out;
    }

    /** The data messages (not DONE or ERROR) of a reply. */
    static List<byte[]> payloads(byte[] reply) {
        return messages(reply).stream().filter(m -> m.type() >= 16).map(Message::payload).toList();
    }
}
