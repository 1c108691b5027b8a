package io.sockscope.model;

/**
 * The fanout group of a packet socket ({@code PACKET_DIAG_FANOUT}).
 *
 * @param id   the fanout group id
 * @param type the mode: {@link #HASH}, {@link #LOAD_BALANCE}, {@link #CPU}, {@link #ROLLOVER}, {@link #RANDOM},
 *             {@link #QUEUE_MAPPING}, or another value (flags included)
 */
public record PacketFanout(int id, int type) {
    public static final int HASH = 0;
    public static final int LOAD_BALANCE = 1;
    public static final int CPU = 2;
    public static final int ROLLOVER = 3;
    public static final int RANDOM = 4;
    public static final int QUEUE_MAPPING = 5;
}
