package io.sockscope.export;

/**
 * {@code sockscope_listener_info}: one listening address (a TCP listener, or a bound UDP socket that ss's
 * {@code -l} lists), named by its bound address, its scope and its owner. Sockets with the same labels (several
 * {@code SO_REUSEPORT} listeners of one process) are one series.
 *
 * @param place   where (labels only with {@code --all-netns})
 * @param netid   {@code tcp}, {@code udp}, {@code sctp}, …
 * @param scope   who may connect, by the bound address
 * @param address the bound address as ss prints it ({@code 127.0.0.1}, {@code ::}), no brackets
 * @param port    the bound port
 * @param process the first holder's command name, empty when no holder is known
 */
public record ListenerSeries(SeriesPlace place, String netid, AddressScope scope, String address, int port,
                             String process) {
}
