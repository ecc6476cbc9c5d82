//! The parts of a questionnaire file that look beyond its own requirements: how answers made on
//! earlier versions carry over (`[migrate."1.0.0"]`), and weight profiles (`[[weight_profiles]]`).
//! Both are checked against the assembled questionnaire.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::{Fate, IndustryType, Migration, Questionnaire, WeightProfile};
use crate::model::diagnostic::{Code, Diagnostic};
use crate::model::profile;
use crate::model::text::Text;
use crate::model::weights::WeightTable;

/// `"old.id" = { to = "new.id" }` or `"old.id" = { dropped = { zh-CN = "…", en = "…" } }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFate {
    to: Option<Spanned<String>>,
    dropped: Option<Spanned<Text>>,
}

pub(super) type RawMigrations = BTreeMap<String, BTreeMap<Spanned<String>, Spanned<RawFate>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWeightProfile {
    name: Spanned<String>,
    industry_type: Spanned<String>,
    #[serde(default)]
    divisions: Vec<Spanned<String>>,
    note: Option<Spanned<Text>>,
    weights: BTreeMap<Spanned<String>, Spanned<f64>>,
}

/// Checks the migration tables: every retired id is no longer a current id, every target is.
pub(super) fn migrations(
    raw: RawMigrations,
    q: &Questionnaire,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Migration> {
    let mut out = Vec::new();
    for (from, table) in raw {
        if from.trim().is_empty() || from == q.header.version {
            problems.push(Diagnostic::new(Code::MigrateVersion).arg("version", &from));
            continue;
        }
        let mut fates = BTreeMap::new();
        for (old, fate) in table {
            if q.requirement_index(old.get_ref()).is_some() {
                problems.push(
                    Diagnostic::new(Code::MigrateCurrentId)
                        .arg("id", old.get_ref())
                        .at(old.span()),
                );
                continue;
            }
            let span = fate.span();
            let fate = match fate.into_inner() {
                RawFate {
                    to: Some(to),
                    dropped: None,
                } => {
                    if q.requirement_index(to.get_ref()).is_none() {
                        problems.push(
                            Diagnostic::new(Code::MigrateUnknownTarget)
                                .arg("id", to.get_ref())
                                .at(to.span()),
                        );
                        continue;
                    }
                    Fate::To(to.into_inner())
                }
                RawFate {
                    to: None,
                    dropped: Some(reason),
                } => {
                    let missing = reason.get_ref().missing();
                    if !missing.is_empty() {
                        problems.push(
                            Diagnostic::new(Code::MissingTranslation)
                                .arg("what", format!("migrate.{from}.{}", old.get_ref()))
                                .arg("lang", missing[0])
                                .at(reason.span()),
                        );
                    }
                    Fate::Dropped(reason.into_inner())
                }
                _ => {
                    problems.push(
                        Diagnostic::new(Code::MigrateFate)
                            .arg("id", old.get_ref())
                            .at(span),
                    );
                    continue;
                }
            };
            fates.insert(old.into_inner(), fate);
        }
        out.push(Migration { from, fates });
    }
    out
}

/// Checks the weight profiles: a known industry type, divisions 13–43, a valid weight table.
pub(super) fn weight_profiles(
    raw: Vec<RawWeightProfile>,
    q: &Questionnaire,
    problems: &mut Vec<Diagnostic>,
) -> Vec<WeightProfile> {
    let mut out = Vec::new();
    for p in raw {
        let Some(industry_type) = IndustryType::parse(p.industry_type.get_ref()) else {
            problems.push(
                Diagnostic::new(Code::IndustryType)
                    .arg("value", p.industry_type.get_ref())
                    .at(p.industry_type.span()),
            );
            continue;
        };
        let mut divisions = Vec::new();
        for d in &p.divisions {
            match profile::check_industry(d.get_ref()) {
                Ok(_) if d.get_ref().len() == 2 => divisions.push(d.get_ref().clone()),
                Ok(_) => problems.push(
                    Diagnostic::new(Code::IndustryFormat)
                        .arg("value", d.get_ref())
                        .at(d.span()),
                ),
                Err(e) => problems.push(e.at(d.span())),
            }
        }
        let entries: Vec<_> = p.weights.into_iter().collect();
        match WeightTable::check(q, &entries) {
            Ok(table) => out.push(WeightProfile {
                name: p.name.into_inner(),
                industry_type,
                divisions,
                table,
                note: p.note.map(Spanned::into_inner),
            }),
            Err(e) => problems.extend(e),
        }
    }
    out
}
