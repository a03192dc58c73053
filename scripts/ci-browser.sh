#!/usr/bin/env bash
# Install Debian's chromium and chromium-driver for the workbench's browser tests when they
# are missing (no browser download: the distribution's packages only). Exit 0 when both are
# there afterwards; non-zero otherwise (the browser tests then skip).
set -uo pipefail
have() { command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; }
if have; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ci-browser: chromium missing and apt-get unavailable (not root?)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null 2>&1 \
  || { echo "ci-browser: apt-get install chromium chromium-driver failed" >&2; exit 1; }
have
