#!/usr/bin/env bash
# Builds the Linux .deb with cargo-packager, installs it with dpkg, and checks the
# desktop integration a user gets: the command, the workspace MIME type, the default
# application for it, and a valid desktop entry. Removes the package again at the end
# unless KEEP_INSTALLED=1.
#
#   scripts/package-deb.sh     (root; needs cargo-packager, desktop-file-utils,
#                               shared-mime-info, xdg-utils)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)

cargo packager --release --formats deb
deb=$(ls -t "$target"/release/planwright_"${version}"_*.deb | head -n1)
echo "package: $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb" | sed -n 's/^ \(Package\|Version\|Architecture\|Depends\): */  \1: /p'

dpkg -i "$deb" >/dev/null
cleanup() { [ "${KEEP_INSTALLED:-0}" = 1 ] || dpkg -r planwright >/dev/null 2>&1 || true; }
trap cleanup EXIT

fail() { echo "package: $*" >&2; exit 1; }

installed=$(command -v planwright) || fail "no planwright on PATH after dpkg -i"
got=$("$installed" --version)
case "$got" in
  *"$version"*) echo "installed: $installed → $got" ;;
  *) fail "planwright --version says '$got', expected $version" ;;
esac

desktop=/usr/share/applications/planwright.desktop
[ -f "$desktop" ] || fail "no $desktop"
desktop-file-validate "$desktop" || fail "$desktop does not validate"
echo "desktop entry: $desktop validates"
grep -q '^MimeType=.*application/x-planwright' "$desktop" || fail "$desktop lacks the workspace type"
grep -q '^Exec=.* %f' "$desktop" || fail "$desktop does not pass the file (%f)"

# dpkg's triggers normally refresh these; run them so the check does not depend on
# which triggers this machine has.
update-mime-database /usr/share/mime >/dev/null 2>&1 || true
update-desktop-database /usr/share/applications >/dev/null 2>&1 || true

probe=$(mktemp -d)/probe.planwright
"$installed" new "$probe" >/dev/null
# File managers type files from the shared MIME database (xdg-mime outside a desktop
# session falls back to file(1), which sees SQLite): look the name up there.
type=$(awk -F: -v f="*.planwright" '$3 == f { print $2 }' /usr/share/mime/globs2 | head -n1)
[ "$type" = application/x-planwright ] || fail "the MIME database calls *.planwright '$type'"
if command -v gio >/dev/null 2>&1; then
  gio info -a standard::content-type "$probe" | grep -q 'application/x-planwright' \
    || fail "gio does not see a workspace as application/x-planwright"
fi
default=$(xdg-mime query default application/x-planwright)
[ "$default" = planwright.desktop ] || fail "default for application/x-planwright is '$default'"
echo "mime: a .planwright file is $type, opened by $default"
# A double-click in a file manager is `gio open FILE`: under Xvfb, the installed app
# must come up showing that workspace.
if command -v gio >/dev/null 2>&1 && command -v Xvfb >/dev/null 2>&1 && command -v xdotool >/dev/null 2>&1; then
  session=$(mktemp -d)
  display=:$((80 + RANDOM % 9))
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  sleep 1
  (cd "$session" && DISPLAY=$display HOME=$session XDG_DATA_HOME=$session/share \
     XDG_CONFIG_HOME=$session/config gio open "$probe")
  if DISPLAY=$display timeout 30 xdotool search --sync --name 'probe.planwright' >/dev/null 2>&1; then
    echo "double-click: gio open started Planwright showing probe.planwright"
  else
    kill "$xvfb" 2>/dev/null || true
    fail "gio open did not bring up a window showing the workspace"
  fi
  pkill -f "$installed" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$session"
fi
for size in 16x16 32x32 48x48 128x128 256x256 512x512; do
  [ -f "/usr/share/icons/hicolor/$size/apps/planwright.png" ] || fail "no $size icon"
done
echo "icons: 16 to 512 px in hicolor"
rm -rf "$(dirname "$probe")"
