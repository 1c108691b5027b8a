package io.sockscope.differential;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text into plain Java values with jackson-core's streaming parser: objects become
 * {@link LinkedHashMap}s (member order kept, so comparing two trees also compares the order of their
 * members), arrays {@link List}s, integers {@link BigInteger}s (so that no unsigned 64-bit value is
 * misread), other numbers {@link Double}s, and JSON null Java null.
 */
final class JsonTree {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonTree() {
    }

    /** The value of one JSON text; fails on trailing content. */
    static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("no JSON value in an empty text");
            }
            Object value = value(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("more than one JSON value in: " + abbreviated(text));
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + abbreviated(text), e);
        }
    }

    /** A JSON object's text as a map (fails when it is not an object). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("not a JSON object: " + abbreviated(text));
        }
        return (Map<String, Object>) value;
    }

    /**
     * The exact text of each element of the array that is member {@code field} of the top-level object of
     * {@code document}, as written (no reformatting), in order.
     */
    static List<String> arrayElementTexts(String document, String field) {
        List<String> elements = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(document)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object: " + abbreviated(document));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken token = p.nextToken();
                if (!name.equals(field) || token != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                    int start = (int) p.currentTokenLocation().getCharOffset();
                    p.skipChildren();
                    int end = (int) p.currentTokenLocation().getCharOffset() + 1;
                    elements.add(document.substring(start, end));
                }
            }
            return elements;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + abbreviated(document), e);
        }
    }

    private static Object value(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> members = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (members.containsKey(name)) {
                        throw new IllegalArgumentException("member '" + name + "' twice in one object");
                    }
                    members.put(name, value(p));
                }
                yield members;
            }
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(p));
                }
                yield items;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getBigIntegerValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("unexpected token " + p.currentToken());
        };
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
