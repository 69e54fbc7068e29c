//! Finding the header row and what each column holds, from the names banks give them and the columns
//! the person names or numbers.

use super::CsvOptions;
use crate::error::{Hint, Refusal};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Date,
    Description,
    Amount,
    Debit,
    Credit,
    Category,
    Balance,
}

/// Header names per role, best first (earlier names win when a file has several).
const NAMES: &[(Role, &[&str])] = &[
    (
        Role::Date,
        &[
            "transaction date",
            "trans date",
            "date",
            "booking date",
            "buchungstag",
            "datum",
            "fecha",
            "posted date",
            "posting date",
            "post date",
            "value date",
            "valuta",
            "wertstellung",
        ],
    ),
    (
        Role::Description,
        &[
            "description",
            "transaction description",
            "payee",
            "merchant",
            "name",
            "details",
            "narrative",
            "beschreibung",
            "verwendungszweck",
            "buchungstext",
            "concepto",
            "memo",
            "text",
            "reference",
        ],
    ),
    (
        Role::Amount,
        &[
            "amount",
            "transaction amount",
            "betrag",
            "importe",
            "montant",
            "value",
            "amount usd",
            "amount eur",
            "betrag eur",
        ],
    ),
    (
        Role::Debit,
        &[
            "debit",
            "debits",
            "withdrawal",
            "withdrawals",
            "money out",
            "paid out",
            "debit amount",
            "soll",
            "charges",
            "outflow",
        ],
    ),
    (
        Role::Credit,
        &[
            "credit",
            "credits",
            "deposit",
            "deposits",
            "money in",
            "paid in",
            "credit amount",
            "haben",
            "inflow",
        ],
    ),
    (Role::Category, &["category", "kategorie", "categoria", "categorie"]),
    (
        Role::Balance,
        &["balance", "running balance", "saldo", "running bal", "kontostand"],
    ),
];

/// Lower-case letters and digits, single spaces: "Trans. Date" → "trans date".
pub fn normalize(header: &str) -> String {
    let mapped: String = header
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The role of a header cell and how good a name it is (lower is better).
pub fn role_of(header: &str) -> Option<(Role, usize)> {
    let name = normalize(header);
    if name.is_empty() {
        return None;
    }
    NAMES
        .iter()
        .find_map(|(role, names)| names.iter().position(|n| *n == name).map(|rank| (*role, rank)))
}

/// The columns chosen for each role (0-based).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    pub date: Option<usize>,
    pub description: Option<usize>,
    pub amount: Option<usize>,
    pub debit: Option<usize>,
    pub credit: Option<usize>,
    pub category: Option<usize>,
}

impl Columns {
    /// Picks the best-named column for each role.
    pub fn from_header(header: &[String]) -> Columns {
        let best = |role: Role| {
            header
                .iter()
                .enumerate()
                .filter_map(|(i, h)| role_of(h).filter(|(r, _)| *r == role).map(|(_, rank)| (rank, i)))
                .min()
                .map(|(_, i)| i)
        };
        Columns {
            date: best(Role::Date),
            description: best(Role::Description),
            amount: best(Role::Amount),
            debit: best(Role::Debit),
            credit: best(Role::Credit),
            category: best(Role::Category),
        }
    }

    pub fn has_amounts(&self) -> bool {
        self.amount.is_some() || self.debit.is_some() || self.credit.is_some()
    }

    pub fn usable(&self) -> bool {
        self.date.is_some() && self.has_amounts()
    }
}

/// How many cells of a record look like header names.
pub fn header_score(record: &[String]) -> usize {
    record.iter().filter(|c| role_of(c).is_some()).count()
}

/// Resolves a `--…-col` flag: a header name (any case) or a 1-based column number.
pub fn column_by_flag(header: &[String], flag: &str) -> Result<usize, String> {
    if let Ok(n) = flag.trim().parse::<usize>() {
        if n >= 1 && n <= header.len().max(1) {
            return Ok(n - 1);
        }
        return Err(format!(
            "column {n} does not exist; the header row has {} columns: {}",
            header.len(),
            quoted(header)
        ));
    }
    let wanted = normalize(flag);
    header
        .iter()
        .position(|h| normalize(h) == wanted)
        .ok_or_else(|| format!("no column named '{flag}'; the columns are: {}", quoted(header)))
}

fn quoted(header: &[String]) -> String {
    header.iter().map(|h| format!("'{h}'")).collect::<Vec<_>>().join(", ")
}

/// How many records from the top may come before the header.
pub const HEADER_SEARCH: usize = 40;

/// The column flags given (date, amount, debit, credit, description), split into names and numbers.
struct Flags<'a> {
    names: Vec<&'a str>,
    numbers: Vec<usize>,
}

