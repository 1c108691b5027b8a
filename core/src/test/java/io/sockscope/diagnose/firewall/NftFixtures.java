package io.sockscope.diagnose.firewall;

import io.sockscope.json.JsonSyntaxException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The rulesets under {@code src/test/resources/doctor/nft}: {@code NAME.json} is what a real
 * {@code nft -j list ruleset} printed for {@code NAME.nft} (or for the iptables commands of {@code NAME.sh}),
 * {@code NAME.txt} what {@code nft -a list ruleset} printed; {@code capture.sh} regenerates them.
 */
final class NftFixtures {
    private NftFixtures() {
    }

    static String text(String file) {
        try (InputStream in = NftFixtures.class.getResourceAsStream("/doctor/nft/" + file)) {
            if (in == null) {
                return null;
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ruleset NAME, read from its JSON and (for iptables extension matches) its text when there is one. */
    static Ruleset ruleset(String name) {
        try {
            return RulesetParser.parse(text(name + ".json"), text(name + ".txt"));
        } catch (JsonSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same, from the JSON alone. */
    static Ruleset jsonOnly(String name) {
        try {
            return RulesetParser.parse(text(name + ".json"));
        } catch (JsonSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One JSON value, for hand-made expressions. */
    static io.sockscope.json.JsonValue parse(String json) {
        try {
            return io.sockscope.json.JsonReader.read(json);
        } catch (JsonSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    /** A new TCP connection from a remote client on eth0 to 10.0.0.1 (IPv4) or fd00::1 (IPv6). */
    static Probe tcp(String source, int port) {
        boolean v6 = source != null && source.contains(":");
        return new Probe(v6 ? 6 : 4, "tcp", source == null ? null : ip(source),
                List.of(ip(v6 ? "fd00::1" : "10.0.0.1")), port, List.of("eth0"), false);
    }

    static Probe udp(String source, int port) {
        Probe t = tcp(source, port);
        return new Probe(t.ipVersion(), "udp", t.source(), t.destinations(), port, t.inputInterfaces(), false);
    }
}
