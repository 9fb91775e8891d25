#!/usr/bin/env bash
# Packs the provider as the Registry publishes providers:
#   terraform-provider-gandimail_VERSION_linux_amd64.zip  (holding
#     terraform-provider-gandimail_vVERSION)
#   terraform-provider-gandimail_VERSION_SHA256SUMS
#   terraform-provider-gandimail_VERSION_manifest.json     (protocol 6.0)
#
#   scripts/release.sh BIN_DIR OUT_DIR [VERSION]
#
# BIN_DIR holds the static release binary (build/<dir>/bin/release, target
# terraform-provider-gandimail-static): a binary that needs any shared
# library but glibc's is refused, since it would run on Debian 12 only.
set -euo pipefail
bin=$(cd "$1" && pwd)
out=$2
version=${3:-0.1.0}
name=terraform-provider-gandimail

needed=$(readelf -d "$bin/$name" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
for lib in $needed; do
  case $lib in
    libc.so.6 | libm.so.6 | libpthread.so.0 | libdl.so.2 | librt.so.1 | \
      ld-linux-x86-64.so.2) ;;
    *)
      echo "release.sh: $bin/$name needs $lib, not only glibc;" \
        "pack the static build (bin/release/) instead" >&2
      exit 1
      ;;
  esac
done

# The glibc the README promises (Ubuntu 22.04's): a symbol from a newer one
# would stop the binary from loading there.
glibc_floor=2.35
newest=$(objdump -T "$bin/$name" | grep -o 'GLIBC_[0-9.]*' |
  sed 's/GLIBC_//' | sort -V | tail -n 1)
if [ "$(printf '%s\n%s\n' "$newest" "$glibc_floor" | sort -V | tail -n 1)" \
  != "$glibc_floor" ]; then
  echo "release.sh: $bin/$name needs glibc $newest, newer than the" \
    "$glibc_floor the README states" >&2
  exit 1
fi

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
