package io.sockscope.filter;

/**
 * A filter that ss would refuse. It says where ({@link #offset()} into {@link #source()}, and
 * {@link #line()}/{@link #column()}), what was expected, and which {@link Kind} of refusal it is; it also keeps
 * the text ss itself prints to stderr in that case. What a front end does with each kind (ss's exit status, an
 * exception of the library) is the front end's choice.
 *
 * <p>{@link #source()} is the command-line words joined by single spaces, followed — when a filter file was
 * given — by a newline and the file's text. Positions are 0-based offsets and 1-based lines and columns.
 */
public final class FilterSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the filter was refused. */
    public enum Kind {
        /** The words do not read as a filter: a grammar error, a bad line in a filter file, too deep a nesting. */
        MALFORMED,
        /** A condition names what cannot be resolved: a port, a host, a device, a mark, a cgroup. */
        UNRESOLVED,
        /** The filter reads, but this kernel cannot run it (cgroup conditions without cgroup2). */
        UNSUPPORTED
    }

    private final String reason;
    private final String source;
    private final int offset;
    private final String ssStderr;
    private final transient Kind kind;
    private final boolean ssPrintsUsage;

    FilterSyntaxException(String reason, String source, int offset, String ssStderr, Kind kind,
                          boolean ssPrintsUsage) {
        super(reason + " at " + describePosition(source, offset));
        this.reason = reason;
        this.source = source;
        this.offset = Math.max(0, Math.min(offset, source.length()));
        this.ssStderr = ssStderr;
        this.kind = kind;
        this.ssPrintsUsage = ssPrintsUsage;
    }

    private static String describePosition(String source, int offset) {
        int line = lineOf(source, offset);
        int column = columnOf(source, offset);
        return line == 1 ? "column " + column : "line " + line + ", column " + column;
    }

    private static int lineOf(String source, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, source.length()); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int columnOf(String source, int offset) {
        int clamped = Math.max(0, Math.min(offset, source.length()));
        int lineStart = source.lastIndexOf('\n', clamped - 1) + 1;
        return clamped - lineStart + 1;
    }

    /** What went wrong and what was expected, without the position. */
    public String reason() {
        return reason;
    }

    /** The text the position refers to. */
    public String source() {
        return source;
    }

    /** 0-based offset of the offending token in {@link #source()} (its length when input ended early). */
    public int offset() {
        return offset;
    }

    /** 1-based line of the offending token. */
    public int line() {
        return lineOf(source, offset);
    }

    /** 1-based column of the offending token within its line. */
    public int column() {
        return columnOf(source, offset);
    }

    /** The exact text ss 6.1 writes to stderr for this error (before its usage text, if any). */
    public String ssStderr() {
        return ssStderr;
    }

    /** Why the filter was refused. */
    public Kind kind() {
        return kind;
    }

    /** Whether ss follows {@link #ssStderr()} with its usage text (it does for grammar errors). */
    public boolean ssPrintsUsage() {
        return ssPrintsUsage;
    }
}
