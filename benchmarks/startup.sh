#!/usr/bin/env bash
# Time from process start to listening, to ready and to the first answer: builds Release, starts the server on a free
# loopback port with a fresh data folder, polls /healthz (listening) and /readyz (200 once the plan is loaded), then
# POSTs /api/ask. RUNS=n repeats the start n times (after one build).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Assistant.Bot -c Release --nologo -v q >/dev/null
ms() { echo $(( ($1 - start) / 1000000 )); }
for _run in $(seq 1 "${RUNS:-1}"); do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  data=$(mktemp -d)
  start=$(date +%s%N)
  dotnet src/Assistant.Bot/bin/Release/net10.0/Assistant.Bot.dll --urls "http://127.0.0.1:$port" \
    --contentRoot "$PWD/src/Assistant.Bot" --Assistant:DataDirectory="$data" >"$data/server.log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT
  listening=""
  ready=""
  for _ in $(seq 1 1000); do
    if [ -z "$listening" ] && curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then listening=$(date +%s%N); fi
    if [ -n "$listening" ] && curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then
      ready=$(date +%s%N)
      # The server's CPU time so far (user + system, clock ticks): the work of starting, which holds on a busy machine.
      cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' /proc/$pid/stat)
      break
    fi
    sleep 0.01
  done
  curl -fs "http://127.0.0.1:$port/api/ask" -H 'content-type: application/json' -d '{"question":"餐饮油烟归哪个部门管"}' >/dev/null
  answered=$(date +%s%N)
  echo "listening (/healthz) after $(ms "$listening") ms; ready (/readyz 200: plan loaded) after $(ms "$ready") ms, $cpu ms of CPU; first answer after $(ms "$answered") ms; load $(cut -d' ' -f1 /proc/loadavg)"
  kill $pid 2>/dev/null; wait $pid 2>/dev/null || true
  rm -rf "$data"
done
