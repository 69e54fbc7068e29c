//! Reading a JSON export as it streams from the file: each transaction goes to the [`Sink`] as soon as it
//! is read and checked, so memory holds places, rules, snapshots and plans (small), never the transactions.
//!
//! `pfos export json` writes "format", "version" and "places" before "transactions", and one pass reads
//! such a file. A file edited by hand may have its keys in any order: when "transactions" comes before
//! what checking them needs, the first pass only checks its syntax and a second pass streams them.

use super::places::places;
use super::{check_format, check_version, imported, not_an_export, Failure, Problem, Sink, TxnCheck};
use crate::domain::Places;
use crate::io::json_backup::{LoanInterestRec, PlaceRec, ReconciliationRec, RuleRec, SnapshotRec, TxnRec, VERSION};
use crate::io::json_plans::PlansRec;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::fmt;
use std::fs::File;
use std::io::{BufReader, Read as _};
use std::path::Path;

/// How much of the file is read at a time.
const CHUNK: usize = 1 << 16;

/// What a read leaves for the checks that need the whole file.
pub(super) struct Read {
    pub version: u64,
    pub last_txn_id: Option<i64>,
    pub categories: Option<Vec<String>>,
    pub places: Places,
    pub loan_interest: Vec<LoanInterestRec>,
    pub rules: Vec<RuleRec>,
    pub snapshots: Vec<SnapshotRec>,
    pub plans: PlansRec,
    pub reconciliations: Vec<ReconciliationRec>,
    pub txns: TxnCheck,
    /// How many transactions went to the sink.
    pub count: usize,
}

/// What has been read so far, over one or two passes.
#[derive(Default)]
struct State {
    /// The top level is an object (so a type error is about a field, not about the whole file).
    in_map: bool,
    format: Option<Value>,
    version: Option<Value>,
    /// `Some(None)` once an explicit null was read.
    last_txn_id: Option<Option<i64>>,
    categories: Option<Vec<String>>,
    places: Option<Places>,
    loan_interest: Option<Vec<LoanInterestRec>>,
    rules: Option<Vec<RuleRec>>,
    snapshots: Option<Vec<SnapshotRec>>,
    plans: Option<PlansRec>,
    reconciliations: Option<Vec<ReconciliationRec>>,
    /// The "transactions" key was seen; `streamed` once its elements went to the sink.
    txns_seen: bool,
    streamed: bool,
    txns: TxnCheck,
    count: usize,
    /// Why a visitor stopped, when it was not the JSON itself (serde only carries a message).
    failure: Option<Failure>,
}

impl State {
    /// Transactions can be checked as they come once format and version (checked as they came) and the
    /// places are known.
    fn ready(&self) -> bool {
        self.format.is_some() && self.version.is_some() && self.places.is_some()
    }
}

/// Reads the file at `path`, opened as `file`, in one pass, or two if its transactions come early.
pub(super) fn read(path: &Path, file: File, sink: &mut dyn Sink) -> Result<Read, Failure> {
    let mut state = State::default();
    pass(file, Pass::First, &mut state, sink)?;
    if state.txns_seen && !state.streamed {
        let again = File::open(path).map_err(|source| io_failure(path, source))?;
        pass(again, Pass::Second, &mut state, sink)?;
        if !state.streamed {
            return Err(Failure::Problem(
                "it changed while it was being read; import it again once nothing is writing to it".into(),
            ));
        }
    }
    let changed = || Failure::Problem("it changed while it was being read".into());
    Ok(Read {
        version: state.version.as_ref().and_then(Value::as_u64).unwrap_or(VERSION),
        last_txn_id: state.last_txn_id.flatten(),
        categories: state.categories,
        places: state.places.ok_or_else(changed)?,
        loan_interest: state.loan_interest.unwrap_or_default(),
        rules: state.rules.unwrap_or_default(),
        snapshots: state.snapshots.unwrap_or_default(),
        plans: state.plans.unwrap_or_default(),
        reconciliations: state.reconciliations.unwrap_or_default(),
        txns: state.txns,
        count: state.count,
    })
}

