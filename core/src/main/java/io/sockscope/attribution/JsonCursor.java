package io.sockscope.attribution;

/**
 * Just enough JSON (RFC 8259) to pick a few strings out of a runtime's files without a library: walks the text
 * once, reads the strings it is asked for (every escape decoded) and skips every other value, nested objects and
 * arrays included, checking their syntax as it goes. Nesting deeper than {@link #MAX_DEPTH} is refused rather
 * than followed, so that no file can exhaust the stack.
 *
 * <p>Use: {@link #object} or {@link #array} over the value at the cursor, with a visitor that consumes each
 * member's or element's value ({@link #string()}, {@link #object}, {@link #array} or {@link #skipValue()}); then
 * {@link #end()} when the text should hold nothing more.
 */
final class JsonCursor {
    static final int MAX_DEPTH = 512;

    private final String text;
    private int pos;

    JsonCursor(String text) {
        this.text = text;
    }

    /** The JSON text is not what the reader expected, or not JSON. */
    static final class MalformedJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message, int offset) {
            super(message + " at offset " + offset);
        }
    }

    /** Consumes one member's value. */
    @FunctionalInterface
    interface MemberVisitor {
        void member(String name, JsonCursor cursor) throws MalformedJsonException;
    }

    /** Consumes one element. */
    @FunctionalInterface
    interface ElementVisitor {
        void element(JsonCursor cursor) throws MalformedJsonException;
    }

    /** Whether the next value is a string. */
    boolean atString() {
        return peek() == '"';
    }

    /** Whether the next value is an array. */
    boolean atArray() {
        return peek() == '[';
    }

    /** Whether the next value is an object. */
    boolean atObject() {
        return peek() == '{';
    }

    /** Reads the object at the cursor, handing each member to {@code visitor}, which must consume its value. */
    void object(MemberVisitor visitor) throws MalformedJsonException {
        expect('{');
        if (consume('}')) {
            return;
        }
        do {
            skipWhitespace();
            String name = string();
            expect(':');
            int before = pos;
            visitor.member(name, this);
            if (pos == before) {
                throw malformed("member " + name + " left unread");
            }
        } while (consume(','));
        expect('}');
    }

    /** Reads the array at the cursor, handing each element to {@code visitor}, which must consume it. */
    void array(ElementVisitor visitor) throws MalformedJsonException {
        expect('[');
        if (consume(']')) {
            return;
        }
        do {
            int before = pos;
            visitor.element(this);
            if (pos == before) {
                throw malformed("element left unread");
            }
        } while (consume(','));
        expect(']');
    }

    /** Reads the string at the cursor, escapes decoded. */
    String string() throws MalformedJsonException {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw malformed("control character in a string");
            }
            out.append(c == '\\' ? escape() : c);
        }
        throw malformed("unterminated string");
    }

    /** Skips the value at the cursor, whatever it is. */
    void skipValue() throws MalformedJsonException {
        skipValue(0);
    }

    /** Checks that nothing but whitespace follows. */
    void end() throws MalformedJsonException {
        skipWhitespace();
        if (pos != text.length()) {
            throw malformed("text after the value");
        }
    }

    private void skipValue(int depth) throws MalformedJsonException {
        if (depth >= MAX_DEPTH) {
            throw malformed("nested deeper than " + MAX_DEPTH);
        }
        switch (peek()) {
            case '"' -> string();
            case '{' -> object((name, cursor) -> cursor.skipValue(depth + 1));
            case '[' -> array(cursor -> cursor.skipValue(depth + 1));
            default -> scalar();
        }
    }

    /** {@code true}, {@code false}, {@code null} or a number. */
    private void scalar() throws MalformedJsonException {
        int start = pos;
        while (pos < text.length() && isScalarChar(text.charAt(pos))) {
            pos++;
        }
        String token = text.substring(start, pos);
        boolean literal = token.equals("true") || token.equals("false") || token.equals("null");
        if (!literal && !isNumber(token)) {
            pos = start;
            throw malformed(token.isEmpty() ? "no value" : "not a value: " + token);
        }
    }

    private static boolean isScalarChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '+'
                || c == '.';
    }

    /** RFC 8259's number: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
    private static boolean isNumber(String token) {
        int i = 0;
        int n = token.length();
        if (i < n && token.charAt(i) == '-') {
            i++;
        }
        int digits = digits(token, i);
        if (digits == 0 || digits > 1 && token.charAt(i) == '0') {
            return false;
        }
        i += digits;
        if (i < n && token.charAt(i) == '.') {
            int fraction = digits(token, i + 1);
            if (fraction == 0) {
                return false;
            }
            i += 1 + fraction;
        }
        if (i < n && (token.charAt(i) == 'e' || token.charAt(i) == 'E')) {
            i++;
            if (i < n && (token.charAt(i) == '+' || token.charAt(i) == '-')) {
                i++;
            }
            int exponent = digits(token, i);
            if (exponent == 0) {
                return false;
            }
            i += exponent;
        }
        return i == n;
    }

    private static int digits(String token, int from) {
        int i = from;
        while (i < token.length() && token.charAt(i) >= '0' && token.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }

    private char escape() throws MalformedJsonException {
        if (pos >= text.length()) {
            throw malformed("unterminated escape");
        }
        char c = text.charAt(pos++);
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            // A surrogate pair arrives as two escapes, each appended as it comes: the pair is whole again.
            case 'u' -> unicode();
            default -> throw malformed("unknown escape \\" + c);
        };
    }

    private char unicode() throws MalformedJsonException {
        if (pos + 4 > text.length()) {
            throw malformed("short \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos++), 16);
            if (digit < 0) {
                throw malformed("bad \\u escape");
            }
            value = value << 4 | digit;
        }
        return (char) value;
    }

    private int peek() {
        skipWhitespace();
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    private boolean consume(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws MalformedJsonException {
        if (!consume(c)) {
            throw malformed("expected '" + c + "'");
        }
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

    private MalformedJsonException malformed(String message) {
        return new MalformedJsonException(message, pos);
    }
}
