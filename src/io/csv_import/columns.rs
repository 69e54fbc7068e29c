//! Finding the header row and what each column holds, from the names banks give them.

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
            "column {n} does not exist; the file has {} columns",
            header.len()
        ));
    }
    let wanted = normalize(flag);
    header.iter().position(|h| normalize(h) == wanted).ok_or_else(|| {
        format!(
            "no column named '{flag}'; the columns are: {}",
            header.iter().map(|h| format!("'{h}'")).collect::<Vec<_>>().join(", ")
        )
    })
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
}
