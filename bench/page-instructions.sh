#!/usr/bin/env bash
# Instructions per page view, counted by valgrind: repeatable where timings on a shared VM are
# not (two runs agree to ~0.3 %). The difference between a 200- and a 700-request run leaves
# out start-up. Needs valgrind and a database kept by `node bench/scorecard.ts --keep-database`.
#   bench/page-instructions.sh <database url> '/p/scorecard?period=2026-Q4'
#   bench/page-instructions.sh <database url> /sign-in 2 4     # a tiny run (2 and 4 requests), to see that it works
set -euo pipefail
url=$1 page=$2 few=${3:-200} many=${4:-700}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pids=()
for n in "$few" "$many"; do
  valgrind --tool=callgrind --smc-check=all-non-file --callgrind-out-file="$dir/$n.out" \
    node "$(dirname "$0")/page-requests.ts" "$url" "$page" "$n" >"$dir/$n.log" 2>&1 &
  pids+=($!)
done
# A run that failed (a page that is not 200, no benchmark user) must not yield a figure.
for i in 0 1; do
  if ! wait "${pids[$i]}"; then
    echo "the run of $([ "$i" = 0 ] && echo "$few" || echo "$many") requests failed:" >&2
    tail -n 30 "$dir/$([ "$i" = 0 ] && echo "$few" || echo "$many").log" >&2
    exit 1
  fi
done
count() { grep -o 'Collected : [0-9]*' "$dir/$1.log" | grep -o '[0-9]*$'; }
a=$(count "$few") b=$(count "$many")
echo "$page: $(((b - a) / (many - few))) instructions per request"
