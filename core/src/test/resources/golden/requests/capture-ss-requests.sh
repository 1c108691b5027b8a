#!/usr/bin/env bash
# Records the exact sock_diag request messages the installed ss sends, one file per sendmsg/sendto:
# <case>.<n>.bin. Needs strace. Run from anywhere; writes next to this script. See README.md.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
command -v strace >/dev/null || { echo "strace is needed (apt-get install -y strace)" >&2; exit 1; }

capture() {
  local name=$1; shift
  rm -f "$here/$name".*.bin
  # -e write=FD dumps every buffer sent on the netlink socket (ss opens it as fd 3) in hex.
  strace -qq -e trace=sendmsg,sendto -e write=3 ss "$@" 2>&1 >/dev/null | awk -v out="$here/$name" '
    /^(sendmsg|sendto)\(3,/ { n++; next }
    /^ \| [0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]  / {
      hex = substr($0, 11, 49); gsub(/ /, "", hex); print hex >> (out "." n ".hex")
    }'
  for hex in "$here/$name".*.hex; do
    xxd -r -p "$hex" > "${hex%.hex}.bin"
    rm -f "$hex"
  done
}

capture tan -tan
capture tn -tn
capture tln4 -tln4
capture uan6 -uan6
capture tanmi-tos -tanmi --tos
capture tan-sockopt -tan --inet-sockopt
capture tan-sport22 -tan 'sport = :22'
capture Man -Man
capture wan -wan
capture dan -dan
capture xan -xan
capture xaemn -xaemn
capture 0an -0an
capture netlink -an -A netlink
ss -V > "$here/ss-version.txt"
