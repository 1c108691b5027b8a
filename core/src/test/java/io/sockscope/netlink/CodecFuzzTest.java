package io.sockscope.netlink;

import io.sockscope.model.SocketTable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every decoder, fed random bytes, every truncation of real messages and real messages with corrupted bytes,
 * either decodes or throws {@link MalformedMessageException}; nothing else may escape.
 */
class CodecFuzzTest {
    private static final long SEED = 0x5050_cafeL;

    private interface Decoder {
        void decode(byte[] bytes) throws MalformedMessageException;
    }

    private static final List<Decoder> PAYLOAD_DECODERS = List.of(
            p -> InetDiagMsg.decode(p, 0, p.length, SocketTable.TCP, true, w -> { }),
            p -> InetDiagMsg.decodeDestroyEvent(p, 0, p.length, true, w -> { }),
            p -> UnixDiagMsg.decode(p, 0, p.length, true, w -> { }),
            p -> PacketDiagMsg.decode(p, 0, p.length, true, w -> { }),
            p -> PacketDiagMsg.hasMemInfo(p, 0, p.length),
            p -> NetlinkDiagMsg.decode(p, 0, p.length, true, w -> { }),
            p -> IfInfoMsg.decode(p, 0, p.length),
            p -> IfAddrMsg.decode(p, 0, p.length),
            p -> walkAttributes(p));

    private static final List<Decoder> MESSAGE_DECODERS = List.of(
            m -> NetlinkError.ofErrorMessage(m, 0, m.length),
            m -> NetlinkError.ofDoneMessage(m, 0, m.length),
            m -> walkMessages(m));

    private static final String[] FIXTURES = {
        "tcp4.bin", "tcp4-ext.bin", "tcp6.bin", "udp4.bin", "unix-ours.bin", "packet-all.bin", "netlink-all.bin",
        "raw4-enoent.bin", "dccp-legacy-einval.bin", "rtnetlink-extack.bin"
    };

    private static void walkAttributes(byte[] area) {
        walkAttributes(area, 0, area.length);
    }

    private static void walkAttributes(byte[] b, int offset, int length) {
        AttributeCursor c = new AttributeCursor(b, offset, length);
        while (c.next()) {
            c.u8();
            c.u32();
            c.u64();
            c.u32At(4);
            c.u64At(12);
            c.u8At(3);
            c.u16At(5);
            c.string();
            c.bytes();
            c.nested().next();
        }
        c.problem();
    }

    private static void walkMessages(byte[] buffer) {
        MessageCursor c = new MessageCursor(buffer, buffer.length);
        while (c.next()) {
            c.type();
            c.flags();
            c.seq();
            c.portId();
            walkAttributes(c.buffer(), c.payloadOffset(), c.payloadLength());
        }
    }

    private int runs;

    private void feed(List<Decoder> decoders, byte[] bytes) {
        for (Decoder d : decoders) {
            runs++;
            try {
                d.decode(bytes);
            } catch (MalformedMessageException expected) {
                // the one allowed way to refuse
            } catch (RuntimeException e) {
                fail("decoder threw " + e + " for " + Arrays.toString(bytes), e);
            }
        }
    }

    private static List<Golden.Message> realMessages() {
        List<Golden.Message> all = new ArrayList<>();
        for (String f : FIXTURES) {
            all.addAll(Golden.messages(Golden.reply(f)));
        }
        return all;
    }

    @Test
    void randomBytes() {
        Random random = new Random(SEED);
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            feed(PAYLOAD_DECODERS, bytes);
            feed(MESSAGE_DECODERS, bytes);
        }
        assertTrue(runs > 0);
    }

    @Test
    void everyTruncationOfRealMessages() {
        for (Golden.Message m : realMessages()) {
            byte[] whole = m.whole();
            byte[] payload = m.payload();
            for (int n = 0; n <= whole.length; n++) {
                feed(MESSAGE_DECODERS, Arrays.copyOf(whole, n));
            }
            for (int n = 0; n <= payload.length; n++) {
                feed(PAYLOAD_DECODERS, Arrays.copyOf(payload, n));
            }
        }
    }

    @Test
    void corruptedRealMessages() {
        Random random = new Random(SEED + 1);
        List<Golden.Message> messages = realMessages();
        for (int i = 0; i < 10_000; i++) {
            Golden.Message m = messages.get(random.nextInt(messages.size()));
            byte[] whole = m.whole().clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                whole[random.nextInt(whole.length)] = (byte) random.nextInt(256);
            }
            feed(MESSAGE_DECODERS, whole);
            feed(PAYLOAD_DECODERS, Arrays.copyOfRange(whole, Math.min(NetlinkHeader.SIZE, whole.length), whole.length));
        }
    }
}
