package io.sockscope.cli;

import java.util.Locale;

/** How a listing is written: ss's table, one JSON document, or one JSON object per line. */
enum OutputFormat {
    SS("ss"),
    JSON("json"),
    NDJSON("ndjson");

    private final String name;

    OutputFormat(String name) {
        this.name = name;
    }

    /** The format {@code --output=NAME} names. */
    static OutputFormat named(String name) throws UsageException {
        for (OutputFormat f : values()) {
            if (f.name.equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new UsageException("--output: unknown format '" + name + "' (ss, json or ndjson)");
    }

    /** The option that asks for it, for messages. */
    String optionName() {
        return "--" + name;
    }
}
