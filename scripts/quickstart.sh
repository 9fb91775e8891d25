#!/usr/bin/env bash
# The main job: builds the provider and the sandbox, starts the sandbox on a
# free loopback port seeded with example.com, and lets real Terraform apply
# examples/quickstart against it through a private CLI config. The user's
# own Terraform config and state are never touched; everything lives in a
# temporary directory that is removed on exit, failure or Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

# GANDIMAIL_BIN_DIR reuses binaries built elsewhere (and skips the build).
if [ -n "${GANDIMAIL_BIN_DIR:-}" ]; then
  bin=$GANDIMAIL_BIN_DIR
else
  scripts/setup.sh
  bin="$repo/build/default/bin"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/gandimail-quickstart.XXXXXX")
sandbox_pid=""
cleanup() {
  if [ -n "$sandbox_pid" ]; then kill "$sandbox_pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

token="quickstart-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
"$bin/gandimail-sandbox" --listen 127.0.0.1:0 --token "$token" \
  >"$work/sandbox.out" 2>"$work/sandbox.err" &
sandbox_pid=$!
for _ in $(seq 100); do
  line=$(head -n1 "$work/sandbox.out" 2>/dev/null || true)
  [ -n "$line" ] && break
  sleep 0.05
done
url=${line#listening on }
case "$url" in
  http://127.0.0.1:*) ;;
  *) echo "quickstart: sandbox did not start: $(cat "$work/sandbox.err")" >&2
     exit 1 ;;
esac
echo "==> sandbox listening on $url"

# No free slot: the example buys one for each mailbox, as it must on a real
# domain.
curl -sf -X POST "$url/_sandbox/domains" -H 'Content-Type: application/json' \
  -d '{"name": "example.com", "credit": 100.0, "packmail": false}' >/dev/null

cat >"$work/terraformrc" <<CONFIG
provider_installation {
  dev_overrides {
    "registry.terraform.io/gandimail/gandimail" = "$bin"
  }
  direct {}
}
CONFIG
mkdir -p "$work/config"
cp -r examples/quickstart/. "$work/config/"

export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_DATA_DIR="$work/config/.terraform"
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 TF_INPUT=0
export GANDI_URL="$url" GANDI_PERSONAL_ACCESS_TOKEN="$token"
unset GANDI_KEY GANDI_SHARING_ID
# The example's variables have no defaults, so that nobody applies a
# published password or forward to a real domain. These are for the sandbox.
export TF_VAR_domain=example.com
TF_VAR_alice_password="Qs-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')-2026!"
export TF_VAR_alice_password
export TF_VAR_postmaster_destinations='["admin@example.org"]'
cd "$work/config"

echo "==> terraform providers schema (what the provider offers)"
terraform providers schema -json |
  python3 -c 'import json,sys
s=json.load(sys.stdin)["provider_schemas"]["registry.terraform.io/gandimail/gandimail"]
for kind in ("resource_schemas","data_source_schemas"):
  for name in sorted(s.get(kind,{})): print("   ", kind.split("_")[0], name)
print("    provider settings:", ", ".join(sorted(s["provider"]["block"]["attributes"])))'

echo "==> terraform apply"
terraform apply -auto-approve -no-color
echo "==> terraform output"
terraform output -no-color
echo "==> terraform plan again (expect no changes)"
terraform plan -detailed-exitcode -no-color
echo "==> quickstart done; the sandbox stops now"
