package io.sockscope.json;

/** The text is not JSON; the message names the offset, line and column where reading stopped. */
public final class JsonSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;

    public JsonSyntaxException(String message, int offset, int line, int column) {
        super(message + " at line " + line + ", column " + column + " (offset " + offset + ")");
        this.offset = offset;
    }

    /** The zero-based char offset where the problem was found. */
    public int offset() {
        return offset;
    }
}
