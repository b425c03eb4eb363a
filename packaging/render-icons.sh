#!/usr/bin/env bash
# Renders every icon file from the one source, icons/lockwatch.svg:
#   icons/png/lockwatch-{16,32,48,64,128,256,512}.png   (Linux, the window, jpackage --icon on Linux)
#   icons/lockwatch.ico                                 (Windows: 16..256 in one file)
#   icons/lockwatch.icns                                (macOS: 16..512)
#   src/main/resources/dev/lockwatch/icons/lockwatch-{16,32,64,256}.png  (Stage.getIcons())
# The rendered files are committed; run this again after editing the SVG and commit the result.
#
# Tools (Debian packages): rsvg-convert (librsvg2-bin), png2icns (icnsutils), convert (imagemagick):
#   sudo apt-get update && sudo apt-get install -y librsvg2-bin icnsutils imagemagick
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
svg="$root/icons/lockwatch.svg"
png_dir="$root/icons/png"
res_dir="$root/src/main/resources/dev/lockwatch/icons"

missing=()
command -v rsvg-convert >/dev/null || missing+=(librsvg2-bin)
command -v png2icns >/dev/null || missing+=(icnsutils)
# Prefer ImageMagick 7's `magick`, else ImageMagick 6's `convert-im6` / `convert`.
im=$(command -v magick || command -v convert-im6.q16 || command -v convert || true)
[ -n "$im" ] || missing+=(imagemagick)
if [ ${#missing[@]} -gt 0 ]; then
  echo "render-icons: missing tools; install them with: apt-get install -y ${missing[*]}" >&2
  exit 1
fi

mkdir -p "$png_dir" "$res_dir"
for size in 16 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio --format png \
    --output "$png_dir/lockwatch-$size.png" "$svg"
done

# Windows .ico: one image per size; ImageMagick stores the 256 px one as PNG inside the .ico.
# No date chunks, so re-rendering an unchanged SVG gives byte-identical files.
"$im" "$png_dir"/lockwatch-{16,32,48,64,128,256}.png \
  -define png:exclude-chunks=date,time -define png:compression-level=9 +set date:create +set date:modify \
  "$root/icons/lockwatch.ico"

# macOS .icns: png2icns takes 16, 32, 48, 128, 256, 512 (and 1024) px squares; it picks the type from the size.
rm -f "$root/icons/lockwatch.icns"
png2icns "$root/icons/lockwatch.icns" "$png_dir"/lockwatch-{16,32,48,128,256,512}.png >/dev/null

for size in 16 32 64 256; do
  cp "$png_dir/lockwatch-$size.png" "$res_dir/lockwatch-$size.png"
done

echo "render-icons: wrote $(ls "$png_dir" | wc -l) PNGs, lockwatch.ico, lockwatch.icns and 4 resource PNGs"
