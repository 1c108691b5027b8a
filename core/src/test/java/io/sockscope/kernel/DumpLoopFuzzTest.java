package io.sockscope.kernel;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.TcpState;
import io.sockscope.netlink.InetDiagReqV2;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.sockscope.kernel.Replies.addressed;
import static io.sockscope.kernel.Replies.datagram;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Damaged replies (flipped bytes, cut datagrams, datagrams lost or repeated) built from a real multipart TCP
 * reply: the dump loop ends with an outcome or a {@link NetlinkException}, never with another exception.
 */
class DumpLoopFuzzTest {
    private static final int SEQ = 123456;
    private static final int PORT = ScriptedExchange.PORT_ID;
    private static final byte[] REQUEST = InetDiagReqV2.encode(AddressFamily.INET, 6, 0, TcpState.ALL, null, SEQ);

    @Test
    void damagedRepliesEndInAnOutcomeOrATypedException() {
        List<byte[]> messages = addressed(Replies.golden("tcp4-ext.bin"), SEQ, PORT);
        List<byte[]> reply = List.of(
                datagram(messages.subList(0, 2)),
                datagram(messages.subList(2, 4)),
                datagram(messages.subList(4, messages.size())));
        int outcomes = 0;
        int failures = 0;
        for (int seed = 0; seed < 3000; seed++) {
            Random random = new Random(seed);
            List<byte[]> damaged = damage(reply, random);
            ScriptedExchange exchange = new ScriptedExchange(request -> damaged.stream()
                    .map(ScriptedExchange.Step::datagram).toList());
            try (NetlinkChannel channel = NetlinkChannel.over(exchange)) {
                channel.dump("fuzz", REQUEST, (type, flags, buffer, offset, length) -> Arrays.copyOfRange(buffer,
                        offset, offset + length), w -> { }, (d, n) -> { });
                outcomes++;
            } catch (NetlinkException e) {
                failures++;
            } catch (RuntimeException | Error e) {
                fail("seed " + seed + ": " + e, e);
            }
        }
        assertTrue(outcomes > 100 && failures > 100, outcomes + " outcomes, " + failures + " failures");
    }

    private static List<byte[]> damage(List<byte[]> reply, Random random) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] d : reply) {
            out.add(d.clone());
        }
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int which = random.nextInt(out.size());
            byte[] d = out.get(which);
            switch (random.nextInt(6)) {
                case 0, 1, 2 -> {
                    // Headers are where framing lives: hit them more often than payloads.
                    int at = random.nextBoolean() ? random.nextInt(Math.min(d.length, 20) + 1) : random.nextInt(
                            d.length + 1);
                    if (at < d.length) {
                        d[at] = (byte) random.nextInt(256);
                    }
                }
                case 3 -> out.set(which, Arrays.copyOf(d, random.nextInt(d.length + 1)));
                case 4 -> {
                    if (out.size() > 1) {
                        out.remove(which);
                    }
                }
                default -> out.add(which, d.clone());
            }
        }
        return out;
    }
}
