package io.sockscope.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON document (RFC 8259) into {@link JsonValue}s. It is small and has no dependency, because the core
 * library depends on the JDK alone and reads only a few documents, each whole: the doctor's
 * {@code nft -j list ruleset} and the container runtimes' files that name containers.
 *
 * <p>Tolerant where tolerance costs nothing: a leading byte-order mark and surrounding whitespace are skipped,
 * numbers of any size are kept exactly, a repeated member name keeps its last value, and an escaped lone
 * surrogate is kept as that char. Everything else that is not JSON (trailing commas, comments, single quotes,
 * unescaped control characters, text after the value) is a {@link JsonSyntaxException} carrying the position,
 * never another exception: nesting deeper than {@value #MAX_DEPTH} is refused instead of exhausting the stack.
 * Instances are used once, by {@link #read(CharSequence)}.
 */
public final class JsonReader {
    /**
     * Far beyond any ruleset nft prints or file a runtime writes, well within a small thread stack (the command
     * runs with {@code -Xss512k}). The top-level value counts as the first level.
     */
    public static final int MAX_DEPTH = 512;

    private final CharSequence text;
    private int pos;

    private JsonReader(CharSequence text) {
        this.text = text;
    }

    /** Reads {@code text}, which must hold exactly one JSON value. */
    public static JsonValue read(CharSequence text) throws JsonSyntaxException {
        JsonReader reader = new JsonReader(text);
        if (text.length() > 0 && text.charAt(0) == '\uFEFF') {
            reader.pos = 1;
        }
        reader.skipWhitespace();
        JsonValue value = reader.value(0);
        reader.skipWhitespace();
        if (reader.pos < text.length()) {
            throw reader.error("unexpected text after the JSON value");
        }
        return value;
    }

    private JsonValue value(int depth) throws JsonSyntaxException {
        if (depth >= MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> new JsonValue.JsonString(string());
            case 't' -> literal("true", new JsonValue.JsonBoolean(true));
            case 'f' -> literal("false", new JsonValue.JsonBoolean(false));
            case 'n' -> literal("null", JsonValue.JsonNull.INSTANCE);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected character " + describe(c) + ", expected a value");
            }
        };
    }

    private JsonValue object(int depth) throws JsonSyntaxException {
        pos++; // '{'
        Map<String, JsonValue> members = new LinkedHashMap<>();
        if (closedAtOnce('}')) {
            return new JsonValue.JsonObject(members);
        }
        do {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name in quotes");
            }
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            JsonValue value = value(depth + 1);
            members.remove(name); // the last occurrence also decides the order
            members.put(name, value);
        } while (another('}', "an object"));
        return new JsonValue.JsonObject(members);
    }

    private JsonValue array(int depth) throws JsonSyntaxException {
        pos++; // '['
        List<JsonValue> values = new ArrayList<>();
        if (closedAtOnce(']')) {
            return new JsonValue.JsonArray(values);
        }
        do {
            skipWhitespace();
            values.add(value(depth + 1));
        } while (another(']', "an array"));
        return new JsonValue.JsonArray(values);
    }

    /** Whether the container just opened is empty: {@code close} comes before any member or element. */
    private boolean closedAtOnce(char close) {
        skipWhitespace();
        if (peek() != close) {
            return false;
        }
        pos++;
        return true;
    }

    /** After a member or an element: whether a ',' says another follows, rather than {@code close} ending them. */
    private boolean another(char close, String container) throws JsonSyntaxException {
        skipWhitespace();
        char c = peek();
        if (c != ',' && c != close) {
            throw error("expected ',' or '" + close + "' in " + container);
        }
        pos++;
        return c == ',';
    }

    private String string() throws JsonSyntaxException {
        int start = pos;
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                pos = start;
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character " + describe(c) + " inside a string must be escaped");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(hexChar());
                default -> {
                    pos--;
                    throw error("unknown escape \\" + describe(e));
                }
            }
        }
    }

    private char hexChar() throws JsonSyntaxException {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                pos += i;
                throw error("bad hex digit in \\u escape");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private JsonValue number() throws JsonSyntaxException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("expected a digit");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("expected a digit after the decimal point");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent");
            }
            digits();
        }
        return new JsonValue.JsonNumber(text.subSequence(start, pos).toString());
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private JsonValue literal(String word, JsonValue value) throws JsonSyntaxException {
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= text.length() || text.charAt(pos + i) != word.charAt(i)) {
                throw error("unexpected word, expected " + word);
            }
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) throws JsonSyntaxException {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    /** The current char, or NUL at the end (NUL never starts or continues valid JSON outside strings). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private JsonSyntaxException error(String message) {
        int at = Math.min(pos, text.length());
        int line = 1;
        int column = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new JsonSyntaxException(message, at, line, column);
    }
}
