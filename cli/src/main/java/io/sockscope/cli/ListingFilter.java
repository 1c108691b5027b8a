package io.sockscope.cli;

import io.sockscope.filter.CompiledFilter;
import io.sockscope.filter.EphemeralPortRange;
import io.sockscope.filter.FilterEnvironment;
import io.sockscope.filter.FilterSyntaxException;
import io.sockscope.filter.ParseContext;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;

import java.util.List;
import java.util.function.Predicate;

/**
 * A listing's filter expression as ss applies it ({@link CompiledFilter}), with what only the command does on
 * top: a syntax error is a usage error with ss's exit status, and an expression that names a family narrows the
 * listing to it ({@link #narrow}). (Where the kernel could not run the program, the query engine reads the inet tables from
 * /proc/net, as ss reads them.)
 */
final class ListingFilter {
    private static final ListingFilter NONE = new ListingFilter(CompiledFilter.NONE);

    private final CompiledFilter compiled;

    private ListingFilter(CompiledFilter compiled) {
        this.compiled = compiled;
    }

    /**
     * Parses the expression words (or the {@code -F} file text) for the selection's tables and family; the
     * selection is not changed ({@link #narrow}).
     */
    static ListingFilter parse(List<String> words, String fileText, TableSelection sel, FilterEnvironment env,
                               EphemeralPortRange ephemeral, boolean mayTestMarks) throws UsageException {
        return parse(words, fileText, sel, env, ephemeral, mayTestMarks, false);
    }

    /** As the method above; {@code longPorts}: port numbers are read as ss 6.6 and later read them. */
    static ListingFilter parse(List<String> words, String fileText, TableSelection sel, FilterEnvironment env,
                               EphemeralPortRange ephemeral, boolean mayTestMarks, boolean longPorts)
            throws UsageException {
        if (words.isEmpty() && fileText == null) {
            return NONE;
        }
        CompiledFilter compiled;
        try {
            ParseContext context = new ParseContext(sel.preferredFamily, SocketTable.TCP.in(sel.tables),
                    SocketTable.UDP.in(sel.tables), env, longPorts);
            compiled = CompiledFilter.compile(words, fileText, context, ephemeral, mayTestMarks);
        } catch (FilterSyntaxException e) {
            throw new UsageException("filter: " + e.getMessage(), exitStatus(e.kind()));
        }
        return new ListingFilter(compiled);
    }

    /**
     * The selection the listing shows: {@code sel}, or a copy narrowed to the family the expression names, as ss
     * narrows it.
     */
    TableSelection narrow(TableSelection sel) {
        return compiled.familyRestriction().isPresent() ? sel.narrowedTo(compiled.familyRestriction().getAsInt())
                : sel;
    }

    /** The status ss 6.1 exits with for such a filter: {@code exit(-1)} unless a condition could not be resolved. */
    static int exitStatus(FilterSyntaxException.Kind kind) {
        return switch (kind) {
            case MALFORMED, UNSUPPORTED -> UsageException.SS_USAGE_EXIT;
            case UNRESOLVED -> 1;
        };
    }

    /** The compiled expression, {@link CompiledFilter#NONE} for none. */
    CompiledFilter compiled() {
        return compiled;
    }

    /** Whether the expression can leave an inet socket out ({@link CompiledFilter#narrowsInetSockets()}). */
    boolean narrowsInetSockets() {
        return compiled.narrowsInetSockets();
    }

    /** The user-space test for sockets read from the kernel. */
    Predicate<SocketRecord> keepFromKernel() {
        return compiled.keepFromKernel();
    }
}
