#!/usr/bin/env bash
# Times `pfos import csv` of a card file full of payments (default 20,000 rows, every third a payment the
# import turns into a transfer from Checking) with the release build: each payment looks for the other
# side of its transfer, so this measures that search as the file fills the card's days with transfers.
# Usage: scripts/bench_card_payments.sh [ROWS] [DB]   (DB: a copy of it is used; default a new ledger)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
python3 - "$rows" > "$work/card.csv" <<'PY'
import datetime, sys
n = int(sys.argv[1]); start = datetime.date(2026, 11, 1)
print("Date,Description,Amount")
for i in range(n):
    day = start + datetime.timedelta(days=i % 14)
    if i % 3 == 0:
        print(f"{day:%m/%d/%Y},PAYMENT THANK YOU {i},-{i % 500 + 1}.00")
    else:
        print(f"{day:%m/%d/%Y},SHOP {i},{i % 90 + 1}.25")
PY
export PFOS_DB="$work/bench.db" PFOS_TODAY=2026-11-29
if [ -n "${2:-}" ]; then
    cp "$2" "$PFOS_DB"
else
    ./target/release/pfos account add Checking --kind checking --opening 1000 --date 2026-01-01 > /dev/null
    ./target/release/pfos card add Visa --statement-day 15 --date 2026-01-01 > /dev/null
fi
/usr/bin/time -f "%e s elapsed, %M KiB max RSS" ./target/release/pfos import csv "$work/card.csv" --into Visa | head -1
