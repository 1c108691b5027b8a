package io.sockscope.source;

import io.sockscope.kernel.NetlinkChannel;
import io.sockscope.kernel.Replies;
import io.sockscope.kernel.ScriptedExchange;
import io.sockscope.model.SocketRecord;
import io.sockscope.netlink.NetlinkHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.sockscope.kernel.Replies.addressed;
import static io.sockscope.kernel.Replies.datagram;
import static io.sockscope.kernel.Replies.done;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A recording {@link NetlinkSource} writes what {@code ss -D} writes: every reply datagram as received, in
 * order, errors included, and nothing of an attempt the kernel made it repeat. Replaying the recording with
 * {@link ReplaySource} gives back what the live dump delivered for its first family.
 */
class NetlinkSourceRecordingTest {
    private static final int SEQ = NetlinkSource.SS_SEQUENCE;
    private static final int PORT = ScriptedExchange.PORT_ID;
    private static final List<byte[]> TCP4 = addressed(Replies.goldenData("tcp4.bin"), SEQ, PORT);
    private static final List<byte[]> TCP6 = addressed(Replies.goldenData("tcp6.bin"), SEQ, PORT);
    private static final byte[] DONE = done(SEQ, PORT, 0);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
    private final List<SocketRecord> delivered = new ArrayList<>();

    private void dumpTcp(List<List<byte[]>> replies) throws SourceException {
        ScriptedExchange exchange = new ScriptedExchange(ScriptedExchange.inTurn(replies));
        NetlinkSource source = NetlinkSource.recording(() -> NetlinkChannel.over(exchange),
                (datagram, length) -> recorded.write(datagram, 0, length));
        source.dump(DumpKind.TCP, NetlinkSourceKernelTest.everything(), delivered::add, w -> { });
    }

    private static byte[] concat(byte[]... datagrams) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] d : datagrams) {
            out.writeBytes(d);
        }
        return out.toByteArray();
    }

    private List<SocketRecord> replayRecording() throws Exception {
        Path file = dir.resolve("dump.bin");
        Files.write(file, recorded.toByteArray());
        List<SocketRecord> replayed = new ArrayList<>();
        new ReplaySource(file).dump(DumpKind.TCP, NetlinkSourceKernelTest.everything(), replayed::add, w -> { });
        return replayed;
    }

    @Test
    void recordsEveryDatagramOfBothFamiliesAsReceived() throws Exception {
        byte[] first = datagram(TCP4.subList(0, 3));
        byte[] second = datagram(TCP4.subList(3, TCP4.size()));
        byte[] end4 = datagram(DONE);
        byte[] only6 = datagram(TCP6.getFirst(), DONE);
        dumpTcp(List.of(List.of(first, second, end4), List.of(only6)));

        assertArrayEquals(concat(first, second, end4, only6), recorded.toByteArray());
        assertEquals(TCP4.size() + 1, delivered.size());
        assertEquals(delivered.subList(0, TCP4.size()), replayRecording(),
                "a replay stops at the first NLMSG_DONE: the IPv4 part");
    }

    @Test
    void anAttemptRepeatedForDumpIntrIsNotRecorded() throws Exception {
        byte[] interrupted = datagram(Replies.flagged(TCP4.getFirst(), NetlinkHeader.NLM_F_DUMP_INTR), DONE);
        byte[] clean = datagram(concatLists(TCP4, List.of(DONE)));
        byte[] v6 = datagram(DONE);
        dumpTcp(List.of(List.of(interrupted), List.of(clean), List.of(v6)));

        assertArrayEquals(concat(clean, v6), recorded.toByteArray());
        assertEquals(delivered, replayRecording());
    }

    @Test
    void aRefusedDumpIsRecordedWithItsRetryAndReplaysAsSsReplaysIt() throws Exception {
        // The kernel refuses in NLMSG_DONE (ENOENT); ss then retries in the original format.
        byte[] refused = datagram(addressed(Replies.golden("raw4-enoent.bin"), SEQ, PORT));
        byte[] legacy = datagram(concatLists(TCP4, List.of(DONE)));
        dumpTcp(List.of(List.of(refused), List.of(legacy)));

        assertArrayEquals(concat(refused, legacy), recorded.toByteArray());
        assertEquals(TCP4.size(), delivered.size());
        // ss ends a replay at the first NLMSG_DONE whatever it carries, so its own file of this dump lists nothing.
        assertEquals(List.of(), replayRecording());
    }

    private static List<byte[]> concatLists(List<byte[]> a, List<byte[]> b) {
        List<byte[]> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
