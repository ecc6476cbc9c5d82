//! `zizhen compare A B` as people and machines read it. [`view`] puts a
//! [`Comparison`](crate::model::compare::Comparison) into the reader's words once — rows of
//! label, A, B and the change — and [`plain`], [`markdown`] and the HTML page
//! ([`crate::report::html::compare`]) only lay those rows out; [`json`] writes the comparison
//! itself, with stable keys. Figures follow [`crate::figures`]: rounded down, and a change is
//! the difference of the two figures shown beside it.

pub mod json;
pub mod markdown;
pub mod plain;

use crate::figures;
use crate::i18n::Strings;
use crate::model::Questionnaire;
use crate::model::compare::{Answer, Comparison, NodePair};
use crate::model::fields::Field;
use crate::model::profile::{Coverage, check_industry, check_province};
use crate::model::scoring::{Exact, Score};

/// Where a result has no figure (a level or node with nothing applicable assessed).
pub const NONE: &str = "–";

/// One line of a comparison table: what, its value in A and in B, and the change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub a: String,
    pub b: String,
    /// The change from A to B ("+0.30", "+1", "now reached"); empty where there is none to say.
    pub change: String,
    pub changed: bool,
}

/// A requirement answered differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequirementRow {
    pub id: String,
    pub subdomain: String,
    pub level: u8,
    pub text: String,
    pub a: String,
    pub b: String,
}

/// Everything a comparison report shows, in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    /// What A and B are (the names given on the command line) and whose.
    pub a_source: String,
    pub b_source: String,
    pub a_enterprise: String,
    pub b_enterprise: String,
    pub questionnaire: String,
    /// Level, X and completeness.
    pub result: Vec<Row>,
    /// S1–S5.
    pub levels: Vec<Row>,
    pub elements: Vec<Row>,
    pub domains: Vec<Row>,
    /// Every sub-domain's overall score.
    pub subdomains: Vec<Row>,
    /// Every sub-domain level score that changed ("Planning, level 3").
    pub cells: Vec<Row>,
    pub requirements: Vec<RequirementRow>,
    pub tailoring: Vec<Row>,
    pub fields: Vec<Row>,
    /// Nothing compared differs.
    pub same: bool,
}

