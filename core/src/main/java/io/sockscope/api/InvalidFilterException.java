package io.sockscope.api;

/**
 * A filter expression ({@link SocketQuery.Builder#filter(String)}) that is not valid ss filter syntax.
 * {@link #position()} is the offset of the offending token in the expression; the message quotes ss's words.
 */
public final class InvalidFilterException extends SockscopeException {
    private static final long serialVersionUID = 1L;

    /** The expression as given. */
    private final String expression;
    /** The offset of the offending token. */
    private final int position;
    /** What is wrong, without the position. */
    private final String reason;

    /**
     * Made by the library when a query's filter fails to parse; public so that a caller's test can stand one in.
     *
     * @param expression the expression as given
     * @param position   the zero-based offset of the offending token in it
     * @param reason     what is wrong there, without the position
     * @param cause      the parser's exception, or null
     */
    public InvalidFilterException(String expression, int position, String reason, Throwable cause) {
        super("invalid filter at offset " + position + ": " + reason + " (in \"" + expression + "\")", cause);
        this.expression = expression;
        this.position = position;
        this.reason = reason;
    }

    /** {@return the expression as given} */
    public String expression() {
        return expression;
    }

    /** {@return the zero-based offset in {@link #expression()} where the error was found} */
    public int position() {
        return position;
    }

    /** {@return what is wrong there, without the position} */
    public String reason() {
        return reason;
    }
}
