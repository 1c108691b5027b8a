package io.sockscope.cli;

import io.sockscope.diagnose.AuditQuery;
import io.sockscope.diagnose.BindQuery;
import io.sockscope.diagnose.InetTarget;
import io.sockscope.diagnose.ReachQuery;
import io.sockscope.diagnose.Target;
import io.sockscope.diagnose.TargetSyntax;
import io.sockscope.diagnose.TargetSyntaxException;
import io.sockscope.diagnose.Transport;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code doctor TARGET [--udp] [--from ADDRESS] [--no-firewall] [--user NAME] [-N NAME] [--json]},
 * {@code doctor --all [--udp] [--from ADDRESS] [--no-firewall] [-N NAME] [--json]} and
 * {@code doctor bind [ADDRESS:]PORT [--udp] [--user NAME] [-N NAME] [--json]} (the words after {@code doctor}).
 * Options may come before or after the target and take their value as the next word or after {@code =}
 * ({@code -N} also joined to it, {@code -Nname}, as the listing takes it).
 */
final class DoctorOptionsParser {
    private DoctorOptionsParser() {
    }

    static DoctorOptions parse(String[] args) throws DoctorUsageException {
        List<String> words = new ArrayList<>();
        boolean udp = false;
        boolean json = false;
        boolean noFirewall = false;
        boolean all = false;
        String from = null;
        String user = null;
        String namespace = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            } else if (a.startsWith("-N") && a.length() > 2) {
                // Clustered as getopt takes it, as the listing's -N does: -Nname.
                value = a.substring(2);
                a = "-N";
            }
            switch (a) {
                case "-h", "--help" -> {
                    return DoctorOptions.helpOnly();
                }
                case "--udp", "-u" -> udp = flag(a, value, true);
                case "--tcp", "-t" -> udp = flag(a, value, false);
                case "--json", "-j" -> json = flag(a, value, true);
                case "--no-firewall" -> noFirewall = flag(a, value, true);
                case "--all" -> all = flag(a, value, true);
                case "--from" -> {
                    if (value == null) {
                        value = next(args, ++i, a);
                    }
                    from = value;
                }
                case "-N", "--net" -> {
                    if (value == null) {
                        value = next(args, ++i, a);
                    }
                    namespace = value;
                }
                case "--user" -> {
                    if (value == null) {
                        value = next(args, ++i, a);
                    }
                    user = value;
                }
                case "--" -> {
                    for (i++; i < args.length; i++) {
                        words.add(args[i]);
                    }
                }
                default -> {
                    if (a.startsWith("-") && a.length() > 1) {
                        throw new DoctorUsageException("unknown option " + a);
                    }
                    words.add(args[i]);
                }
            }
        }
        Transport transport = udp ? Transport.UDP : Transport.TCP;
        if (all) {
            return audit(words, transport, from, user, noFirewall, json, namespace);
        }
        if (words.isEmpty()) {
            throw new DoctorUsageException("what should the doctor examine? give a TARGET (PORT, ADDRESS:PORT,"
                    + " [IPV6]:PORT or unix:PATH) or 'bind PORT'");
        }
        try {
            if (words.getFirst().equals("bind")) {
                if (words.size() != 2) {
                    throw new DoctorUsageException("doctor bind takes one [ADDRESS:]PORT");
                }
                if (from != null) {
                    throw new DoctorUsageException("--from does not apply to doctor bind");
                }
                if (noFirewall) {
                    throw new DoctorUsageException("--no-firewall does not apply to doctor bind");
                }
                Target t = TargetSyntax.parse(words.get(1), transport);
                if (!(t instanceof InetTarget inet)) {
                    throw new DoctorUsageException("doctor bind takes a port, not a unix socket");
                }
                BindQuery bind = new BindQuery(transport, inet.address(), inet.port(), user);
                return new DoctorOptions(null, bind, null, json, false, namespace);
            }
            if (words.size() != 1) {
                throw new DoctorUsageException("one TARGET at a time; unexpected " + words.get(1));
            }
            Target target = TargetSyntax.parse(words.getFirst(), transport);
            InetAddress fromAddress = from == null ? null : TargetSyntax.address(from);
            return new DoctorOptions(new ReachQuery(target, fromAddress, user, !noFirewall), null, null, json, false,
                    namespace);
        } catch (TargetSyntaxException | IllegalArgumentException e) {
            throw new DoctorUsageException(e.getMessage());
        }
    }

    /** {@code --all}: every listener; no target, no user (whose permissions matter only to unix sockets and bind). */
    private static DoctorOptions audit(List<String> words, Transport transport, String from, String user,
                                       boolean noFirewall, boolean json, String namespace) throws DoctorUsageException {
        if (!words.isEmpty()) {
            throw new DoctorUsageException("--all examines every listener: give no TARGET (unexpected " + words.getFirst()
                    + ")");
        }
        if (user != null) {
            throw new DoctorUsageException("--user does not apply to --all");
        }
        try {
            InetAddress fromAddress = from == null ? null : TargetSyntax.address(from);
            return new DoctorOptions(null, null, new AuditQuery(transport, fromAddress, !noFirewall), json, false,
                    namespace);
        } catch (TargetSyntaxException | IllegalArgumentException e) {
            throw new DoctorUsageException(e.getMessage());
        }
    }

    private static boolean flag(String name, String value, boolean result) throws DoctorUsageException {
        if (value != null) {
            throw new DoctorUsageException(name + " takes no value");
        }
        return result;
    }

    private static String next(String[] args, int i, String name) throws DoctorUsageException {
        if (i >= args.length) {
            throw new DoctorUsageException(name + " needs a value");
        }
        return args[i];
    }
}
