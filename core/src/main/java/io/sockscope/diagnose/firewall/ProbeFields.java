package io.sockscope.diagnose.firewall;

import java.util.List;
import java.util.Set;

/** What the probe packet carries in each field a rule can name. */
final class ProbeFields {
    /** Headers that a TCP or UDP packet over IP certainly does not have (when they are not its own). */
    private static final Set<String> OTHER_IP_PROTOCOLS = Set.of(
            "ip", "ip6", "tcp", "udp", "icmp", "icmpv6", "igmp", "sctp", "dccp", "udplite", "esp", "ah", "comp",
            "gre", "mh", "rt", "rt0", "rt2", "srh", "hbh", "frag", "dst");

    private final Probe probe;

    ProbeFields(Probe probe) {
        this.probe = probe;
    }

    FieldValue of(Operand operand, Hook hook) {
        return switch (operand) {
            case Operand.Payload p -> payload(p.protocol(), p.field());
            case Operand.Meta m -> meta(m.key(), hook);
            case Operand.Ct c -> switch (c.key()) {
                case "state" -> FieldValue.of(FieldKind.SYMBOL, "new");
                case "direction" -> FieldValue.of(FieldKind.SYMBOL, "original");
                default -> new FieldValue.Unknown();
            };
            // The probe is addressed to this host, so its destination is a local address.
            case Operand.Fib f -> f.result().equals("type") && f.flags().equals(List.of("daddr"))
                    ? FieldValue.of(FieldKind.SYMBOL, "local") : new FieldValue.Unknown();
            case Operand.Concat c -> new FieldValue.Unknown(); // matched part by part, see MatchEvaluator
            case Operand.Other o -> new FieldValue.Unknown();
        };
    }

    private FieldValue payload(String protocol, String field) {
        String l3 = probe.ipVersion() == 4 ? "ip" : "ip6";
        if (protocol.equals(l3)) {
            return switch (field) {
                case "saddr" -> source();
                case "daddr" -> FieldValue.addresses(probe.destinations());
                case "protocol", "nexthdr" -> FieldValue.of(FieldKind.PROTOCOL, probe.transport());
                case "version" -> FieldValue.of(FieldKind.PORT, probe.ipVersion());
                default -> new FieldValue.Unknown();
            };
        }
        if (protocol.equals(probe.transport()) || protocol.equals("th")) {
            return switch (field) {
                case "dport" -> FieldValue.of(FieldKind.PORT, probe.destinationPort());
                case "sport" -> new FieldValue.PortRange(Probe.CLIENT_PORT_LOW, Probe.CLIENT_PORT_HIGH);
                default -> new FieldValue.Unknown();
            };
        }
        // nft adds a protocol dependency to every header match: another protocol's header never matches.
        return OTHER_IP_PROTOCOLS.contains(protocol) ? new FieldValue.Absent() : new FieldValue.Unknown();
    }

    /** The client's address; unknown for a remote client means "some address that is not a loopback one". */
    private FieldValue source() {
        if (probe.source() != null) {
            return FieldValue.of(FieldKind.ADDRESS, probe.source());
        }
        return probe.localClient() ? new FieldValue.Unknown() : new FieldValue.AnyRemoteAddress(probe.ipVersion());
    }

    private FieldValue meta(String key, Hook hook) {
        return switch (key) {
            case "l4proto" -> FieldValue.of(FieldKind.PROTOCOL, probe.transport());
            case "nfproto" -> FieldValue.of(FieldKind.SYMBOL, probe.ipVersion() == 4 ? "ipv4" : "ipv6");
            case "protocol" -> FieldValue.of(FieldKind.SYMBOL, probe.ipVersion() == 4 ? "ip" : "ip6");
            case "pkttype" -> FieldValue.of(FieldKind.SYMBOL, "host");
            case "iif", "iifname" -> inputInterface(hook);
            case "oif", "oifname" -> hook == Hook.OUTPUT || hook == Hook.POSTROUTING
                    ? FieldValue.of(FieldKind.INTERFACE, "lo") : new FieldValue.Unknown();
            case "iiftype" -> iifType(hook);
            default -> new FieldValue.Unknown();
        };
    }

    private FieldValue inputInterface(Hook hook) {
        if (hook == Hook.OUTPUT || hook == Hook.POSTROUTING) {
            return new FieldValue.Unknown(); // no input interface yet; nft's behaviour there is not modelled
        }
        if (probe.inputInterfaces().isEmpty()) {
            return new FieldValue.Unknown();
        }
        return new FieldValue.Candidates(FieldKind.INTERFACE, List.copyOf(probe.inputInterfaces()));
    }

    private FieldValue iifType(Hook hook) {
        List<String> names = probe.inputInterfaces();
        if (hook == Hook.OUTPUT || hook == Hook.POSTROUTING || names.isEmpty()) {
            return new FieldValue.Unknown();
        }
        if (names.stream().allMatch("lo"::equals)) {
            return FieldValue.of(FieldKind.SYMBOL, "loopback");
        }
        if (names.stream().noneMatch("lo"::equals)) {
            return new FieldValue.Excluding(FieldKind.SYMBOL, "loopback");
        }
        return new FieldValue.Unknown();
    }
}
