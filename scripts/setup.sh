#!/usr/bin/env bash
# Installs what the build needs (Debian 12 packages), then configures and
# builds the default preset. Safe to run again: it installs only what is
# missing and rebuilds only what changed.
#
#   scripts/setup.sh [TARGET...]
#
# With TARGETs it builds only those (and what they need), else everything.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libcurl4-openssl-dev nlohmann-json3-dev libabsl-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev
  unzip zip curl python3 libcrypt-dev
  # Static archives for the release binary (bin/release/), which keeps only
  # glibc dynamic; binutils' readelf and objdump check it.
  libnghttp2-dev libpsl-dev libidn2-dev libunistring-dev libssh2-1-dev
  libzstd-dev libbrotli-dev zlib1g-dev libc-ares-dev libre2-dev binutils
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
    missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if ! command -v terraform >/dev/null 2>&1; then
  echo "setup: terraform (>= 1.11) must be on PATH; see" \
    "https://developer.hashicorp.com/terraform/install" >&2
  exit 1
fi

cmake --preset default >/dev/null
targets=()
for target in "$@"; do targets+=(--target "$target"); done
cmake --build --preset default -j "$(nproc)" "${targets[@]}"
