//! What the dashboard reads once per date: the state at that date and the transactions of the months its
//! figures look back over (the card statement windows and the forecast's usual months), shared by the
//! status, the forecast and the outlook so a refresh reads each row once.

use super::close::{card_moves, window_start_of_cards};
use super::state::checkpoint_for;
use super::State;
use crate::domain::statement::CardMoves;
use crate::domain::{Month, PlaceId, Places, Txn};
use crate::error::Result;
use crate::store::txns;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

/// Months the usual averages look back, as the projection made at a close does (up to three closed months).
pub(super) const WINDOW: i32 = 3;

/// The last month that is over at `as_of` (its last day counts as over).
pub fn last_complete_month(as_of: NaiveDate) -> Month {
    let month = Month::of(as_of);
    if as_of == month.last_day() {
        month
    } else {
        month.prev()
    }
}

/// The state at a date and the transactions its figures look back over.
pub(super) struct Lookback {
    pub as_of: NaiveDate,
    pub state: State,
    /// Each card's moves among `recent`.
    pub card_moves: HashMap<PlaceId, CardMoves>,
    /// Every transaction from the cards' statement windows and the usual months (see [`reach`]) to `as_of`,
    /// in order, without their text (no category, empty description): the figures here need dates,
    /// kinds, amounts and places only.
    pub recent: Vec<Txn>,
}

impl Lookback {
    pub fn load(conn: &Connection, as_of: NaiveDate) -> Result<Lookback> {
        let places = Places::new(crate::store::places::all(conn)?);
        let checkpoint = checkpoint_for(conn, Some(as_of))?;
        let since = reach(&places, as_of, checkpoint);
        let recent = txns::between_without_text(conn, since, as_of)?;
        let state = State::load_reusing(conn, places, checkpoint, as_of, &recent, since)?;
        Ok(Lookback {
            as_of,
            card_moves: card_moves(&state.places, &recent),
            state,
            recent,
        })
    }
}

/// How far back the figures at `as_of` reach: the first usual month and the three calendar months before
/// `as_of`'s (the verdict's spending pace compares with the same days of those months), and the statement windows
/// of every card at `as_of` and at the end of each usual month that is not closed (a closed month's card states
/// are in its snapshot).
fn reach(places: &Places, as_of: NaiveDate, checkpoint: Option<Month>) -> NaiveDate {
    let last = last_complete_month(as_of);
    let usual_first = last.plus(1 - WINDOW);
    let first = usual_first.min(Month::of(as_of).plus(-WINDOW));
    let open_from = checkpoint.map_or(usual_first, |c| c.next().max(usual_first));
    let card_dates = std::iter::once(as_of).chain((open_from <= last).then(|| open_from.last_day()));
    card_dates
        .filter_map(|date| window_start_of_cards(places, date))
        .chain(std::iter::once(first.first_day()))
        .min()
        .unwrap_or(first.first_day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::domain::parse_date(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_last_day_of_a_month_makes_it_complete() {
        assert_eq!(last_complete_month(d("2026-03-31")), Month::of(d("2026-03-01")));
        assert_eq!(last_complete_month(d("2026-03-30")), Month::of(d("2026-02-01")));
    }

    #[test]
    fn without_cards_the_reach_is_three_months_back() {
        let places = Places::new(Vec::new());
        assert_eq!(reach(&places, d("2026-11-15"), None), d("2026-08-01"));
        // On a month's last day the usual months end with it, but the pace still looks three months back.
        assert_eq!(reach(&places, d("2026-11-30"), None), d("2026-08-01"));
    }
}
