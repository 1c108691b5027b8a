package io.sockscope.junit;

import io.sockscope.api.Endpoint;
import io.sockscope.api.InetSocketEntry;
import io.sockscope.api.NetlinkSocketEntry;
import io.sockscope.api.PacketSocketEntry;
import io.sockscope.api.Protocol;
import io.sockscope.api.SocketEntry;
import io.sockscope.api.SocketState;
import io.sockscope.api.UnixSocketEntry;

import java.util.List;

/** Says what kind of leak a socket is, from its kernel entry and the listeners of the same dump. */
final class LeakClassifier {
    private LeakClassifier() {
    }

    static LeakKind classify(SocketEntry entry, List<InetSocketEntry> listeners) {
        return switch (entry) {
            case null -> LeakKind.OTHER;
            case UnixSocketEntry _ -> LeakKind.UNIX;
            case PacketSocketEntry _ -> LeakKind.OTHER;
            case NetlinkSocketEntry _ -> LeakKind.OTHER;
            case InetSocketEntry inet -> inet(inet, listeners);
        };
    }

    private static LeakKind inet(InetSocketEntry inet, List<InetSocketEntry> listeners) {
        if (inet.protocol() == Protocol.UDP || inet.protocol() == Protocol.RAW) {
            return LeakKind.DATAGRAM;
        }
        return switch (inet.state()) {
            case LISTEN -> LeakKind.LISTENER;
            case CLOSE_WAIT -> LeakKind.CLOSE_WAIT;
            case UNCONNECTED, UNKNOWN -> LeakKind.OTHER;
            default -> acceptedByAListener(inet, listeners) ? LeakKind.ACCEPTED_CONNECTION : LeakKind.CLIENT_CONNECTION;
        };
    }

    /** A connection whose local end is a listener's port and address (or its wildcard) was accepted by it. */
    private static boolean acceptedByAListener(InetSocketEntry connection, List<InetSocketEntry> listeners) {
        Endpoint local = connection.local();
        for (InetSocketEntry listener : listeners) {
            Endpoint bound = listener.local();
            if (listener.protocol() == connection.protocol() && bound.port() == local.port()
                    && (bound.wildcard() || bound.inetAddress().equals(local.inetAddress()))
                    && listener.state() == SocketState.LISTEN) {
                return true;
            }
        }
        return false;
    }
}
