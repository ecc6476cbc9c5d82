//! Answers made on an earlier version of the questionnaire, carried over to this one.
//!
//! Requirement ids are upload keys: a revision that moves, merges or drops a requirement says so
//! in its migration table (`[migrate."1.0.0"]`: old id → new id, or dropped with a reason). A file
//! that says which version it was made on (`questionnaire_version`) is migrated from that one; a
//! hand-written file without it whose ids are an older version's is recognised by those ids.
//! Every rating, note and estimate flag of an id that maps is carried to the new id; what was
//! dropped is reported, never silently lost.

use std::collections::BTreeSet;

use toml::Spanned;

use super::read::{RawAnswers, SpannedMap};
use crate::model::diagnostic::{Code, Diagnostic};
use crate::model::questionnaire::{Fate, Migration, Questionnaire};
use crate::model::text::Text;

/// What carrying answers over from an earlier questionnaire version changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Migrated {
    /// The version the answers were made on, and the one they now answer.
    pub from: String,
    pub to: String,
    /// Whether the file named its version (otherwise it was recognised by its ids).
    pub declared: bool,
    /// Answers moved to a requirement's new id (old id, new id).
    pub moved: Vec<(String, String)>,
    /// Answers given to requirements this version no longer checks, with the reason.
    pub dropped: Vec<(String, Text)>,
    /// Requirements new in this version (not in the earlier one, and no rating moved to them):
    /// they need a fresh rating. Known when this build carries the earlier version.
    pub fresh: Vec<String>,
}

impl Migrated {
    /// Whether any answer was moved or dropped.
    pub fn changed_anything(&self) -> bool {
        !self.moved.is_empty() || !self.dropped.is_empty()
    }
}

/// Finds the migration that applies to `raw` and carries its answers over in place.
pub(super) fn apply(
    raw: &mut RawAnswers,
    q: &Questionnaire,
    problems: &mut Vec<Diagnostic>,
) -> Option<Migrated> {
    let current = &q.header.version;
    let (migration, declared) = match &raw.questionnaire_version {
        Some(v) if v.get_ref().trim() == current => return None,
        Some(v) => match q.migration_from(v.get_ref().trim()) {
            Some(m) => (m, true),
            None => {
                // An unknown version is only a problem when its ids are not ours.
                if answered_ids(raw).any(|id| q.requirement_index(id).is_none()) {
                    problems.push(
                        Diagnostic::new(Code::QuestionnaireVersionUnknown)
                            .arg("found", v.get_ref())
                            .arg("expected", q.describe())
                            .at(v.span()),
                    );
                }
                return None;
            }
        },
        None => (recognise(raw, q)?, false),
    };
    let mut migrated = Migrated {
        from: migration.from.clone(),
        to: current.clone(),
        declared,
        moved: Vec::new(),
        dropped: Vec::new(),
        fresh: Vec::new(),
    };
    let mut dropped = BTreeSet::new();
    let mut moved = BTreeSet::new();
    for map in [&mut raw.ratings, &mut raw.notes, &mut raw.not_applicable] {
        carry_map(map, migration, &mut moved, &mut dropped);
    }
    raw.assessment.estimates = std::mem::take(&mut raw.assessment.estimates)
        .into_iter()
        .filter_map(|id| match migration.fates.get(id.get_ref()) {
            Some(Fate::To(new)) => Some(Spanned::new(id.span(), new.clone())),
            Some(Fate::Dropped(_)) => None,
            None => Some(id),
        })
        .collect();
    migrated.moved = moved.into_iter().collect();
    migrated.dropped = dropped
        .into_iter()
        .filter_map(|old: String| match migration.fates.get(&old) {
            Some(Fate::Dropped(reason)) => Some((old, reason.clone())),
            _ => None,
        })
        .collect();
    if let Some(earlier) = crate::model::questionnaire::history(q.id(), &migration.from) {
        let targets: BTreeSet<&str> = migration
            .fates
            .values()
            .filter_map(|f| match f {
                Fate::To(new) => Some(new.as_str()),
                Fate::Dropped(_) => None,
            })
            .collect();
        migrated.fresh = q
            .requirements
            .iter()
            .map(|r| r.id.as_str())
            .filter(|id| earlier.requirement_index(id).is_none() && !targets.contains(id))
            .map(str::to_string)
            .collect();
    }
    Some(migrated)
}

/// Every requirement id the file answers (ratings, notes, estimates, not applicable).
fn answered_ids(raw: &RawAnswers) -> impl Iterator<Item = &str> {
    raw.ratings
        .keys()
        .chain(raw.notes.keys())
        .chain(raw.not_applicable.keys())
        .chain(raw.assessment.estimates.iter())
        .map(|id| id.get_ref().as_str())
}

/// A file that does not name its version: the migration whose retired ids it uses (the one
/// with the most of them), if its ids are not all current.
fn recognise<'q>(raw: &RawAnswers, q: &'q Questionnaire) -> Option<&'q Migration> {
    let unknown: Vec<&str> = answered_ids(raw)
        .filter(|id| q.requirement_index(id).is_none())
        .collect();
    if unknown.is_empty() {
        return None;
    }
    q.migrations
        .iter()
        .map(|m| {
            let hits = unknown
                .iter()
                .filter(|id| m.fates.contains_key(**id))
                .count();
            (hits, m)
        })
        .filter(|(hits, _)| *hits > 0)
        .max_by_key(|(hits, _)| *hits)
        .map(|(_, m)| m)
}

/// Moves the entries of retired ids to their new ids, and removes the dropped ones. An entry
/// already present under the new id (the file answered both) keeps the new one.
fn carry_map(
    map: &mut SpannedMap,
    migration: &Migration,
    moved: &mut BTreeSet<(String, String)>,
    dropped: &mut BTreeSet<String>,
) {
    let retired: Vec<Spanned<String>> = map
        .keys()
        .filter(|id| migration.fates.contains_key(id.get_ref()))
        .cloned()
        .collect();
    for old in retired {
        let Some(value) = map.remove(&old) else {
            continue;
        };
        match &migration.fates[old.get_ref()] {
            Fate::To(new) => {
                let key = Spanned::new(old.span(), new.clone());
                map.entry(key).or_insert(value);
                moved.insert((old.into_inner(), new.clone()));
            }
            Fate::Dropped(_) => {
                dropped.insert(old.into_inner());
            }
        }
    }
}
