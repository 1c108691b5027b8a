package io.sockscope.query;

import io.sockscope.source.DumpKind;
import io.sockscope.source.SourceException;
import io.sockscope.source.TableUnavailableException;

/**
 * What a table that could not be read means to the one who asked: ss lists the other tables and says so, the
 * library leaves out a table neither the kernel nor {@code /proc/net} has and fails on any other error, the
 * doctor fails.
 *
 * @param <X> what the handler throws to end the query
 */
@FunctionalInterface
public interface TableFailures<X extends Exception> {
    /**
     * Told that {@code kind} could not be read; throws to end the query, returns to go on with the next table.
     */
    void failed(DumpKind kind, SourceException e) throws X;

    /** Every failure ends the query with the source's exception. */
    static TableFailures<SourceException> fail() {
        return (kind, e) -> {
            throw e;
        };
    }

    /**
     * The library's: a table neither the kernel nor {@code /proc/net} has here is left out (ss lists nothing for
     * it either); any other failure ends the query, saying why ({@link QueryFailedException#reason()}).
     */
    static TableFailures<QueryFailedException> skippingMissingTables() {
        return (kind, e) -> {
            if (!(e instanceof TableUnavailableException)) {
                throw QueryFailedException.dumpFailed(kind, e);
            }
        };
    }
}
