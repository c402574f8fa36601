#!/usr/bin/env bash
# The benchmark table of issue 7 point 9, on this machine, in one command:
#   bench/run-table.sh [--quick] [--keep] [--no-postgres] [--out table.md]
# Builds what it runs in Release, then bench/BenchTable starts and stops its own gateway hosts, FIT-Connect and XTA
# fakes and PostgreSQL databases (server: $EFAGW_TEST_POSTGRES, else 127.0.0.1:5432 efagw/efagw) and prints Markdown.
# About 6–10 minutes on 2 idle cores; --quick is a smoke run of about 2 minutes with small counts.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in Host conformance-tests/FitConnect conformance-tests/Xta bench/LoadHarness bench/BenchTable; do
  dotnet build -c Release --nologo -v quiet "$project" >/dev/null || { echo "build of $project failed" >&2; exit 1; }
done
exec dotnet bench/BenchTable/bin/Release/net10.0/BenchTable.dll "$@"
