#!/usr/bin/env bash
# Installs the Debian 12 packages mdnscope needs to build, test and run.
# Non-interactive; no daemon is started by the install (avahi-daemon and prometheus run
# only inside the test suite's private network namespaces).
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-translations-l10n libgl-dev libvulkan-dev
  iproute2 tshark tcpdump avahi-daemon avahi-utils python3
  clang libclang-rt-14-dev
  xvfb xauth imagemagick
  prometheus
  desktop-file-utils appstream lintian groff-base man-db fakeroot dpkg-dev file
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
((${#missing[@]})) || exit 0

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "install-deps: need root to install: ${missing[*]}" >&2; exit 1
  fi
else
  SUDO=
fi

echo "install-deps: installing ${missing[*]}" >&2
# Refuse every service start during the install (invoke-rc.d consults policy-rc.d),
# unless a policy is already in place; restore the previous state afterwards.
policy=/usr/sbin/policy-rc.d
added_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod 755 "$policy"
  added_policy=1
fi
cleanup() { if [ "$added_policy" = 1 ]; then $SUDO rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
# Debian enables avahi-daemon through systemd socket/service units; make sure
# nothing was left running or enabled on the machine's real interfaces.
if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
  $SUDO systemctl disable --now avahi-daemon.socket avahi-daemon.service >/dev/null 2>&1 || true
  $SUDO systemctl disable --now prometheus.service >/dev/null 2>&1 || true
elif [ -x /etc/init.d/prometheus ] && command -v update-rc.d >/dev/null; then
  # No systemd running (a container): the package still enabled its init script and unit for
  # the next boot; update-rc.d disables both.
  $SUDO update-rc.d prometheus disable >/dev/null 2>&1 || true
fi
# The metrics test starts its own prometheus, on loopback inside a namespace: none may be
# left serving on the machine (the package's service listens on every address, port 9090).
if pgrep -x prometheus >/dev/null; then
  echo "install-deps: warning: a prometheus daemon is running; stop it (the package's service is not needed)" >&2
fi
