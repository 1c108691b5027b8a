package io.sockscope.cli;

import io.sockscope.live.TopModel;
import io.sockscope.live.TopSnapshot;
import io.sockscope.model.LimitsProvider;
import io.sockscope.model.SocketRecord;
import io.sockscope.query.Query;
import io.sockscope.query.QueryEngine;
import io.sockscope.source.DumpKind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One refresh of {@code top}: the query's dump with its owners, aggregated by the {@link TopModel}, which keeps
 * the trends from refresh to refresh. A table that cannot be read is told once, to {@code problems} (stderr for
 * the plain table, the status line on a screen), not at every refresh.
 */
final class TopRefresh {
    private final QueryEngine engine;
    private final LimitsProvider limits;
    private final Consumer<String> problems;
    private final TopModel model = new TopModel();
    private final Set<DumpKind> failedKinds = EnumSet.noneOf(DumpKind.class);
    private Query query;

    TopRefresh(QueryEngine engine, Query query, LimitsProvider limits, Consumer<String> problems) {
        this.engine = engine;
        this.query = query;
        this.limits = limits;
        this.problems = problems;
    }

    /** From now on, read what {@code replacement} selects (a new filter). */
    void query(Query replacement) {
        this.query = replacement;
    }

    /** Reads the table now. */
    TopSnapshot read(long nowMillis) {
        List<SocketRecord> sockets = new ArrayList<>();
        engine.run(query, sockets::add, (kind, e) -> {
            if (failedKinds.add(kind)) {
                problems.accept(e.getMessage());
            }
        });
        return model.refresh(nowMillis, sockets, engine.owners()::owners, limits);
    }
}
