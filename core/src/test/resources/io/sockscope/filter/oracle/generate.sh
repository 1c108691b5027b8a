#!/usr/bin/env bash
# Regenerates the libc fixtures (fnmatch.tsv, numbers.tsv, pton6.tsv) by compiling libc-oracle.c and asking
# this machine's C library. Needs a C compiler. The seeds are fixed so the files only change with libc.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -std=c11 -O1 -Wall -Wextra -o "$tmp/libc-oracle" "$here/libc-oracle.c"
libc=$(ldd --version 2>&1 | head -n 1)
"$tmp/libc-oracle" fnmatch 12000 0x5eed1 | { echo "# pattern-hex <TAB> name-hex <TAB> fnmatch(FNM_CASEFOLD)==0; $libc"; cat; } > "$here/fnmatch.tsv"
"$tmp/libc-oracle" numbers 6000 0x5eed2 | { echo "# word-hex <TAB> strtoul: value end erange <TAB> strtol: value end erange <TAB> %i: n v <TAB> %i/%i: n a b <TAB> if%u: n v; $libc"; cat; } > "$here/numbers.tsv"
"$tmp/libc-oracle" pton6 6000 0x5eed3 | { echo "# word-hex <TAB> inet_pton(AF_INET6) bytes or -; $libc"; cat; } > "$here/pton6.tsv"
echo "wrote fixtures in $here"
