package io.sockscope.filter;

import io.sockscope.model.SocketRecord;
import io.sockscope.model.UnixSocket;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * A filter expression made ready the way ss applies it: compiled to kernel bytecode for inet dumps where the
 * kernel can run it, and evaluated in user space on every socket (ss does both). The command and the library
 * both start from this and differ only in what they do when the kernel cannot run the program (a unix or
 * link condition, marks without {@code CAP_NET_ADMIN}, too long): ss, and so the command, then reads the inet
 * tables from {@code /proc/net} ({@link #kernelRefusesProgram()}); the library dumps everything and lets the
 * user-space test decide.
 */
public final class CompiledFilter {
    /** No expression: every socket is kept and no program is sent. */
    public static final CompiledFilter NONE = new CompiledFilter(null, null, false, OptionalInt.empty(), false);

    private final FilterEvaluator evaluator;
    private final byte[] bytecode;
    private final boolean kernelRefusesProgram;
    private final OptionalInt familyRestriction;
    private final boolean narrows;

    private CompiledFilter(FilterEvaluator evaluator, byte[] bytecode, boolean kernelRefusesProgram,
                           OptionalInt familyRestriction, boolean narrows) {
        this.evaluator = evaluator;
        this.bytecode = bytecode;
        this.kernelRefusesProgram = kernelRefusesProgram;
        this.familyRestriction = familyRestriction;
        this.narrows = narrows;
    }

    /**
     * Parses the expression words (or the text of a {@code -F} file) and compiles them.
     *
     * @param mayTestMarks whether the program may test marks, which the kernel allows only with
     *                     {@code CAP_NET_ADMIN}
     * @throws FilterSyntaxException when the expression is not valid ss syntax
     */
    public static CompiledFilter compile(List<String> words, String fileText, ParseContext context,
                                         EphemeralPortRange ephemeral, boolean mayTestMarks)
            throws FilterSyntaxException {
        if (words.isEmpty() && fileText == null) {
            return NONE;
        }
        ParsedFilter parsed = Filters.parse(words, fileText, context);
        Optional<Filter> expression = parsed.expression();
        if (expression.isEmpty()) {
            return new CompiledFilter(null, null, false, parsed.familyRestriction(), false);
        }
        FilterEvaluator evaluator = FilterEvaluator.of(expression.get(), ephemeral);
        BytecodePlan plan = BytecodeCompiler.compile(expression.get());
        boolean narrows = !Tautology.keepsEveryInetSocket(expression.get());
        // instanceof, not a type switch (docs/startup.md).
        if (plan instanceof BytecodePlan.Program p) {
            boolean runnable = p.kernelAccepts() && (!p.needsNetAdmin() || mayTestMarks);
            return new CompiledFilter(evaluator, runnable ? p.bytes() : null, !runnable, parsed.familyRestriction(),
                    narrows);
        }
        boolean oversized = plan instanceof BytecodePlan.Oversized;
        return new CompiledFilter(evaluator, null, oversized, parsed.familyRestriction(), narrows);
    }

    /**
     * Whether the expression can leave an inet socket out. No expression, one with no token (an empty or
     * blank argument, an empty filter file) and one that holds for every inet socket do not: what {@code -K}
     * demands before it closes anything.
     */
    public boolean narrowsInetSockets() {
        return narrows;
    }

    /** The family the expression switched ss to (every host word read with one family), if any. */
    public OptionalInt familyRestriction() {
        return familyRestriction;
    }

    /** The program to send with inet dump requests, or null (none needed, or none the kernel would run). */
    public byte[] bytecode() {
        return bytecode;
    }

    /** Whether the expression needs a program the kernel would refuse, which sends ss to /proc/net for inet. */
    public boolean kernelRefusesProgram() {
        return kernelRefusesProgram;
    }

    /** The user-space test for sockets read from the kernel. */
    public Predicate<SocketRecord> keepFromKernel() {
        if (evaluator == null) {
            return socket -> true;
        }
        return socket -> evaluator.matches(FilterSubject.of(socket));
    }

    /** The user-space test for sockets read from /proc/net, where ss sees unix sockets without ports. */
    public Predicate<SocketRecord> keepFromProc() {
        if (evaluator == null) {
            return socket -> true;
        }
        return socket -> evaluator.matches(socket instanceof UnixSocket u
                ? FilterSubject.ofProcUnix(u) : FilterSubject.of(socket));
    }
}
