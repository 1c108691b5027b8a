# shellcheck shell=bash
# Shared by bench/run and bench/jmh/run: logging, tool installation, and a load kept in the background.
# Source it after setting `root` (the checkout) and `tmp` (a private temporary directory the caller removes).
# shellcheck disable=SC2154  # root and tmp come from the sourcing script

log() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }

need_root() {
  [ "$(id -u)" = 0 ] || die "needs root (network namespaces, other users' /proc): sudo $0 $*"
}

# Installs the Debian packages that provide the commands named (command=package pairs) when missing.
ensure_packages() {
  local missing=() pair cmd pkg
  for pair in "$@"; do
    cmd=${pair%%=*}
    pkg=${pair#*=}
    case "$cmd" in
      py:*) /usr/bin/python3 -c "import ${cmd#py:}" >/dev/null 2>&1 || missing+=("$pkg") ;;
      /*) [ -x "$cmd" ] || missing+=("$pkg") ;;
      *) command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg") ;;
    esac
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get to install them"
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  bounded 600 apt-get update -qq >/dev/null || die "apt-get update failed"
  bounded 900 apt-get install -y -qq "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
}

# Starts bench/load in the background with the given options and waits for its namespace; sets LOAD_NS.
# LOAD_PID and LOAD_FEED (its standard input) let stop_load end it. One load at a time.
LOAD_NS=
LOAD_PID=
LOAD_FEED=
start_load() {
  start_load_script "$root/bench/load" "$@"
}

# start_load for any script that answers like bench/load: "ready WHAT…" on its first line of stdout, then
# holds until its standard input ends (bench/netns-load answers with every namespace it made). LOAD_NS is
# what follows "ready ".
start_load_script() {
  local script=$1 out="$tmp/load.out" answer='' limit=400
  shift
  rm -f "$out"
  exec {LOAD_FEED}> >(exec "$script" "$@" >"$out")
  LOAD_PID=$!
  for _ in $(seq $((limit * 10))); do
    answer=$(head -n 1 "$out" 2>/dev/null || true)
    [ -n "$answer" ] && break
    kill -0 "$LOAD_PID" 2>/dev/null || break
    sleep 0.1
  done
  case "$answer" in
    ready\ *) LOAD_NS=${answer#ready } ;;
    *) stop_load; die "the load could not be built (${script#"$root"/} $*)" ;;
  esac
}

# Ends the load started by start_load: closing its input makes it remove its namespace and processes.
stop_load() {
  [ -n "$LOAD_FEED" ] && exec {LOAD_FEED}>&-
  LOAD_FEED=
  if [ -n "$LOAD_PID" ]; then
    for _ in $(seq 200); do kill -0 "$LOAD_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$LOAD_PID" 2>/dev/null; then
      kill -TERM "$LOAD_PID" 2>/dev/null || true
      for _ in $(seq 100); do kill -0 "$LOAD_PID" 2>/dev/null || break; sleep 0.1; done
    fi
  fi
  LOAD_PID=
  LOAD_NS=
}

# The commit measured, with "+local changes" when the sources differ from it; "unknown" outside git.
commit_of() {
  local commit
  if ! command -v git >/dev/null 2>&1 || ! commit=$(git -C "$1" rev-parse --short HEAD 2>/dev/null); then
    echo unknown
    return
  fi
  git -C "$1" diff --quiet HEAD -- src pom.xml bin 2>/dev/null || commit="$commit+local changes"
  echo "$commit"
}

# Runs a command inside the current load's namespace.
in_load() {
  ip netns exec "$LOAD_NS" "$@"
}

# Runs a command with a time limit in seconds. --foreground keeps it in our process group, so that Ctrl-C
# reaches it (plain timeout(1) moves it to a group of its own, where it would run on after the script
# stopped); the price is that only the command itself is killed at the limit, not its children — those of
# a command run in a load's namespace go when the namespace is removed.
bounded() {
  local limit=$1
  shift
  timeout --foreground --kill-after=10 "$limit" "$@"
}

# bounded, inside the current load's namespace.
in_load_bounded() {
  local limit=$1
  shift
  bounded "$limit" ip netns exec "$LOAD_NS" "$@"
}

# The JDK bin/sockscope runs (JDK 25 or newer).
sockscope_jdk() {
  "$root/bin/find-java"
}

# Prints, NUL-separated, the java command line bin/sockscope ends in, without the sockscope arguments: the
# launcher is run once with a JAVA_HOME whose `java` records its arguments and then runs the real one. So
# whatever the launcher passes (heap flags, an AOT cache, the class path) is measured without its shell
# start-up and build check. Prints nothing when the launcher did not go through that JAVA_HOME. With a
# sub-command (`capture_jvm_command watch`), the command line of that sub-command, whose heap flags differ:
# the launcher is run as `SUBCOMMAND -h`.
capture_jvm_command() {
  local sub=${1-}
  local jdk shim record
  jdk=$(sockscope_jdk) || return 1
  shim="$tmp/recording-jdk"
  record="$tmp/java-args"
  mkdir -p "$shim/bin"
  rm -f "$record"
  cat >"$shim/bin/java" <<SHIM
#!/bin/sh
: > '$record'
for arg in "\$@"; do printf '%s\0' "\$arg" >> '$record'; done
exec '$jdk/bin/java' "\$@"
SHIM
  chmod +x "$shim/bin/java"
  ln -sf "$jdk/bin/javac" "$shim/bin/javac"
  # A marker argument, so that the recorded command is recognisably the listing's (the last one ran).
  if [ -n "$sub" ]; then
    JAVA_HOME="$shim" bounded 120 "$root/bin/sockscope" "$sub" -h >/dev/null 2>&1 || return 1
  else
    JAVA_HOME="$shim" bounded 120 "$root/bin/sockscope" -V >/dev/null 2>&1 || return 1
  fi
  [ -s "$record" ] || return 1
  local args=() arg
  while IFS= read -r -d '' arg; do args+=("$arg"); done <"$record"
  if [ -n "$sub" ]; then
    [ "${args[${#args[@]}-1]}" = "-h" ] && [ "${args[${#args[@]}-2]}" = "$sub" ] || return 1
    unset 'args[${#args[@]}-1]'
  else
    [ "${args[${#args[@]}-1]}" = "-V" ] || return 1
  fi
  unset 'args[${#args[@]}-1]'
  printf '%s\0' "$jdk/bin/java" "${args[@]}"
}

# Prints "PROCESSES DESCRIPTORS" over the whole machine (see bench/census.py).
proc_census() {
  /usr/bin/python3 "$root/bench/census.py"
}
