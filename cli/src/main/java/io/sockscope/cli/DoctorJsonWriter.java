package io.sockscope.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small JSON writer for the doctor's output, indented by two spaces. Strings are escaped so that any Java
 * string comes out as valid JSON and valid UTF-8: quote, backslash and control characters are escaped, as
 * are U+2028/U+2029 (so that the text is also a valid JavaScript literal) and surrogates that are not part of
 * a pair (which UTF-8 cannot carry). Calls must nest properly; misuse throws {@link IllegalStateException}.
 */
final class DoctorJsonWriter {
    private final StringBuilder out = new StringBuilder();
    /** For each open container: whether it is an object, and whether anything was written in it. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterName;

    DoctorJsonWriter beginObject() {
        beforeValue();
        out.append('{');
        open.push(new boolean[] {true, false});
        return this;
    }

    DoctorJsonWriter endObject() {
        return close(true, '}');
    }

    DoctorJsonWriter beginArray() {
        beforeValue();
        out.append('[');
        open.push(new boolean[] {false, false});
        return this;
    }

    DoctorJsonWriter endArray() {
        return close(false, ']');
    }

    /** The name of the next member; a value must follow. */
    DoctorJsonWriter name(String name) {
        boolean[] top = open.peek();
        if (top == null || !top[0] || afterName) {
            throw new IllegalStateException("a name belongs inside an object, before a value");
        }
        separate(top);
        quote(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    /** A string value, or null. */
    DoctorJsonWriter value(String value) {
        beforeValue();
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    /** The document, ending with a newline. */
    String finish() {
        if (!open.isEmpty() || afterName) {
            throw new IllegalStateException("unclosed JSON container");
        }
        return out + "\n";
    }

    private DoctorJsonWriter close(boolean object, char bracket) {
        boolean[] top = open.peek();
        if (top == null || top[0] != object || afterName) {
            throw new IllegalStateException("mismatched " + bracket);
        }
        open.pop();
        if (top[1]) {
            newline();
        }
        out.append(bracket);
        return this;
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        boolean[] top = open.peek();
        if (top == null) {
            if (!out.isEmpty()) {
                throw new IllegalStateException("one value per document");
            }
            return;
        }
        if (top[0]) {
            throw new IllegalStateException("a value inside an object needs a name");
        }
        separate(top);
    }

    private void separate(boolean[] top) {
        if (top[1]) {
            out.append(',');
        }
        top[1] = true;
        newline();
    }

    private void newline() {
        out.append('\n');
        out.append("  ".repeat(open.size()));
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\u2028', '\u2029' -> unicode(c);
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        unicode(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicode(c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private void unicode(char c) {
        out.append(String.format("\\u%04x", (int) c));
    }
}
