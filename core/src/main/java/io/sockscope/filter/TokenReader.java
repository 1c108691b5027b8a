package io.sockscope.filter;

import io.sockscope.filter.FilterSyntaxException.Kind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the filter's words, then the filter file's lines, into tokens the way ss's lexer does, one token
 * per call so that errors surface in ss's order: a token ends at a space or tab (not at other white space),
 * a backslash makes the next character part of the token (and disappears), and a backslash at the end of a
 * word is dropped. File lines are read as {@code fgets} reads them into ss's 1024-byte buffer: a line
 * that fills the buffer is an error, a line starting with {@code #} or {@code 0} is skipped, a line
 * starting with a NUL byte is an error, and a NUL ends the line early.
 */
final class TokenReader {
    /** A token's text (escapes removed) and the offset of its first character in the source. */
    record RawToken(String text, int offset) {
    }

    private static final int LINE_BUFFER = 1024;

    private final String source;
    private final List<String> words;
    private final List<Integer> wordOffsets = new ArrayList<>();
    private final byte[] file;
    private final int fileOffset;
    private final int[] fileCharAt;

    private String line = "";
    private int lineOffset;
    private int pos;
    private int nextWord;
    private int nextFileByte;

    TokenReader(List<String> words, String fileText) {
        this.words = List.copyOf(words);
        StringBuilder joined = new StringBuilder();
        for (String w : this.words) {
            if (!joined.isEmpty() || !wordOffsets.isEmpty()) {
                joined.append(' ');
            }
            wordOffsets.add(joined.length());
            joined.append(w);
        }
        if (fileText != null) {
            if (!this.words.isEmpty()) {
                joined.append('\n');
            }
            fileOffset = joined.length();
            joined.append(fileText);
            file = fileText.getBytes(StandardCharsets.UTF_8);
            fileCharAt = charOffsets(fileText, file.length);
        } else {
            fileOffset = joined.length();
            file = null;
            fileCharAt = new int[] {0};
        }
        source = joined.toString();
    }

    /** For each UTF-8 byte index of {@code text}, the index of the character it belongs to. */
    private static int[] charOffsets(String text, int byteLength) {
        int[] map = new int[byteLength + 1];
        int b = 0;
        for (int i = 0; i < text.length(); i++) {
            int cp = text.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            for (int k = 0; k < len && b < byteLength; k++) {
                map[b++] = i;
            }
            if (Character.charCount(cp) == 2) {
                i++;
            }
        }
        map[byteLength] = text.length();
        return map;
    }

    /** The whole text positions refer to. */
    String source() {
        return source;
    }

    /** The next token, or null at the end of all input. */
    RawToken next() throws FilterSyntaxException {
        while (true) {
            RawToken t = tokenFromLine();
            if (t != null) {
                return t;
            }
            if (!advanceLine()) {
                return null;
            }
        }
    }

    /** Loads the next word or file line into {@link #line}; false at the end of input. */
    private boolean advanceLine() throws FilterSyntaxException {
        if (nextWord < words.size()) {
            line = words.get(nextWord);
            lineOffset = wordOffsets.get(nextWord);
            nextWord++;
            pos = 0;
            return true;
        }
        while (file != null && nextFileByte < file.length) {
            int start = nextFileByte;
            int end = start;
            // fgets: up to and including a newline, at most LINE_BUFFER - 1 bytes.
            while (end < file.length && end - start < LINE_BUFFER - 1) {
                if (file[end++] == '\n') {
                    break;
                }
            }
            nextFileByte = end;
            int len = 0;
            while (start + len < end && file[start + len] != 0) {
                len++;
            }
            int at = fileOffset + fileCharAt[start];
            if (len == 0) {
                throw fileError("a filter file line may not start with a NUL byte", at, "Invalid line\n");
            }
            if (len >= LINE_BUFFER - 1) {
                throw fileError("filter file line is too long (ss reads at most 1022 characters per line)", at,
                        "Too long line in filter\n");
            }
            if (file[start + len - 1] == '\n') {
                len--;
            }
            if (len > 0 && (file[start] == '#' || file[start] == '0')) {
                continue;
            }
            line = new String(file, start, len, StandardCharsets.UTF_8);
            lineOffset = at;
            pos = 0;
            return true;
        }
        return false;
    }

    private FilterSyntaxException fileError(String reason, int offset, String ssStderr) {
        return new FilterSyntaxException(reason, source, offset, ssStderr, Kind.MALFORMED, false);
    }

    /** ss's {@code get_token_from_line} over the rest of {@link #line}. */
    private RawToken tokenFromLine() {
        int n = line.length();
        while (pos < n && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
            pos++;
        }
        if (pos >= n) {
            return null;
        }
        int start = pos;
        StringBuilder text = new StringBuilder();
        while (pos < n && line.charAt(pos) != ' ' && line.charAt(pos) != '\t') {
            if (line.charAt(pos) == '\\') {
                pos++;
                if (pos >= n) {
                    break;
                }
            }
            text.append(line.charAt(pos));
            pos++;
        }
        if (pos < n) {
            pos++;
        }
        return new RawToken(text.toString(), lineOffset + start);
    }
}
