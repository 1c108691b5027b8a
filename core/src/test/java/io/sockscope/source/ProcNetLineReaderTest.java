package io.sockscope.source;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pieces as fgets with a 256-byte buffer would return them. */
class ProcNetLineReaderTest {
    private record Piece(String text, boolean terminated, int number) {
    }

    private static List<Piece> pieces(InputStream in) throws IOException {
        ProcNetLineReader r = new ProcNetLineReader(in);
        List<Piece> out = new ArrayList<>();
        while (r.next()) {
            out.add(new Piece(new String(r.buffer(), r.start(), r.end() - r.start(), StandardCharsets.ISO_8859_1),
                    r.terminated(), r.lineNumber()));
        }
        return out;
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void linesAndALastLineWithoutNewline() throws IOException {
        assertEquals(List.of(new Piece("a", true, 1), new Piece("", true, 2), new Piece("b c", false, 3)),
                pieces(bytes("a\n\nb c")));
        assertEquals(List.of(), pieces(bytes("")));
    }

    @Test
    void aLineLongerThan254BytesArrivesInPieces() throws IOException {
        String longLine = "x".repeat(300);
        List<Piece> p = pieces(bytes(longLine + "\nnext\n"));
        assertEquals(3, p.size());
        assertEquals("x".repeat(255), p.get(0).text());
        assertFalse(p.get(0).terminated());
        assertEquals(new Piece("x".repeat(45), true, 2), p.get(1));
        assertEquals(new Piece("next", true, 3), p.get(2));
        // 254 characters and the newline fit exactly.
        List<Piece> fits = pieces(bytes("y".repeat(254) + "\n"));
        assertEquals(List.of(new Piece("y".repeat(254), true, 1)), fits);
    }

    @Test
    void aNulEndsTheStringAsStrlenWould() throws IOException {
        List<Piece> p = pieces(bytes("ab\0cd\nok\n"));
        assertEquals(new Piece("ab", false, 1), p.get(0));
        assertEquals(new Piece("ok", true, 2), p.get(1));
    }

    @Test
    void survivesShortReadsAcrossManyBufferRefills() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            b.append(String.format("%4d: %0140d%n", i, i));
        }
        byte[] data = b.toString().getBytes(StandardCharsets.ISO_8859_1);
        InputStream trickle = new InputStream() {
            private int pos;
            private int turn;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] dst, int off, int len) {
                if (pos >= data.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, 1 + (turn++ % 4093)), data.length - pos);
                System.arraycopy(data, pos, dst, off, n);
                pos += n;
                return n;
            }
        };
        List<Piece> p = pieces(trickle);
        assertEquals(5000, p.size());
        for (int i = 0; i < 5000; i++) {
            assertTrue(p.get(i).terminated());
            assertEquals(String.format("%4d: %0140d", i, i), p.get(i).text());
        }
    }
}
