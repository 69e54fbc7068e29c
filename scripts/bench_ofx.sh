#!/usr/bin/env bash
# Times `pfos import` of an OFX 1.x (SGML) bank statement of N generated transactions (default 100,000)
# into an empty account, then its re-import (all duplicates by FITID), with the release build.
# Usage: scripts/bench_ofx.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
python3 - "$rows" > "$work/bank.ofx" <<'PY'
import random, sys, datetime
n = int(sys.argv[1]); rnd = random.Random(42)
start = datetime.date(2006, 1, 1)
payees = ["TRADER JOE'S", "SHELL OIL", "NETFLIX.COM", "CITY UTILITIES", "AMAZON MKTPLACE", "BLUE BOTTLE", "PAYROLL ACME"]
out = sys.stdout
out.write("OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:1252\r\n"
          "COMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n<OFX>\r\n<BANKMSGSRSV1>\r\n<STMTTRNRS>\r\n"
          "<TRNUID>1\r\n<STMTRS>\r\n<CURDEF>USD\r\n<BANKACCTFROM>\r\n<BANKID>121000248\r\n<ACCTID>1234567890\r\n"
          "<ACCTTYPE>CHECKING\r\n</BANKACCTFROM>\r\n<BANKTRANLIST>\r\n<DTSTART>20060101\r\n<DTEND>20251231\r\n")
balance = 100000000
for i in range(n):
    day = start + datetime.timedelta(days=i * 7300 // n)
    payee = rnd.choice(payees)
    cents = rnd.randint(100, 20000) * (1 if payee.startswith("PAYROLL") else -1)
    balance += cents
    kind = "CREDIT" if cents > 0 else "DEBIT"
    out.write(f"<STMTTRN>\r\n<TRNTYPE>{kind}\r\n<DTPOSTED>{day:%Y%m%d}120000[-5:EST]\r\n<TRNAMT>{cents / 100:.2f}\r\n"
              f"<FITID>{day:%Y%m%d}{i:08d}\r\n<NAME>{payee} #{rnd.randint(1, 99999)}\r\n<MEMO>POS PURCHASE\r\n</STMTTRN>\r\n")
out.write(f"</BANKTRANLIST>\r\n<LEDGERBAL>\r\n<BALAMT>{balance / 100:.2f}\r\n<DTASOF>{day:%Y%m%d}\r\n</LEDGERBAL>\r\n"
          "</STMTRS>\r\n</STMTTRNRS>\r\n</BANKMSGSRSV1>\r\n</OFX>\r\n")
PY
ls -l "$work/bank.ofx" | awk '{print $5 " bytes"}'
export PFOS_DB="$work/bench.db" PFOS_TODAY=2026-01-15
./target/release/pfos account add Checking --kind checking --opening 1000000 --date 2005-12-31 > /dev/null
/usr/bin/time -f "%e s elapsed, %M KiB max RSS" ./target/release/pfos import "$work/bank.ofx" --into Checking | head -1
/usr/bin/time -f "%e s elapsed, %M KiB max RSS (re-import, all duplicates)" ./target/release/pfos import "$work/bank.ofx" --into Checking | head -1
