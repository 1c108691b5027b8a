package io.sockscope.export;

/**
 * {@code sockscope_sockets}: how many sockets of one table are in one state, at one place.
 *
 * @param place where (labels only with {@code --all-netns})
 * @param netid the table as ss's Netid column names it ({@code tcp}, {@code udp}, {@code u_str}, …)
 * @param state the state as ss's {@code state} filter names it ({@code established}, {@code close-wait}, …)
 * @param count how many
 */
public record SocketCount(SeriesPlace place, String netid, String state, long count) {
}
