#!/usr/bin/env bash
# Installs ffmpeg from Debian packages when it is missing (idempotent). The tests use it to
# build a tiny real video; they skip the video checks, saying why, when it cannot be installed.
set -uo pipefail

if command -v ffmpeg >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ffmpeg manquant : installez-le (apt-get install ffmpeg) pour les tests vidéo." >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get -o DPkg::Lock::Timeout=300 update -qq \
  && apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends ffmpeg >/dev/null; }; then
  echo "ffmpeg n'a pas pu être installé : les tests vidéo seront sautés." >&2
fi
