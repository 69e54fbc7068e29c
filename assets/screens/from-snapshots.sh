#!/bin/sh
# Makes the plain-text screen captures in this folder from the app's snapshot
# tests (tests/snapshots/*.snap): the quoting is stripped, nothing else changes.
# Run it from the repository's root after the snapshots change:
#   sh assets/screens/from-snapshots.sh
set -eu
cd "$(dirname "$0")/../.."
out=assets/screens

capture() { # capture SNAPSHOT NAME
    # After the snapshot's header, each line is "…" (with a note on wide
    # characters after some): keep what is between the quotes.
    sed -e '1,/^---$/d' "tests/snapshots/$1.snap" |
        sed -E -e 's/^"(.*)" Hidden by multi-width symbols: .*$/\1/' -e t -e 's/^"(.*)"$/\1/' \
            >"$out/$2.txt"
}

capture tui_snapshots__dashboard dashboard
capture tui_behaviour__dashboard_with_a_loan dashboard_with_a_loan
capture tui_snapshots__transactions transactions
capture tui_snapshots__quick_add_form quick_add
capture tui_snapshots__cards cards
capture tui_snapshots__buckets buckets
capture tui_snapshots__snapshots snapshots
capture tui_snapshots__close_month_dialog close_month
capture tui_snapshots__net_worth net_worth
capture tui_whatif__whatif_screen whatif
capture tui_accounts__accounts_screen accounts
capture tui_accounts__first_run first_run
capture tui_reports__reports_categories_80x24 reports_categories
capture tui_reports__reports_trends_80x24 reports_trends
capture tui_reports__reports_cashflow_80x24 reports_cashflow
capture tui_reports__reports_tags_80x24 reports_tags
capture tui_recurring__rules_pane recurring_and_rules
capture tui_import__import_dialog_fields import_dialog
capture tui_import__import_preview import_preview
capture tui_import_options__import_date_question import_dates
capture tui_snapshots__help_transactions help
