#!/usr/bin/env bash
# Runs every test: unit tests, the sandbox's own tests and the acceptance
# tests that drive the real terraform binary against gandimail-sandbox.
# Each acceptance test starts its own sandbox on a free loopback port.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

# The user's own Terraform settings never leak into the tests: each test
# writes its own CLI config and data directory.
unset TF_CLI_CONFIG_FILE TF_DATA_DIR TF_PLUGIN_CACHE_DIR TF_LOG TF_LOG_PATH

ctest --preset default "$@"
