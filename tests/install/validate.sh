#!/bin/bash
# Runs one freedesktop validator over the files `cmake --install` put in a
# DESTDIR (desktop_install.cmake, the fixture). Exit 77 (ctest: skipped) when
# the validator is not installed: apt install desktop-file-utils appstream.
#
# Usage: validate.sh desktop-file-validate|appstreamcli|appstream-tree PREFIX APP_ID
set -u
check=${1:?usage: validate.sh CHECK PREFIX APP_ID}
prefix=${2:?usage: validate.sh CHECK PREFIX APP_ID}
id=${3:?usage: validate.sh CHECK PREFIX APP_ID}

need() {
  if ! command -v "$1" >/dev/null; then
    echo "SKIP: $1 is not installed (apt install $2)"
    exit 77
  fi
}

case "$check" in
  desktop-file-validate)
    need desktop-file-validate desktop-file-utils
    # It prints hints and errors and exits 1 on errors; hints are failures too.
    out=$(desktop-file-validate "$prefix/share/applications/$id.desktop" 2>&1)
    rc=$?
    echo "$out"
    [ $rc -eq 0 ] && [ -z "$out" ] || { echo "FAIL: desktop-file-validate reported the above"; exit 1; }
    ;;
  appstreamcli)
    need appstreamcli appstream
    meta="$prefix/share/metainfo/$id.metainfo.xml"
    # --strict: infos fail too (a missing content rating is only an info).
    appstreamcli validate --no-net --strict --no-color "$meta" || exit 1
    # What a software centre shows, each asked for by name (docs/install.md).
    for want in '<content_rating type="oars-1.1"' '<release version=' '<url type="homepage">' \
                "<launchable type=\"desktop-id\">$id.desktop</launchable>" '<category>' '<description>'; do
      grep -qF "$want" "$meta" || { echo "FAIL: $meta has no $want"; exit 1; }
    done
    ;;
  appstream-tree)
    need appstreamcli appstream
    # The whole installed tree: the metainfo finds its desktop file and icons.
    appstreamcli validate-tree --no-net --strict --no-color "$prefix" || exit 1
    ;;
  *)
    echo "validate.sh: unknown check '$check'" >&2
    exit 2
    ;;
esac
echo "ok: $check"
