#!/usr/bin/env bash
# Packs the one-folder bundle into a Debian package (统信UOS, 银河麒麟, Debian, Ubuntu):
#   bash installers/build_deb.sh            → dist/duban-desk_<version>_<arch>.deb
# Builds the bundle first (installers/build_linux.sh) unless DIST_DIR/duban already exists and
# REBUILD is not 1. Layout: /opt/duban-desk/ (the bundle, its own Python and Qt), /usr/bin/duban-desk,
# a .desktop entry named 督办台 with its icon. The user's data stays in ~/.local/share (never in /opt).
# Environment: PYTHON, DIST_DIR, WORK_DIR as for build_linux.sh; DEB_COMPRESSION (xz, gzip, zstd, none).
set -euo pipefail
source "$(dirname "$0")/common.sh"
ensure_bundle

VERSION=$(project_field version)
ARCH=$(dpkg --print-architecture)
PACKAGE=duban-desk
STAGE=$WORK_DIR/deb/${PACKAGE}_${VERSION}_${ARCH}
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/icons/hicolor/256x256/apps" "$STAGE/usr/share/icons/hicolor/scalable/apps"

cp -a "$BUNDLE" "$STAGE/opt/$PACKAGE"
# An absolute link between top-level folders, as Debian policy asks; the program finds its
# _internal/ folder through /proc/self/exe, so starting it through the link works.
ln -s "/opt/$PACKAGE/duban" "$STAGE/usr/bin/$PACKAGE"
install -m 0644 "$ROOT/installers/linux/$PACKAGE.desktop" "$STAGE/usr/share/applications/$PACKAGE.desktop"
install -m 0644 "$ROOT/resources/icons/duban.png" "$STAGE/usr/share/icons/hicolor/256x256/apps/$PACKAGE.png"
install -m 0644 "$ROOT/resources/icons/duban.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/$PACKAGE.svg"
chmod -R u+rwX,go+rX,go-w "$STAGE"

INSTALLED_KB=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: $PACKAGE
Version: $VERSION
Architecture: $ARCH
Maintainer: Duban Desk <duban-desk@localhost>
Installed-Size: $INSTALLED_KB
Depends: libc6 (>= 2.34), libgl1, libegl1
Section: misc
Priority: optional
Description: 督办台 — 督查督办任务管理（离线桌面程序）
 读取实施方案 / 实施意见（txt、docx、pdf、xlsx），分解出任务、牵头单位、
 责任单位和完成时限，跟踪落实情况，按 GB/T 9704-2012 生成督办通知单、
 催办通知和情况通报。自带 Python 和 Qt 运行环境，从不联网。
CONTROL

OUT=$DIST_DIR/${PACKAGE}_${VERSION}_${ARCH}.deb
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" --build "$STAGE" "$OUT" >/dev/null
echo "$OUT"
