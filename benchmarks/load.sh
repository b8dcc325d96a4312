#!/usr/bin/env bash
# Load figures: starts the server (Release, fresh data folder, loopback) with the anonymous rate limits lifted
# (they would otherwise answer 429 to a load generator on one address), drives it with benchmarks/Assistant.LoadTest
# at 1, 16 and 64 clients, and prints the server's memory after the run.
# Usage: benchmarks/load.sh [seconds-per-run]
# LOAD_SERVER_ARGS adds server settings, e.g. LOAD_SERVER_ARGS="--ConnectionStrings:Postgres=Host=…" for the PostgreSQL
# backend, or "--Assistant:Conversations:WriteBehind=false" to make each answer wait for its context's write.
# LOAD_ARGS adds load-generator options, e.g. LOAD_ARGS='--only ask' for the /api/ask scenarios alone (and no bare).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
dotnet build src/Assistant.Bot -c Release --nologo -v q >/dev/null
dotnet build benchmarks/Assistant.LoadTest -c Release --nologo -v q >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d)
key="load-$(date +%s%N)"
secret="dl-$(date +%s%N)"
dotnet src/Assistant.Bot/bin/Release/net10.0/Assistant.Bot.dll --urls "http://127.0.0.1:$port" \
  --contentRoot "$PWD/src/Assistant.Bot" --Assistant:DataDirectory="$data" --Logging:LogLevel:Default=Warning \
  --Assistant:OperatorApiKey="$key" --DirectLine:Secret="$secret" \
  --Assistant:Limits:PerIpPerMinute=100000000 --Assistant:Limits:AuthenticatedPerMinute=100000000 --DirectLine:MessagesPerMinute=10000 ${LOAD_SERVER_ARGS:-} >"$data/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; tail -5 "$data/server.log" >&2; rm -rf "$data"' EXIT
# Ready: /healthz answers once the server listens, /readyz once the plan (loading meanwhile) is loaded too.
for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.05; done
echo "server pid $pid on port $port; RSS at start: $(awk '/VmRSS/ {print int($2/1024) " MB"}' /proc/$pid/status)"
# A server's first seconds of questions it has never seen (no warm-up): JIT, tiering and the answer path's first use.
echo "first $seconds s of a fresh server, every question distinct:"
dotnet benchmarks/Assistant.LoadTest/bin/Release/net10.0/Assistant.LoadTest.dll --url "http://127.0.0.1:$port" \
  --seconds "$seconds" --levels 16 --only "cache miss" --cold --server-pid $pid --questions tests/eval/questions.jsonl
dotnet benchmarks/Assistant.LoadTest/bin/Release/net10.0/Assistant.LoadTest.dll --url "http://127.0.0.1:$port" \
  --seconds "$seconds" --api-key "$key" --dl-secret "$secret" --questions tests/eval/questions.jsonl --distinct-start 1000000000 --server-pid $pid ${LOAD_ARGS:-}
echo "server RSS after the run: $(awk '/VmRSS/ {print int($2/1024) " MB"}' /proc/$pid/status); peak: $(awk '/VmHWM/ {print int($2/1024) " MB"}' /proc/$pid/status)"
