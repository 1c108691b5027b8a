package io.sockscope.diagnose.firewall;

import io.sockscope.json.JsonValue;

import java.util.List;

/**
 * A named set or map of a table. For maps each element is a two-element array {@code [key, value]}.
 *
 * @param family   the table's family
 * @param table    the table's name
 * @param name     the set's name (rules refer to it as {@code @name})
 * @param map      whether it is a map
 * @param elements the elements as nft printed them
 */
public record NamedSet(String family, String table, String name, boolean map, List<JsonValue> elements) {
    public NamedSet {
        elements = List.copyOf(elements);
    }
}
