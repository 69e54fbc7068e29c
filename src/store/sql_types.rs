//! The one place where domain values become SQL values and back: cents, months, kinds.

use crate::domain::{Money, Month, PlaceKind, TxnKind};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

impl ToSql for Money {
    /// Cents; an amount beyond 64-bit cents is an error, never a clamped figure.
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match self.checked_cents() {
            Some(cents) => Ok(ToSqlOutput::from(cents)),
            None => Err(rusqlite::Error::ToSqlConversionFailure(
                format!("{self} is too large to store exactly in cents; nothing was changed").into(),
            )),
        }
    }
}

impl FromSql for Money {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        i64::column_result(value).map(Money::from_cents)
    }
}

impl ToSql for Month {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for Month {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        Month::parse(text).map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

impl ToSql for PlaceKind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for PlaceKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value
            .as_str()?
            .parse()
            .map_err(|e: String| FromSqlError::Other(e.into()))
    }
}

impl ToSql for TxnKind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for TxnKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value
            .as_str()?
            .parse()
            .map_err(|e: String| FromSqlError::Other(e.into()))
    }
}