/// Builds the view of `c` (A named `a_source`, B `b_source`).
pub fn view(
    q: &Questionnaire,
    c: &Comparison,
    a_source: &str,
    b_source: &str,
    a_name: Option<&str>,
    b_name: Option<&str>,
    s: &Strings,
) -> View {
    let lang = s.lang();
    let unnamed = s.get("compare.unnamed");
    let level_label = |level: u8| {
        if level == 0 {
            s.get("report.below_level_1").to_string()
        } else {
            s.fmt(
                "report.level_value",
                &[
                    ("n", &level.to_string()),
                    ("name", q.level(level).name.get(lang)),
                ],
            )
        }
    };
    let rated = |score: &Score| {
        s.fmt(
            "compare.rated_of",
            &[
                ("rated", &score.completeness.rated.to_string()),
                ("total", &score.completeness.total.to_string()),
            ],
        )
    };
    let (a, b) = (&c.a, &c.b);
    let level_change = i16::from(b.level) - i16::from(a.level);
    let result = vec![
        Row {
            label: s.get("compare.level").to_string(),
            a: level_label(a.level),
            b: level_label(b.level),
            change: signed(level_change),
            changed: level_change != 0,
        },
        score_row(s.get("compare.x").to_string(), &a.overall, &b.overall),
        Row {
            label: s.get("compare.rated").to_string(),
            a: rated(a),
            b: rated(b),
            change: signed(b.completeness.rated as i64 - a.completeness.rated as i64),
            changed: a.completeness != b.completeness,
        },
    ];
    let levels = a
        .levels
        .iter()
        .zip(&b.levels)
        .map(|(la, lb)| {
            let mut row = score_row(level_label(la.level), &la.score, &lb.score);
            let flip = match (la.reached, lb.reached) {
                (false, true) => Some("compare.now_reached"),
                (true, false) => Some("compare.no_longer_reached"),
                _ => None,
            };
            if let Some(key) = flip {
                row.change = format!("{} {}", row.change, s.get(key));
                row.changed = true;
            }
            row
        })
        .collect();
    let node_rows = |pairs: Vec<NodePair>, name: &dyn Fn(usize) -> String| -> Vec<Row> {
        pairs
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let show = |n: &crate::model::scoring::NodeScore| match &n.overall {
                    Some(x) => figures::score(x),
                    None => s.get("compare.not_applicable").to_string(),
                };
                let change = match (&p.a.overall, &p.b.overall) {
                    (Some(x), Some(y)) => figures::delta(x, y),
                    _ => String::new(),
                };
                Row {
                    label: name(i),
                    a: show(p.a),
                    b: show(p.b),
                    change,
                    changed: p.changed(),
                }
            })
            .collect()
    };
    let elements = node_rows(c.elements(), &|i| q.elements[i].name.get(lang).to_string());
    let domains = node_rows(c.domains(), &|i| q.domains[i].name.get(lang).to_string());
    let subdomains = node_rows(c.subdomains(), &|i| {
        q.subdomains[i].name.get(lang).to_string()
    });
    let mut cells = Vec::new();
    for (i, p) in c.subdomains().iter().enumerate() {
        for (l, (x, y)) in p.a.levels.iter().zip(&p.b.levels).enumerate() {
            if x == y {
                continue;
            }
            let label = s.fmt(
                "compare.cell",
                &[
                    ("subdomain", q.subdomains[i].name.get(lang)),
                    ("n", &(l + 1).to_string()),
                ],
            );
            let change = match (x, y) {
                (Some(x), Some(y)) => figures::delta(x, y),
                _ => String::new(),
            };
            cells.push(Row {
                label,
                a: x.as_ref().map_or_else(|| NONE.to_string(), figures::score),
                b: y.as_ref().map_or_else(|| NONE.to_string(), figures::score),
                change,
                changed: true,
            });
        }
    }
    let requirements = c
        .requirements
        .iter()
        .map(|r| {
            let req = &q.requirements[r.index];
            RequirementRow {
                id: r.id.clone(),
                subdomain: q.subdomains[req.subdomain].name.get(lang).to_string(),
                level: req.level,
                text: req.text.get(lang).to_string(),
                a: answer_label(r.from, s),
                b: answer_label(r.to, s),
            }
        })
        .collect();
    let tailoring = c
        .tailoring
        .iter()
        .map(|t| {
            let side = |reason: &Option<String>| match reason {
                Some(reason) => s.fmt("compare.tailored_out", &[("reason", reason)]),
                None => s.get("compare.applies").to_string(),
            };
            Row {
                label: q.subdomains[t.subdomain].name.get(lang).to_string(),
                a: side(&t.from),
                b: side(&t.to),
                change: String::new(),
                changed: true,
            }
        })
        .collect();
    let fields = c
        .fields
        .iter()
        .map(|f| Row {
            label: field_label(f.field, s),
            a: field_value(f.field, f.from.as_deref(), s),
            b: field_value(f.field, f.to.as_deref(), s),
            change: String::new(),
            changed: true,
        })
        .collect();
    View {
        a_source: a_source.to_string(),
        b_source: b_source.to_string(),
        a_enterprise: a_name.unwrap_or(unnamed).to_string(),
        b_enterprise: b_name.unwrap_or(unnamed).to_string(),
        questionnaire: format!("{} {}", q.header.title.get(lang), q.header.version),
        result,
        levels,
        elements,
        domains,
        subdomains,
        cells,
        requirements,
        tailoring,
        fields,
        same: c.is_same(),
    }
}

fn score_row(label: String, a: &Exact, b: &Exact) -> Row {
    Row {
        label,
        a: figures::score(a),
        b: figures::score(b),
        change: figures::delta(a, b),
        changed: a != b,
    }
}

