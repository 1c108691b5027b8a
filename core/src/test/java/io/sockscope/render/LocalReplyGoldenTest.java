package io.sockscope.render;

import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.netlink.InetDiagMsg;
import io.sockscope.netlink.MalformedMessageException;
import io.sockscope.netlink.MessageCursor;
import io.sockscope.netlink.NetlinkHeader;
import io.sockscope.netlink.PacketDiagMsg;
import io.sockscope.netlink.UnixDiagMsg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real packet, unix and MPTCP replies, rendered: {@code golden/extended/{packet,unix,mptcp4}.dump} were dumped
 * from the capture namespace once {@code extended_sockets.py} had added packet rings (TPACKET_V2 and V3),
 * fanout groups, socket flags and filters, unix pairs shut down each way and an MPTCP connection, and
 * {@code DUMP.CASE.txt} is what ss 6.1 printed there at the same moment. Each reply is decoded with the codec
 * and written by {@link SsListingWriter}; the bytes must be ss's.
 */
class LocalReplyGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/extended");

    /** One case: dump, text file name, table, and the layout ss used for its flags. */
    private record Case(String dump, String name, SocketTable table, boolean netid, boolean numeric,
                        ExtendedOutput output) {
        @Override
        public String toString() {
            return dump + "." + name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("packet", "0aeb", SocketTable.PACKET_RAW, true, false,
                        new ExtendedOutput(true, true, false, false, false, false, false, true, false)),
                new Case("packet", "0aebmO", SocketTable.PACKET_RAW, true, false,
                        new ExtendedOutput(true, true, true, false, false, false, false, true, true)),
                new Case("packet", "0anm", SocketTable.PACKET_RAW, true, true,
                        new ExtendedOutput(false, false, true, false, false, false, false, false, false)),
                new Case("unix", "xaem", SocketTable.UNIX_STREAM, true, false,
                        new ExtendedOutput(true, true, true, false, false, false, false, false, false)),
                new Case("unix", "xaeO", SocketTable.UNIX_STREAM, true, false,
                        new ExtendedOutput(true, true, false, false, false, false, false, false, true)),
                // The dump asked for every extension, as ss -mi does: -i alone would not have memory.
                new Case("mptcp4", "Manmi", SocketTable.MPTCP, false, true,
                        new ExtendedOutput(false, false, true, true, false, false, false, false, false)),
                new Case("mptcp4", "Manoemi", SocketTable.MPTCP, false, true,
                        new ExtendedOutput(true, true, true, true, false, false, false, false, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersTheReplyAsSsDid(Case c) throws Exception {
        String expected = Files.readString(DIR.resolve(c + ".txt"), StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ListingFormat format = new ListingFormat(c.netid(), true, true, c.numeric(), false, false, -1, c.output());
        // Every packet socket of the capture is bound to the one veth end, gold0.
        NameLookups names = new NameLookups(SsListingWriterTest.names().services(),
                SsListingWriterTest.names().protocols(), SsListingWriterTest.names().netlinkProtocols(),
                SsListingWriterTest.names().processes(), index -> "gold0");
        SsListingWriter writer = new SsListingWriter(out, format, names, OwnerLookup.NONE);
        writer.header();
        int sockets = forEachSocket(c, record -> {
            try {
                writer.write(record);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.finish();
        assertTrue(sockets >= 4, c + " holds " + sockets + " sockets");
        assertEquals(expected, out.toString(StandardCharsets.ISO_8859_1));
    }

    private static int forEachSocket(Case c, Consumer<SocketRecord> sink) throws Exception {
        byte[] replies = Files.readAllBytes(DIR.resolve(c.dump() + ".dump"));
        MessageCursor messages = new MessageCursor(replies, replies.length);
        int count = 0;
        while (messages.next() && messages.type() != NetlinkHeader.NLMSG_DONE) {
            sink.accept(decode(c.table(), replies, messages.payloadOffset(), messages.payloadLength()));
            count++;
        }
        return count;
    }

    private static SocketRecord decode(SocketTable table, byte[] b, int offset, int length)
            throws MalformedMessageException {
        Consumer<String> noWarnings = w -> {
            throw new AssertionError(w);
        };
        return switch (table) {
            case PACKET_RAW -> PacketDiagMsg.decode(b, offset, length, true, noWarnings);
            case UNIX_STREAM -> UnixDiagMsg.decode(b, offset, length, true, noWarnings);
            default -> InetDiagMsg.decode(b, offset, length, table, true, noWarnings);
        };
    }
}
