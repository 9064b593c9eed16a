#!/usr/bin/env bash
# Installs what the tests need beyond npm packages: Debian's Chromium for Playwright
# (it cannot download its own browser here), curl/mosquitto clients/vsftpd/openssl for the
# protocol tests against off-the-shelf peers and the test certificates, promtool and amtool
# for the alert rules and the Alertmanager example. Needs root (CI
# and dev machines run as root); the tests fail, naming this script, when one is missing.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v mosquitto_sub >/dev/null 2>&1 || need+=(mosquitto-clients)
[ -x /usr/sbin/vsftpd ] || need+=(vsftpd)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
command -v amtool >/dev/null 2>&1 || need+=(prometheus-alertmanager)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
echo "test dependencies present"
