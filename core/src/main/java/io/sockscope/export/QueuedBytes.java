package io.sockscope.export;

/**
 * {@code sockscope_queued_bytes}: the bytes waiting in the kernel's buffers of one table's connections at one place,
 * summed: received and not yet read by the program (ss's Recv-Q), and sent and not yet acknowledged by the peer or
 * not yet sent (Send-Q). Listening sockets are left out: their Recv-Q and Send-Q count connections
 * ({@link ListenQueue}).
 *
 * @param place   where (labels only with {@code --all-netns})
 * @param netid   {@code tcp}, {@code udp}, {@code raw}, …
 * @param receive the receive queues' bytes, summed
 * @param send    the send queues' bytes, summed
 */
public record QueuedBytes(SeriesPlace place, String netid, long receive, long send) {
}
