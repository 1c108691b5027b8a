package io.sockscope.cli;

import io.sockscope.diagnose.FindingCode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The manual page sockscope(8) in man(7) roff, written from {@link OptionDocs}, {@link DoctorOptionDocs} and
 * {@link CommandWords}, so that every option the command line parses is in it and nothing it does not parse is.
 */
final class ManPage {
    private final StringBuilder out = new StringBuilder(32 * 1024);

    private ManPage() {
    }

    /** The page, dated {@code date} (the packaging passes its build date, so the page is reproducible). */
    static String text(LocalDate date) {
        ManPage page = new ManPage();
        page.write(date);
        return page.out.toString();
    }

    private void write(LocalDate date) {
        macro(".TH SOCKSCOPE 8 " + date + " \"sockscope " + Version.VALUE + "\" \"System Administration\"");
        // No hyphenation: a hyphen here is nearly always part of an option or a state name someone types.
        macro(".nh");
        macro(".SH NAME");
        macro("sockscope \\- inspect sockets, and find out why clients cannot connect");
        synopsis();
        description();
        options();
        commands();
        filter();
        environment();
        exitStatus();
        files();
        examples();
        macro(".SH SEE ALSO");
        macro(".BR ss (8),");
        macro(".BR netstat (8),");
        macro(".BR lsof (8),");
        macro(".BR ip\\-netns (8),");
        macro(".BR nft (8)");
    }

