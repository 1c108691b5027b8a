package io.sockscope.source;

import io.sockscope.kernel.Replies;
import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.netlink.InetDiagMsg;
import io.sockscope.netlink.NetlinkHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ReplaySource} over dump files built from real kernel replies (the golden sock_diag replies of
 * Linux 6.18, which are exactly what {@code ss -D} writes for one family): what it delivers, where it stops,
 * and ss's words for every way a file can end badly.
 */
class ReplaySourceTest {
    @TempDir
    Path dir;

    private static final List<byte[]> TCP4 = Replies.golden("tcp4.bin");
    private static final List<byte[]> TCP6 = Replies.golden("tcp6.bin");

    /** The sockets the golden data messages of {@code messages} hold, decoded directly. */
    private static List<InetSocket> decoded(List<byte[]> messages) throws Exception {
        List<InetSocket> out = new ArrayList<>();
        for (byte[] m : messages) {
            if (Replies.type(m) >= 16) {
                MemorySegment payload = MemorySegment.ofArray(m).asSlice(NetlinkHeader.SIZE);
                out.add(InetDiagMsg.decode(payload.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), 0, (int) payload.byteSize(), SocketTable.TCP, false, w -> { }));
            }
        }
        return out;
    }

    private Path file(List<byte[]> messages) throws IOException {
        return file(Replies.datagram(messages));
    }

    private Path file(byte[] bytes) throws IOException {
        Path f = Files.createTempFile(dir, "dump", ".bin");
        Files.write(f, bytes);
        return f;
    }

    private static List<byte[]> concat(List<byte[]> a, List<byte[]> b) {
        List<byte[]> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static DumpRequest request(int states, long families) {
        return new DumpRequest(SocketTable.TCP.bit(), states, families, AddressFamily.UNSPEC,
                false, false, false, false, false, null);
    }

    private static final DumpRequest EVERYTHING = request(TcpState.ALL,
            AddressFamily.mask(AddressFamily.INET) | AddressFamily.mask(AddressFamily.INET6));

    /** What one replay delivered, warned about, and how it ended. */
    private record Replay(List<SocketRecord> sockets, List<String> warnings, SourceException failure) {
    }

    private static Replay replay(Path file, DumpRequest request) {
        List<SocketRecord> sockets = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try {
            new ReplaySource(file).dump(DumpKind.TCP, request, sockets::add, warnings::add);
            return new Replay(sockets, warnings, null);
        } catch (SourceException e) {
            return new Replay(sockets, warnings, e);
        }
    }

    @Test
    void replaysEverySocketOfAGoldenDumpInOrder() throws Exception {
        Replay r = replay(file(TCP4), EVERYTHING);
        assertEquals(null, r.failure());
        assertEquals(List.of(), r.warnings());
        assertEquals(decoded(TCP4), r.sockets());
        assertTrue(r.sockets().size() >= 5, "the golden TCP reply holds the capture's five sockets");
        assertTrue(r.sockets().stream().allMatch(s -> s.table() == SocketTable.TCP));
    }

    @Test
    void stopsAtTheFirstDoneSoADumpOfBothFamiliesReplaysItsIpv4Part() throws Exception {
        Replay r = replay(file(concat(TCP4, TCP6)), EVERYTHING);
        assertEquals(null, r.failure());
        assertEquals(decoded(TCP4), r.sockets());
        assertTrue(r.sockets().stream().allMatch(s -> ((InetSocket) s).family() == AddressFamily.INET));
    }

    @Test
    void neitherStatesNorFamiliesOfTheRequestAreApplied() throws Exception {
        Replay r = replay(file(TCP4), request(TcpState.bit(TcpState.SYN_SENT), AddressFamily.mask(AddressFamily.INET6)));
        assertEquals(decoded(TCP4), r.sockets(), "ss applies only the filter expression to a replay");
    }

    @Test
    void theFilterExpressionIsApplied() throws Exception {
        List<SocketRecord> kept = new ArrayList<>();
        new ReplaySource(file(TCP4)).dump(DumpKind.TCP, EVERYTHING,
                s -> s.state() == TcpState.LISTEN.code(), kept::add, w -> { });
        List<InetSocket> listeners = decoded(TCP4).stream().filter(s -> s.state() == TcpState.LISTEN.code()).toList();
        assertFalse(listeners.isEmpty());
        assertEquals(listeners, kept);
    }

    @Test
    void aFileWithoutDoneDeliversItsSocketsThenEndsWithUnexpectedEof() throws Exception {
        List<byte[]> data = TCP4.stream().filter(m -> Replies.type(m) >= 16).toList();
        Replay r = replay(file(data), EVERYTHING);
        assertEquals(decoded(TCP4), r.sockets());
        assertEquals("Unexpected EOF reading $TCPDIAG_FILE", r.failure().getMessage());
        assertFalse(r.failure() instanceof TableUnavailableException, "a replay never falls back to the kernel");
    }

    @Test
    void anEmptyFileIsAnUnexpectedEof() throws Exception {
        Replay r = replay(file(new byte[0]), EVERYTHING);
        assertEquals(List.of(), r.sockets());
        assertEquals("Unexpected EOF reading $TCPDIAG_FILE", r.failure().getMessage());
    }

    @Test
    void aMissingFileIsReportedAsSsReportsFopen() {
        Replay r = replay(dir.resolve("absent.bin"), EVERYTHING);
        assertEquals("fopen($TCPDIAG_FILE): No such file or directory", r.failure().getMessage());
        assertFalse(r.failure() instanceof TableUnavailableException);
    }

    @Test
    void aFileCutInsideAHeaderOrAPayloadIsAnUnexpectedEof() throws Exception {
        byte[] whole = Replies.datagram(TCP4);
        int firstLength = NetlinkHeader.align(TCP4.getFirst().length);
        for (int cut : new int[] {5, firstLength + 3, firstLength + NetlinkHeader.SIZE + 10}) {
            Replay r = replay(file(Arrays.copyOf(whole, cut)), EVERYTHING);
            assertEquals("Unexpected EOF reading $TCPDIAG_FILE", r.failure().getMessage(), "cut at " + cut);
            assertEquals(cut > firstLength ? 1 : 0, r.sockets().size(), "cut at " + cut);
        }
    }

    @Test
    void aLengthShorterThanTheHeaderIsAnUnexpectedEof() throws Exception {
        byte[] bad = Replies.message(20, 0, 0, 0, new byte[0]);
        MemorySegment.ofArray(bad).set(ValueLayout.JAVA_INT_UNALIGNED, 0, 7);
        Replay r = replay(file(Replies.concat(Replies.datagram(TCP4.getFirst()), bad)), EVERYTHING);
        assertEquals(1, r.sockets().size());
        assertEquals("Unexpected EOF reading $TCPDIAG_FILE", r.failure().getMessage());
    }

    @Test
    void anErrorMessageEndsTheReplayWithTheKernelsAnswer() throws Exception {
        byte[] request = TCP4.getFirst();
        List<byte[]> messages = List.of(TCP4.get(0), TCP4.get(1), Replies.error(1, 2, -1, request), TCP4.get(2));
        Replay r = replay(file(messages), EVERYTHING);
        assertEquals(decoded(TCP4).subList(0, 2), r.sockets());
        assertEquals("TCPDIAG answered: Operation not permitted", r.failure().getMessage());

        Replay ack = replay(file(List.of(Replies.error(1, 2, 0, request))), EVERYTHING);
        assertEquals("TCPDIAG answered: Success", ack.failure().getMessage(), "glibc's strerror(0)");

        byte[] shortError = Replies.message(NetlinkHeader.NLMSG_ERROR, 0, 1, 2, new byte[] {-2, -1, -1, -1});
        Replay truncated = replay(file(List.of(shortError)), EVERYTHING);
        assertEquals("ERROR truncated", truncated.failure().getMessage());
    }

    @Test
    void aRecordTooShortForInetDiagMsgIsSkippedWithAWarning() throws Exception {
        byte[] stub = Replies.message(20, 2, 0, 0, new byte[12]);
        Replay r = replay(file(concat(List.of(stub), TCP4)), EVERYTHING);
        assertEquals(null, r.failure());
        assertEquals(decoded(TCP4), r.sockets());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().getFirst().startsWith("$TCPDIAG_FILE: skipped a malformed socket record"));
    }

    @Test
    void onlyTcpIsReplayed() throws Exception {
        ReplaySource source = new ReplaySource(file(TCP4));
        for (DumpKind kind : DumpKind.values()) {
            if (kind != DumpKind.TCP) {
                assertInstanceOf(TableUnavailableException.class, assertThrows(SourceException.class,
                        () -> source.dump(kind, EVERYTHING, s -> { }, w -> { })), kind.name());
            }
        }
    }

    @Test
    void damagedFilesEitherReplayOrFailWithASourceException() throws Exception {
        byte[] whole = Replies.datagram(concat(TCP4, TCP6));
        Random random = new Random(20261124);
        for (int round = 0; round < 400; round++) {
            byte[] damaged = whole.clone();
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean()) {
                damaged = Arrays.copyOf(damaged, random.nextInt(damaged.length + 1));
            }
            Path f = file(damaged);
            try {
                new ReplaySource(f).dump(DumpKind.TCP, EVERYTHING, s -> { }, w -> { });
            } catch (SourceException expected) {
                // A damaged file may end the replay; anything but a SourceException fails the test.
            }
            Files.delete(f);
        }
        ByteArrayOutputStream noise = new ByteArrayOutputStream();
        for (int i = 0; i < 64; i++) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            noise.writeBytes(junk);
            try {
                new ReplaySource(file(noise.toByteArray())).dump(DumpKind.TCP, EVERYTHING, s -> { }, w -> { });
            } catch (SourceException expected) {
                // As above.
            }
        }
    }
}
