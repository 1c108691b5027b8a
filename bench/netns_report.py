"""The checks and the summary of bench/netns-compare.

usage: netns_report.py check SOCKSCOPE_OUTPUT SS_DIR NAMESPACE...
       netns_report.py summary RESULTS_DIR

check    splits `sockscope --all-netns -tanp`'s output by its Netns column and compares each namespace named
         with SS_DIR/ss.NAMESPACE (`ip netns exec NAMESPACE ss -tanp`, header included): byte for byte, and with runs of
         spaces taken as one (sockscope lays each table out in the screen's width less the Netns column, ss
         in all of it, so the padding may differ). Prints one line per verdict, plus how many namespaces and
         rows the listing had; exits 1 when a namespace's rows differ in more than spacing.
summary  reads machine.txt, commands.txt, checks.txt and the hyperfine exports round-*.json of one result
         directory and prints markdown: every command's median, minimum and maximum over all rounds, its
         mean CPU time (user + system, as hyperfine reports it per round), the ratios against `sockscope --all-netns -tanp`, and the goals of issue 13 (at most 1 s, and at least
         5x faster than the loop).
"""
import glob
import json
import os
import re
import statistics
import sys

SOCKSCOPE = "sockscope --all-netns -tanp"
LOOP = "loop -tanp"
GOAL_SECONDS = 1.0
GOAL_RATIO = 5.0
HEADING = "Netns"


def split_by_namespace(text):
    """{label: [lines without the Netns column]} and the number of header lines, from a --all-netns listing.

    Each namespace's table starts with its own header, which carries the column's heading rather than the
    label: it goes with the rows that follow it.
    """
    tables = {}
    headers = 0
    width = None
    header = None
    lines = text.splitlines()
    for line in lines:
        if line.startswith(HEADING + " ") or line == HEADING:
            headers += 1
            match = re.match(re.escape(HEADING) + r" +", line)
            width = match.end() if match else len(line)
            header = line[width:]
            continue
        if width is None:
            # -H: no header; the column is as wide as its longest label and one space.
            width = max(len(l.split(" ", 1)[0]) for l in lines if l) + 1
        label = line[:width].rstrip()
        table = tables.setdefault(label, [])
        if header is not None:
            table.append(header)
            header = None
        table.append(line[width:])
    return tables, headers


def squeeze(rows):
    return [" ".join(row.split()) for row in rows]


def check(output, ss_dir, namespaces):
    with open(output, encoding="utf-8", errors="replace") as f:
        tables, headers = split_by_namespace(f.read())
    print("sockscope\t%d namespaces with rows, %d rows, %d header lines; labels outside the load: %s" % (
        len(tables), sum(len(r) for r in tables.values()) - headers, headers,
        " ".join(sorted(l for l in tables if l not in namespaces)) or "none"))
    identical = spacing = different = 0
    for ns in namespaces:
        with open(os.path.join(ss_dir, "ss." + ns), encoding="utf-8", errors="replace") as f:
            expected = f.read().splitlines()
        got = tables.get(ns, [])
        if got == expected:
            identical += 1
        elif squeeze(got) == squeeze(expected):
            spacing += 1
        else:
            different += 1
            if different <= 3:
                print("DIFFERENT\t%s: sockscope %d rows, ss %d rows; first differing: %r / %r" % (
                    ns, len(got), len(expected),
                    next((a for a, b in zip(squeeze(got), squeeze(expected)) if a != b), None),
                    next((b for a, b in zip(squeeze(got), squeeze(expected)) if a != b), None)))
    print("namespaces compared with ss -tanp\t%d identical, %d identical but for spacing, %d different" % (
        identical, spacing, different))
    return 0 if different == 0 else 1


def read_keyed(path, sep):
    pairs = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                key, found, value = line.rstrip("\n").partition(sep)
                if found:
                    pairs.append((key, value))
    return pairs


def seconds(value):
    return "%.2f s" % value if value >= 1 else "%.0f ms" % (value * 1000)