    private void synopsis() {
        macro(".SH SYNOPSIS");
        List<String> lines = List.of(
                Roff.bold("sockscope") + " [" + Roff.italic("OPTIONS") + "] [" + Roff.bold("state") + " "
                        + Roff.italic("STATE") + "]... [" + Roff.bold("exclude") + " " + Roff.italic("STATE")
                        + "]... [" + Roff.italic("FILTER") + "]",
                Roff.bold("sockscope doctor") + " " + Roff.italic("TARGET") + " [" + Roff.italic("DOCTOR-OPTIONS")
                        + "]",
                Roff.bold("sockscope doctor --all") + " [" + Roff.italic("DOCTOR-OPTIONS") + "]",
                Roff.bold("sockscope doctor bind") + " [" + Roff.italic("ADDRESS") + ":]" + Roff.italic("PORT")
                        + " [" + Roff.italic("DOCTOR-OPTIONS") + "]",
                Roff.bold("sockscope watch") + " [" + Roff.italic("OPTIONS") + "] [" + Roff.italic("FILTER") + "]",
                Roff.bold("sockscope leaks") + " [" + Roff.italic("OPTIONS") + "] [" + Roff.italic("FILTER") + "]",
                Roff.bold("sockscope top") + " [" + Roff.italic("OPTIONS") + "] [" + Roff.italic("FILTER") + "]",
                Roff.bold("sockscope serve") + " [" + Roff.italic("OPTIONS") + "]",
                Roff.bold("sockscope help") + " [" + Roff.bold("doctor") + "]");
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                macro(".br");
            }
            macro(lines.get(i));
        }
    }

    private void description() {
        macro(".SH DESCRIPTION");
        text("sockscope lists sockets the way iproute2's ss does: it takes the same options, state words and"
                + " filter expressions, and its output is byte for byte ss's, so scripts and habits built on ss keep"
                + " working. It reads the kernel's sock_diag tables over netlink (the /proc/net files when those"
                + " cannot be read), and adds structured output (--json, --ndjson) and a listing of every network"
                + " namespace at once (--all-netns).");
        paragraph("Beyond the listing, it answers the question that follows it:");
        tag(Roff.bold("doctor"));
        text("why clients cannot reach a port: it joins the socket table, the sockets' owners, the kernel's"
                + " settings and the nftables ruleset into one verdict, with the evidence and the fix.");
        tag(Roff.bold("watch") + ", " + Roff.bold("leaks") + ", " + Roff.bold("top"));
        text("sockets as they open, change state and close, with their owners and ages; leaks (CLOSE-WAIT"
                + " sockets held too long, descriptors near their limit, full accept queues) caught while they"
                + " grow; a full screen of sockets per process and per listening port.");
        tag(Roff.bold("serve"));
        text("a metrics exporter: Prometheus and OpenMetrics over HTTP, and OTLP pushed to a collector.");
    }

    private void options() {
        macro(".SH OPTIONS");
        text("Options may be clustered (-tlnp), a long option may be cut to any prefix that names only it, and"
                + " an option's argument may follow as the next word, joined to a letter (-Ainet) or after = (--family=inet)."
                + " With no table option, every table is listed, in the connected states only."
                + " The options of watch, leaks and serve are described with them, under COMMANDS.");
        for (OptionDocs.Group group : OptionDocs.Group.values()) {
            if (group == OptionDocs.Group.WATCH || group == OptionDocs.Group.LEAKS || group == OptionDocs.Group.SERVE) {
                continue;
            }
            macro(".SS " + group.title());
            for (OptionDoc doc : OptionDocs.in(group)) {
                option(doc);
            }
        }
    }

    private void option(OptionDoc doc) {
        List<String> names = new ArrayList<>();
        char letter = OptionDocs.shortLetter(doc);
        String argument = doc.argument() == null ? "" : Roff.italic(doc.argument());
        if (letter != 0) {
            names.add(Roff.bold("-" + letter) + (argument.isEmpty() ? "" : " " + argument));
        }
        for (String name : OptionDocs.longNames(doc)) {
            names.add(Roff.bold("--" + name) + (argument.isEmpty() ? "" : "=" + argument));
        }
        tag(String.join(", ", names));
        text(doc.description());
    }

    private void commands() {
        macro(".SH COMMANDS");
        macro(".SS doctor");
        text("sockscope doctor TARGET examines one port: TARGET is PORT, ADDRESS:PORT, [IPV6]:PORT or unix:PATH"
                + " (unix:@NAME for an abstract socket). doctor bind [ADDRESS:]PORT tells why binding the port would"
                + " fail (a privileged port, who holds it). doctor --all judges every listener: ok, loopback-only,"
                + " v6-only, firewalled, backlog-full, leaking or undecided, one line each, then the details of the"
                + " problems. Its options, before or after the target:");
        for (DoctorOptionDocs.Entry e : DoctorOptionDocs.ALL) {
            String argument = e.argument() == null ? "" : " " + Roff.italic(e.argument());
            String names = e.shortName() == null ? Roff.bold(e.longName()) + argument
                    : Roff.bold(e.shortName()) + argument + ", " + Roff.bold(e.longName()) + argument;
            tag(names);
            text(e.description());
        }
        paragraph("Each finding starts with its severity and its code (\"code\" in --json):");
        for (FindingCode code : FindingCode.values()) {
            tag(Roff.bold(code.name()));
            text(code.meaning());
        }
        paragraph("On a terminal the text is wrapped and coloured; piped, it is not.");
        macro(".SS watch");
        text("sockscope watch prints open, state (from and to), close, leak and resync events, each with its"
                + " owner and age, one line each (--ndjson: one JSON object each), until interrupted. It takes the"
                + " tables, states and filter of the listing, but not -K, -E, -D, -s, -N or --json; with"
                + " --all-netns it watches every network namespace, each event with its netns. Its own options,"
                + " and the leak detectors' (which sockscope leaks takes too):");
        for (OptionDoc doc : OptionDocs.in(OptionDocs.Group.WATCH)) {
            option(doc);
        }
        macro(".SS leaks");
        text("sockscope leaks runs the leak detectors for a while, then gives a verdict per process; --json"
                + " writes one document. It takes watch's options, and:");
        for (OptionDoc doc : OptionDocs.in(OptionDocs.Group.LEAKS)) {
            option(doc);
        }
        macro(".SS top");
        text("sockscope top takes watch's options but --ndjson (without a table option: -ta). It shows a full"
                + " screen of sockets by state per process (descriptors against their limit) or per listening port"
                + " (accept queue against backlog), CLOSE-WAIT and its change per minute, refreshed every"
                + " --interval. Keys: q quits, p, l and Tab change the view, s sorts, r reverses, / filters, space"
                + " pauses. When standard output is not a terminal, both tables are printed in plain text every"
                + " interval.");
        macro(".SS serve");
        text("sockscope serve is a metrics exporter for Prometheus and OpenTelemetry, over every table; with"
                + " --all-netns every network namespace, labelled with its netns, container, pod and unit. These"
                + " options are known after serve only:");
        for (OptionDoc doc : OptionDocs.in(OptionDocs.Group.SERVE)) {
            option(doc);
        }
        macro(".SS help");
        text("sockscope help prints the usage text, as -h does; sockscope help doctor prints the doctor's.");
    }

    private void filter() {
        macro(".SH FILTER");
        text("After the options, state STATE keeps the sockets in STATE (repeatable) and exclude STATE drops"
                + " them. STATE is one of " + String.join(", ", CommandWords.states()) + " (closed is unconnected;"
                + " bound-inactive, TCP sockets bound but neither listening nor connected, in the 7.1 dialect only),"
                + " or one of ss's groups:");
        tag(Roff.bold("all"));
        text("every state.");
        tag(Roff.bold("connected"));
        text("every state but listening and closed.");
        tag(Roff.bold("synchronized"));
        text("every connected state but syn-sent.");
        tag(Roff.bold("bucket"));
        text("syn-recv and time-wait, the states kept as minisockets.");
        tag(Roff.bold("big"));
        text("every state but syn-recv and time-wait.");
        paragraph("The rest of the line is ss's filter expression: "
                + String.join(", ", CommandWords.FILTER_KEYWORDS.subList(0, 8))
                + " compared with = != < > <= >=, joined with and, or, not and"
                + " parentheses; for example dport = :443 or sport = :ssh.");
    }

    private void environment() {
        macro(".SH ENVIRONMENT");
        tag(Roff.bold("PROC_ROOT"));
        text("Read the /proc files under this directory instead of /proc.");
        tag(Roff.bold("PROC_NET_TCP") + ", " + Roff.bold("PROC_NET_UDP") + ", " + Roff.bold("PROC_NET_UNIX")
                + ", ...");
        text("Read that table from this file instead of the kernel, as ss does.");
        tag(Roff.bold("TCPDIAG_FILE"));
        text("List TCP sockets from a raw dump written by -D.");
        tag(Roff.bold("COLUMNS"));
        text("The width of the output when standard output is not a terminal.");
        tag(Roff.bold("SOCKSCOPE_SS_DIALECT"));
        text("6.1 or 7.1: print as the ss of that iproute2 release does, as --ss-dialect does (which wins over it);"
                + " unset, sockscope speaks the dialect of the ss installed.");
        tag(Roff.bold("SOCKSCOPE_OWNER_SCAN"));
        text("proc keeps -p from loading its BPF iterator: owners are found by reading /proc alone.");
        tag(Roff.bold("NO_COLOR"));
        text("Set, the doctor's text is not coloured.");
        tag(Roff.bold("LC_ALL") + ", " + Roff.bold("LC_CTYPE") + ", " + Roff.bold("LANG"));
        text("Without a UTF-8 locale the doctor prints its punctuation as ASCII.");
    }

    private void exitStatus() {
        macro(".SH EXIT STATUS");
        text("The listing exits 0 on success, 1 when it could not read what it was asked for, and 255 on a"
                + " usage error, as ss does; 141 when standard output was closed early (sockscope -tan | head).");
        paragraph("sockscope doctor exits 0 when nothing is wrong, 1 when a problem was found, 2 on a usage error,"
                + " 3 when it could not examine (the socket table was unreadable, or the -N namespace could not be"
                + " entered) and 4 when undecided: nothing wrong was found, but whether a client gets through depends"
                + " on the client (ask again with --from), or the ruleset could not be read. With --all: 1 when a"
                + " listener has a problem, else 4 when one is undecided.");
        paragraph("sockscope leaks exits 0 when it found no leak, 1 when it found one and 2 on a usage error.");
    }

    private void files() {
        macro(".SH FILES");
        tag(Roff.bold("/run/netns/"));
        text("The named network namespaces of ip netns, which -N NAME enters.");
        tag(Roff.bold("/proc/net/"));
        text("The socket tables read when netlink cannot be.");
        tag(Roff.bold("/proc/") + Roff.italic("PID") + Roff.bold("/fd/"));
        text("Where -p finds the processes that hold each socket.");
    }

    private void examples() {
        macro(".SH EXAMPLES");
        example("Listening TCP sockets, numeric, with their processes:", "sockscope -tlnp");
        example("Established connections to port 443, as JSON:", "sockscope -tn --json state established"
                + " '( dport = :443 )'");
        example("Why can clients not reach port 8080?", "sockscope doctor 8080");
        example("Every listener on the host, judged:", "sockscope doctor --all");
        example("Listening sockets of every network namespace:", "sockscope --all-netns -tlnp");
        example("Leaks over two minutes:", "sockscope leaks --for=2m");
        example("Metrics for Prometheus on all addresses:", "sockscope serve --listen=0.0.0.0:9947");
    }

    private void example(String what, String command) {
        paragraph(what);
        macro(".RS 4");
        macro(".EX");
        text(command);
        macro(".EE");
        macro(".RE");
    }

    /** A tagged paragraph whose tag is already roff. */
    private void tag(String roffTag) {
        macro(".TP");
        macro(roffTag);
    }

    private void paragraph(String text) {
        // A paragraph macro right after a heading is redundant (mandoc notes it).
        if (!lastLineIsHeading()) {
            macro(".PP");
        }
        text(text);
    }

    private void text(String text) {
        for (String line : Roff.lines(text)) {
            out.append(line).append('\n');
        }
    }

    private boolean lastLineIsHeading() {
        int start = out.lastIndexOf("\n", out.length() - 2) + 1;
        String last = out.substring(start);
        return last.startsWith(".SH") || last.startsWith(".SS");
    }

    private void macro(String line) {
        out.append(line).append('\n');
    }
}
