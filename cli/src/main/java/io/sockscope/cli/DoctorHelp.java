package io.sockscope.cli;

import io.sockscope.diagnose.FindingCode;

/** The text of {@code sockscope doctor --help}: usage, options, exit status, and every finding it may give. */
final class DoctorHelp {
    private static final String USAGE = """
            Usage: sockscope doctor TARGET [--udp] [--from ADDRESS] [--no-firewall] [-N NAME] [--json]
                   sockscope doctor --all [--udp] [--from ADDRESS] [--no-firewall] [-N NAME] [--json]
                   sockscope doctor unix:PATH [--user NAME] [-N NAME] [--json]
                   sockscope doctor bind [ADDRESS:]PORT [--udp] [--user NAME] [-N NAME] [--json]
            Why can't clients reach this port? Joins the socket table, the owners, the kernel settings and
            the nftables ruleset into one verdict, with the evidence and the fix.

            TARGET: PORT, ADDRESS:PORT, [IPV6]:PORT or unix:PATH (unix:@NAME for an abstract socket)
              --udp           the port is UDP (default TCP)
              --from ADDRESS  the address the client connects from (default: a remote client)
              --no-firewall   leave the firewall out: the sockets alone decide (no nft, no root needed)
              --user NAME     whose permissions to judge (unix sockets, bind; default: you)
              -N, --net NAME  examine the network namespace NAME (ip netns), pid:PID or an nsfs PATH,
                              not the doctor's own
              --json          {"schema_version": 1, "tool", "host", "target", "verdict", "status",
                              "findings": [{"code", "severity", "summary", "evidence", "fix",
                              "evidence_items"}], "looked_at"}; status is ok, problem or undecided;
                              with --all: {..., "listeners": [{"listener", "label", "status",
                              "sockets", "diagnosis"}]}
            bind: why would binding the port fail (privileged port, who holds it)?
            --all: every TCP listener (UDP with --udp), one line each (ok, loopback-only, v6-only,
              firewalled, backlog-full, leaking, undecided...), then the details of the problems; exit 1
              when one has a problem, else 4 when one is undecided. Loopback listeners are judged for
              clients on this host: loopback-only is not a problem.
            On a terminal the text is wrapped and coloured (NO_COLOR=1 turns colour off); piped, it is not.
            Without a UTF-8 locale (LC_ALL, LC_CTYPE, LANG) punctuation is printed as ASCII.

            Exit status: 0 nothing wrong, 1 a problem was found, 2 usage error, 3 could not examine (the
              socket table was unreadable, or the -N namespace could not be entered),
            4 undecided: nothing wrong was found, but whether a client gets through depends on the client
              (a firewall that lets some addresses through and drops the rest: ask again with --from), or
              the ruleset could not be read (not root, no nft: --no-firewall leaves the firewall out).

            Findings (each starts with its severity and code; "code" in --json):
            """;
    /** The column the meanings start in: after the longest code and two blanks. */
    private static final int MEANING_COLUMN = 2 + longestCode() + 2;

    static final String TEXT = USAGE + findings();

    private DoctorHelp() {
    }

    private static String findings() {
        StringBuilder out = new StringBuilder();
        for (FindingCode code : FindingCode.values()) {
            String name = "  " + code.name();
            out.append(name).append(" ".repeat(MEANING_COLUMN - name.length())).append(code.meaning()).append('\n');
        }
        return out.toString();
    }

    private static int longestCode() {
        int longest = 0;
        for (FindingCode code : FindingCode.values()) {
            longest = Math.max(longest, code.name().length());
        }
        return longest;
    }
}