def summary(results):
    machine = dict(read_keyed(os.path.join(results, "machine.txt"), "="))
    commands = dict(read_keyed(os.path.join(results, "commands.txt"), "\t"))
    times = {}
    cpu = {}
    failed = {}
    per_round = []
    for path in sorted(glob.glob(os.path.join(results, "round-*.json")),
                       key=lambda p: int(re.search(r"round-(\d+)", p).group(1))):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        medians = {}
        for result in data["results"]:
            times.setdefault(result["command"], []).extend(result["times"])
            failed[result["command"]] = failed.get(result["command"], 0) + sum(
                1 for code in result.get("exit_codes", []) if code != 0)
            # hyperfine gives user and system time as means over the round's runs: weighted by runs here.
            cpu.setdefault(result["command"], []).extend(
                [result["user"] + result["system"]] * len(result["times"]))
            medians[result["command"]] = statistics.median(result["times"])
        per_round.append(medians)
    if SOCKSCOPE not in times:
        sys.exit("netns_report.py: no timing of %r in %s" % (SOCKSCOPE, results))
    base = times[SOCKSCOPE]
    base_median, base_min = statistics.median(base), min(base)
    out = []
    out.append("%s namespaces x %s TCP sockets (%s named namespaces on the machine); %s rounds x %s runs at "
               "niceness %s; commit %s; %s" % (
                   machine.get("namespaces"), machine.get("sockets"), machine.get("named_namespaces"),
                   machine.get("rounds"), machine.get("runs"), machine.get("nice", "0"), machine.get("commit"),
                   machine.get("date")))
    out.append("")
    out.append("machine: %s processors, %s, kernel %s; load average %s at the start, %s at the end" % (
        machine.get("nproc"), machine.get("memory"), machine.get("kernel"), machine.get("loadavg_start"),
        machine.get("loadavg_end")))
    rounds = sorted((k for k in machine if k.startswith("namespaces_round_")), key=lambda k: int(k.rsplit("_", 1)[1]))
    counts = [machine[k].split() for k in rounds]
    if counts:
        out.append("")
        out.append("network namespaces on the machine at each round's start (all / named): %s" % ", ".join(
            "%s / %s" % (c[0], c[1]) for c in counts if len(c) == 2))
    ehash = machine.get("tcp_ehash_load", "")
    if ehash:
        out.append("")
        out.append("TCP established hash: the host's %s buckets; the load's namespaces %s" % (
        machine.get("tcp_ehash_host"),
            "share it" if ehash.startswith("-") else "have %s buckets each" % ehash))
    out.append("")
    out.append("| command | runs | median | min | max | CPU (user+sys, mean) | median / sockscope -tanp "
               "| min / sockscope -tanp | exit ≠ 0 |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, runs in times.items():
        out.append("| %s | %d | **%s** | %s | %s | %s | %.2fx | %.2fx | %s |" % (
            name, len(runs), seconds(statistics.median(runs)), seconds(min(runs)), seconds(max(runs)),
            seconds(statistics.mean(cpu[name])), statistics.median(runs) / base_median, min(runs) / base_min,
            "%d failed" % failed[name] if failed[name] else "0"))
    out.append("")
    if LOOP in times:
        loop = times[LOOP]
        ratios = [r[LOOP] / r[SOCKSCOPE] for r in per_round if LOOP in r and SOCKSCOPE in r]
        ratio = statistics.median(loop) / base_median
        out.append("loop / sockscope (-tanp): **%.1fx** of the medians, %.1fx of the minimums; per round %s" % (
            ratio, min(loop) / base_min, ", ".join("%.1fx" % r for r in ratios)))
        out.append("")
        out.append("| goal (issue 13) | measured | met |")
        out.append("|---|---:|:---:|")
        out.append("| `sockscope --all-netns -tanp` at most %.0f s | %s median (%s min) | %s |" % (
            GOAL_SECONDS, seconds(base_median), seconds(base_min), "yes" if base_median <= GOAL_SECONDS else "no"))
        out.append("| at least %.0fx faster than the loop | %.1fx (medians) | %s |" % (
            GOAL_RATIO, ratio, "yes" if ratio >= GOAL_RATIO else "no"))
        out.append("")
    out.append("Commands (hyperfine -N, output to /dev/null; the loops run as `bash -c '…'`):")
    out.append("")
    for name, line in commands.items():
        out.append("- %s: `%s`" % (name, line))
    checks = os.path.join(results, "checks.txt")
    if os.path.exists(checks):
        out.append("")
        out.append("Precheck (each command once before timing):")
        out.append("")
        with open(checks, encoding="utf-8") as f:
            out.extend("- " + line.rstrip("\n").replace("\t", ": ", 1) for line in f if line.strip())
    print("\n".join(out))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2], sys.argv[3], sys.argv[4:]))
    if len(sys.argv) == 3 and sys.argv[1] == "summary":
        summary(sys.argv[2])
        return
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
