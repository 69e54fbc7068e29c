//! Import rules as use cases: adding, listing and deleting them, and the rules `pfos rule suggest` offers
//! from payees categorised the same way again and again.

use super::import_read::normalize;
use super::{resolve, Ledger};
use crate::domain::rules::{first_match, Rule, RuleAction};
use crate::domain::Places;
use crate::domain::UNCATEGORIZED;
use crate::error::{refused_with, Hint, Result};
use crate::store::Change;
use crate::store::{places as place_rows, rules as rule_rows};

/// How often a payee must have been categorised the same way for `pfos rule suggest` to offer a rule.
pub const SUGGEST_TIMES: usize = 3;

/// A rule `pfos rule suggest` offers: a payee always categorised the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSuggestion {
    pub pattern: String,
    pub category: String,
    pub times: usize,
}

impl Ledger {
    pub fn add_rule(
        &mut self,
        pattern: &str,
        is_regex: bool,
        category: Option<&str>,
        transfer: Option<&str>,
    ) -> Result<i64> {
        self.store.write(|tx| {
            let places = Places::new(place_rows::all(tx)?);
            let action = match (category.map(str::trim), transfer) {
                (Some(""), _) => return refused_with("the category is empty", Hint::NameCategory),
                (Some(c), None) => {
                    crate::domain::text_rules::check_label(c, "category")?;
                    RuleAction::Category(c.to_string())
                }
                (None, Some(p)) => RuleAction::Transfer(resolve(&places, p)?),
                _ => {
                    return refused_with(
                        "a rule needs exactly one action: a category or a transfer",
                        Hint::RuleAction,
                    )
                }
            };
            Rule::new(0, pattern, is_regex, action.clone()).map_err(crate::error::Error::refusal)?;
            let id = rule_rows::insert(tx, pattern, is_regex, &action)?;
            Ok((id, Change::new("rule", format!("add rule #{id} '{pattern}'"))))
        })
    }

    /// Payees (normalised descriptions) whose transactions were categorised the same way three times or
    /// more, every time they had a category other than "Uncategorized", that no rule matches yet: each as
    /// the pattern (the latest description) and the category. Most often first.
    pub fn suggest_rules(&self) -> Result<Vec<RuleSuggestion>> {
        let conn = self.store.conn();
        let rules: Vec<Rule> = rule_rows::all(conn)?
            .iter()
            .map(|r| r.compile())
            .collect::<std::result::Result<_, _>>()
            .map_err(crate::error::Error::refusal)?;
        let mut stmt = conn.prepare(
            "SELECT description, category FROM txns
             WHERE kind IN ('expense', 'income', 'refund') AND category IS NOT NULL AND splits IS NULL
               AND description <> '' AND lower(category) <> lower(?1)
             ORDER BY date, id",
        )?;
        let mut rows = stmt.query([UNCATEGORIZED])?;
        // payee → (latest description, category key → (spelling, times))
        type Seen = (String, std::collections::HashMap<String, (String, usize)>);
        let mut payees: std::collections::HashMap<String, Seen> = std::collections::HashMap::new();
        while let Some(row) = rows.next()? {
            let description: String = row.get(0)?;
            let category: String = row.get(1)?;
            let payee = payees.entry(normalize(&description)).or_default();
            payee.0 = description;
            payee
                .1
                .entry(crate::domain::category_key(&category))
                .or_insert((category, 0))
                .1 += 1;
        }
        let mut found: Vec<RuleSuggestion> = payees
            .into_values()
            .filter_map(|(description, categories)| {
                if categories.len() != 1 {
                    return None;
                }
                let (category, times) = categories.into_values().next()?;
                let pattern = description.trim().to_string();
                (times >= SUGGEST_TIMES && first_match(&rules, &pattern).is_none()).then_some(RuleSuggestion {
                    pattern,
                    category,
                    times,
                })
            })
            .collect();
        found.sort_by(|a, b| b.times.cmp(&a.times).then_with(|| a.pattern.cmp(&b.pattern)));
        Ok(found)
    }

    pub fn rules(&self) -> Result<Vec<rule_rows::RuleRow>> {
        Ok(rule_rows::all(self.store.conn())?)
    }

    pub fn delete_rule(&mut self, id: i64) -> Result<()> {
        self.store.write(|tx| {
            if rule_rows::delete(tx, id)? {
                Ok(((), Change::new("rule", format!("delete rule #{id}"))))
            } else {
                Err(crate::error::Error::NotFound {
                    kind: crate::error::Missing::Rule,
                    name: id.to_string(),
                })
            }
        })
    }
}
