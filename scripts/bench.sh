#!/usr/bin/env bash
# The performance table of docs/performance.md: builds a ~1,000,000-transaction household (20 years) with
# `pfos demo`, times every command with hyperfine (medians of whole processes, release build), measures
# peak memory with /usr/bin/time, times `ledger bal` and `hledger bal` on the exported journal in the
# same run, and prints a Markdown table with the ratios.
#
# Usage: scripts/bench.sh            (YEARS=20 PER_MONTH=4200 by default; HLEDGER=0 skips hledger)
set -euo pipefail
cd "$(dirname "$0")/.."
years=${YEARS:-20}
per_month=${PER_MONTH:-4200}
work=${WORK:-$(mktemp -d)}
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install -y hyperfine" >&2; exit 1; }
cargo build --release --quiet
bin=$PWD/target/release/pfos
export PFOS_TODAY=2026-11-15 PFOS_KEEP_BACKUPS=10
base=$work/base.db
if [ ! -f "$base" ]; then
    /usr/bin/time -f "%e" -o "$work/gen.time" "$bin" demo --db "$base" --years "$years" --per-month "$per_month" --no-open --seed 1 > "$work/gen.out"
fi
db=$work/bench.db
cp "$base" "$db"
export PFOS_DB=$db
txns=$("$bin" check | sed -E 's/^ok: ([0-9]+) transactions.*/\1/')
bytes=$(stat -c %s "$db")
last_closed=$("$bin" status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["latest_closed"])')

json=$work/hyperfine.json
rows=()
measure() { # name, runs, command...; appends "name|median ms|peak KiB"
    local name=$1 runs=$2; shift 2
    hyperfine -N --warmup 1 --runs "$runs" --export-json "$json" "$*" > /dev/null 2>&1
    local ms; ms=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f" % (r["median"]*1000))' "$json")
    local kib; kib=$( { /usr/bin/time -f "%M" "$@" > /dev/null; } 2>&1 | tail -1)
    rows+=("$name|$ms|$kib")
}
measure_prepared() { # name, runs, prepare (run without a shell: wrap in sh -c '...' for one), command...
    local name=$1 runs=$2 prepare=$3; shift 3
    hyperfine -N --runs "$runs" --prepare "$prepare" --export-json "$json" "$*" > /dev/null 2>&1
    local ms; ms=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f" % (r["median"]*1000))' "$json")
    sh -c "$prepare" > /dev/null 2>&1
    local kib; kib=$( { /usr/bin/time -f "%M" "$@" > /dev/null; } 2>&1 | tail -1)
    rows+=("$name|$ms|$kib")
}

measure "pfos status --json" 20 "$bin" status --json
measure "pfos snapshot $last_closed --json" 20 "$bin" snapshot "$last_closed" --json
measure "pfos txn list --month $last_closed" 10 "$bin" txn list --month "$last_closed"
# Search: a word on 239 rows, and a word on an eighth of them within a month.
measure "pfos txn list --search costco" 20 "$bin" txn list --search costco
measure "pfos txn list --search cinema --month $last_closed" 10 "$bin" txn list --search cinema --month "$last_closed"
measure "pfos check" 3 "$bin" check
# The month N−1 months before today's: 12 months back, and the demo's first month ($years years back).
months_back() { python3 -c 'import sys; y, m = map(int, sys.argv[1].split("-")); t = y * 12 + m - 1 - int(sys.argv[2]); print(f"{t // 12:04d}-{t % 12 + 1:02d}")' "${PFOS_TODAY:0:7}" "$1"; }
year_ago=$(months_back 11)
first_month=$(months_back $((12 * years - 1)))
measure "pfos report categories, 12 months" 20 "$bin" report categories --from "$year_ago" --to "${PFOS_TODAY:0:7}" --json
measure "pfos report categories, $years years" 20 "$bin" report categories --from "$first_month" --to "${PFOS_TODAY:0:7}" --json
measure "pfos report tags, $years years" 10 "$bin" report tags --from "$first_month" --to "${PFOS_TODAY:0:7}" --json
measure "pfos loans" 20 "$bin" loans
# The first close of a day backs the database up first (a copy of the whole file); later ones do not.
measure_prepared "pfos close $last_closed" 10 "$bin reopen $last_closed" "$bin" close "$last_closed"
measure_prepared "pfos close $last_closed (the day's first: backs up first)" 5 "sh -c 'rm -rf $work/backups; $bin reopen $last_closed'" "$bin" close "$last_closed"
# Memory witnesses: every transaction listed and exported.
measure "pfos txn list (every transaction)" 1 "$bin" txn list
measure "pfos export ledger" 1 "$bin" export ledger --out "$work/bench.journal" --force
measure "pfos export json" 1 "$bin" export json --out "$work/bench.json" --force

for n in 100000 1000000; do
    python3 - "$n" > "$work/bank-$n.csv" <<'PY'
import datetime, random, sys
n = int(sys.argv[1]); rnd = random.Random(42); start = datetime.date(2026, 11, 1)
print("Date,Description,Amount")
for i in range(n):
    print(f"{start + datetime.timedelta(days=i % 14):%m/%d/%Y},SHOP {i} #{rnd.randint(1, 99999)},-{rnd.randint(100, 20000) / 100:.2f}")
PY
    measure_prepared "pfos import csv, $n rows" 3 "cp $base $db" "$bin" import csv "$work/bank-$n.csv" --into Checking
done
cp "$base" "$db"
measure_prepared "pfos import json (every transaction, into a new database)" 1 "sh -c 'rm -f $work/restored.db*'" env PFOS_DB="$work/restored.db" "$bin" import json "$work/bench.json"

frames=$("$bin" bench-frames)
ledger_ms=""; hledger_ms=""
if command -v ledger >/dev/null; then
    measure "ledger -f journal bal" 3 ledger -f "$work/bench.journal" bal
    ledger_ms=$(echo "${rows[-1]}" | cut -d'|' -f2)
fi
if command -v hledger >/dev/null && [ "${HLEDGER:-1}" != 0 ]; then
    measure "hledger -f journal bal" 1 hledger -f "$work/bench.journal" bal
    hledger_ms=$(echo "${rows[-1]}" | cut -d'|' -f2)
fi
status_ms=$(echo "${rows[0]}" | cut -d'|' -f2)

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD)"
echo "Ledger: $txns transactions over $years years (pfos demo --years $years --per-month $per_month --seed 1, generated in $(cat "$work/gen.time" 2>/dev/null || echo '?') s); database $((bytes / 1048576)) MiB = $((bytes / txns)) bytes per transaction"
echo
echo "| what | median | peak RSS |"
echo "|---|---|---|"
for row in "${rows[@]}"; do
    IFS='|' read -r name ms kib <<< "$row"
    echo "| \`$name\` | $ms ms | $((kib / 1024)) MiB |"
done
echo
echo "App (\`pfos bench-frames\`, 120×40 TestBackend): $frames" | tr '\n' ' '
echo
[ -n "$ledger_ms" ] && python3 -c "import sys; print('pfos status --json is %.0fx faster than ledger bal' % (float(sys.argv[2]) / float(sys.argv[1])))" "$status_ms" "$ledger_ms"
[ -n "$hledger_ms" ] && python3 -c "import sys; print('pfos status --json is %.0fx faster than hledger bal' % (float(sys.argv[2]) / float(sys.argv[1])))" "$status_ms" "$hledger_ms"
true
