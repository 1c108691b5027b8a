package io.sockscope.filter;

import io.sockscope.model.AddressFamily;

import java.util.Objects;

/**
 * The command-line state ss consults while it reads a filter.
 *
 * @param preferredFamily the family of the last {@code -4}, {@code -6}, {@code -0}, {@code -x}, {@code -f},
 *                        {@code --vsock}… option ({@link AddressFamily#UNSPEC} when none): a host word
 *                        without a prefix is read in this family
 * @param tcpSelected     whether the TCP table is selected (service names are then looked up for "tcp")
 * @param udpSelected     whether the UDP table is selected (service names are then looked up for "udp")
 * @param environment     the machine facts the parser may need
 * @param longPorts       port numbers are read as a {@code long} (iproute2 6.6 and later, for unix inodes): one
 *                        past the range of an {@code int} is no longer refused, and matches no socket
 */
public record ParseContext(int preferredFamily, boolean tcpSelected, boolean udpSelected,
                           FilterEnvironment environment, boolean longPorts) {
    public ParseContext {
        Objects.requireNonNull(environment);
    }

    /** The context of ss 6.1, whose port numbers are an {@code int}. */
    public ParseContext(int preferredFamily, boolean tcpSelected, boolean udpSelected, FilterEnvironment environment) {
        this(preferredFamily, tcpSelected, udpSelected, environment, false);
    }

    /** ss without family or table options: no preferred family, every table selected. */
    public static ParseContext defaults(FilterEnvironment environment) {
        return new ParseContext(AddressFamily.UNSPEC, true, true, environment);
    }
}
