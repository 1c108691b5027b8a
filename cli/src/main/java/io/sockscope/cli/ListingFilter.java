package io.sockscope.cli;

import io.sockscope.filter.BytecodeCompiler;
import io.sockscope.filter.BytecodePlan;
import io.sockscope.filter.EphemeralPortRange;
import io.sockscope.filter.Filter;
import io.sockscope.filter.FilterEnvironment;
import io.sockscope.filter.FilterEvaluator;
import io.sockscope.filter.FilterSubject;
import io.sockscope.filter.FilterSyntaxException;
import io.sockscope.filter.Filters;
import io.sockscope.filter.ParseContext;
import io.sockscope.filter.ParsedFilter;
import io.sockscope.model.AddressFamily;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.UnixSocket;
import io.sockscope.source.DumpKind;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A listing's filter expression as ss applies it: compiled to kernel bytecode for inet dumps where the
 * kernel can run it, and evaluated in user space on every socket (ss does both). When the kernel cannot run
 * the program (a unix/link condition, marks without CAP_NET_ADMIN, too long), ss lists inet tables from
 * /proc/net instead, and so does this.
 */
final class ListingFilter {
    private static final ListingFilter NONE = new ListingFilter(null, null, false);

    private final FilterEvaluator evaluator;
    private final byte[] bytecode;
    private final boolean inetFromProc;

    private ListingFilter(FilterEvaluator evaluator, byte[] bytecode, boolean inetFromProc) {
        this.evaluator = evaluator;
        this.bytecode = bytecode;
        this.inetFromProc = inetFromProc;
    }

    /**
     * Parses the expression words (or the {@code -F} file text) and narrows the selection's families when
     * the expression names one, as ss does.
     */
    static ListingFilter parse(List<String> words, String fileText, TableSelection sel, FilterEnvironment env,
                               EphemeralPortRange ephemeral, boolean mayTestMarks) throws UsageException {
        if (words.isEmpty() && fileText == null) {
            return NONE;
        }
        ParsedFilter parsed;
        try {
            ParseContext context = new ParseContext(sel.preferredFamily, SocketTable.TCP.in(sel.tables),
                    SocketTable.UDP.in(sel.tables), env);
            parsed = Filters.parse(words, fileText, context);
        } catch (FilterSyntaxException e) {
            throw new UsageException("filter: " + e.getMessage(), e.ssExitStatus());
        }
        parsed.familyRestriction().ifPresent(family -> {
            sel.families = AddressFamily.mask(family);
            sel.preferredFamily = family;
        });
        Optional<Filter> expression = parsed.expression();
        if (expression.isEmpty()) {
            return NONE;
        }
        FilterEvaluator evaluator = FilterEvaluator.of(expression.get(), ephemeral);
        return switch (BytecodeCompiler.compile(expression.get())) {
            case BytecodePlan.None none -> new ListingFilter(evaluator, null, false);
            case BytecodePlan.Oversized oversized -> new ListingFilter(evaluator, null, true);
            case BytecodePlan.Program p when !p.kernelAccepts() || (p.needsNetAdmin() && !mayTestMarks) ->
                    new ListingFilter(evaluator, null, true);
            case BytecodePlan.Program p -> new ListingFilter(evaluator, p.bytes(), false);
        };
    }

    /** The program to send with inet dump requests, or null. */
    byte[] bytecode() {
        return bytecode;
    }

    /** Whether this filter makes ss read a dump kind from /proc/net (the kernel would refuse its program). */
    boolean forcesProc(DumpKind kind) {
        return inetFromProc && switch (kind) {
            case TCP, UDP, RAW, DCCP, SCTP, MPTCP -> true;
            default -> false;
        };
    }

    /** The user-space test for sockets read from the kernel. */
    Predicate<SocketRecord> keepFromKernel() {
        if (evaluator == null) {
            return socket -> true;
        }
        return socket -> evaluator.matches(FilterSubject.of(socket));
    }

    /** The user-space test for sockets read from /proc/net, where ss sees unix sockets without ports. */
    Predicate<SocketRecord> keepFromProc() {
        if (evaluator == null) {
            return socket -> true;
        }
        return socket -> evaluator.matches(socket instanceof UnixSocket u
                ? FilterSubject.ofProcUnix(u) : FilterSubject.of(socket));
    }
}
