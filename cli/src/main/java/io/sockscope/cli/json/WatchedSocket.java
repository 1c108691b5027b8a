package io.sockscope.cli.json;

import io.sockscope.live.Age;
import io.sockscope.live.SocketEvent;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.TcpState;
import io.sockscope.model.UnixSocket;
import io.sockscope.names.AddressText;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The words a watch event shows of its socket, the same in JSON and in text: netid, state, endpoints, cookie,
 * age. A unix socket's endpoint is its path ({@code @} for an abstract name, as ss writes it).
 */
public final class WatchedSocket {
    /** An endpoint: an address and port, or a unix path with port -1. */
    public record Endpoint(String address, int port) {
        /** {@code address:port}, brackets around an IPv6 address; a path as it is. */
        public String text() {
            if (port < 0) {
                return address;
            }
            return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
        }
    }

    private WatchedSocket() {
    }

    /** The event's name in the stream: open, state, close. */
    public static String kind(SocketEvent event) {
        return switch (event) {
            case SocketEvent.Opened o -> "open";
            case SocketEvent.StateChanged s -> "state";
            case SocketEvent.Closed c -> "close";
        };
    }

    /** An instant in milliseconds as ISO-8601 UTC text. */
    public static String timestamp(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    /** A TCP state code as ss names it. */
    public static String stateName(int code) {
        return TcpState.ofCode(code).ssName();
    }

    /** "observed" or "lower_bound". */
    public static String ageSource(Age age) {
        return age.source() == Age.Source.OBSERVED ? "observed" : "lower_bound";
    }

    /** The kernel's cookie in hex, as the listing's JSON writes it, or null when the socket has none. */
    public static String cookie(SocketRecord socket) {
        long cookie = switch (socket) {
            case InetSocket s -> s.cookie();
            case PacketSocket s -> s.cookie();
            default -> 0;
        };
        return cookie == 0 ? null : Long.toHexString(cookie);
    }

    /** The local endpoint, or null for a socket that has none to show. */
    public static Endpoint local(SocketRecord socket) {
        return switch (socket) {
            case InetSocket s -> inet(s.local());
            case UnixSocket s -> unix(s.name());
            default -> null;
        };
    }

    /** The peer endpoint, or null for a socket that has none to show. */
    public static Endpoint peer(SocketRecord socket) {
        return switch (socket) {
            case InetSocket s -> inet(s.peer());
            case UnixSocket s -> unix(s.peerName());
            default -> null;
        };
    }

    private static Endpoint inet(InetEndpoint e) {
        return e == null ? null : new Endpoint(AddressText.text(e.address()), e.port());
    }

    private static Endpoint unix(byte[] name) {
        if (name == null || name.length == 0) {
            return null;
        }
        String text = name[0] == 0 ? "@" + new String(name, 1, name.length - 1, StandardCharsets.UTF_8)
                : new String(name, StandardCharsets.UTF_8);
        return new Endpoint(text, -1);
    }
}