/// "+2", "-1", "0".
fn signed(n: impl Into<i64>) -> String {
    let n = n.into();
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

/// NI … FI, or "unrated" / "not applicable" in the reader's words.
pub fn answer_label(answer: Answer, s: &Strings) -> String {
    match answer {
        Answer::Rated(r) => r.code().to_string(),
        Answer::Unrated => s.get("compare.unrated").to_string(),
        Answer::NotApplicable => s.get("compare.not_applicable").to_string(),
    }
}

/// A field's name in the reader's words.
pub fn field_label(field: Field, s: &Strings) -> String {
    s.get(&format!("compare.field.{}", field.key())).to_string()
}

/// A field's value ([`Field::value`]'s text) in the reader's words: codes with their names,
/// keys translated; "not set" where there is none.
pub fn field_value(field: Field, value: Option<&str>, s: &Strings) -> String {
    let lang = s.lang();
    let Some(value) = value else {
        return s.get("compare.not_set").to_string();
    };
    match field {
        Field::Industry => match check_industry(value) {
            Ok(d) => format!("{value} {}", d.name().get(lang)),
            Err(_) => value.to_string(),
        },
        Field::Province => match check_province(value) {
            Ok(p) => format!("{value} {}", p.name().get(lang)),
            Err(_) => value.to_string(),
        },
        Field::IndustryType => s.get(&format!("common.industry_type.{value}")).to_string(),
        Field::Covers if value.is_empty() => s.get("compare.none").to_string(),
        Field::Covers => value
            .split(',')
            .map(|key| match Coverage::parse(key) {
                Some(c) => s.get(&format!("form.cover.{}", c.key())),
                None => key,
            })
            .collect::<Vec<_>>()
            .join(lang.list_separator()),
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::model::answers::Rated;
    use crate::model::compare::compare;
    use crate::model::{Answers, Rating};

    fn all(q: &Questionnaire, rating: Rating) -> Answers {
        let mut a = Answers::new(q);
        for r in &q.requirements {
            a.ratings.insert(r.id.clone(), Rated::given(rating));
        }
        a
    }

    #[test]
    fn levels_say_when_they_are_reached_or_lost_in_both_languages() {
        let q = Questionnaire::embedded();
        let (low, high) = (all(&q, Rating::PI), all(&q, Rating::FI));
        for lang in Lang::ALL {
            let s = Strings::of(lang);
            let up = view(&q, &compare(&q, &low, &high), "a", "b", None, None, s);
            let down = view(&q, &compare(&q, &high, &low), "b", "a", None, None, s);
            for (row, back) in up.levels.iter().zip(&down.levels) {
                assert!(row.changed && back.changed);
                // All PI is 0.50 everywhere, all FI 1.00: +0.50 and now reached, and back.
                assert_eq!(
                    row.change,
                    format!("+0.50 {}", s.get("compare.now_reached"))
                );
                assert_eq!(
                    back.change,
                    format!("-0.50 {}", s.get("compare.no_longer_reached"))
                );
            }
            assert_eq!(up.result[0].change, "+5");
            assert_eq!(down.result[0].change, "-5");
            assert_eq!(up.requirements.len(), q.requirements.len());
            assert!(up.requirements.iter().all(|r| r.a == "PI" && r.b == "FI"));
            assert!(!up.same);
            let same = view(&q, &compare(&q, &low, &low), "a", "a", None, None, s);
            assert!(same.same && same.requirements.is_empty() && same.cells.is_empty());
            assert!(same.subdomains.iter().all(|r| !r.changed));
        }
    }

    #[test]
    fn field_values_read_as_people_write_them() {
        let s = Strings::of(Lang::ZhCn);
        assert_eq!(
            field_value(Field::IndustryType, Some("process"), s),
            s.get("common.industry_type.process")
        );
        assert_eq!(
            field_value(Field::Covers, Some("design,sales"), s),
            format!(
                "{}、{}",
                s.get("form.cover.design"),
                s.get("form.cover.sales")
            )
        );
        assert_eq!(
            field_value(Field::Employees, None, s),
            s.get("compare.not_set")
        );
        assert!(field_value(Field::Province, Some("32"), s).starts_with("32 "));
    }
}
