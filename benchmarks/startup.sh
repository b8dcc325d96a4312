#!/usr/bin/env bash
# Time from process start to the first answered question: builds Release, starts the server on a free
# loopback port with a fresh data folder, and polls /healthz, then POSTs /api/ask.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Assistant.Bot -c Release --nologo -v q >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d)
start=$(date +%s%N)
dotnet src/Assistant.Bot/bin/Release/net10.0/Assistant.Bot.dll --urls "http://127.0.0.1:$port" \
  --contentRoot "$PWD/src/Assistant.Bot" --Assistant:DataDirectory="$data" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do
  if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  sleep 0.02
done
ready=$(date +%s%N)
curl -fs "http://127.0.0.1:$port/api/ask" -H 'content-type: application/json' -d '{"question":"餐饮油烟归哪个部门管"}' >/dev/null
answered=$(date +%s%N)
echo "server ready after $(( (ready - start) / 1000000 )) ms; first answer after $(( (answered - start) / 1000000 )) ms"
