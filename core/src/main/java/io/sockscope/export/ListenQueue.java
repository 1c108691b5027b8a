package io.sockscope.export;

/**
 * {@code sockscope_listen_queue} and {@code sockscope_listen_queue_limit}: a TCP listening address's accept queue
 * (connections the kernel completed that the program has not accepted, ss's Recv-Q) against its backlog (ss's
 * Send-Q), summed over the sockets listening on it ({@code SO_REUSEPORT}).
 *
 * @param place   where (labels only with {@code --all-netns})
 * @param netid   {@code tcp}, {@code mptcp} or {@code sctp}
 * @param address the bound address as ss prints it, no brackets
 * @param port    the bound port
 * @param queued  connections waiting to be accepted
 * @param limit   the backlog the program asked for, as the kernel capped it
 */
public record ListenQueue(SeriesPlace place, String netid, String address, int port, long queued, long limit) {
}
