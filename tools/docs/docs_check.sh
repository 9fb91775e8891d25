#!/usr/bin/env bash
# Fails when the committed docs/ differ from a fresh render: run
# scripts/gen-docs.sh and commit the result.
set -euo pipefail
repo=$1
bin=$2
fresh=$(mktemp -d "${TMPDIR:-/tmp}/gandimail-docs-check.XXXXXX")
trap 'rm -rf "$fresh"' EXIT
"$repo/scripts/gen-docs.sh" "$bin" "$fresh"
for d in index.md resources data-sources ephemeral-resources list-resources \
  actions; do
  if [ -e "$fresh/$d" ] || [ -e "$repo/docs/$d" ]; then
    diff -ru "$repo/docs/$d" "$fresh/$d"
  fi
done
echo "docs are up to date"
