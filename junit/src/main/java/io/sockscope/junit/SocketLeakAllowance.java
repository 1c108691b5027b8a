package io.sockscope.junit;

/**
 * A predicate over leaked sockets: those it allows are not leaks. Named by
 * {@link DetectSocketLeaks#allow()}; an implementation needs a constructor without arguments, and is made once
 * per test.
 *
 * <pre>{@code
 * public static final class KeepAliveToTheRegistry implements SocketLeakAllowance {
 *     public boolean allows(LeakedSocket socket) {
 *         return socket.kind() == LeakKind.CLIENT_CONNECTION && socket.peerPort() == 5000;
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SocketLeakAllowance {
    /**
     * Whether a socket left open by a test is acceptable.
     *
     * @param socket what was left open
     * @return true when it is not a leak
     */
    boolean allows(LeakedSocket socket);
}
