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
trap 'rm -f "$log"' EXIT

dotnet test Assistant.sln -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

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
