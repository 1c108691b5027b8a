package io.sockscope.model;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A process name as the kernel holds it: bytes, not text. {@code prctl(PR_SET_NAME)} and {@code /proc/PID/comm}
 * take any bytes but NUL, so a name need not be UTF-8, and ss prints those bytes unchanged in a column sized in
 * bytes. Keeping the bytes is what lets a listing match ss and keeps a name such as {@code "\u011b"} (the bytes
 * C4 9B) from turning into an ESC once one char is written as one byte. Immutable; equal when the bytes are.
 */
public final class ProcessName {
    /** The name of a task whose name could not be read: ss prints it as {@code ""}. */
    public static final ProcessName EMPTY = new ProcessName(new byte[0]);

    /** The lone surrogates that stand for the bytes 0x80..0xFF of invalid UTF-8 in {@link #escapedText()}. */
    private static final char ESCAPE_BASE = '\uDC00';
    private static final char REPLACEMENT = '\uFFFD';

    private final byte[] bytes;

    private ProcessName(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The name held in {@code bytes[from..to)}, copied. */
    public static ProcessName of(byte[] bytes, int from, int to) {
        return to <= from ? EMPTY : new ProcessName(Arrays.copyOfRange(bytes, from, to));
    }

    /** The name whose bytes are the UTF-8 encoding of {@code text}. */
    public static ProcessName ofText(String text) {
        return text.isEmpty() ? EMPTY : new ProcessName(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The name that {@link #escapedText()} gave {@code text} for: the exact inverse of that method. */
    public static ProcessName ofEscapedText(String text) {
        if (!hasEscapedBytes(text)) {
            return ofText(text);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 3);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (isEscapedByte(text, i)) {
                out.writeBytes(text.substring(start, i).getBytes(StandardCharsets.UTF_8));
                out.write(text.charAt(i) - ESCAPE_BASE);
                start = i + 1;
            }
        }
        out.writeBytes(text.substring(start).getBytes(StandardCharsets.UTF_8));
        return new ProcessName(out.toByteArray());
    }

    /** Whether {@code text} holds a byte of invalid UTF-8 as {@link #escapedText()} writes one. */
    public static boolean hasEscapedBytes(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isEscapedByte(text, i)) {
                return true;
            }
        }
        return false;
    }

    /** The number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Whether the bytes are valid UTF-8, so that {@link #text()} says exactly what they are. */
    public boolean isUtf8() {
        if (text().indexOf(REPLACEMENT) < 0) {
            return true; // the JDK's decoder, much faster than a checking one, replaced nothing
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The name for a person: the bytes decoded as UTF-8, each invalid sequence shown as U+FFFD. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The name as text that loses nothing: valid UTF-8 decoded, and every other byte B (always 0x80 or above)
     * as the lone surrogate U+DC00+B, as Python's {@code surrogateescape} does. Two different names never give
     * the same text, and {@link #ofEscapedText} gives the bytes back.
     */
    public String escapedText() {
        String text = text();
        if (text.indexOf(REPLACEMENT) < 0) {
            return text; // valid UTF-8, nearly every name; a name holding U+FFFD itself takes the long way
        }
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        while (true) {
            var result = decoder.decode(in, out, true);
            if (!result.isError()) {
                break;
            }
            for (int i = 0; i < result.length(); i++) {
                out.put((char) (ESCAPE_BASE + (in.get() & 0xff)));
            }
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Whether the char at {@code i} is a lone low surrogate standing for a byte (see {@link #escapedText()}). */
    private static boolean isEscapedByte(String text, int i) {
        char c = text.charAt(i);
        return c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xff
                && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessName other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The same as {@link #text()}. */
    @Override
    public String toString() {
        return text();
    }
}
