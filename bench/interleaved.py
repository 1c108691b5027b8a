#!/usr/bin/env python3
"""Compares sockscope jars (and ss) on a busy machine by running them in turn, round after round.

usage: sudo bench/interleaved.py NAMESPACE ROUNDS 'ARGS' CANDIDATE...
  NAMESPACE  a network namespace holding the load (`sudo bench/load` prints it)
  ROUNDS     how many times each candidate runs (after one untimed warm-up each)
  ARGS       the listing's arguments, one string, e.g. '-tanp'
  CANDIDATE  a jar (run with the launcher's plain java line), a launcher (a checkout's bin/sockscope, run as a
             user runs it: its JNI library and start-up cache included), or the word ss

Competing work on the machine only ever adds time, but it comes and goes: hyperfine's back-to-back runs of
one command then the next can put a quiet minute on one side and a busy one on the other. Running the
candidates in turn spreads the noise over all of them. Every run is at `nice -n $NICE` (default -15) with
its output sent to /dev/null; the wall time is measured here and the CPU time (user + system) and peak RSS
come from wait4. Prints, per candidate, the minimum and median of each.
"""
import os
import shlex
import statistics
import subprocess
import sys
import time

JAVA_FLAGS = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xss512k",
              "--enable-native-access=ALL-UNNAMED"]


def java_home():
    here = os.path.dirname(os.path.abspath(__file__))
    return subprocess.run([os.path.join(here, "..", "bin", "find-java")], check=True, capture_output=True,
                          text=True).stdout.strip()


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    namespace, rounds, args, candidates = sys.argv[1], int(sys.argv[2]), shlex.split(sys.argv[3]), sys.argv[4:]
    nice = ["nice", "-n", os.environ.get("NICE", "-15")]
    inside = ["ip", "netns", "exec", namespace]
    java = os.path.join(java_home(), "bin", "java")
    commands = []
    for candidate in candidates:
        if candidate == "ss":
            commands.append(("ss", nice + inside + ["ss"] + args))
        elif not candidate.endswith(".jar"):
            checkout = os.path.basename(os.path.dirname(os.path.dirname(os.path.abspath(candidate))))
            commands.append((checkout + "/" + os.path.basename(candidate), nice + inside + [candidate] + args))
        else:
            commands.append((os.path.basename(candidate),
                             nice + inside + [java] + JAVA_FLAGS + ["-cp", candidate, "io.sockscope.cli.Main"]
                             + args))
    results = {name: [] for name, _ in commands}
    with open(os.devnull, "w", encoding="utf-8") as devnull:
        for _, command in commands:
            subprocess.run(command, stdout=devnull, stderr=devnull, check=True)
        for _ in range(rounds):
            for name, command in commands:
                start = time.perf_counter()
                process = subprocess.Popen(command, stdout=devnull, stderr=devnull)
                _, status, usage = os.wait4(process.pid, 0)
                if status != 0:
                    sys.exit("%s failed (status %d)" % (name, status))
                results[name].append((time.perf_counter() - start, usage.ru_utime + usage.ru_stime,
                                      usage.ru_maxrss))
    print("load average %.2f; %s; %d rounds" % (os.getloadavg()[0], " ".join(args), rounds))
    for name, runs in results.items():
        wall = [r[0] * 1000 for r in runs]
        cpu = [r[1] * 1000 for r in runs]
        print("%-24s wall min %8.1f ms  median %8.1f ms | cpu min %8.1f ms  median %8.1f ms | peak RSS %d MiB" % (
            name, min(wall), statistics.median(wall), min(cpu), statistics.median(cpu),
            max(r[2] for r in runs) // 1024))


if __name__ == "__main__":
    main()
