package io.sockscope.cli;

/** The text of {@code sockscope -h}: every option the command line takes, as ss's {@code -h} lists its own. */
final class Help {
    static final String TEXT = """
            Usage: sockscope [ OPTIONS ] [ state STATE ]... [ exclude STATE ]... [ FILTER ]
                   sockscope doctor TARGET [--udp] [--from ADDRESS] [--json]   (why can't clients connect?)
                   sockscope watch [ OPTIONS ] [ FILTER ] [--interval=1s] [--ndjson]   (events as they happen)
                   sockscope leaks [ OPTIONS ] [ FILTER ] [--for=60s] [--json]   (a verdict per process)
                   sockscope top [ OPTIONS ] [ FILTER ] [--interval=1s]   (per process and port, refreshed)
                   sockscope serve [--listen=127.0.0.1:9947] [--all-netns]   (Prometheus/OTLP metrics)
                   sockscope help [doctor]
            List sockets the way iproute2 ss does, with the same options and byte-identical output.

            Tables (none given: all of them, connected states only):
              -t, --tcp        TCP              -u, --udp       UDP
              -w, --raw        raw IP           -x, --unix      unix domain
              -0, --packet     packet           -d, --dccp      DCCP
              -S, --sctp       SCTP             -M, --mptcp     MPTCP
              --vsock          vsock            --tipc          TIPC
              --xdp            XDP
              -A, --query=LIST, --socket=LIST
                               all,inet,tcp,mptcp,udp,raw,unix,unix_stream,unix_dgram,unix_seqpacket,
                               packet,packet_raw,packet_dgram,netlink,dccp,sctp,vsock_stream,
                               vsock_dgram,tipc,xdp (a leading ! removes one)
              -f, --family=F   inet, inet6, link, unix, netlink, vsock, tipc, xdp (help: this text)
              -4, --ipv4       IPv4 only        -6, --ipv6      IPv6 only (the last one given wins)
            States:
              -a, --all        every state      -l, --listening listening (and unconnected datagram)
              -B, --bound-inactive  TCP sockets bound but not listening or connected (7.1 dialect)
              state NAME       only NAME (repeatable); exclude NAME removes one
                               NAME: established syn-sent syn-recv fin-wait-1 fin-wait-2 time-wait
                               closed close-wait last-ack listening closing, bound-inactive (7.1),
                               or all connected synchronized bucket big
            Filter:
              FILTER           src, dst, sport, dport, dev, fwmark, cgroup, autobound with = != < > <= >=,
                               and, or, not, ( ): e.g. dport = :443 or sport = :ssh
              -F, --filter=FILE  read the filter from FILE ('-': standard input)
            Output:
              -n, --numeric    numeric ports    -r, --resolve   host names (each lookup limited to 0.5 s)
              -p, --processes  owning processes -T, --threads   owning threads
              -o, --options    timers           -e, --extended  uid, inode, cookie, cgroup, shutdown
              -m, --memory     socket memory    -i, --info      TCP internals (tcp_info, congestion)
              -b, --bpf        packet socket filters
              --tos            TOS and priority --cgroup        cgroup of each socket
              --inet-sockopt   inet socket options (recverr, freebind, transparent, mc_loop...)
              --tipcinfo       TIPC socket details (taken, but sockscope reads no TIPC table yet)
              -s, --summary    socket counters  -H, --no-header no header line
              -Q, --no-queues  no Recv-Q and Send-Q columns (7.1 dialect)
              --ss-dialect=RELEASE  print as the ss of iproute2 6.1 or 7.1 does (default: as the ss
                               installed does; also SOCKSCOPE_SS_DIALECT)
              -O, --oneline    one line per socket
              --show-control-chars    print control bytes in process names, socket paths and
                                      interface names as they are, also on a terminal (ss does)
              --escape-control-chars  escape them (\\n, \\033, \\\\, as ls -b), also in a pipe; by
                                      default they are escaped on a terminal only
              --json           one JSON document (schema_version 1, documented with the package)
              --ndjson         one JSON object per socket and line
              --output=FORMAT  ss (the default), json or ndjson
              --debug          show stack traces of internal errors
              -V, --version    version          -h, --help      this text
            Actions:
              -K, --kill       close the sockets listed (needs a filter or a state, and CAP_NET_ADMIN)
              -E, --events     print TCP and UDP sockets as they are destroyed, until interrupted
              -D, --diag=FILE  write the raw TCP dump to FILE ('-': stdout), for TCPDIAG_FILE
              -N, --net=NAME   work in the network namespace NAME (ip netns), pid:PID (the one process
                               PID is in) or PATH (an nsfs file such as /proc/PID/ns/net)
              --all-netns      list every network namespace on the host, behind a Netns column; JSON
                               adds each socket's netns and its container, pod and unit
              --root=DIR       read container runtimes' files under DIR (default /), with --all-netns
            Watch (sockscope watch: the tables, states and filter above, not -K -E -D -s -N --json):
              open, state (from/to), close, leak and resync events, each with its owner and age, one
              line each (--ndjson: one JSON object each), until interrupted; --all-netns: every network
              namespace, each event with its netns
              --interval=TIME  read the table every TIME (500ms, 1s, 2m; default 1s); destroy events
                               between reads still show sockets shorter than TIME (CAP_NET_ADMIN)
              leak events, from these detectors (watch and leaks):
              --close-wait-age=TIME   a socket in CLOSE-WAIT this long, still held (default 60s)
              --close-wait-rising=N   a process's lingering CLOSE-WAIT count rising over N reads (5)
              --fd-percent=P          a socket owner past P% of its soft RLIMIT_NOFILE (80)
              --backlog-percent=P     a listener's accept queue at or past P% of its backlog ...
              --backlog-reads=N       ... at N reads in a row (3)
            Leaks (sockscope leaks: the detectors for a while, then a verdict per process; exit 0 none,
            1 leaks found, 2 usage error):
              --for=TIME       how long to watch (default 60s); --json writes one document
            Top (sockscope top: the same options as watch, not --ndjson; default -ta):
              a full screen of sockets by state per process (descriptors against their limit) or per
              listening port (accept queue against backlog), CLOSE-WAIT and its change per minute,
              refreshed every --interval; keys: q quit, p/l/Tab view, s sort, r reverse, / filter,
              space pause. When stdout is not a terminal: both tables in plain text every interval
            Serve (sockscope serve: a metrics exporter for Prometheus and OpenTelemetry, every table):
              --listen=HOST:PORT      serve /metrics there (default 127.0.0.1:9947; none: no HTTP)
              --max-processes=N       processes with series of their own, the most sockets first;
                                      the rest summed as process="other" (default 100)
              --max-listeners=N       listening addresses kept (default 1000)
              --all-netns             every network namespace, labelled netns, container, pod, unit
              --otlp=URL              also push OTLP/HTTP metrics to URL (http://collector:4318)
              --every=TIME            how often to push (default 15s)
            Not supported: -Z, --context and -z, --contexts (SELinux); --bpf-maps, --bpf-map-id (7.1,
            BPF socket storage). --tipc, --vsock and --xdp list no socket yet: sockscope does not read
            those tables.

            Environment: PROC_ROOT and PROC_NET_TCP, PROC_NET_UDP, ... read /proc files instead of the
            kernel; TCPDIAG_FILE lists TCP from a raw dump written by -D; COLUMNS sets the width when
            stdout is not a terminal; SOCKSCOPE_OWNER_SCAN=proc keeps -p from loading its BPF iterator;
            SOCKSCOPE_SS_DIALECT=6.1|7.1 sets the dialect, as --ss-dialect does.
            """;

    private Help() {
    }
}
