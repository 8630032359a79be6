#!/usr/bin/env bash
# Makes sure Debian's headless browser for the dashboard's browser test (DashboardBrowserTest) is
# installed: /usr/bin/chromium and /usr/bin/chromedriver (packages chromium and chromium-driver), and
# a Chinese font (fonts-wqy-microhei) so its screenshots show the zh-CN labels; installed with apt-get
# when missing (as root, or with sudo -n). Used by test.sh. Without the browser the test fails; it
# never skips.
set -euo pipefail

log() { printf '[browser.sh] %s\n' "$*"; }

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -d /usr/share/fonts/truetype/wqy ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
  else
    log "chromium, chromium-driver or fonts-wqy-microhei is missing and this user cannot install them (not root, no sudo):"
    log "install them with 'apt-get install chromium chromium-driver fonts-wqy-microhei' as root; the dashboard's browser test needs them"
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  log "chromium and chromium-driver are missing and there is no apt-get: install Chromium and its"
  log "ChromeDriver at /usr/bin/chromium and /usr/bin/chromedriver; the dashboard's browser test needs them"
  exit 1
fi
log "installing chromium, chromium-driver and fonts-wqy-microhei with apt-get (the dashboard's browser test)"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver fonts-wqy-microhei
