#!/usr/bin/env python3
"""N bank rows as a US checking CSV on stdout (fixed seed): seven payees, each with its own reference
number so descriptions are distinct, dates spread over 20 years from 2006. Used by bench_import.sh and
bench_db_size.sh. Usage: gen_bank_csv.py ROWS"""
import datetime
import random
import sys

n = int(sys.argv[1])
rnd = random.Random(42)
start = datetime.date(2006, 1, 1)
payees = ["TRADER JOE'S", "SHELL OIL", "NETFLIX.COM", "CITY UTILITIES", "AMAZON MKTPLACE", "BLUE BOTTLE", "PAYROLL ACME"]
print("Date,Description,Amount,Balance")
for i in range(n):
    day = start + datetime.timedelta(days=i * 7300 // n)
    payee = rnd.choice(payees)
    cents = rnd.randint(100, 20000) * (1 if payee.startswith("PAYROLL") else -1)
    print(f"{day:%m/%d/%Y},{payee} #{rnd.randint(1, 99999)},{cents / 100:.2f},")
