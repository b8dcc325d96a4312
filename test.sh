#!/usr/bin/env bash
# The project's test command: installs what the tests need, then runs every test project.
# Prints a closing line "N passed, N failed" (and exits non-zero when anything failed).
set -uo pipefail
cd "$(dirname "$0")"

# Browser tests drive Debian's Chromium, with a CJK font so screenshots show Chinese. Installed only when missing;
# the npm packages (Web Chat, the Direct Line client) are installed by the build itself.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} with apt-get ..."
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >/dev/null \
    || echo "warning: could not install ${missing[*]}; the browser tests will fail" >&2
fi

log=$(mktemp)
# PostgreSQL 15 for the storage tests that run on both backends: a throwaway server (tests/postgres.sh) unless
# ASSISTANT_TEST_POSTGRES already names one. Without it those tests are skipped, except in CI, where that is a failure.
source tests/postgres.sh
trap 'rm -f "$log"; stop_test_postgres' EXIT
if [ -z "${ASSISTANT_TEST_POSTGRES:-}" ]; then
  if start_test_postgres; then
    echo "PostgreSQL for the storage tests: $ASSISTANT_TEST_POSTGRES"
  elif [ "${CI:-}" = "true" ]; then
    echo "error: PostgreSQL 15 could not be started, and CI runs the PostgreSQL storage tests" >&2
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
  else
    echo "warning: no PostgreSQL 15 (apt-get install -y postgresql): the PostgreSQL storage tests are skipped" >&2
  fi
fi

dotnet test Assistant.sln -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Deployment without Docker: publish, start the published app from another folder, /readyz and /api/ask (README:
# Deployment). Its summary line has dotnet test's format, so the sum below counts its checks.
tests/publish-check.sh 2>&1 | tee -a "$log"
publish_status=${PIPESTATUS[0]}
[ "$publish_status" -eq 0 ] || status=1

# Sum the per-project summaries: "Passed!  - Failed:     0, Passed:    42, Skipped:     0, Total:    42"
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { gsub(",", "", $(i+1)); f += $(i+1) }
      if ($i == "Passed:")  { gsub(",", "", $(i+1)); p += $(i+1) }
      if ($i == "Skipped:") { gsub(",", "", $(i+1)); s += $(i+1) }
    }
  }
  END { printf "%d %d %d\n", p, f, s }' "$log")

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before any summary: count that as a failure, not a pass.
  failed=1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
