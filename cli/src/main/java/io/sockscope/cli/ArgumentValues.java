package io.sockscope.cli;

/** What a shell completes an option's argument with. */
enum ArgumentValues {
    /** {@code -A}: table names, a comma-separated list. */
    TABLES,
    /** {@code -f}: address families. */
    FAMILIES,
    /** {@code -N}: the names under /run/netns, listed when completing (never by starting the command). */
    NAMESPACES,
    /** {@code -F}, {@code -D}: a file. */
    FILES,
    /** {@code --root}: a directory. */
    DIRECTORIES,
    /** {@code --output}: the output formats. */
    FORMATS,
    /** {@code --ss-dialect}: the releases of ss sockscope prints as. */
    DIALECTS,
    /** The doctor's {@code --user}: a user name. */
    USERS,
    /** A number, a time, an address: nothing to offer. */
    NONE;

    /** The values the argument of the listing's option {@code key} (as {@link OptionSpec} keys it) takes. */
    static ArgumentValues ofKey(String key) {
        return switch (key) {
            case "A" -> TABLES;
            case "f" -> FAMILIES;
            case "N" -> NAMESPACES;
            case "F", "D" -> FILES;
            case "root" -> DIRECTORIES;
            case "output" -> FORMATS;
            case "ss-dialect" -> DIALECTS;
            default -> NONE;
        };
    }

    /** The values the argument of the doctor's option {@code longName} takes. */
    static ArgumentValues ofDoctor(String longName) {
        return switch (longName) {
            case "--net" -> NAMESPACES;
            case "--user" -> USERS;
            default -> NONE;
        };
    }
}
