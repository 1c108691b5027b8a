package io.sockscope.filter;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Entry points for reading ss filter expressions.
 *
 * <p>The words are those left on the command line after the options and the {@code state}/{@code exclude}
 * words, exactly as given: ss splits each of them further at spaces and tabs, so {@code "dport = :22"} as
 * one word and as three words read the same. Every input either yields a {@link ParsedFilter} or throws a
 * {@link FilterSyntaxException}; nothing else escapes (apart from exceptions thrown by the caller's own
 * {@link FilterEnvironment}). Nesting is bounded as in ss (its parser stack holds 10000 entries), and
 * nothing recurses on the input, so no input can exhaust the Java stack.
 */
public final class Filters {
    private Filters() {
    }

    /** Reads the filter in {@code words}. */
    public static ParsedFilter parse(List<String> words, ParseContext context) throws FilterSyntaxException {
        return parse(words, null, context);
    }

    /**
     * Reads the filter in {@code words} followed by the text of a {@code -F} filter file, as ss does: the
     * words first, then the file line by line (lines starting with {@code #} or {@code 0} are skipped).
     *
     * @param fileText the file's contents, or null when there is no filter file
     */
    public static ParsedFilter parse(List<String> words, String fileText, ParseContext context)
            throws FilterSyntaxException {
        Objects.requireNonNull(words);
        Objects.requireNonNull(context);
        for (String w : words) {
            Objects.requireNonNull(w, "words must not contain null");
        }
        TokenReader reader = new TokenReader(words, fileText);
        HostConditionParser hosts = new HostConditionParser(context, reader.source());
        Lexer lexer = new Lexer(reader, hosts, context.environment());
        Optional<Filter> expression = new Parser(lexer, context.environment()).parseApplet();
        return new ParsedFilter(expression, hosts.familyRestriction());
    }

    /**
     * A compact, fully parenthesised rendering of a filter for logs and tests, e.g.
     * {@code (or (dst *:22) (not (sport<= *:1024)))}.
     */
    public static String describe(Filter filter) {
        return FilterFormatter.format(filter);
    }
}
