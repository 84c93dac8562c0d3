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
type=$(xdg-mime query filetype "$probe")
[ "$type" = application/x-planwright ] || fail "xdg-mime calls a workspace '$type'"
default=$(xdg-mime query default application/x-planwright)
[ "$default" = planwright.desktop ] || fail "default for application/x-planwright is '$default'"
echo "mime: a .planwright file is $type, opened by $default"
for size in 16x16 32x32 48x48 128x128 256x256 512x512; do
  [ -f "/usr/share/icons/hicolor/$size/apps/planwright.png" ] || fail "no $size icon"
done
echo "icons: 16 to 512 px in hicolor"
rm -rf "$(dirname "$probe")"
