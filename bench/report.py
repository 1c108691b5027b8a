"""Turns one bench/run result directory into a markdown summary on stdout.

usage: report.py RESULTS_DIR

Reads machine.txt (key=value lines written by bench/run), quiet.json and loaded.json (hyperfine exports)
and checks.txt. Every timed command is compared with the ss command that does the same job: the plain
listings with `ss -tan`, everything that also finds owners with `ss -tanp`, the quiet-namespace listing
with `ss -tlnp`. The targets are those of issue 4 (performance).
"""
import json
import os
import statistics
import sys

# (reference command, commands compared with it) — names as bench/run gives them to hyperfine.
REFERENCES = {
    "ss -tlnp": ("sockscope -tlnp", "java sockscope -tlnp"),
    "ss -tan": ("sockscope -tan", "java sockscope -tan"),
    "ss -tanp": ("sockscope -tanp", "java sockscope -tanp", "netstat -tanp", "lsof -nP -iTCP",
                 "psutil net_connections('tcp')"),
}

MIB = 1024.0
# More open descriptors than this on the machine outside the load makes owner lookups noticeably slower.
BUSY_DESCRIPTORS = 20000
# The load the targets are set for (about 95,000 sockets).
TARGET_SOCKETS = 90000


def read_machine(path):
    machine = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, sep, value = line.rstrip("\n").partition("=")
            if sep:
                machine[key] = value
    return machine


