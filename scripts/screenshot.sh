#!/usr/bin/env bash
# Runs the real window under Xvfb on a fresh demo workspace, saves a screenshot and
# checks it is not blank; also measures time to first frame and idle CPU.
#
#   scripts/screenshot.sh [OUT.png]      (needs: xvfb imagemagick xdotool)
#
# Uses the binary from $PLANWRIGHT_BIN, or target/release, or target/debug.
set -euo pipefail
out=${1:-shot.png}
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
bin=${PLANWRIGHT_BIN:-}
if [ -z "$bin" ]; then
  for b in "$target/release/planwright" "$target/debug/planwright"; do
    if [ -x "$b" ]; then bin=$b; break; fi
  done
fi
[ -n "$bin" ] || { echo "screenshot: build first (cargo build)" >&2; exit 1; }

home=$(mktemp -d)
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
cleanup() { kill "${app:-}" 2>/dev/null || true; kill "$xvfb" 2>/dev/null || true; rm -rf "$home"; }
trap cleanup EXIT
sleep 1
export DISPLAY=$display HOME=$home XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config
# The app picks Chinese from the OS locale (LANG), as a Chinese desktop would set it.
export LANG=zh_CN.UTF-8

# Time to first frame, cold: the probe quits after drawing the first frame.
probe=$(PLANWRIGHT_STARTUP_PROBE=1 timeout 60 "$bin" 2>&1 >/dev/null | grep -o 'first frame after [0-9]* ms' || true)
echo "startup: ${probe:-no report}"

"$bin" >/dev/null 2>"$home/app.log" &
app=$!
# Wait (at most 30 s) for the window, then give it time to draw.
timeout 30 xdotool search --sync --onlyvisible --class planwright >/dev/null 2>&1 || true
sleep 3
import -window root "$out"
colours=$(identify -format '%k' "$out")
echo "screenshot: $out ($colours colours)"

# Idle CPU: ticks used over 5 s with no input.
ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
t0=$(ticks); sleep 5; t1=$(ticks)
hz=$(getconf CLK_TCK)
echo "idle cpu: $(( (t1 - t0) * 100 / hz / 5 ))% ($((t1 - t0)) ticks in 5 s)"

kill -0 "$app" 2>/dev/null || { echo "screenshot: the app exited" >&2; cat "$home/app.log" >&2; exit 1; }
[ "$colours" -gt 16 ] || { echo "screenshot: the window looks blank" >&2; exit 1; }

# Single instance: a second launch with a workspace (a double-click in the file
# manager) hands it to the running window and exits; the window then shows it.
"$bin" new "$home/second.planwright" >/dev/null
timeout 20 "$bin" "$home/second.planwright" >/dev/null 2>&1 \
  || { echo "screenshot: the second launch did not exit in time" >&2;
       cat "$XDG_DATA_HOME/planwright/instance" >&2; ss -ltnp >&2 || true; exit 1; }
timeout 20 xdotool search --sync --name 'second.planwright' >/dev/null 2>&1 \
  || { echo "screenshot: the running window did not open the handed-over file" >&2; exit 1; }
kill -0 "$app" 2>/dev/null || { echo "screenshot: the app exited after the handover" >&2; exit 1; }
echo "single instance: the second launch handed its file to the running window"
