#!/usr/bin/env bash
# Runs every benchmark of tests/bench and prints ONE markdown table on
# stdout: the machine, the provider process (startup), the provider's own
# cost per RPC (in-process, no network), and real terraform against the
# sandbox with 20 ms added to every request, compared with the floor those
# requests impose. Progress goes to stderr. Benchmarks print figures; they
# never pass or fail.
#
#   scripts/bench.sh [--full] [--build-dir DIR]
#
#   --full       also N=1000 (several more minutes: with pacing at
#                1000/min its floor alone is a few minutes)
#   --build-dir  a configured and built tree (default build/bench); build
#                with: cmake --build DIR --target terraform-provider-gandimail
#                gandimail-sandbox provider_startup_bench rpc_bench e2e_bench
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build/bench"
sizes="10,100"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --full) sizes="10,100,1000"; shift ;;
    --build-dir) build="$(cd "$2" && pwd)"; shift 2 ;;
    *) echo "usage: $0 [--full] [--build-dir DIR]" >&2; exit 2 ;;
  esac
done
bin="$build/bin"
for b in terraform-provider-gandimail gandimail-sandbox provider_startup_bench \
         rpc_bench e2e_bench; do
  if [[ ! -x "$bin/$b" ]]; then
    echo "missing $bin/$b; build it first (see the top of $0)" >&2
    exit 1
  fi
done
command -v jq >/dev/null || { echo "jq is needed (apt-get install jq)" >&2; exit 1; }

row() { printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$@"; }

machine_rows() {
  local cpu load
  cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  row machine nproc "$(nproc)" "" "" "" "$cpu"
  row machine memory "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)" \
    "" "" "" "load average at start: $load (the cores may be shared)"
  row machine software "$(terraform version | head -1)" "" "" "" \
    "$(uname -sr); commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
}

# provider_startup_bench prints its own small table; keep its data rows.
startup_rows() {
  "$bin/provider_startup_bench" 30 | awk -F'|' '
    NR > 2 && NF >= 4 {
      gsub(/^ +| +$/, "", $2); gsub(/^ +| +$/, "", $3); gsub(/^ +| +$/, "", $4)
      notes = ($4 == "") ? "30 runs" : "p90 " $4 "; 30 runs"
      printf "| provider process | %s | %s | | | | %s |\n", $2, $3, notes
    }'
}

rpc_rows() {
  "$bin/rpc_bench" --benchmark_format=json --benchmark_min_time=1 2>/dev/null |
    jq -r '.benchmarks[] |
      "| per-RPC, in-process | \(.name | sub("^BM_"; "")) | median \(.median_us * 100 | round / 100) µs | | | | p99 \(.p99_us * 100 | round / 100) µs; \(.iterations) calls" + (if .bytes then "; \(.bytes) bytes msgpack" else "" end) + " |"'
}

e2e_rows() {
  "$bin/e2e_bench" --sizes "$sizes" --latency-ms 20 --pacing 0,1000
}

echo "machine facts" >&2
rows="$(machine_rows)"
echo "provider startup" >&2
rows+=$'\n'"$(startup_rows)"
echo "per-RPC benchmarks" >&2
rows+=$'\n'"$(rpc_rows)"
echo "end to end (sizes $sizes)" >&2
rows+=$'\n'"$(e2e_rows)"

row benchmark case value requests floor "ratio to floor" notes
row --- --- --- --- --- --- ---
printf '%s\n' "$rows"
