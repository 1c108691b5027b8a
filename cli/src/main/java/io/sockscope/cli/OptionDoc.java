package io.sockscope.cli;

/**
 * What the manual and the shell completions say about one option of {@link OptionSpec}: the group the help text
 * lists it in, the key it is parsed to, the name of its argument (null when it takes none) and what it does.
 *
 * @param group       the heading it is listed under
 * @param key         the short letter or long-only name {@link OptionSpec} parses it to
 * @param argument    the argument's name in the synopsis, or null
 * @param description one or two sentences, plain text
 */
record OptionDoc(OptionDocs.Group group, String key, String argument, String description) {
}
