#!/usr/bin/env bash
# The main job: builds the provider and the sandbox, starts the sandbox on a
# free loopback port seeded with example.com, and lets real Terraform apply
# examples/quickstart against it through a private CLI config. The user's
# own Terraform config and state are never touched; everything lives in a
# temporary directory that is removed on exit, failure or Ctrl-C.
#
# Ctrl-C (SIGINT) or SIGTERM stops everything the script started at once,
# removes the directory, prints one line and exits with 130.
set -euo pipefail

# Started in the background of another script, bash inherits SIGINT
# ignored and cannot trap it: start again once with SIGINT at its default.
if [ "$(trap -p INT)" = "trap -- '' SIGINT" ] &&
  [ -z "${GANDIMAIL_QUICKSTART_RESTARTED:-}" ]; then
  export GANDIMAIL_QUICKSTART_RESTARTED=1
  exec env --default-signal=INT "$0" "$@"
fi

cd "$(dirname "$0")/.."
repo=$(pwd)
work=""

# Fills `tree` with the PIDs of every process this script started, and
# theirs, from /proc (procps may be missing). `children` gets the script's
# own children only.
list_started() {
  local -A below=()
  local stat line pid ppid
  for stat in /proc/[0-9]*/stat; do
    read -r line 2>/dev/null <"$stat" || continue
    pid=${line%% *}
    line=${line##*) } # after the command name, which may hold spaces
    ppid=${line#* }
    below[${ppid%% *}]+=" $pid"
  done
  read -r -a children <<<"${below[$$]:-}"
  tree=("${children[@]}")
  local i=0
  while [ "$i" -lt "${#tree[@]}" ]; do
    read -r -a line <<<"${below[${tree[$i]}]:-}"
    tree+=("${line[@]}")
    i=$((i + 1))
  done
}

# True while process $1 runs (an exited child stays a zombie, Z, until
# waited for).
running() {
  local line
  read -r line 2>/dev/null <"/proc/$1/stat" || return 1
  line=${line##*) }
  [ "${line%% *}" != Z ]
}

# True while any of the given processes runs.
any_running() {
  local pid
  for pid in "$@"; do running "$pid" && return 0; done
  return 1
}

# Sends SIGTERM to everything the script started, again every 0.1 s (a
# second signal makes Terraform quit at once instead of finishing its
# calls, and reaches what started meanwhile), for up to 5 s; then SIGKILL.
stop_started() {
  local children=() tree=() _
  for _ in $(seq 50); do
    list_started
    any_running "${children[@]}" || break
    kill -TERM "${tree[@]}" 2>/dev/null || true
    sleep 0.1
  done
  list_started
  if any_running "${children[@]}"; then
    kill -KILL "${tree[@]}" 2>/dev/null || true
  fi
  wait 2>/dev/null || true
}

cleanup() {
  trap '' INT TERM
  stop_started
  if [ -n "$work" ]; then rm -rf "$work"; fi
}

interrupted() {
  cleanup
  trap - EXIT
  echo "quickstart: interrupted; what it started is stopped and its" \
    "temporary directory removed" >&2
  exit 130
}
trap cleanup EXIT
trap interrupted INT TERM

# Runs one step in the background and waits for it. A foreground command
# would hold off the trap until it ends, and bash skips a SIGINT trap
# altogether when the command (terraform) handles SIGINT itself; `wait`
# returns at once.
run() {
  "$@" &
  wait "$!"
}

# GANDIMAIL_BIN_DIR reuses binaries built elsewhere (and skips the build).
if [ -n "${GANDIMAIL_BIN_DIR:-}" ]; then
  bin=$GANDIMAIL_BIN_DIR
else
  echo "==> setup: missing Debian packages (apt-get), then CMake and a build" \
    "of the provider and the sandbox only"
  echo "    The first build takes a while: about 6 minutes on 2 cores;" \
    "later runs rebuild only what changed."
  run scripts/setup.sh terraform-provider-gandimail gandimail-sandbox
  bin="$repo/build/default/bin"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/gandimail-quickstart.XXXXXX")
token="quickstart-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
"$bin/gandimail-sandbox" --listen 127.0.0.1:0 --token "$token" \
  >"$work/sandbox.out" 2>"$work/sandbox.err" &
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
run curl -sf -X POST "$url/_sandbox/domains" \
  -H 'Content-Type: application/json' \
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
run terraform providers schema -json >"$work/schema.json"
# Terraform 1.14 adds list resources and actions to this output; older
# versions leave them out, and docs/ describes them.
run python3 -c 'import json, sys
schemas = json.load(open(sys.argv[1]))["provider_schemas"]
s = schemas["registry.terraform.io/gandimail/gandimail"]
kinds = [("resource_schemas", "resource"), ("data_source_schemas", "data"),
         ("ephemeral_resource_schemas", "ephemeral"),
         ("list_resource_schemas", "list"), ("action_schemas", "action")]
for key, label in kinds:
    for name in sorted(s.get(key, {})):
        print("   ", label, name)
for name in sorted(s.get("functions", {})):
    print("    function provider::gandimail::" + name)
if "action_schemas" not in s:
    print("    list resources and actions: see docs/list-resources and"
          " docs/actions (Terraform 1.14 lists them here)")
settings = s["provider"]["block"]["attributes"]
print("    provider settings:", ", ".join(sorted(settings)))' \
  "$work/schema.json"

echo "==> terraform apply"
run terraform apply -auto-approve -no-color
echo "==> terraform output"
run terraform output -no-color
echo "==> terraform plan again (expect no changes)"
run terraform plan -detailed-exitcode -no-color
echo "==> quickstart done; the sandbox stops now"
