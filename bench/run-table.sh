#!/usr/bin/env bash
# The benchmark table of issue 7 point 9, on this machine, in one command:
#   bench/run-table.sh [--quick] [--keep] [--no-postgres] [--out table.md] [--parts primitives,submit,e2e] [--routes postkorb,fit-connect,xta] [--host-dll <dll>]
# Builds what it runs in Release, then bench/BenchTable starts and stops its own gateway hosts, FIT-Connect and XTA
# fakes and PostgreSQL databases (server: $EFAGW_TEST_POSTGRES, else 127.0.0.1:5432 efagw/efagw) and prints Markdown.
# See bench/README.md for what each figure means.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp -t efagw-bench-build.XXXXXX)
trap 'rm -f "$log"' EXIT
for project in Host conformance-tests/FitConnect conformance-tests/Xta bench/LoadHarness bench/BenchTable; do
  echo "bench: building $project (Release)" >&2
  if ! dotnet build -c Release --nologo "$project" >"$log" 2>&1; then
    grep -E 'error|Error' "$log" >&2 || cat "$log" >&2
    echo "bench: the build of $project failed" >&2
    exit 1
  fi
done
dotnet bench/BenchTable/bin/Release/net10.0/BenchTable.dll "$@"
