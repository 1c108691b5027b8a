package io.sockscope.cli;

/** The text of {@code sockscope -h}. */
final class Help {
    static final String TEXT = """
            Usage: sockscope [ OPTIONS ] [ state STATE ]... [ exclude STATE ]... [ FILTER ]
                   sockscope doctor TARGET [--udp] [--from ADDRESS] [--json]   (why can't clients connect?)
            List sockets the way iproute2 ss does, with the same options and byte-identical output.

            Tables (none given: all of them, connected states only):
              -t, --tcp        TCP              -u, --udp       UDP
              -w, --raw        raw IP           -x, --unix      unix domain
              -0, --packet     packet           -d/-S/-M        DCCP / SCTP / MPTCP
              -A, --query=LIST all,inet,tcp,udp,raw,unix,unix_stream,unix_dgram,unix_seqpacket,
                               packet,packet_raw,packet_dgram,netlink,... (a leading ! removes one)
              -f, --family=F   inet, inet6, unix, link, netlink
              -4, -6           IPv4 only / IPv6 only (the last one given wins)
            States:
              -a, --all        every state      -l, --listening listening (and unconnected datagram)
              state NAME       only NAME (repeatable); exclude NAME removes one
                               NAME: established syn-sent syn-recv fin-wait-1 fin-wait-2 time-wait
                               closed close-wait last-ack listening closing, or all connected
                               synchronized bucket big
            Output:
              -n, --numeric    numeric ports    -p, --processes owning processes
              -r, --resolve    host names (each lookup limited to 0.5 s)
              -T, --threads    owning threads   -H, --no-header no header line
              -O, --oneline    one line per socket
              --show-control-chars    print control bytes in process names, socket paths and
                                      interface names as they are, also on a terminal (ss does)
              --escape-control-chars  escape them (\\n, \\033, \\\\, as ls -b), also in a pipe; by
                                      default they are escaped on a terminal only
              --json           one JSON document (schema: docs/json.md)
              --ndjson         one JSON object per socket and line
              --output=FORMAT  ss (the default), json or ndjson
              --debug          show stack traces of internal errors
              -V, --version    version          -h, --help      this text
            Actions:
              -K, --kill       close the sockets listed (needs a filter or a state, and CAP_NET_ADMIN)
              -E, --events     print TCP and UDP sockets as they are destroyed, until interrupted
              -D, --diag=FILE  write the raw TCP dump to FILE ('-': stdout), for TCPDIAG_FILE
              -N, --net=NAME   work in the network namespace NAME (ip netns)

            Environment: PROC_ROOT and PROC_NET_TCP, PROC_NET_UDP, ... read /proc files instead of the
            kernel; TCPDIAG_FILE lists TCP from a raw dump written by -D; COLUMNS sets the width when
            stdout is not a terminal; SOCKSCOPE_OWNER_SCAN=proc keeps -p from loading its BPF iterator.
            """;

    private Help() {
    }
}
