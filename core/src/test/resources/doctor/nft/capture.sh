#!/usr/bin/env bash
# Regenerates the JSON fixtures from real nft: loads each *.nft (or runs each *.sh of iptables commands) in a
# scratch network namespace and saves `nft -j list ruleset` next to it. Needs root, nft and iptables(-nft).
set -euo pipefail
cd "$(dirname "$0")"
ns="sockscope-nft-capture-$$"
ip netns add "$ns"
trap 'ip netns del "$ns"' EXIT
for f in *.nft *.sh; do
  [ "$f" = capture.sh ] && continue
  ip netns exec "$ns" nft flush ruleset
  case "$f" in
    *.nft) ip netns exec "$ns" nft -f "$f" ;;
    *.sh) ip netns exec "$ns" bash -e "$f" ;;
  esac
  ip netns exec "$ns" nft -j list ruleset > "${f%.*}.json"
  # Keep the text form too: what an administrator would read.
  ip netns exec "$ns" nft -a list ruleset > "${f%.*}.txt" 2>/dev/null
done
ip netns exec "$ns" nft flush ruleset
ip netns exec "$ns" nft -j list ruleset > empty.json
nft --version > nft-version.txt
