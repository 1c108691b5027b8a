package io.sockscope.procmap;

import io.sockscope.model.ProcessName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The two small grammars of the scan: the name in a stat file, and a socket link target. */
class StatAndLinkParsingTest {

    @ParameterizedTest(name = "stat \"{0}\" names \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "1234 (java) S 1 1234|java",
            "1 (systemd) S 0 1 1|systemd",
            "7 (kworker/0:1-events) I 2|kworker/0:1-events",
            "12 (tmux: server) S 1|tmux: server",
            "12 (a)b) S 1|a",                       // ss stops at the first ')'
            "12 ((sd-pam)) S 1|(sd-pam",
            "12   \t(spaced) S|spaced",
            "12(tight) S|tight",
            "-3 (negative) S|negative",
            "12 (no closing paren|no closing paren",
            "12 () S|\"\"",
            "(nopid) S|\"\"",
            "12 nameless S|\"\"",
            "|\"\"",
            "12 (naïve) S|naïve",
    })
    void commandFromStat(String stat, String expected) {
        byte[] bytes = (stat == null ? "" : stat).getBytes(StandardCharsets.UTF_8);
        assertEquals(ProcessName.ofText(expected), StatCommand.parse(bytes, bytes.length));
    }

    @ParameterizedTest(name = "stat name bytes {0} are kept as they are")
    @ValueSource(strings = {"c3bc6d6c", "fd6d6c", "c49b", "c48a", "ff", "1b5b33316d", "0a", "e282ac"})
    void nonAsciiAndInvalidUtf8NamesKeepTheirBytes(String hex) {
        byte[] name = HexFormat.of().parseHex(hex);
        byte[] stat = concat("4711 (".getBytes(StandardCharsets.US_ASCII), name,
                ") S 1 4711".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(name, StatCommand.parse(stat, stat.length).bytes());
        assertArrayEquals(name, StatCommand.name(name, 0, name.length).bytes());
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "link \"{0}\" is inode {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "socket:[12345]|12345",
            "socket:[4294967295]|4294967295",
            "socket:[12345|12345",
            "socket:[ 9]|9",
            "socket:[0]|0",
            "socket:[]|0",
            "socket:[x]|0",
            "socket:|0",
            "pipe:[12345]|0",
            "anon_inode:[eventfd]|0",
            "/dev/null|0",
            "Socket:[1]|0",
            "/tmp/socket:[1]|0",
    })
    void inodeFromLink(String target, long expected) {
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        assertEquals(expected, SocketLink.inodeOf(bytes, bytes.length));
    }

    @ParameterizedTest(name = "only the first 63 bytes count: {0} leading zeros")
    @CsvSource({"50, 77", "53, 77", "54, 7", "55, 0"})
    void longTargetsAreCutWhereSsCutsThem(int zeros, long expected) {
        byte[] bytes = ("socket:[" + "0".repeat(zeros) + "77]").getBytes(StandardCharsets.UTF_8);
        assertEquals(expected, SocketLink.inodeOf(bytes, bytes.length));
    }
}
