package io.sockscope.filter;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java re-implementations of the C library routines ss's filter relies on, checked against answers the
 * real glibc gave for thousands of random inputs ({@code oracle/generate.sh} runs {@code libc-oracle.c}).
 */
class LibcOracleTest {

    private static List<String[]> fixture(String name) throws IOException {
        try (InputStream in = LibcOracleTest.class.getResourceAsStream("oracle/" + name)) {
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#") && !line.isEmpty()) {
                    rows.add(line.split("\t", -1));
                }
            }
            return rows;
        }
    }

    private static byte[] bytes(String hex) {
        return hex.equals("-") ? new byte[0] : HexFormat.of().parseHex(hex);
    }

    /** Bytes as a Java string one char per byte, as the parser sees ASCII words. */
    private static String text(String hex) {
        return new String(bytes(hex), StandardCharsets.ISO_8859_1);
    }

    @Test
    void globMatchesGlibcFnmatchWithCaseFolding() throws IOException {
        List<String[]> rows = fixture("fnmatch.tsv");
        List<String> wrong = new ArrayList<>();
        int matches = 0;
        for (String[] r : rows) {
            boolean expected = r[2].equals("1");
            matches += expected ? 1 : 0;
            boolean actual = Glob.matches(bytes(r[0]), bytes(r[1]));
            if (actual != expected) {
                wrong.add("fnmatch(\"" + text(r[0]) + "\", \"" + text(r[1]) + "\") should be " + expected);
            }
        }
        assertTrue(rows.size() >= 10_000 && matches > 1000, "fixture holds enough matching and failing pairs");
        assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size() + " disagreements");
    }

    @Test
    void numberConversionsMatchGlibc() throws IOException {
        List<String[]> rows = fixture("numbers.tsv");
        List<String> wrong = new ArrayList<>();
        for (String[] r : rows) {
            String w = text(r[0]);
            CNumbers.Conversion u = CNumbers.strtoul(w, 0, 0);
            String ul = Long.toUnsignedString(u.value()) + " " + u.end() + " " + (u.overflow() ? 1 : 0);
            check(wrong, w, "strtoul", r[1], ul);
            CNumbers.Conversion l = CNumbers.strtol(w, 0, 0);
            check(wrong, w, "strtol", r[2], l.value() + " " + l.end() + " " + (l.overflow() ? 1 : 0));
            CNumbers.ScanResult one = CNumbers.scanInt(w, 0, 0);
            check(wrong, w, "%i", r[3].startsWith("1 ") ? r[3] : "0 0", one == null ? "0 0" : "1 " + one.value());
            int[] pair = CNumbers.scanIntSlashInt(w);
            check(wrong, w, "%i/%i", r[4].startsWith("2 ") ? r[4] : "0 0 0",
                    pair == null ? "0 0 0" : "2 " + pair[0] + " " + pair[1]);
            CNumbers.ScanResult idx = w.startsWith("if") ? CNumbers.scanInt(w, 2, 10) : null;
            check(wrong, w, "if%u", r[5].startsWith("1 ") ? r[5] : "0 0",
                    idx == null ? "0 0" : "1 " + Integer.toUnsignedString(idx.value()));
        }
        assertTrue(rows.size() >= 5000);
        assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size() + " disagreements");
    }

    private static void check(List<String> wrong, String word, String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            wrong.add(what + "(\"" + word.replace("\n", "\\n").replace("\t", "\\t") + "\"): libc " + expected
                    + ", ours " + actual);
        }
    }

    @Test
    void ipv6TextMatchesGlibcInetPton() throws IOException {
        List<String[]> rows = fixture("pton6.tsv");
        List<String> wrong = new ArrayList<>();
        int valid = 0;
        for (String[] r : rows) {
            Optional<byte[]> ours = InetText.parseIpv6(text(r[0]));
            String actual = ours.map(b -> HexFormat.of().formatHex(b)).orElse("-");
            valid += r[1].equals("-") ? 0 : 1;
            if (!actual.equals(r[1])) {
                wrong.add("inet_pton6(\"" + text(r[0]) + "\"): libc " + r[1] + ", ours " + actual);
            }
        }
        assertTrue(valid > 100, "fixture holds valid addresses too");
        assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size() + " disagreements");
    }
}
