#!/usr/bin/env bash
# Installs the provider into a Terraform filesystem mirror (unpacked
# layout), for `provider_installation { filesystem_mirror { ... } }` or
# ~/.terraform.d/plugins:
#   MIRROR/registry.terraform.io/gandimail/gandimail/VERSION/linux_amd64/
#     terraform-provider-gandimail_vVERSION
#
#   scripts/install-mirror.sh BIN_DIR MIRROR_DIR [VERSION]
#
# The install-mirror target passes bin/release, the static binary that the
# Registry archive also holds; any BIN_DIR with a provider binary works.
set -euo pipefail
bin=$1
mirror=$2
version=${3:-0.1.0}
dir="$mirror/registry.terraform.io/gandimail/gandimail/$version/linux_amd64"
mkdir -p "$dir"
install -m 0755 "$bin/terraform-provider-gandimail" \
  "$dir/terraform-provider-gandimail_v$version"
echo "$dir"
