package io.sockscope.diagnose;

import io.sockscope.model.Owner;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Phrases the daemon-specific half of a fix. */
final class FixText {
    private FixText() {
    }

    /**
     * " For PostgreSQL: set listen_addresses … ." for each well-known daemon among the owners, or the empty
     * string when none is one.
     */
    static String daemonSettings(List<Owner> owners, Function<DaemonAdvice.Daemon, String> setting, int port) {
        StringBuilder out = new StringBuilder();
        Set<String> products = new LinkedHashSet<>();
        for (Owner o : owners) {
            DaemonAdvice.byCommand(o.command().text()).ifPresent(d -> {
                String advice = setting.apply(d);
                if (advice != null && products.add(d.product())) {
                    out.append(" For ").append(d.product()).append(": ").append(DaemonAdvice.withPort(advice, port))
                            .append('.');
                }
            });
        }
        return out.toString();
    }

    /** "every IPv4 address (0.0.0.0)" or the IPv6 counterpart. */
    static String everyAddress(int ipVersion) {
        return ipVersion == 4 ? "0.0.0.0 (every IPv4 address)" : "[::] (every address)";
    }
}