impl<'a> Flags<'a> {
    fn of(opts: &'a CsvOptions) -> Flags<'a> {
        let given = [
            &opts.date_col,
            &opts.amount_col,
            &opts.debit_col,
            &opts.credit_col,
            &opts.desc_col,
        ];
        let mut flags = Flags {
            names: Vec::new(),
            numbers: Vec::new(),
        };
        for flag in given.into_iter().filter_map(|f| f.as_deref()) {
            match flag.trim().parse::<usize>() {
                Ok(n) => flags.numbers.push(n),
                Err(_) => flags.names.push(flag),
            }
        }
        flags
    }

    fn any(&self) -> bool {
        !self.names.is_empty() || !self.numbers.is_empty()
    }

    fn named_in(name: &str, row: &[String]) -> bool {
        let wanted = normalize(name);
        row.iter().any(|c| normalize(c) == wanted)
    }

    /// The row holds every column the flags name.
    fn holds(&self, row: &[String]) -> bool {
        self.names.iter().all(|f| Flags::named_in(f, row))
    }

    /// The row holds every column the flags name and is wide enough for every column they number: names
    /// and numbers mix (`Date` and `3`), a number alone proves nothing about a row.
    fn fits(&self, row: &[String]) -> bool {
        self.holds(row) && self.numbers.iter().all(|n| *n <= row.len())
    }
}

/// The row the columns are read from: the header, or, in a file without one, the first data row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderRow {
    /// Its place among the records.
    pub index: usize,
    /// The row is data (a file without a header, its columns given by number): it is imported too.
    pub is_data: bool,
    pub cells: Vec<String>,
}

impl HeaderRow {
    /// Where the data begins among the records.
    pub fn data_from(&self) -> usize {
        self.index + usize::from(!self.is_data)
    }
}

/// A row the flags number the columns of that holds digits where its date and amount are said to be, and
/// no name banks give a column: data, in a file without a header row.
fn is_data(row: &[String], opts: &CsvOptions) -> bool {
    let cell = |flag: &Option<String>| {
        let n = flag.as_deref()?.trim().parse::<usize>().ok()?;
        row.get(n.checked_sub(1)?)
    };
    let digits = |c: &String| c.chars().any(|ch| ch.is_ascii_digit());
    let date = cell(&opts.date_col).is_some_and(digits);
    let amount = [&opts.amount_col, &opts.debit_col, &opts.credit_col]
        .into_iter()
        .any(|f| cell(f).is_some_and(digits));
    date && amount && header_score(row) == 0
}

/// Where the header is among the first [`HEADER_SEARCH`] records, and what it says. The first row, in
/// this order of preference, that: looks like a header (two or more names banks give columns, with a
/// date and an amount column unless those are given) and fits the flags; fits flags that name a column;
/// looks like a header (choosing the columns then says which flag does not fit it); fits the flags
/// (wide enough, when they only number columns); holds every column the flags name. When the flags only
/// number columns and that row is data, the file has no header and the row is imported.
pub fn find_header(records: &[(u64, Vec<String>)], opts: &CsvOptions) -> Result<HeaderRow, Refusal> {
    let top = &records[..records.len().min(HEADER_SEARCH)];
    let flags = Flags::of(opts);
    let looks = |r: &[String]| {
        header_score(r) >= 2
            && (Columns::from_header(r).usable() || opts.date_col.is_some() || opts.amount_col.is_some())
    };
    let first = |test: &dyn Fn(&[String]) -> bool| top.iter().position(|(_, r)| test(r));
    let found = first(&|r| looks(r) && flags.fits(r))
        .or_else(|| first(&|r| !flags.names.is_empty() && flags.fits(r)))
        .or_else(|| first(&|r| looks(r)))
        .or_else(|| first(&|r| flags.any() && flags.fits(r)))
        .or_else(|| first(&|r| flags.any() && flags.holds(r)));
    if let Some(index) = found {
        let cells = top[index].1.clone();
        let is_data = flags.names.is_empty() && is_data(&cells, opts);
        return Ok(HeaderRow { index, is_data, cells });
    }
    let missing = flags
        .names
        .iter()
        .find(|f| !top.iter().any(|(_, r)| Flags::named_in(f, r)));
    let reason = match missing {
        Some(name) => format!("no column named '{name}' was found in its first {HEADER_SEARCH} rows"),
        None => format!("no header row with a date and an amount column was found in its first {HEADER_SEARCH} rows"),
    };
    Err(Refusal::new(reason).hint(Hint::NameColumns))
}

