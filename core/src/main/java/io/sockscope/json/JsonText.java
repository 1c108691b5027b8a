package io.sockscope.json;

import java.util.Iterator;
import java.util.Map;

/** Writes a {@link JsonValue} back as compact JSON text, for showing an expression nobody could interpret. */
public final class JsonText {
    private JsonText() {
    }

    /** The value as one line of JSON; strings are escaped so that {@link JsonReader} reads back the same. */
    public static String compact(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonValue value, StringBuilder out) {
        switch (value) {
            case JsonValue.JsonNull n -> out.append("null");
            case JsonValue.JsonBoolean b -> out.append(b.value());
            case JsonValue.JsonNumber n -> out.append(n.text());
            case JsonValue.JsonString s -> quote(s.value(), out);
            case JsonValue.JsonArray a -> {
                out.append('[');
                for (int i = 0; i < a.values().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(a.values().get(i), out);
                }
                out.append(']');
            }
            case JsonValue.JsonObject o -> {
                out.append('{');
                Iterator<Map.Entry<String, JsonValue>> it = o.members().entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<String, JsonValue> e = it.next();
                    quote(e.getKey(), out);
                    out.append(':');
                    write(e.getValue(), out);
                    if (it.hasNext()) {
                        out.append(',');
                    }
                }
                out.append('}');
            }
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !validPair(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Whether the surrogate at {@code i} is half of a proper pair (the other half is written as is, too). */
    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
