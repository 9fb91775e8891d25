#!/usr/bin/env bash
# Regenerates the Registry docs from the provider's own schema, as real
# Terraform reports it, plus examples/ and docs-templates/.
#
#   scripts/gen-docs.sh [BIN_DIR [OUT_DIR]]
#
# BIN_DIR holds terraform-provider-gandimail, gandimail-docs and
# gandimail-schema-extras (default:
# build/default/bin); OUT_DIR defaults to docs/.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "${1:-$repo/build/default/bin}" && pwd)
out=${2:-$repo/docs}

work=$(mktemp -d "${TMPDIR:-/tmp}/gandimail-docs.XXXXXX")
trap 'rm -rf "$work"' EXIT

cat >"$work/terraformrc" <<CONFIG
provider_installation {
  dev_overrides {
    "registry.terraform.io/gandimail/gandimail" = "$bin"
  }
  direct {}
}
CONFIG
cat >"$work/main.tf" <<'HCL'
terraform {
  required_providers {
    gandimail = { source = "gandimail/gandimail" }
  }
}
HCL

(cd "$work" &&
  TF_CLI_CONFIG_FILE="$work/terraformrc" TF_DATA_DIR="$work/.terraform" \
  CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 \
  terraform providers schema -json >"$work/schema.json")

"$bin/gandimail-schema-extras" >"$work/extras.json"

rm -rf "$out/resources" "$out/data-sources" "$out/ephemeral-resources" \
  "$out/list-resources" "$out/actions"
"$bin/gandimail-docs" "$work/schema.json" "$repo" "$out" "$work/extras.json"
