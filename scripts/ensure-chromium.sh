#!/usr/bin/env bash
# The browser tests drive Debian's Chromium. If it is missing, install it from Debian (never a
# downloaded browser build). Needs root, as on the project's machines and CI.
set -euo pipefail
# A Chinese font too, so that the screenshots under test-artifacts/ are readable.
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'wenquanyi\|noto.*cjk'; then exit 0; fi
echo "正在从 Debian 安装 chromium 与中文字体 …" >&2
if [ "$(id -u)" -ne 0 ]; then
  echo "需要 root 权限安装 chromium：请运行 sudo apt-get install -y chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
/usr/bin/chromium --version >&2
