#!/usr/bin/env bash
# Builds a fixture with locks in every verdict (real holder processes), opens Lockwatch on it under Xvfb,
# and saves a screenshot. Needs: xvfb xauth imagemagick (apt-get install -y xvfb xauth libgtk-3-0 imagemagick),
# util-linux's unshare and root for the container case. Usage: docs/make-screenshot.sh [OUT.png] [THEME]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshot.png}
theme=${2:-LIGHT}
jar=target/lockwatch.jar
[ -f "$jar" ] || mvn -q -B -DskipTests package
work=$(mktemp -d)
state="$work/.openclaw"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
now() { date -u +%Y-%m-%dT%H:%M:%S.000Z; }
ago() { date -u -d "-$1 seconds" +%Y-%m-%dT%H:%M:%S.000Z; }
st() { cut -d' ' -f22 "/proc/$1/stat"; }
sess() { mkdir -p "$state/agents/$1/sessions"; echo "$state/agents/$1/sessions/$2.jsonl.lock"; }

# A process that looks like OpenClaw's gateway (its process title) and, given a file, holds it open.
gateway_like() {
  exec node -e 'if (process.argv[1]) require("fs").openSync(process.argv[1]); process.title = "openclaw-gateway"; setInterval(() => {}, 1e6)' "$@"
}
# live: an OpenClaw-like process holding its lock open
hold() { # agent session age-seconds
  local f; f=$(sess "$1" "$2"); : > "$f"
  gateway_like "$f" & local p=$!; pids+=("$p"); sleep 0.4
  printf '{\n  "pid": %s,\n  "createdAt": "%s",\n  "maxHoldMs": 3600000,\n  "starttime": %s\n}' "$p" "$(ago "$3")" "$(st "$p")" > "$f"
}
hold main 7f3a9c21-live-turn 42
hold main 0b51e8d4-live-tool-call 200
hold ops c19e7720-live-report 75
# orphaned: the holder is alive but no longer holds the file open (what an in-place restart leaves)
gateway_like & gw=$!; pids+=("$gw"); sleep 0.4
for s in 5d2f0a93-orphan-after-restart 9e44b1c0-orphan-after-restart; do
  printf '{\n  "pid": %s,\n  "createdAt": "%s",\n  "starttime": %s\n}' "$gw" "$(ago 610)" "$(st "$gw")" > "$(sess main "$s")"
done
# stale: dead pid, recycled pid, too old, a process that is not OpenClaw
true & dead=$!; wait "$dead" || true
printf '{\n  "pid": %s,\n  "createdAt": "%s"\n}' "$dead" "$(ago 1500)" > "$(sess main 31aa07f2-dead-holder)"
printf '{\n  "pid": %s,\n  "createdAt": "%s",\n  "starttime": 1\n}' "$gw" "$(ago 95)" > "$(sess ops 66c0de19-recycled-pid)"
printf '{\n  "pid": %s,\n  "createdAt": "%s",\n  "starttime": %s\n}' "$gw" "$(ago 2700)" "$(st "$gw")" > "$(sess main 12bd9f4e-too-old)"
sleep 3600 & other=$!; pids+=("$other")
printf '{\n  "pid": %s,\n  "createdAt": "%s"\n}' "$other" "$(ago 30)" > "$(sess ops a8e5c3d0-foreign-owner)"
# unresolved: a container pid 1 without starttime (needs unshare --pid, root)
if unshare --pid --fork --mount-proc true 2>/dev/null; then
  unshare --pid --fork --mount-proc bash -c 'exec sleep 3600' /app/openclaw.mjs gateway & pids+=("$!"); sleep 0.3
  printf '{\n  "pid": 1,\n  "createdAt": "%s"\n}' "$(ago 20)" > "$(sess boxed 4c8d2e61-container-pid)"
fi
# unreadable: a FIFO and a symlink
mkfifo "$(sess main e0f1d2c3-fifo)"
ln -s /etc/hostname "$(sess main f9e8d7c6-symlink)"

export OPENCLAW_STATE_DIR="$state"
prefs="$work/prefs"
mkdir -p "$prefs/.java/.userPrefs/dev/lockwatch"
cat > "$prefs/.java/.userPrefs/dev/lockwatch/prefs.xml" <<XML
<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE map SYSTEM "http://java.sun.com/dtd/preferences.dtd">
<map MAP_XML_VERSION="1.0">
  <entry key="theme" value="$theme"/>
</map>
XML
xvfb-run -a -s "-screen 0 1280x760x24" bash -c "
  java -Djava.util.prefs.userRoot=$prefs -jar $jar & app=\$!
  sleep ${SHOT_DELAY:-9}
  # select the first orphaned lock (5th row: four stale rows sort first) to show its evidence
  command -v xdotool >/dev/null && { xdotool mousemove 120 262 click 1; sleep 1; }
  import -window root '$out'
  kill \$app
" >/dev/null 2>&1 || true
echo "wrote $out"
