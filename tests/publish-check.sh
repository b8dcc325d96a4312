#!/usr/bin/env bash
# Deployment without Docker, as the README describes it: publish the server (framework-dependent), start the published
# app from another folder on a free loopback port with a fresh data folder, and check that it is ready and answers.
# Also checks the systemd unit in deploy/ when systemd-analyze is there. test.sh runs this after the .NET tests and
# counts its checks: the last line is a summary in dotnet test's format.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT

passed=0 failed=0 skipped=0
pass() { passed=$((passed + 1)); echo "  passed: $1"; }
fail() { failed=$((failed + 1)); echo "  FAILED: $1" >&2; }
summary() {
  echo "$([ "$failed" -eq 0 ] && echo Passed! || echo Failed!)  - Failed: $failed, Passed: $passed, Skipped: $skipped, Total: $((passed + failed + skipped)) - publish-check"
  [ "$failed" -eq 0 ]
  exit
}

echo "publish-check: dotnet publish (framework-dependent) into $work/app"
started=$SECONDS
if dotnet publish src/Assistant.Bot -c Release -o "$work/app" --nologo -v quiet > "$work/publish.log" 2>&1; then
  pass "dotnet publish ($((SECONDS - started)) s)"
else
  cat "$work/publish.log" >&2
  fail "dotnet publish"
  summary
fi

missing=()
for file in Assistant.Bot.dll wwwroot/index.html wwwroot/lib/webchat-minimal.js knowledge/plan.json; do
  [ -f "$work/app/$file" ] || missing+=("$file")
done
ls "$work/app"/seeds/*.txt >/dev/null 2>&1 || missing+=("seeds/*.txt")
if [ ${#missing[@]} -eq 0 ]; then pass "the published folder holds the app, its pages, the Web Chat bundle, the knowledge and the seed"
else fail "missing from the published folder: ${missing[*]}"; fi

# Started from a fresh, empty folder (not the app's): data/ must appear there, and the app must still find its own files.
mkdir -p "$work/run"
(cd "$work/run" && exec dotnet "$work/app/Assistant.Bot.dll" --urls http://127.0.0.1:0 > "$work/server.log" 2>&1) &
server_pid=$!
url=""
for _ in $(seq 1 600); do
  url=$(grep -o 'Now listening on: http://127.0.0.1:[0-9]*' "$work/server.log" 2>/dev/null | head -1 | sed 's/Now listening on: //')
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  cat "$work/server.log" >&2
  fail "the published app did not start listening"
  summary
fi

ready=""
for _ in $(seq 1 300); do
  ready=$(curl -s -o /dev/null -w '%{http_code}' "$url/readyz") && [ "$ready" = 200 ] && break
  sleep 0.2
done
if [ "$ready" = 200 ]; then pass "GET /readyz is 200 ($url)"; else fail "GET /readyz answered ${ready:-nothing}"; cat "$work/server.log" >&2; fi

answer=$(curl -s "$url/api/ask" -H 'content-type: application/json' -d '{"question":"餐饮油烟归哪个部门管"}')
if [ "$(jq -r '.intent' <<<"$answer" 2>/dev/null)" = lead ] && jq -r '.answer' <<<"$answer" | grep -q '区生态环境局' \
   && [ "$(jq -r '.matches[0].measureRef' <<<"$answer")" = 附件1-15-1 ]; then
  pass "POST /api/ask answers from the plan (附件1-15-1, 区生态环境局)"
else
  fail "POST /api/ask: $answer"
fi

page=$(curl -s -o /dev/null -w '%{http_code}' "$url/")
script=$(curl -s -o /dev/null -w '%{http_code}' "$url/lib/webchat-minimal.js")
if [ "$page" = 200 ] && [ "$script" = 200 ]; then pass "the public page and the Web Chat bundle are served"; else fail "GET / $page, GET /lib/webchat-minimal.js $script"; fi

if [ -f "$work/run/data/assistant.db" ] && grep -q "Data folder: $work/run/data" "$work/server.log"; then
  pass "the data folder is ./data in the folder it was started from, and the log says so"
else
  fail "the data folder: $(ls "$work/run" 2>&1); log: $(grep -i 'data folder' "$work/server.log")"
fi

if command -v systemd-analyze >/dev/null 2>&1; then
  if out=$(systemd-analyze verify "$root/deploy/xicheng-assistant.service" 2>&1) && [ -z "$out" ]; then
    pass "systemd-analyze verify deploy/xicheng-assistant.service"
  else
    fail "systemd-analyze verify deploy/xicheng-assistant.service: $out"
  fi
else
  skipped=$((skipped + 1)); echo "  skipped: systemd-analyze is not installed"
fi

summary
