package io.sockscope.json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON value as {@link JsonReader} read it. Values are immutable. Accessors that ask for a shape the value
 * does not have answer with an empty result rather than throwing, so that code walking a document it only
 * partly understands (the nftables ruleset) can skip what it does not expect.
 */
public sealed interface JsonValue
        permits JsonValue.JsonObject, JsonValue.JsonArray, JsonValue.JsonString, JsonValue.JsonNumber,
        JsonValue.JsonBoolean, JsonValue.JsonNull {

    /** The member called {@code name} when this is an object that has one. */
    default Optional<JsonValue> member(String name) {
        return Optional.empty();
    }

    /** The elements when this is an array, else an empty list. */
    default List<JsonValue> elements() {
        return List.of();
    }

    /** The text when this is a string. */
    default Optional<String> string() {
        return Optional.empty();
    }

    /** The value when this is a number without fraction or exponent that fits a long. */
    default Optional<Long> integer() {
        return Optional.empty();
    }

    /** An object: members in document order; when a name repeats, the last value wins (as most readers do). */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        public JsonObject {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        @Override
        public Optional<JsonValue> member(String name) {
            return Optional.ofNullable(members.get(name));
        }

        /** The only member's name when the object has exactly one member (nftables wraps each item so). */
        public Optional<String> soleName() {
            return members.size() == 1 ? Optional.of(members.keySet().iterator().next()) : Optional.empty();
        }
    }

    /** An array. */
    record JsonArray(List<JsonValue> values) implements JsonValue {
        public JsonArray {
            values = List.copyOf(values);
        }

        @Override
        public List<JsonValue> elements() {
            return values;
        }
    }

    /** A string, unescaped. A lone surrogate escape is kept as that char (tolerated, not rejected). */
    record JsonString(String value) implements JsonValue {
        @Override
        public Optional<String> string() {
            return Optional.of(value);
        }
    }

    /** A number, kept as its exact text so that no precision is lost. */
    record JsonNumber(String text) implements JsonValue {
        @Override
        public Optional<Long> integer() {
            if (text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return Optional.empty(); // too large for a long
            }
        }

        /** The exact value. */
        public BigDecimal decimal() {
            return new BigDecimal(text);
        }
    }

    /** {@code true} or {@code false}. */
    record JsonBoolean(boolean value) implements JsonValue {
    }

    /** {@code null}. */
    record JsonNull() implements JsonValue {
        /** The one instance the reader hands out. */
        public static final JsonNull INSTANCE = new JsonNull();
    }
}
