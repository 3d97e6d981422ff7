#!/usr/bin/env sh
# Register the bundle with the desktop (per user): menu entry + icon.
# Run from the bundle folder (dist/briefer/) or pass it: ./install-desktop.sh /opt/briefer
# Undo: rm ~/.local/share/applications/briefer.desktop ~/.local/share/icons/hicolor/256x256/apps/briefer.png
set -eu
APP=$(cd "${1:-$(dirname "$0")}" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
mkdir -p "$DATA/applications" "$DATA/icons/hicolor/256x256/apps" "$DATA/icons/hicolor/scalable/apps"
cp "$APP/briefer.png" "$DATA/icons/hicolor/256x256/apps/briefer.png"
cp "$APP/briefer.svg" "$DATA/icons/hicolor/scalable/apps/briefer.svg"
sed -e "s|^Exec=briefer-gui|Exec=\"$APP/briefer-gui\"|" -e "s|^TryExec=briefer-gui|TryExec=$APP/briefer-gui|" \
  "$APP/briefer.desktop" > "$DATA/applications/briefer.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$DATA/applications" || true
echo "installed $DATA/applications/briefer.desktop -> $APP/briefer-gui"
