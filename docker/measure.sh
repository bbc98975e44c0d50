#!/usr/bin/env bash
# Measures the image against the targets of issue 7: size ≤ 20 MB, `docker run` → ready line
# ≤ 500 ms, `docker stop` ≤ 100 ms. Host networking on a free port, so it runs on an engine
# without a bridge too. Prints the median of N runs (default 5).
#
#   docker/measure.sh [image] [runs]
set -euo pipefail
image=${1:-magemock:latest}
runs=${2:-5}
now_ms() { date +%s%3N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

size=$(docker image inspect "$image" --format '{{.Size}}')
ready_times=() stop_times=()
for _ in $(seq 1 "$runs"); do
  port=$(free_port)
  out=$(mktemp)
  start=$(now_ms)
  # `docker run` in the foreground, as a user types it; its stdout is followed for the line.
  docker run --rm --network host -e MAGEMOCK_HOST=127.0.0.1 -e MAGEMOCK_PORT="$port" \
    -e MAGEMOCK_HEALTHCHECK_URL="http://127.0.0.1:$port" --name "magemock-measure-$port" \
    "$image" >"$out" 2>/dev/null &
  runner=$!
  until grep -q '^magemock listening on ' "$out"; do
    kill -0 "$runner" 2>/dev/null || { echo "measure.sh: container exited early" >&2; exit 1; }
    sleep 0.005
  done
  ready_times+=($(($(now_ms) - start)))
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' \
    "http://127.0.0.1:$port/__magemock/health"
  start=$(now_ms)
  docker stop "magemock-measure-$port" >/dev/null
  stop_times+=($(($(now_ms) - start)))
  wait "$runner" || true
  rm -f "$out"
done
ready=$(printf '%s\n' "${ready_times[@]}" | median)
stop=$(printf '%s\n' "${stop_times[@]}" | median)
awk -v image="$image" -v size="$size" 'BEGIN { printf "image %s: %d bytes (%.1f MB)\n", image, size, size / 1e6 }'
echo "docker run -> ready line: median ${ready} ms of ${runs} (all: ${ready_times[*]})"
echo "docker stop: median ${stop} ms of ${runs} (all: ${stop_times[*]})"
