#!/usr/bin/env bash
# Packs the provider as the Registry publishes providers:
#   terraform-provider-gandimail_VERSION_linux_amd64.zip  (holding
#     terraform-provider-gandimail_vVERSION)
#   terraform-provider-gandimail_VERSION_SHA256SUMS
#   terraform-provider-gandimail_VERSION_manifest.json     (protocol 6.0)
#
#   scripts/release.sh BIN_DIR OUT_DIR [VERSION]
set -euo pipefail
bin=$(cd "$1" && pwd)
out=$2
version=${3:-0.1.0}
name=terraform-provider-gandimail

mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d "${TMPDIR:-/tmp}/gandimail-release.XXXXXX")
trap 'rm -rf "$stage"' EXIT

install -m 0755 "$bin/$name" "$stage/${name}_v${version}"
strip --strip-debug "$stage/${name}_v${version}"
rm -f "$out/${name}_${version}_linux_amd64.zip"
(cd "$stage" && zip -q -X "$out/${name}_${version}_linux_amd64.zip" \
  "${name}_v${version}")
printf '{"version": 1, "metadata": {"protocol_versions": ["6.0"]}}\n' \
  >"$out/${name}_${version}_manifest.json"
(cd "$out" && sha256sum "${name}_${version}_linux_amd64.zip" \
  "${name}_${version}_manifest.json" >"${name}_${version}_SHA256SUMS")
echo "$out/${name}_${version}_linux_amd64.zip"
