package io.sockscope.render;

import io.sockscope.testing.TestResources;
import io.sockscope.model.SocketTable;
import io.sockscope.names.NetlinkProtocolNames;
import io.sockscope.names.ProcessNames;
import io.sockscope.names.ProtocolNames;
import io.sockscope.names.ServiceNames;
import io.sockscope.netlink.InetDiagMsg;
import io.sockscope.netlink.MalformedMessageException;
import io.sockscope.netlink.MessageCursor;
import io.sockscope.netlink.NetlinkHeader;
import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real sock_diag replies, rendered: {@code golden/extended/tcp{4,6}.dump} are TCP dumps written by ss 6.1's
 * {@code -D} from a namespace holding listeners and connections under bbr, cubic and reno, a keepalive timer,
 * a mark, TOS and traffic class, a half-closed pair, TIME-WAIT, SYN-SENT, MPTCP subflows and a TCP-MD5 key;
 * {@code tcp{4,6}.CASE.txt} are what ss printed when it replayed them ({@code TCPDIAG_FILE}). Each reply is
 * decoded with the netlink codec and written by {@link SsListingWriter}; the bytes must be ss's. A second test
 * replays the dumps through the installed ss to show the stored texts are still what it prints.
 */
class TcpReplyGoldenTest {
    private static final Path DIR = TestResources.directory().resolve("golden/extended");
    private static final Path NAMES = TestResources.directory().resolve("names");

    /** The cases of capture.sh: file name, ss flags, and the format they ask for. */
    private record Case(String name, String flags, boolean numeric, ExtendedOutput output) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        ExtendedOutput none = ExtendedOutput.NONE;
        return List.of(
                new Case("tan", "-tan", true, none),
                new Case("taneo", "-taneo", true, output(true, true, false, false, false, false, false)),
                new Case("tanm", "-tanm", true, output(false, false, true, false, false, false, false)),
                new Case("tani", "-tani", true, output(false, false, false, true, false, false, false)),
                new Case("tanoi", "-tanoi", true, output(true, false, false, true, false, false, false)),
                new Case("tanoemi", "-tanoemi", true, output(true, true, true, true, false, false, false)),
                new Case("taoemi", "-taoemi", false, output(true, true, true, true, false, false, false)),
                new Case("tanoemiO", "-tanoemiO", true, output(true, true, true, true, false, false, true)),
                new Case("tan-tos", "-tan --tos", true, output(false, false, false, false, true, false, false)),
                new Case("tan-cgroup", "-tane --cgroup", true, output(true, true, false, false, false, true, false)),
                new Case("tan-sockopt", "-tan --inet-sockopt", true, sockopt(false, false, false)),
                new Case("tanmiO-sockopt", "-tanmiO --inet-sockopt", true, sockopt(true, true, true)));
    }

    static List<Object[]> dumpsAndCases() {
        List<Object[]> all = new ArrayList<>();
        for (String dump : List.of("tcp4", "tcp6")) {
            for (Case c : cases()) {
                all.add(new Object[] {dump, c});
            }
        }
        return all;
    }

    private static ExtendedOutput output(boolean timers, boolean details, boolean memory, boolean info,
                                         boolean tos, boolean cgroup, boolean oneLine) {
        return new ExtendedOutput(timers, details, memory, info, tos, cgroup, false, false, oneLine);
    }

    /** {@code --inet-sockopt}, with or without {@code -m}, {@code -i} and {@code -O}. */
    private static ExtendedOutput sockopt(boolean memory, boolean info, boolean oneLine) {
        return new ExtendedOutput(false, false, memory, info, false, false, true, false, oneLine);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dumpsAndCases")
    void rendersTheReplyAsSsDid(String dump, Case c) throws Exception {
        String expected = Files.readString(DIR.resolve(dump + "." + c.name() + ".txt"), StandardCharsets.ISO_8859_1);
        assertEquals(expected, render(dump, c));
    }

    @Test
    void theDumpsHoldWhatTheyAreSaidTo() throws Exception {
        String all = render("tcp4", cases().get(5)) + render("tcp6", cases().get(5));
        for (String wanted : List.of(" bbr ", " cubic ", " reno ", "bbr:(bw:", "timer:(keepalive,", "fwmark:0x2a",
                "TIME-WAIT", "SYN-SENT", "tcp-ulp-mptcp flags:", "md5keys:127.0.0.2/32=", "-->", "<--",
                "retrans:", "v6only:")) {
            assertTrue(all.contains(wanted), "the golden dumps should show " + wanted);
        }
    }

    @Test
    void theStoredTextsAreWhatTheInstalledSsPrints() throws Exception {
        Assumptions.assumeTrue(CommandRun.onPath("ss"), "needs the installed iproute2 ss");
        Assumptions.assumeTrue(Files.readString(DIR.resolve("ss-version.txt")).equals(
                CommandRun.run(List.of("ss", "-V"), Map.of(), 10).stdoutText()), "needs the ss the texts came from");
        // Outside the capture namespace cgroup2 may be mounted and -e would name real cgroups: cases with
        // details are left out here.
        for (String dump : List.of("tcp4", "tcp6")) {
            for (Case c : cases().stream().filter(c -> !c.output().details()).toList()) {
                List<String> command = new ArrayList<>(List.of("ss"));
                command.addAll(List.of(c.flags().split(" ")));
                CommandRun run = CommandRun.run(command,
                        Map.of("TCPDIAG_FILE", DIR.resolve(dump + ".dump").toAbsolutePath().toString()), 10);
                assertEquals(Files.readString(DIR.resolve(dump + "." + c.name() + ".txt"),
                        StandardCharsets.ISO_8859_1), new String(run.stdout(), StandardCharsets.ISO_8859_1),
                        "ss " + c.flags() + " replaying " + dump);
            }
        }
    }

    private static String render(String dump, Case c) throws IOException, MalformedMessageException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ListingFormat format = new ListingFormat(false, true, true, c.numeric(), false, false, -1, c.output());
        NameLookups names = new NameLookups(
                new ServiceNames(NAMES.resolve("services"), NAMES.resolve("ip_local_port_range")),
                new ProtocolNames(Path.of("/nonexistent")),
                new NetlinkProtocolNames(Path.of("/nonexistent")),
                new ProcessNames(Path.of("/nonexistent")),
                index -> "if" + index);
        SsListingWriter writer = new SsListingWriter(out, format, names, OwnerLookup.NONE);
        writer.header();
        byte[] replies = Files.readAllBytes(DIR.resolve(dump + ".dump"));
        MessageCursor messages = new MessageCursor(replies, replies.length);
        int sockets = 0;
        while (messages.next() && messages.type() != NetlinkHeader.NLMSG_DONE) {
            writer.write(InetDiagMsg.decode(replies, messages.payloadOffset(), messages.payloadLength(),
                    SocketTable.TCP, true, warning -> {
                throw new AssertionError(warning);
            }));
            sockets++;
        }
        writer.finish();
        assertTrue(sockets >= 5, dump + " holds " + sockets + " sockets");
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
