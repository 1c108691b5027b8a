package io.sockscope.api;

/**
 * A filter expression ({@link SocketQuery.Builder#filter(String)}) that is not valid ss filter syntax.
 * {@link #position()} is the offset of the offending token in the expression; the message quotes ss's words.
 */
public final class InvalidFilterException extends SockscopeException {
    private static final long serialVersionUID = 1L;

    private final String expression;
    private final int position;
    private final String reason;

    public InvalidFilterException(String expression, int position, String reason, Throwable cause) {
        super("invalid filter at offset " + position + ": " + reason + " (in \"" + expression + "\")", cause);
        this.expression = expression;
        this.position = position;
        this.reason = reason;
    }

    /** The expression as given. */
    public String expression() {
        return expression;
    }

    /** The zero-based offset in {@link #expression()} where the error was found. */
    public int position() {
        return position;
    }

    /** What is wrong there, without the position. */
    public String reason() {
        return reason;
    }
}
