#!/usr/bin/env bash
# Instructions per page view, counted by valgrind: repeatable where timings on a shared VM are
# not (two runs agree to ~0.3 %). The difference between a 200- and a 700-request run leaves
# out start-up. Needs valgrind and a database kept by `node bench/scorecard.ts --keep-database`.
#   bench/page-instructions.sh <database url> '/p/scorecard?period=2026-Q4'
set -euo pipefail
url=$1 page=$2
dir=$(mktemp -d)
for n in 200 700; do
  valgrind --tool=callgrind --smc-check=all-non-file --callgrind-out-file="$dir/$n.out" \
    node "$(dirname "$0")/page-requests.ts" "$url" "$page" "$n" >"$dir/$n.log" 2>&1 &
done
wait
count() { grep -o 'Collected : [0-9]*' "$dir/$1.log" | grep -o '[0-9]*$'; }
a=$(count 200) b=$(count 700)
echo "$page: $(((b - a) / 500)) instructions per request"
rm -rf "$dir"