/// The columns of `header`: each flag's (a name or a number), else the best-named for each role.
pub fn choose_columns(header: &[String], opts: &CsvOptions) -> Result<Columns, Refusal> {
    let mut c = Columns::from_header(header);
    let flag = |f: &Option<String>| f.as_deref().map(|f| column_by_flag(header, f)).transpose();
    if let Some(i) = flag(&opts.date_col)? {
        c.date = Some(i);
    }
    if let Some(i) = flag(&opts.desc_col)? {
        c.description = Some(i);
    }
    if let Some(i) = flag(&opts.amount_col)? {
        c.amount = Some(i);
        c.debit = None;
        c.credit = None;
    }
    let debit = flag(&opts.debit_col)?;
    let credit = flag(&opts.credit_col)?;
    if debit.is_some() || credit.is_some() {
        c.debit = debit.or(c.debit);
        c.credit = credit.or(c.credit);
        c.amount = None;
    }
    if c.amount.is_some() {
        c.debit = None;
        c.credit = None;
    }
    if c.date.is_none() {
        return Err(Refusal::new("no date column was found").hint(Hint::NameDateColumn));
    }
    if !c.has_amounts() {
        return Err(Refusal::new("no amount column was found").hint(Hint::NameAmountColumn));
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn picks_the_best_named_columns() {
        let h = header(&["Posted Date", "Trans. Date", "Payee", "Memo", "Amount", "Category"]);
        let c = Columns::from_header(&h);
        assert_eq!(c.date, Some(1), "transaction date beats posted date");
        assert_eq!(c.description, Some(2));
        assert_eq!(c.amount, Some(4));
        assert_eq!(c.category, Some(5));
        let d = Columns::from_header(&header(&["Date", "Description", "Withdrawals", "Deposits", "Balance"]));
        assert_eq!((d.debit, d.credit, d.amount), (Some(2), Some(3), None));
        assert!(d.usable());
        assert_eq!(header_score(&header(&["Account", "12345"])), 0);
    }

    #[test]
    fn flags_name_columns_by_name_or_number() {
        let h = header(&["Datum", "Text", "Betrag"]);
        assert_eq!(column_by_flag(&h, "text"), Ok(1));
        assert_eq!(column_by_flag(&h, "3"), Ok(2));
        assert!(column_by_flag(&h, "9").is_err());
        assert!(column_by_flag(&h, "Payee").is_err_and(|e| e.contains("'Datum', 'Text', 'Betrag'")));
    }

    fn records(rows: &[&[&str]]) -> Vec<(u64, Vec<String>)> {
        rows.iter().zip(1..).map(|(r, line)| (line, header(r))).collect()
    }

    fn flags(date: &str, amount: &str) -> CsvOptions {
        CsvOptions {
            date_col: Some(date.into()),
            amount_col: Some(amount.into()),
            ..CsvOptions::default()
        }
    }

    #[test]
    fn a_name_and_a_number_find_the_header_past_a_preamble() {
        let file = records(&[
            &["Account", "Everyday"],
            &["Date:", "2025-11-01"],
            &["Date", "Payee Name", "Value EUR"],
            &["2025-10-01", "Coffee", "-3.50"],
        ]);
        for (date, amount) in [("Date", "3"), ("Date", "Value EUR"), ("1", "Value EUR"), ("1", "3")] {
            let (i, h) = find_header(&file, &flags(date, amount))
                .map(|h| (h.index, h.cells))
                .unwrap_or_else(|e| panic!("{date} {amount}: {e:?}"));
            assert_eq!(i, 2, "{date} {amount}");
            let c = choose_columns(&h, &flags(date, amount)).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!((c.date, c.amount), (Some(0), Some(2)), "{date} {amount}");
        }
        // A header-looking row above that lacks the named column is passed over too.
        let file = records(&[
            &["Name", "Balance"],
            &["Date", "Text", "Sum"],
            &["2025-10-01", "A", "1"],
        ]);
        assert_eq!(find_header(&file, &flags("Date", "3")).map(|h| h.index), Ok(1));
        // A name found nowhere is named; a number past the header says how wide the header is.
        let err = find_header(&file, &flags("When", "3")).map(|h| h.index);
        assert!(
            err.as_ref().is_ok_and(|i| *i == 0),
            "{err:?}: the header-like row, whose columns are then listed"
        );
        let file = records(&[&["When", "What", "Sum"], &["2025-10-01", "A", "1"]]);
        let err = find_header(&file, &flags("Date", "3")).err().map(|e| e.reason);
        assert_eq!(
            err.as_deref(),
            Some("no column named 'Date' was found in its first 40 rows")
        );
        let h = find_header(&file, &flags("When", "9"))
            .map(|h| h.cells)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let err = choose_columns(&h, &flags("When", "9")).err().map(|e| e.reason);
        assert_eq!(
            err.as_deref(),
            Some("column 9 does not exist; the header row has 3 columns: 'When', 'What', 'Sum'")
        );
    }
}
