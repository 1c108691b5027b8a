"""Counts the processes on the machine and the descriptors they hold.

usage: census.py [--foreign] [--label LABEL] [--append FILE]
  --foreign       count only processes outside this process's network namespace: run inside a load's
                  namespace, that leaves out the load itself and sees only the neighbours
  --label LABEL   put LABEL before the counts
  --append FILE   append the line to FILE instead of printing it

Prints "[LABEL] PROCESSES DESCRIPTORS". Every owner lookup (ss -p, sockscope -p, netstat -p, lsof, psutil)
reads every descriptor of every process, whatever its namespace, so a neighbour holding many descriptors
slows them all; bench/run records this around and during its timings.
"""
import argparse
import os


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--foreign", action="store_true")
    parser.add_argument("--label")
    parser.add_argument("--append")
    args = parser.parse_args()
    own_net = os.readlink("/proc/self/ns/net")
    processes = descriptors = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if args.foreign and os.readlink("/proc/%s/ns/net" % entry) == own_net:
                continue
            count = len(os.listdir("/proc/%s/fd" % entry))
        except OSError:
            continue  # gone, or a kernel thread
        processes += 1
        descriptors += count
    line = "%d %d" % (processes, descriptors)
    if args.label is not None:
        line = "%s %s" % (args.label, line)
    if args.append:
        with open(args.append, "a", encoding="ascii") as f:
            f.write(line + "\n")
    else:
        print(line)


if __name__ == "__main__":
    main()