def read_results(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return json.load(f)["results"]


def seconds(value):
    if value is None:
        return "–"
    if value < 1:
        return "%.1f ms" % (value * 1000)
    return "%.2f s" % value


def reference_of(name):
    for reference, others in REFERENCES.items():
        if name == reference or name in others:
            return reference
    return None


def neighbours(directory, group):
    """The most descriptors held outside the load before any run of each command of a group, by name."""
    commands = os.path.join(directory, "commands.txt")
    census = os.path.join(directory, "census-%s.txt" % group)
    if not (os.path.exists(commands) and os.path.exists(census)):
        return {}
    with open(commands, encoding="utf-8") as f:
        names = [line.split("\t")[1] for line in f if line.split("\t")[0] == group]
    most = {}
    with open(census, encoding="ascii") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and int(parts[0]) < len(names):
                name = names[int(parts[0])]
                most[name] = max(most.get(name, 0), int(parts[2]))
    return most


def thousands(count):
    return "%.1fk" % (count / 1000.0) if count >= 1000 else str(count)


def table(results, medians, minimums, neighbour_fds):
    # The ratio of minimums is the steadier one on a shared machine: other work only ever adds time.
    lines = [
        "| command | median | mean ± σ | min … max | user | system | median vs ss | min vs ss | others' fds |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        name = r["command"]
        reference = reference_of(name)
        if name == reference:
            ratio = "1 (`%s`)" % reference
            min_ratio = "1"
        elif reference in medians:
            ratio = "**%.2fx**" % (r["median"] / medians[reference])
            min_ratio = "%.2fx" % (r["min"] / minimums[reference])
        else:
            ratio = min_ratio = "–"
        fds = neighbour_fds.get(name)
        fds_text = "–" if fds is None else thousands(fds) if fds <= BUSY_DESCRIPTORS else "**%s**" % thousands(fds)
        lines.append("| `%s` | **%s** | %s ± %s | %s … %s | %s | %s | %s | %s | %s |" % (
            name, seconds(r["median"]), seconds(r["mean"]), seconds(r["stddev"]), seconds(r["min"]),
            seconds(r["max"]), seconds(r["user"]), seconds(r["system"]), ratio, min_ratio, fds_text))
    return lines


def rss_mib(machine, key):
    values = [int(v) for v in machine.get(key, "").split() if v.isdigit()]
    if not values:
        return None, []
    return statistics.median(values) / MIB, [v / MIB for v in values]


def targets(medians, machine):
    rows = []

    def ratio_row(what, name, reference, limit):
        if name in medians and reference in medians:
            value = medians[name] / medians[reference]
            rows.append((what, "%.2fx" % value, "≤ %.2fx" % limit, value <= limit))

    ratio_row("`-tan`, launcher", "sockscope -tan", "ss -tan", 1.2)
    ratio_row("`-tan`, plain java", "java sockscope -tan", "ss -tan", 1.2)
    ratio_row("`-tanp`, launcher", "sockscope -tanp", "ss -tanp", 0.25)
    ratio_row("`-tanp`, plain java", "java sockscope -tanp", "ss -tanp", 0.25)
    for name, what in (("sockscope -tlnp", "`-tlnp` quiet, launcher"), ("java sockscope -tlnp",
                                                                          "`-tlnp` quiet, plain java")):
        if name in medians:
            rows.append((what, seconds(medians[name]), "≤ 90 ms", medians[name] <= 0.090))
    rss, _ = rss_mib(machine, "rss_sockscope_tanp")
    if rss is not None:
        rows.append(("peak RSS of `-tanp`", "%.0f MiB" % rss, "≤ 150 MiB", rss <= 150))
    lines = ["| target (issue 4) | measured | goal | met |", "|---|---:|---:|:---:|"]
    for what, measured, goal, met in rows:
        lines.append("| %s | %s | %s | %s |" % (what, measured, goal, "yes" if met else "**no**"))
    return lines


def main():
    directory = sys.argv[1]
    machine = read_machine(os.path.join(directory, "machine.txt"))
    quiet = read_results(os.path.join(directory, "quiet.json"))
    loaded = read_results(os.path.join(directory, "loaded.json"))
    medians = {r["command"]: r["median"] for r in quiet + loaded}
    minimums = {r["command"]: r["min"] for r in quiet + loaded}

    out = []
    out.append("## bench/run, %s%s" % (machine.get("date", "?"),
                                        " (--quick smoke run)" if machine.get("quick") == "true" else ""))
    out.append("")
    out.append("- machine: %s, %s processors, %s, kernel %s, %s" % (
        machine.get("cpu", "?"), machine.get("nproc", "?"), machine.get("memory", "?"),
        machine.get("kernel", "?"), machine.get("os", "?")))
    out.append("- %s; %s; %s; %s; lsof %s; %s" % (
        machine.get("jdk", "?"), machine.get("ss", "?"), machine.get("hyperfine", "?"),
        machine.get("python", "?"), machine.get("lsof", "?"), machine.get("netstat", "?")))
    out.append("- sockscope commit %s" % machine.get("commit", "?"))
    out.append("- load average (1, 5, 15 min) at the start %s, at the end %s" % (
        machine.get("loadavg_start", "?"), machine.get("loadavg_end", "?")))
    out.append("- load: %s ESTABLISHED loopback TCP sockets (`ss -tan | wc -l` = %s); %s timed runs after %s "
               "warm-up, medians" % (machine.get("estab", "?"), machine.get("ss_tan_lines", "?"),
                                     machine.get("runs", "?"), machine.get("warmup", "?")))
    censuses = [machine.get(key, "").split() for key in ("census_quiet", "census_before_load", "census_end")]
    censuses = [(int(c[0]), int(c[1])) for c in censuses if len(c) == 2]
    if censuses:
        busiest = max(d for _, d in censuses)
        note = ""
        if busiest > BUSY_DESCRIPTORS:
            note = (" — **a busy neighbour**: every `-p` command (and lsof, netstat, psutil) reads all of "
                    "them too, so those timings are inflated")
        out.append("- outside the load (before the quiet run, before the load, after it): %s%s" % (
            "; ".join("%d processes holding %d descriptors" % c for c in censuses), note))
    out.append("- others' fds: the most descriptors held by processes outside the load's namespace, counted "
               "before each run of a command (not timed); owner lookups read them all")
    out.append("")
    out.append("### Quiet namespace (4 listeners)")
    out.append("")
    out.extend(table(quiet, medians, minimums, neighbours(directory, "quiet")))
    out.append("")
    out.append("### Loaded namespace")
    out.append("")
    out.extend(table(loaded, medians, minimums, neighbours(directory, "loaded")))
    out.append("")
    rss, runs = rss_mib(machine, "rss_sockscope_tanp")
    ss_rss, ss_runs = rss_mib(machine, "rss_ss_tanp")
    if rss is not None:
        out.append("Peak RSS (`/usr/bin/time -v`, median of 3): `sockscope -tanp` **%.0f MiB** (%s), "
                   "`ss -tanp` %.0f MiB (%s)." % (
                       rss, ", ".join("%.0f" % v for v in runs), ss_rss or 0,
                       ", ".join("%.0f" % v for v in ss_runs)))
        out.append("")
    out.append("### Targets")
    out.append("")
    if int(machine.get("sockets", "0") or 0) < TARGET_SOCKETS:
        out.append("The loaded-namespace targets are for about 95,000 sockets; this run had %s, so they say little." %
                   machine.get("sockets", "?"))
        out.append("")
    out.extend(targets(medians, machine))
    commands = os.path.join(directory, "commands.txt")
    if os.path.exists(commands):
        out.append("")
        out.append("Command lines (hyperfine -N, run inside the namespace with `ip netns exec`; paths relative to "
                   "the checkout; `<tmp>/psutil_tcp.py` prints `len(psutil.net_connections('tcp'))`):")
        out.append("")
        out.append("```")
        with open(commands, encoding="utf-8") as f:
            for line in f:
                group, name, command = line.rstrip("\n").split("\t")
                out.append("%-6s %-30s %s" % (group, name, command.strip()))
        out.append("```")
    checks = os.path.join(directory, "checks.txt")
    if os.path.exists(checks):
        with open(checks, encoding="utf-8") as f:
            compared = [line.rstrip("\n").split("\t") for line in f if line.startswith(("identical", "DIFF"))]
        if compared:
            out.append("")
            out.append("Outputs before timing: " + "; ".join(
                "`%s` %s `%s`" % (c[2], "identical to" if c[0] == "identical" else "DIFFERS from", c[1])
                for c in compared) + ".")
    print("\n".join(out))


if __name__ == "__main__":
    main()
