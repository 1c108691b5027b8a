#!/usr/bin/env bash
# Records sock_diag replies and what ss 6.1 prints for them, for TcpReplyGoldenTest and
# LocalReplyGoldenTest. Needs root, ip and python3. Writes next to this script:
#  - tcp4.dump, tcp6.dump (ss -D, the raw dump ss can replay through TCPDIAG_FILE) and one
#    <dump>.<case>.txt per replayed flag line (see cases below);
#  - packet.dump, unix.dump, mptcp4.dump (dump_diag.py, once ../../zoo/extended_sockets.py has added
#    packet rings and fanout, MPTCP and unix shutdowns) and ss's text for them, <dump>.<case>.txt.
# See README.md.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ns=sockscope-golden-$$
ip netns add "$ns"
cleanup() { exec 3>&- 2>/dev/null || true; sleep 0.5; ip netns del "$ns" 2>/dev/null || true; }
trap cleanup EXIT
ip -n "$ns" link set lo up
# A veth whose far end drops everything (the neighbour entry points at a MAC nobody has): SYNs to
# 10.66.0.2 go unanswered.
ip -n "$ns" link add gold0 type veth peer name gold1
ip -n "$ns" addr add 10.66.0.1/24 dev gold0
ip -n "$ns" link set gold0 up
ip -n "$ns" link set gold1 up
ip -n "$ns" neigh replace 10.66.0.2 lladdr 02:00:00:00:66:02 dev gold0 nud permanent
coproc SOCKETS { ip netns exec "$ns" python3 "$here/tcp_sockets.py"; }
exec 3>&"${SOCKETS[1]}"
read -r ready <&"${SOCKETS[0]}"
[ "$ready" = READY ] || { echo "socket script failed: $ready" >&2; exit 1; }
sleep 1
ip netns exec "$ns" ss -tan -m -i --tos -4 -D "$here/tcp4.dump"
ip netns exec "$ns" ss -tan -m -i --tos -6 -D "$here/tcp6.dump"
# The cases, as file-name-safe name and ss flags. Replayed inside the namespace, where /sys is remounted
# and no cgroup2 is found, so cgroups print as unreachable:ID on any machine.
cases=(
  "tan:-tan"
  "taneo:-taneo"
  "tanm:-tanm"
  "tani:-tani"
  "tanoi:-tanoi"
  "tanoemi:-tanoemi"
  "taoemi:-taoemi"
  "tanoemiO:-tanoemiO"
  "tan-tos:-tan --tos"
  "tan-cgroup:-tane --cgroup"
  "tan-sockopt:-tan --inet-sockopt"
  "tanmiO-sockopt:-tanmiO --inet-sockopt"
)
for dump in tcp4 tcp6; do
  rm -f "$here/$dump".*.txt
  for c in "${cases[@]}"; do
    name=${c%%:*}; flags=${c#*:}
    # shellcheck disable=SC2086
    TCPDIAG_FILE="$here/$dump.dump" ip netns exec "$ns" ss $flags > "$here/$dump.$name.txt" 2>/dev/null
  done
done

# Part two: the sockets of extended_sockets.py joined the namespace only now, so the TCP dumps above
# do not change with it.
coproc EXTRA { ip netns exec "$ns" python3 "$here/../../zoo/extended_sockets.py" --dev gold0 --timeout 60; }
exec 4>&"${EXTRA[1]}"
read -r ready <&"${EXTRA[0]}"
[ "$ready" = READY ] || { echo "extended_sockets.py failed: $ready" >&2; exit 1; }
ip netns exec "$ns" python3 "$here/dump_diag.py" "$here"
local_cases=(
  "packet:0aeb:-0aeb"
  "packet:0aebmO:-0aebmO"
  "packet:0anm:-0anm"
  "unix:xaem:-xaem"
  "unix:xaeO:-xaeO"
  "mptcp4:Manmi:-Manmi4"
  "mptcp4:Manoemi:-Manoemi4"
)
for c in "${local_cases[@]}"; do
  IFS=: read -r dump name flags <<< "$c"
  ip netns exec "$ns" ss $flags > "$here/$dump.$name.txt" 2>/dev/null
done
exec 4>&-
ss -V > "$here/ss-version.txt"
