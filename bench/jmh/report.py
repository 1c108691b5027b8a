"""Turns one bench/jmh/run result directory into a markdown summary on stdout.

usage: report.py RESULTS_DIR

Reads machine.txt and jmh.json (JMH's JSON with the GC profiler's secondary metrics). The targets are those
of issue 4: a warm snapshot of ~95k TCP sockets with owners in at most 350 ms, at least 8x faster than OSHI.
"""
import json
import os
import sys

SNAPSHOT_LIMIT_MS = 350.0
OSHI_FACTOR = 8.0
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


def census(text):
    parts = text.split()
    if len(parts) != 2:
        return "?"
    return "%s processes holding %s descriptors" % (parts[0], parts[1])


def main():
    directory = sys.argv[1]
    machine = read_machine(os.path.join(directory, "machine.txt"))
    with open(os.path.join(directory, "jmh.json"), encoding="utf-8") as f:
        runs = json.load(f)
    scores = {}
    lines = [
        "## bench/jmh/run, %s%s" % (machine.get("date", "?"),
                                     " (--quick smoke run)" if machine.get("quick") == "true" else ""),
        "",
        "- %s ESTABLISHED loopback TCP sockets; %s; %s processors; sockscope commit %s" % (
            machine.get("sockets", "?"), machine.get("jdk", "?"), machine.get("nproc", "?"),
            machine.get("commit", "?")),
        "- load average at the start %s, at the end %s; outside the load, before it was built: %s" % (
            machine.get("loadavg_start", "?"), machine.get("loadavg_end", "?"),
            census(machine.get("census_before_load", ""))),
        "",
        "| benchmark | mode | score | error (99.9%) | allocated per op |",
        "|---|---|---:|---:|---:|",
    ]
    for run in runs:
        name = run["benchmark"].rsplit(".", 1)[-1]
        primary = run["primaryMetric"]
        scores[name] = primary["score"]
        alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        alloc_text = "%.1f MiB" % (alloc["score"] / 1048576.0) if alloc else "–"
        error = primary.get("scoreError")
        # JMH gives no error (the string "NaN") for fewer than three iterations.
        error_text = "± %.1f" % error if isinstance(error, (int, float)) and error == error else "–"
        lines.append("| `%s` | %s | **%.1f %s** | %s | %s |" % (
            name, run["mode"], primary["score"], primary["scoreUnit"], error_text, alloc_text))
    if "snapshot" in scores and "oshiConnections" in scores:
        factor = scores["oshiConnections"] / scores["snapshot"]
        lines.append("")
        if int(machine.get("sockets", "0") or 0) < TARGET_SOCKETS:
            lines.append("The targets are for about 95,000 sockets; this run had %s, so they say little." %
                         machine.get("sockets", "?"))
            lines.append("")
        lines.append("| target (issue 4) | measured | goal | met |")
        lines.append("|---|---:|---:|:---:|")
        lines.append("| warm snapshot with owners | %.0f ms | ≤ %.0f ms | %s |" % (
            scores["snapshot"], SNAPSHOT_LIMIT_MS, "yes" if scores["snapshot"] <= SNAPSHOT_LIMIT_MS else "**no**"))
        lines.append("| OSHI `getConnections()` / snapshot | %.1fx | ≥ %.0fx | %s |" % (
            factor, OSHI_FACTOR, "yes" if factor >= OSHI_FACTOR else "**no**"))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
