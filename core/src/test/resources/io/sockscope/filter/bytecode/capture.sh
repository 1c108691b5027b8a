#!/usr/bin/env bash
# Regenerates golden.tsv: for each case in cases.tsv, runs the installed ss under strace and records the
# INET_DIAG_REQ_BYTECODE attribute of its first inet dump request (NONE when the request carries none).
# Also records the machine facts the cases depend on (services, hosts, cgroup id) as "env" lines, so the
# test can reproduce them. Needs root (strace), iproute2 ss 6.1, awk and a C compiler.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/golden.tsv"
ver=$(ss -V)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
oracle="$tmp/libc-oracle"
cc -std=c11 -O1 -o "$oracle" "$here/../oracle/libc-oracle.c"
{
  echo "# Captured from '$ver' on $(uname -sr) by capture.sh; do not edit by hand."
  echo "# flags <TAB> expression <TAB> bytecode hex (NONE: no bytecode sent)"
  for svc in ssh http domain; do
    for proto in tcp udp; do
      port=$(getent services "$svc/$proto" | awk '{split($2, a, "/"); print a[1]}' || true)
      if [ -n "$port" ]; then printf 'env\tservice\t%s\t%s\t%s\n' "$svc" "$proto" "$port"; fi
    done
  done
  # Host names as ss resolves them: gethostbyname2() per family, asked through the libc oracle.
  "$oracle" hosts localhost | awk -F'\t' '{printf "env\thost\t%s\t%s\t%s\n", $1, $2, $3}'
  printf 'env\tcgroup\t/sys/fs/cgroup/unified\t%s\n' "$(stat -c %i /sys/fs/cgroup/unified)"
  printf 'env\tinterface\tlo\t%s\n' "$(cat /sys/class/net/lo/ifindex)"
  grep -v '^#' "$here/cases.tsv" | while IFS=$'\t' read -r flags expr; do
    [ -z "$flags" ] && continue
    # The first inet dump request (SOCK_DIAG_BY_FAMILY, AF_INET or AF_INET6, some states) is the one;
    # the cgroup support probe before it asks for no states.
    hex=$(strace -f -qq -e trace=sendmsg -e write=all -s 0 ss $flags -H "$expr" 2>&1 >/dev/null | awk '
      function finish() {
        if (n0 >= 24 && substr(d[0], 9, 2) == "14" && (substr(d[0], 33, 2) == "02" || substr(d[0], 33, 2) == "0a") \
            && substr(d[0], 41, 8) != "00000000") {
          print (2 in d) ? d[2] : "NONE"; done = 1; exit
        }
      }
      /^sendmsg\(/ { if (started) finish(); started = 1; delete d; n0 = 0; next }
      /^ \* [0-9]+ bytes in buffer [0-9]+/ { buf = $6; d[buf] = d[buf] ""; next }
      /^ \| [0-9a-f]+  / {
        for (i = 3; i <= 18; i++) { if ($i !~ /^[0-9a-f][0-9a-f]$/) break; d[buf] = d[buf] $i; if (buf == 0) n0++ }
        next
      }
      END { if (!done && started) finish() }')
    printf '%s\t%s\t%s\n' "$flags" "$expr" "${hex:-ERROR}"
  done
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out"
