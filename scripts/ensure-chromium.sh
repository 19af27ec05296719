#!/usr/bin/env bash
# Debian's Chromium for the browser test (browsers are never downloaded by npm here), and a
# Chinese font so that the Chinese admin's screenshots show characters, not boxes.
set -euo pipefail
if [ -x /usr/bin/chromium ] && { ! command -v fc-list >/dev/null || [ -n "$(fc-list :lang=zh 2>/dev/null)" ]; }; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "The browser test needs Debian's Chromium and a Chinese font: sudo apt-get install chromium chromium-driver fonts-wqy-microhei" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends chromium chromium-driver fonts-wqy-microhei >/dev/null \
  || { apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium chromium-driver fonts-wqy-microhei >/dev/null; }
/usr/bin/chromium --version
