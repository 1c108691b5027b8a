package io.sockscope.differential;

import java.util.stream.Stream;

/**
 * The command lines both tools get: listings of the zoo that must match ss byte for byte, and command
 * lines ss rejects, which sockscope must reject the same way. Every case is one JVM start, so each one
 * should cover something the others do not. Listings whose numbers move between two runs (timers, TCP
 * internals) are compared with those numbers masked ({@link FlagCase#masked()}); {@code -s} and {@code -r}
 * (which would ask DNS) are not in scope here. The actions have their own tests ({@code -D}/{@code
 * TCPDIAG_FILE}: DumpReplayDifferentialTest, {@code -K}: KillDifferentialTest, {@code -E}:
 * EventsDifferentialTest, {@code -N}: NamespaceDifferentialTest); here only what fits a single run of each
 * tool.
 */
final class FlagCombinations {

    private FlagCombinations() {
    }

    /** Listings of the zoo. */
    static Stream<FlagCase> listings() {
        return Stream.of(
                // One table at a time, numeric and with service names, with and without owners.
                FlagCase.of("-tan"),
                FlagCase.of("-tln"),
                FlagCase.of("-tlnp"),
                FlagCase.of("-tanp"),
                FlagCase.of("-tap"),
                FlagCase.of("-tl"),
                FlagCase.of("-uan"),
                FlagCase.of("-ulnp"),
                FlagCase.of("-u"),
                FlagCase.of("-xan"),
                FlagCase.of("-xlp"),
                FlagCase.of("-xap"),
                FlagCase.of("-wan"),
                FlagCase.of("-wap"),
                FlagCase.of("-0an"),
                FlagCase.of("-0ap"),
                // Every table; with -a/-l the netlink table is in (own sock_diag lines set aside).
                FlagCase.of(""),
                FlagCase.of("-n"),
                FlagCase.of("-a"),
                FlagCase.of("-an"),
                FlagCase.of("-anp"),
                FlagCase.of("-lp"),
                // Families: the last of -4/-6 wins, -f accumulates.
                FlagCase.of("-4"),
                FlagCase.of("-an -4"),
                FlagCase.of("-an -6"),
                FlagCase.of("-uan -6"),
                FlagCase.of("-4 -6 -tan"),
                FlagCase.of("-f inet -an"),
                FlagCase.of("-f inet6 -an"),
                FlagCase.of("-f unix -a"),
                FlagCase.of("-f link -an"),
                FlagCase.of("-f netlink -an"),
                FlagCase.of("-f inet6 -f unix -an"),
                // Tables by name, aliases and exclusions.
                FlagCase.of("-A tcp,udp -an"),
                FlagCase.of("-A unix_stream -a"),
                FlagCase.of("-A u_dgr,u_seq -a"),
                FlagCase.of("-A packet -an"),
                FlagCase.of("-A packet_dgram -ap"),
                FlagCase.of("-A raw -an"),
                FlagCase.of("-A inet -an"),
                FlagCase.of("-A inet,!udp -an"),
                FlagCase.of("-A all -an"),
                FlagCase.of("-A all,!tcp -an"),
                FlagCase.of("-A netlink -a"),
                FlagCase.of("--query=tcp --all --numeric"),
                FlagCase.of("--socket=unix_dgram --all --processes"),
                // State words, pseudo-states, exclusions.
                FlagCase.of("-tn state time-wait"),
                FlagCase.of("-tn state established"),
                FlagCase.of("-tn state syn-sent"),
                FlagCase.of("-tn state fin-wait-2 state close-wait"),
                FlagCase.of("-tan state connected"),
                FlagCase.of("-tn state synchronized"),
                FlagCase.of("-tn state bucket"),
                FlagCase.of("-tn state big"),
                FlagCase.of("-tn exclude established"),
                FlagCase.of("-n state listening"),
                FlagCase.of("-n state closed"),
                FlagCase.of("-un state established"),
                FlagCase.of("-x state listening"),
                FlagCase.of("-n state connected exclude established"),
                // Layout switches and the width from COLUMNS.
                FlagCase.of("-tanH"),
                FlagCase.of("-tanO"),
                FlagCase.of("-xanpO"),
                FlagCase.of("--udp --all --no-header"),
                FlagCase.of("-tan").with("COLUMNS", "200"),
                FlagCase.of("-xap").with("COLUMNS", "80"),
                FlagCase.of("-tln").with("COLUMNS", "40"),
                // Extended output of sockets that hold still: compared byte for byte.
                FlagCase.of("-tlne"),
                FlagCase.of("-6tlne"),
                FlagCase.of("-ulne"),
                FlagCase.of("-uane -m"),
                FlagCase.of("-wae"),
                FlagCase.of("-waeim"),
                FlagCase.of("-xe"),
                FlagCase.of("-xae"),
                FlagCase.of("-xaem"),
                FlagCase.of("-xaemO"),
                FlagCase.of("-0e"),
                FlagCase.of("-0ae"),
                FlagCase.of("-0aeb"),
                FlagCase.of("-0aebO"),
                FlagCase.of("-0am"),
                FlagCase.of("-f netlink -e"),
                FlagCase.of("-f netlink -ae"),
                FlagCase.of("-f netlink -aem"),
                FlagCase.of("-tlnm"),
                FlagCase.of("-tlnmO"),
                FlagCase.of("-tlni"),
                FlagCase.of("-tlnoi"),
                FlagCase.of("-tln --tos"),
                FlagCase.of("-uan --tos"),
                FlagCase.of("-tln --cgroup"),
                FlagCase.of("-tlne --cgroup"),
                FlagCase.of("-tlnepO"),
                FlagCase.of("-ulnmi").with("COLUMNS", "120"),
                // Timers and TCP internals of live connections: moving numbers masked, the rest byte for byte.
                FlagCase.of("-o").masked(),
                FlagCase.of("-e").masked(),
                FlagCase.of("-m").masked(),
                FlagCase.of("-i").masked(),
                FlagCase.of("--tos").masked(),
                FlagCase.of("--cgroup").masked(),
                FlagCase.of("-tano").masked(),
                FlagCase.of("-tane").masked(),
                FlagCase.of("-eO").masked(),
                FlagCase.of("-tmi").masked(),
                FlagCase.of("-tani").masked(),
                FlagCase.of("-tanoi").masked(),
                FlagCase.of("-tanm").masked(),
                FlagCase.of("-tanoemi").masked(),
                FlagCase.of("-taoemi").masked(),
                FlagCase.of("-tanoemiO").masked(),
                FlagCase.of("-anoemi --tos --cgroup").masked(),
                FlagCase.of("-aoempib").masked(),
                FlagCase.of("-tn state syn-sent -oi").masked(),
                FlagCase.of("-4tnoei state established").masked(),
                FlagCase.of("-6tnoemi").masked(),
                // Inet socket options: the zoo sets IP_TRANSPARENT, IP_FREEBIND, IP_RECVERR(_RFC4884),
                // IP_BIND_ADDRESS_NO_PORT, TCP_FASTOPEN_CONNECT, IP_HDRINCL and IP_NODEFRAG on some sockets and
                // turns IP_MULTICAST_LOOP and IP_MULTICAST_ALL off on one.
                FlagCase.of("-tan --inet-sockopt"),
                FlagCase.of("-uan --inet-sockopt"),
                FlagCase.of("-wan --inet-sockopt"),
                FlagCase.of("-tanO --inet-sockopt"),
                FlagCase.of("-uaneO --inet-sockopt"),
                FlagCase.of("-6tlne --inet-sockopt"),
                FlagCase.of("-tlnm --inet-sockopt"),
                FlagCase.of("-ulnmi --inet-sockopt"),
                FlagCase.of("-an --inet-sockopt"),
                FlagCase.of("--inet-sockopt"),
                FlagCase.of("-tane --inet-sockopt").masked(),
                FlagCase.of("-tanoemiO --inet-sockopt").masked(),
                FlagCase.ofArguments("-tan", "--inet-sockopt", "sport = :3128 or dport = :9000"),
                // --tipcinfo adds a line under TIPC sockets only; the zoo's kernel may have no TIPC at all.
                FlagCase.of("--tipc -a --tipcinfo"),
                FlagCase.of("-A tipc -a --tipcinfo -O"),
                FlagCase.of("-tan --tipcinfo"),
                FlagCase.of("-an --tipcinfo"),
                FlagCase.of("--tipcinfo"),
                // Filter expressions (kernel bytecode for inet, userspace for the rest).
                FlagCase.ofArguments("-tan", "sport = :80"),
                FlagCase.ofArguments("-tan", "( dport = :ssh or sport = :ssh )"),
                FlagCase.ofArguments("-tn", "dst", "127.0.0.1"),
                FlagCase.ofArguments("-tan", "src", "10.77.91.1", "sport", "gt", ":1024"),
                FlagCase.ofArguments("-uan", "dport = :123"),
                FlagCase.ofArguments("-an", "dev", "zoo0"),
                FlagCase.ofArguments("-xa", "src", "*shared*"),
                // cgroup: the zoo's namespace has no cgroup2 mount (ip netns exec mounts a fresh /sys), and ext4's
                // / has an 8-byte file handle, which ss takes for an id that no socket has.
                FlagCase.ofArguments("-tan", "cgroup", "/"),
                FlagCase.ofArguments("-tan", "not", "cgroup", "/"),
                // TCPDIAG_FILE replaces the TCP table only (its own tests replay real dumps).
                FlagCase.of("-tan").with("TCPDIAG_FILE", "/dev/null"),
                FlagCase.of("-an").with("TCPDIAG_FILE", "/dev/null"),
                FlagCase.of("-uan").with("TCPDIAG_FILE", "/dev/null"),
                FlagCase.of("-tan").with("TCPDIAG_FILE", "/nonexistent/dump"));
    }

    /** Command lines that ss rejects (or refuses to list anything for). */
    static Stream<FlagCase> rejections() {
        return Stream.of(
                FlagCase.of("-j"),
                FlagCase.of("--bogus"),
                FlagCase.of("-A"),
                FlagCase.of("-f"),
                FlagCase.of("-A bogus"),
                FlagCase.of("-f bogus"),
                FlagCase.of("-A !tcp"),
                FlagCase.of("state bogus"),
                FlagCase.of("-tn exclude bogus"),
                FlagCase.of("-t state"),
                FlagCase.ofArguments("-tn", "sport = :bogusport"),
                FlagCase.ofArguments("-tn", "dst"),
                FlagCase.of("-F /nonexistent/filter"),
                FlagCase.ofArguments("-tn", "cgroup", "/sockscope-no-such-cgroup"),
                FlagCase.ofArguments("-tn", "cgroup", "cpu"),
                // Actions (their own tests run them): arguments, selections they cannot work on, namespaces.
                FlagCase.of("-D"),
                FlagCase.of("-N"),
                FlagCase.of("-x -D /dev/null"),
                FlagCase.of("-E -x"),
                FlagCase.of("-E -w"),
                FlagCase.of("-N sockscope-no-such-netns -tan"));
    }
}
