package io.sockscope.api;

/** Which directions of a socket were shut down, ss's {@code <->}, {@code -->}, {@code <--}, {@code ---} marks. */
public enum Shutdown {
    /** Neither: ss prints {@code <->}. */
    NONE("none"),
    /** No more receives ({@code SHUT_RD}): ss prints {@code -->}. */
    RECEIVE("receive"),
    /** No more sends ({@code SHUT_WR}): ss prints {@code <--}. */
    SEND("send"),
    /** Both: ss prints {@code ---}. */
    BOTH("both");

    private final String text;

    Shutdown(String text) {
        this.text = text;
    }

    /** {@return the name in sockscope's JSON output} */
    public String text() {
        return text;
    }

    /**
     * The directions in the kernel's mask.
     *
     * @param mask bit 0 for receive, bit 1 for send; other bits are ignored
     * @return the directions
     */
    public static Shutdown ofMask(int mask) {
        return switch (mask & 3) {
            case 0 -> NONE;
            case 1 -> RECEIVE;
            case 2 -> SEND;
            default -> BOTH;
        };
    }
}
