package io.sockscope.cli;

import io.sockscope.inspect.EffectiveUser;
import io.sockscope.inspect.EphemeralPorts;
import io.sockscope.inspect.SystemFilterEnvironment;
import io.sockscope.kernel.InterfaceNames;
import io.sockscope.names.MountTable;
import io.sockscope.names.ServiceNames;
import io.sockscope.query.FallbackPolicy;
import io.sockscope.query.Query;
import io.sockscope.source.ProcNetFile;
import io.sockscope.source.ProcPaths;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The queries {@code watch}, {@code leaks} and {@code top} run: the listing options' selection, with owners, under a
 * filter expression that the command line gives ({@code top}'s {@code /} key may replace it). The expression is parsed as the listing parses it
 * ({@link ListingFilter}), so a bad one fails with the listing's message.
 */
final class LiveQuery {
    private final TableSelection selection;
    private final ProcPaths paths;
    private final DeviceNamesNoted filterEnvironment;
    /** Every process's sockets but this one's, by the scan the environment chooses. */
    private final Query.Owners owners;

    LiveQuery(TableSelection selection, ProcPaths paths, java.util.Map<String, String> environment)
            throws UsageException {
        this.selection = selection;
        this.paths = paths;
        ServiceNames services = new ServiceNames(Path.of("/etc/services"),
                paths.resolve(ProcNetFile.IP_LOCAL_PORT_RANGE));
        this.filterEnvironment = new DeviceNamesNoted(new SystemFilterEnvironment(new InterfaceNames(), services,
                MountTable.PROC));
        this.owners = Query.Owners.asSs(false, OwnerScanChoice.from(environment));
    }

    /** The first interface name an expression parsed so far asked for, or null: --all-netns refuses one. */
    String deviceNamed() {
        return filterEnvironment.named();
    }

    /** Whether the selection holds any socket at all (no table, family or state left: nothing to show). */
    boolean selectsNothing() {
        return selection.tables == 0 || selection.families == 0 || selection.states == 0;
    }

    /** The query for the command line's expression words or {@code -F} file text (both absent: no filter). */
    Query of(List<String> words, String fileText) throws IOException, UsageException {
        ListingFilter filter = ListingFilter.parse(words, fileText, selection, filterEnvironment,
                EphemeralPorts.read(paths), EffectiveUser.isRoot());
        TableSelection sel = filter.narrow(selection);
        // Queues and states are in every reply: no attribute is asked for.
        return new Query(sel.tables, sel.states, sel.families, sel.preferredFamily, filter.compiled(),
                Query.Attributes.NONE, FallbackPolicy.SS, false, owners);
    }

    /** The query for an expression typed at the {@code /} prompt; blank means no filter. */
    Query typed(String expression) throws IOException, UsageException {
        return expression.isBlank() ? of(List.of(), null) : of(List.of(), expression);
    }
}