fn io_failure(path: &Path, source: std::io::Error) -> Failure {
    Failure::Error(crate::error::Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Everything; the transactions too if what they need came before them.
    First,
    /// Only the transactions the first pass skipped.
    Second,
}

fn pass(file: File, pass: Pass, state: &mut State, sink: &mut dyn Sink) -> Result<(), Failure> {
    let mut de = serde_json::Deserializer::from_reader(BufReader::with_capacity(CHUNK, file));
    let result = FileVisitor {
        pass,
        state: &mut *state,
        sink,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    result.map_err(|e| match state.failure.take() {
        Some(failure) => failure,
        None => json_failure(e, state.in_map),
    })
}

/// What a serde_json error means to the person importing.
fn json_failure(e: serde_json::Error, in_map: bool) -> Failure {
    use serde_json::error::Category;
    match e.classify() {
        Category::Io => Failure::Problem(format!("it cannot be read ({e})")),
        Category::Syntax | Category::Eof => Failure::NotAnExport(format!("it is not valid JSON ({e})")),
        Category::Data if !in_map => Failure::NotAnExport(not_an_export()),
        Category::Data => Failure::Problem(format!(
            "it does not have the shape of a pfos export: {e} (amounts are strings like \"1234.50\", ids are numbers)"
        )),
    }
}

/// Keeps why a visitor stops, and gives serde an error that only ends the parse.
fn stop<E: de::Error>(slot: &mut Option<Failure>, failure: Failure) -> E {
    *slot = Some(failure);
    E::custom("stopped")
}

/// The top-level object of the file.
struct FileVisitor<'a> {
    pass: Pass,
    state: &'a mut State,
    sink: &'a mut dyn Sink,
}

impl<'de> DeserializeSeed<'de> for FileVisitor<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

/// Fails if a key comes twice, as a struct's derived deserializer would.
fn once<E: de::Error>(seen: bool, field: &'static str) -> Result<(), E> {
    if seen {
        return Err(E::duplicate_field(field));
    }
    Ok(())
}

impl<'de> Visitor<'de> for FileVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a pfos export (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let FileVisitor { pass, state, sink } = self;
        state.in_map = true;
        while let Some(key) = map.next_key::<String>()? {
            if pass == Pass::Second {
                if key == "transactions" {
                    stream_txns(&mut map, state, sink)?;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
                continue;
            }
            match key.as_str() {
                "format" => {
                    once(state.format.is_some(), "format")?;
                    let value = map.next_value::<Value>()?;
                    check_format(Some(&value)).map_err(|f| stop(&mut state.failure, f))?;
                    state.format = Some(value);
                }
                "version" => {
                    once(state.version.is_some(), "version")?;
                    let value = map.next_value::<Value>()?;
                    check_version(Some(&value)).map_err(|f| stop(&mut state.failure, f))?;
                    state.version = Some(value);
                }
                "places" => {
                    once(state.places.is_some(), "places")?;
                    let recs: Vec<PlaceRec> = map.next_value()?;
                    let checked = places(&recs).map_err(|p| stop(&mut state.failure, Failure::Problem(p)))?;
                    let checked = Places::new(checked);
                    sink.places(checked.all()).map_err(|f| stop(&mut state.failure, f))?;
                    state.places = Some(checked);
                }
                "transactions" => {
                    once(state.txns_seen, "transactions")?;
                    state.txns_seen = true;
                    if state.ready() {
                        stream_txns(&mut map, state, sink)?;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                "last_txn_id" => {
                    once(state.last_txn_id.is_some(), "last_txn_id")?;
                    state.last_txn_id = Some(map.next_value()?);
                }
                "categories" => {
                    once(state.categories.is_some(), "categories")?;
                    state.categories = Some(map.next_value()?);
                }
                "loan_interest" => {
                    once(state.loan_interest.is_some(), "loan_interest")?;
                    state.loan_interest = Some(map.next_value()?);
                }
                "rules" => {
                    once(state.rules.is_some(), "rules")?;
                    state.rules = Some(map.next_value()?);
                }
                "snapshots" => {
                    once(state.snapshots.is_some(), "snapshots")?;
                    state.snapshots = Some(map.next_value()?);
                }
                "plans" => {
                    once(state.plans.is_some(), "plans")?;
                    state.plans = Some(map.next_value()?);
                }
                "reconciliations" => {
                    once(state.reconciliations.is_some(), "reconciliations")?;
                    state.reconciliations = Some(map.next_value()?);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if pass == Pass::First {
            check_format(state.format.as_ref())
                .and_then(|()| check_version(state.version.as_ref()))
                .map_err(|f| stop(&mut state.failure, f))?;
            for (seen, field) in [
                (state.places.is_some(), "places"),
                (state.txns_seen, "transactions"),
                (state.snapshots.is_some(), "snapshots"),
            ] {
                if !seen {
                    return Err(de::Error::missing_field(field));
                }
            }
        }
        Ok(())
    }
}

fn stream_txns<'de, A: MapAccess<'de>>(map: &mut A, state: &mut State, sink: &mut dyn Sink) -> Result<(), A::Error> {
    let State {
        places,
        txns,
        count,
        failure,
        streamed,
        ..
    } = state;
    let Some(places) = places.as_ref() else {
        return Err(stop(failure, Failure::Problem("its places could not be read".into())));
    };
    map.next_value_seed(TxnsSeed {
        places,
        check: txns,
        count,
        sink,
        failure,
    })?;
    *streamed = true;
    Ok(())
}

/// The "transactions" array: each element checked and handed on, none kept.
struct TxnsSeed<'a> {
    places: &'a Places,
    check: &'a mut TxnCheck,
    count: &'a mut usize,
    sink: &'a mut dyn Sink,
    failure: &'a mut Option<Failure>,
}

impl<'de> DeserializeSeed<'de> for TxnsSeed<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for TxnsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of transactions")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(rec) = seq.next_element::<TxnRec>()? {
            let checked = self
                .check
                .check(&rec, self.places)
                .and_then(|txn| Ok((txn, imported(&rec, self.places)?)));
            let (txn, imported) = checked.map_err(|p: Problem| stop(self.failure, Failure::Problem(p)))?;
            self.sink.txn(&txn, &imported).map_err(|f| stop(self.failure, f))?;
            *self.count += 1;
        }
        Ok(())
    }
}

/// Whether the whole file is UTF-8, read a piece at a time (false only when it surely is not).
pub(super) fn is_utf8(path: &Path) -> bool {
    let Ok(mut file) = File::open(path) else {
        return true;
    };
    let mut buf = vec![0_u8; CHUNK];
    // The bytes of a character cut by the end of the previous piece, moved to the front.
    let mut kept = 0;
    loop {
        let n = match file.read(&mut buf[kept..]) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return true,
        };
        if n == 0 {
            return kept == 0;
        }
        let filled = kept + n;
        match std::str::from_utf8(&buf[..filled]) {
            Ok(_) => kept = 0,
            Err(e) if e.error_len().is_some() => return false,
            Err(e) => {
                let start = e.valid_up_to();
                buf.copy_within(start..filled, 0);
                kept = filled - start;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_utf8;

    #[test]
    fn utf8_is_checked_across_the_pieces_a_file_is_read_in() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("f.json");
        // A 3-byte character across the boundary of the first piece.
        let mut text = "a".repeat(super::CHUNK - 1).into_bytes();
        text.extend("€ ü".as_bytes());
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
        assert!(is_utf8(&path));
        text.truncate(super::CHUNK);
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
        assert!(!is_utf8(&path), "cut short inside a character");
        std::fs::write(&path, [b'{', 0xff, b'}']).unwrap_or_else(|e| panic!("{e}"));
        assert!(!is_utf8(&path));
    }
}
