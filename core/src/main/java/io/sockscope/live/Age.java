package io.sockscope.live;

/**
 * How old a socket is when an event about it is told.
 *
 * @param millis its age in milliseconds
 * @param source whether it was seen opening ({@link Source#OBSERVED}: the age is exact to an interval) or
 *               existed when watching began ({@link Source#LOWER_BOUND}: it is at least this old)
 */
public record Age(long millis, Source source) {
    /** Where an age comes from. */
    public enum Source {
        /** Seen opening while watching. */
        OBSERVED,
        /** There when watching began: bounded below by its first sighting and, for TCP, its tcp_info idle times. */
        LOWER_BOUND
    }
}
