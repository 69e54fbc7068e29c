#!/bin/sh
# The household of docs/rules.md: two months (September and October 2025) of
# a household with a checking, a savings and a brokerage account, two cards
# and two savings buckets. Both months are closed at the end.
#
#   sh assets/household.sh                  # writes /tmp/household.db
#   DB=~/household.db sh assets/household.sh
#   PFOS=target/release/pfos sh assets/household.sh
#
# Then look at it:  pfos --db /tmp/household.db          (the app)
#                   pfos --db /tmp/household.db snapshot 2025-10
#                   pfos --db /tmp/household.db status
#
# "Today" is fixed at 15 November 2025 so that the figures are the ones the
# docs show; unset PFOS_TODAY to judge the household as of your own today.
set -eu

DB=${DB:-/tmp/household.db}
PFOS=${PFOS:-pfos}
export PFOS_TODAY=${PFOS_TODAY:-2025-11-15}

if [ -e "$DB" ]; then
    echo "$DB exists already: remove it or choose another with DB=FILE" >&2
    exit 1
fi

p() { "$PFOS" --db "$DB" "$@"; }

# The places, all opened on 1 September 2025.
p account add Checking --kind checking --opening 2500 --date 2025-09-01
p account add HYSA --kind savings --opening 6000 --date 2025-09-01
p account add Brokerage --kind investment --opening 12000 --date 2025-09-01
p card add Visa --statement-day 15 --opening 450 --date 2025-09-01
p card add Amex --statement-day 3 --grace-days 25 --date 2025-09-01
p bucket add "Emergency Fund" --in HYSA --opening 5000 --target-monthly 300 --goal 15000 --date 2025-09-01
p bucket add Travel --in Checking --opening 900 --target-monthly 200 --date 2025-09-01

# September
p add income 4200 --to Checking --category Salary --date 2025-09-01 --desc "Paycheck"
p add expense 1600 --from Checking --category Rent --date 2025-09-02 --desc "September rent"
p add expense 84.30 --from Visa --category Groceries --date 2025-09-03 --desc "Trader Joe's"
p add transfer 300 --from Checking --to "Emergency Fund" --date 2025-09-05
p add transfer 200 --from Checking --to Travel --date 2025-09-05
p add expense 45 --from Checking --category Utilities --date 2025-09-08 --desc "Electric"
p add transfer 450 --from Checking --to Visa --date 2025-09-10 --desc "Visa payment"
p add expense 120 --from Visa --category Dining --date 2025-09-12
p add expense 62.70 --from Visa --category Groceries --date 2025-09-14
p add expense 230 --from Visa --category Shopping --date 2025-09-18 --desc "Jacket"
p add refund 30 --to Visa --category Shopping --date 2025-09-20 --desc "Jacket price adjustment"
p add transfer 500 --from Checking --to Brokerage --date 2025-09-22
p add expense 95.50 --from Checking --category Groceries --date 2025-09-25
p add expense 39.99 --from Amex --category Subscriptions --date 2025-09-27
p add income 15.20 --to HYSA --category Interest --date 2025-09-28
p add valuation 12650 --to Brokerage --date 2025-09-30
p close 2025-09

# October: a trip charged on the Amex and settled from the Travel bucket;
# the September Visa statement is only partly paid, so part of it carries over.
p add income 4200 --to Checking --category Salary --date 2025-10-01 --desc "Paycheck"
p add expense 1600 --from Checking --category Rent --date 2025-10-02 --desc "October rent"
p add expense 1050 --from Amex --category Travel --date 2025-10-04 --desc "Flights and hotel"
p add transfer 300 --from Checking --to "Emergency Fund" --date 2025-10-05
p add transfer 200 --from Checking --to Travel --date 2025-10-05
p add transfer 1050 --from Travel --to Amex --date 2025-10-06 --desc "Trip paid from Travel fund"
p add transfer 150 --from Checking --to Visa --date 2025-10-08 --desc "Visa payment"
p add transfer 39.99 --from Checking --to Amex --date 2025-10-10 --desc "Amex payment"
p add expense 210.40 --from Visa --category Groceries --date 2025-10-12
p add expense 64.25 --from Visa --category Dining --date 2025-10-20
p add expense 48 --from Checking --category Utilities --date 2025-10-22 --desc "Electric"
p add transfer 400 --from HYSA --to Checking --date 2025-10-25
p add income 16.10 --to HYSA --category Interest --date 2025-10-28
p add expense 25 --from Travel --category Travel --date 2025-10-29 --desc "Airport taxi"
p add valuation 12480 --to Brokerage --date 2025-10-31
p close 2025-10

echo "household written to $DB"
