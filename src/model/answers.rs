//! The answers file: a human-editable TOML record of one self-diagnosis (profile, tailoring,
//! ratings, notes), checked against the questionnaire it names.
//!
//! ```toml
//! questionnaire = "gbt39116-2020"
//! [profile]
//! name = "…"
//! industry_type = "discrete"
//! [tailoring]
//! logistics = "transport fully outsourced"
//! [ratings]
//! "planning.3.2" = "LI"
//! [notes]
//! "planning.3.2" = "APS pilot on line 2"
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::diagnostic::{Code, Diagnostic, FileError};
use super::profile::{self, Coverage, Profile};
use super::questionnaire::{IndustryType, Questionnaire};
use super::rating::Rating;
use super::source;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answers {
    pub questionnaire: String,
    pub profile: Profile,
    /// Sub-domain key → the reason it does not apply.
    pub tailoring: BTreeMap<String, String>,
    /// Requirement id → rating.
    pub ratings: BTreeMap<String, Rating>,
    /// Requirement id → note or evidence reference.
    pub notes: BTreeMap<String, String>,
    /// Ratings pre-filled by a quick estimate and not yet confirmed by the user.
    pub estimates: BTreeSet<String>,
    pub meta: Meta,
}

/// About the assessment itself (the `[assessment]` table).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// RFC 3339 times.
    pub created: Option<String>,
    pub updated: Option<String>,
    /// The level the enterprise aims for (1–5).
    pub target_level: Option<u8>,
}

type SpannedMap = BTreeMap<Spanned<String>, Spanned<String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswers {
    questionnaire: Option<Spanned<String>>,
    #[serde(default)]
    profile: RawProfile,
    #[serde(default)]
    tailoring: SpannedMap,
    #[serde(default)]
    ratings: SpannedMap,
    #[serde(default)]
    notes: SpannedMap,
    #[serde(default)]
    assessment: RawMeta,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    created: Option<Spanned<String>>,
    updated: Option<Spanned<String>>,
    target_level: Option<Spanned<i64>>,
    #[serde(default)]
    estimates: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    name: Option<String>,
    credit_code: Option<Spanned<String>>,
    industry: Option<Spanned<String>>,
    industry_type: Option<Spanned<String>>,
    province: Option<Spanned<String>>,
    employees: Option<Spanned<i64>>,
    revenue: Option<Spanned<f64>>,
    covers: Option<Vec<Spanned<String>>>,
}

impl Answers {
    /// Empty answers for `questionnaire`.
    pub fn new(questionnaire: &Questionnaire) -> Answers {
        Answers {
            questionnaire: questionnaire.id().to_string(),
            ..Answers::default()
        }
    }

    /// Reads and checks the answers file at `path` against `questionnaire`.
    pub fn load(path: &Path, questionnaire: &Questionnaire) -> Result<Answers, FileError> {
        let text = source::read_text(path)?;
        Answers::from_source(path, &text, questionnaire)
    }

    /// Checks answers `text` against `questionnaire`, naming `path` in errors.
    pub fn from_source(
        path: &Path,
        text: &str,
        questionnaire: &Questionnaire,
    ) -> Result<Answers, FileError> {
        let raw: RawAnswers = source::parse_toml(path, text)?;
        let mut problems = Vec::new();
        let answers = check(raw, questionnaire, &mut problems);
        if problems.is_empty() {
            Ok(answers)
        } else {
            Err(FileError::new(path, Some(text.to_string()), problems))
        }
    }

    pub fn is_tailored(&self, subdomain_key: &str) -> bool {
        self.tailoring.contains_key(subdomain_key)
    }

    pub fn rating(&self, id: &str) -> Option<Rating> {
        self.ratings.get(id).copied()
    }

    /// Writes the answers as TOML in the same format they are read from.
    pub fn to_toml(&self) -> String {
        use toml::Value;
        let mut doc = toml::Table::new();
        doc.insert(
            "questionnaire".into(),
            Value::from(self.questionnaire.clone()),
        );
        let mut profile = toml::Table::new();
        let p = &self.profile;
        let mut put = |key: &str, value: Option<Value>| {
            if let Some(v) = value {
                profile.insert(key.into(), v);
            }
        };
        put("name", p.name.clone().map(Value::from));
        put("credit_code", p.credit_code.clone().map(Value::from));
        put("industry", p.industry.clone().map(Value::from));
        put(
            "industry_type",
            p.industry_type.map(|t| Value::from(t.key())),
        );
        put("province", p.province.clone().map(Value::from));
        put(
            "employees",
            p.employees
                .map(|e| Value::Integer(i64::try_from(e).unwrap_or(i64::MAX))),
        );
        put("revenue", p.revenue.map(Value::Float));
        put(
            "covers",
            p.covers
                .as_ref()
                .map(|c| Value::Array(c.iter().map(|c| Value::from(c.key())).collect())),
        );
        doc.insert("profile".into(), Value::Table(profile));
        let strings = |map: &BTreeMap<String, String>| {
            Value::Table(
                map.iter()
                    .map(|(k, v)| (k.clone(), Value::from(v.clone())))
                    .collect(),
            )
        };
        doc.insert("tailoring".into(), strings(&self.tailoring));
        doc.insert(
            "ratings".into(),
            Value::Table(
                self.ratings
                    .iter()
                    .map(|(k, r)| (k.clone(), Value::from(r.code())))
                    .collect(),
            ),
        );
        doc.insert("notes".into(), strings(&self.notes));
        let mut assessment = toml::Table::new();
        if let Some(created) = &self.meta.created {
            assessment.insert("created".into(), Value::from(created.clone()));
        }
        if let Some(updated) = &self.meta.updated {
            assessment.insert("updated".into(), Value::from(updated.clone()));
        }
        if let Some(target) = self.meta.target_level {
            assessment.insert("target_level".into(), Value::Integer(i64::from(target)));
        }
        if !self.estimates.is_empty() {
            assessment.insert(
                "estimates".into(),
                Value::Array(
                    self.estimates
                        .iter()
                        .map(|id| Value::from(id.clone()))
                        .collect(),
                ),
            );
        }
        if !assessment.is_empty() {
            doc.insert("assessment".into(), Value::Table(assessment));
        }
        toml::to_string(&doc).unwrap_or_default()
    }
}

fn check(raw: RawAnswers, q: &Questionnaire, problems: &mut Vec<Diagnostic>) -> Answers {
    let mut answers = Answers::new(q);
    match &raw.questionnaire {
        None => problems.push(Diagnostic::new(Code::QuestionnaireMissing).arg("expected", q.id())),
        Some(id) if id.get_ref().trim() != q.id() => {
            problems.push(
                Diagnostic::new(Code::QuestionnaireMismatch)
                    .arg("found", id.get_ref())
                    .arg("expected", q.id())
                    .at(id.span()),
            );
            // Every id would be unknown against the wrong questionnaire: stop here.
            return answers;
        }
        Some(_) => {}
    }

    answers.profile = check_profile(raw.profile, problems);
    let industry_type = answers.profile.industry_type;

    for (key, reason) in raw.tailoring {
        let Some(s) = q.subdomain_index(key.get_ref()) else {
            problems.push(
                Diagnostic::new(Code::TailorUnknown)
                    .arg("key", key.get_ref())
                    .at(key.span()),
            );
            continue;
        };
        let subdomain = &q.subdomains[s];
        let allowed = match industry_type {
            Some(t) => subdomain.tailorable_for(t),
            None => IndustryType::ALL
                .iter()
                .all(|&t| subdomain.tailorable_for(t)),
        };
        if !allowed {
            let tailorable_somewhere = IndustryType::ALL
                .iter()
                .any(|&t| subdomain.tailorable_for(t));
            let d = match industry_type {
                None if tailorable_somewhere => Diagnostic::new(Code::TailorNeedsType),
                _ => Diagnostic::new(Code::TailorLocked).arg(
                    "industry_type",
                    industry_type.map_or("-", IndustryType::key),
                ),
            };
            problems.push(d.arg("key", key.get_ref()).at(key.span()));
            continue;
        }
        if reason.get_ref().trim().is_empty() {
            problems.push(
                Diagnostic::new(Code::TailorNoReason)
                    .arg("key", key.get_ref())
                    .at(reason.span()),
            );
            continue;
        }
        answers
            .tailoring
            .insert(key.into_inner(), reason.into_inner().trim().to_string());
    }

    let mut unknown = Vec::new();
    for (id, rating) in raw.ratings {
        if q.requirement_index(id.get_ref()).is_none() {
            unknown.push(id);
            continue;
        }
        match rating.get_ref().parse::<Rating>() {
            Ok(r) => {
                answers.ratings.insert(id.into_inner(), r);
            }
            Err(()) => problems.push(
                Diagnostic::new(Code::BadRating)
                    .arg("id", id.get_ref())
                    .arg("value", rating.get_ref())
                    .at(rating.span()),
            ),
        }
    }

    for (id, note) in raw.notes {
        if q.requirement_index(id.get_ref()).is_none() {
            unknown.push(id);
            continue;
        }
        if !note.get_ref().trim().is_empty() {
            answers.notes.insert(id.into_inner(), note.into_inner());
        }
    }

    answers.meta = check_meta(&raw.assessment, problems);
    for id in raw.assessment.estimates {
        if q.requirement_index(id.get_ref()).is_none() {
            unknown.push(id);
        } else if answers.ratings.contains_key(id.get_ref()) {
            // An estimate flag on an unrated requirement means nothing: it is dropped.
            answers.estimates.insert(id.into_inner());
        }
    }
    problems.extend(unknown_requirements(unknown, q));
    answers
}

/// An RFC 3339 date and time as people and programs write it: `2026-11-20T08:00:00Z`, with a
/// space for the `T`, fractions of a second, a `+08:00` offset or no zone; nothing after it.
pub fn valid_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    };
    let shape = bytes.len() >= 19
        && digits(0..4)
        && bytes[4] == b'-'
        && digits(5..7)
        && bytes[7] == b'-'
        && digits(8..10)
        && matches!(bytes[10], b'T' | b't' | b' ')
        && digits(11..13)
        && bytes[13] == b':'
        && digits(14..16)
        && bytes[16] == b':'
        && digits(17..19);
    if !shape {
        return false;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let n = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &fraction[n..];
    }
    let zone_ok = match rest.as_bytes() {
        [] | [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => [h1, h2, m1, m2].iter().all(|b| b.is_ascii_digit()),
        _ => false,
    };
    // The calendar check (month 1–12, a day that exists, hour < 24 …) on the date and time alone.
    zone_ok && humantime::parse_rfc3339_weak(&text[..19]).is_ok()
}

fn check_meta(raw: &RawMeta, problems: &mut Vec<Diagnostic>) -> Meta {
    let mut time = |value: &Option<Spanned<String>>, key: &str| -> Option<String> {
        let value = value.as_ref()?;
        match valid_timestamp(value.get_ref().trim()) {
            true => Some(value.get_ref().trim().to_string()),
            false => {
                problems.push(
                    Diagnostic::new(Code::BadTimestamp)
                        .arg("key", key)
                        .arg("value", value.get_ref())
                        .at(value.span()),
                );
                None
            }
        }
    };
    let created = time(&raw.created, "created");
    let updated = time(&raw.updated, "updated");
    let target_level = raw
        .target_level
        .as_ref()
        .and_then(|t| match u8::try_from(*t.get_ref()) {
            Ok(level) if (1..=5).contains(&level) => Some(level),
            _ => {
                problems.push(
                    Diagnostic::new(Code::LevelOutOfRange)
                        .arg("level", t.get_ref())
                        .at(t.span()),
                );
                None
            }
        });
    Meta {
        created,
        updated,
        target_level,
    }
}

/// Three-way merge at the level of single answers: whatever `ours` changed since `base` wins,
/// everything else comes from `theirs`. Two people editing the same assessment (two terminals)
/// keep each other's answers; only the very same answer changed on both sides goes to `ours`.
pub fn merge(base: &Answers, ours: &Answers, theirs: &Answers) -> Answers {
    fn map<V: Clone + PartialEq>(
        base: &BTreeMap<String, V>,
        ours: &BTreeMap<String, V>,
        theirs: &BTreeMap<String, V>,
    ) -> BTreeMap<String, V> {
        let keys: BTreeSet<&String> = base
            .keys()
            .chain(ours.keys())
            .chain(theirs.keys())
            .collect();
        keys.into_iter()
            .filter_map(|k| {
                let pick = if ours.get(k) != base.get(k) {
                    ours
                } else {
                    theirs
                };
                pick.get(k).map(|v| (k.clone(), v.clone()))
            })
            .collect()
    }
    fn field<T: Clone + PartialEq>(base: &T, ours: &T, theirs: &T) -> T {
        if ours != base {
            ours.clone()
        } else {
            theirs.clone()
        }
    }
    let flags = |a: &Answers| -> BTreeMap<String, ()> {
        a.estimates.iter().map(|id| (id.clone(), ())).collect()
    };
    let (bp, op, tp) = (&base.profile, &ours.profile, &theirs.profile);
    Answers {
        questionnaire: ours.questionnaire.clone(),
        profile: Profile {
            name: field(&bp.name, &op.name, &tp.name),
            credit_code: field(&bp.credit_code, &op.credit_code, &tp.credit_code),
            industry: field(&bp.industry, &op.industry, &tp.industry),
            industry_type: field(&bp.industry_type, &op.industry_type, &tp.industry_type),
            province: field(&bp.province, &op.province, &tp.province),
            employees: field(&bp.employees, &op.employees, &tp.employees),
            revenue: field(&bp.revenue, &op.revenue, &tp.revenue),
            covers: field(&bp.covers, &op.covers, &tp.covers),
        },
        tailoring: map(&base.tailoring, &ours.tailoring, &theirs.tailoring),
        ratings: map(&base.ratings, &ours.ratings, &theirs.ratings),
        notes: map(&base.notes, &ours.notes, &theirs.notes),
        estimates: map(&flags(base), &flags(ours), &flags(theirs))
            .into_keys()
            .collect(),
        meta: Meta {
            created: field(&base.meta.created, &ours.meta.created, &theirs.meta.created),
            updated: ours.meta.updated.clone().max(theirs.meta.updated.clone()),
            target_level: field(
                &base.meta.target_level,
                &ours.meta.target_level,
                &theirs.meta.target_level,
            ),
        },
    }
}

/// More unknown ids than this are one message: a file made for another questionnaire would
/// otherwise give one line per requirement.
const UNKNOWN_IDS_LISTED: usize = 3;

/// One message per unknown id, or one for all of them when there are many; each names the
/// questionnaire they were checked against.
fn unknown_requirements(mut ids: Vec<Spanned<String>>, q: &Questionnaire) -> Vec<Diagnostic> {
    ids.sort_by_key(|id| id.span().start);
    ids.dedup_by(|a, b| a.get_ref() == b.get_ref());
    if ids.len() > UNKNOWN_IDS_LISTED {
        let examples: Vec<&str> = ids
            .iter()
            .take(UNKNOWN_IDS_LISTED)
            .map(|id| id.get_ref().as_str())
            .collect();
        return vec![
            Diagnostic::new(Code::ManyUnknownRequirements)
                .arg("count", ids.len())
                .arg("examples", examples.join(", "))
                .arg("questionnaire", q.describe())
                .at(ids[0].span()),
        ];
    }
    ids.iter()
        .map(|id| {
            Diagnostic::new(Code::UnknownRequirement)
                .arg("id", id.get_ref())
                .arg("questionnaire", q.describe())
                .at(id.span())
        })
        .collect()
}

fn check_profile(raw: RawProfile, problems: &mut Vec<Diagnostic>) -> Profile {
    // Runs a field check, placing a failure at the field's value.
    fn field<T>(
        value: &Spanned<String>,
        check: impl Fn(&str) -> Result<T, Diagnostic>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        check(value.get_ref())
            .map_err(|d| problems.push(d.at(value.span())))
            .ok()
    }
    let text = |v: &Option<Spanned<String>>| {
        v.as_ref()
            .map(|s| s.get_ref().trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let mut profile = Profile {
        name: raw
            .name
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
        credit_code: text(&raw.credit_code).map(|c| c.to_ascii_uppercase()),
        industry: text(&raw.industry),
        province: text(&raw.province),
        ..Profile::default()
    };
    if let Some(code) = raw
        .credit_code
        .as_ref()
        .filter(|c| !c.get_ref().trim().is_empty())
    {
        field(code, profile::check_credit_code, problems);
    }
    if let Some(industry) = raw
        .industry
        .as_ref()
        .filter(|c| !c.get_ref().trim().is_empty())
    {
        field(industry, profile::check_industry, problems);
    }
    if let Some(t) = &raw.industry_type {
        profile.industry_type = field(t, profile::check_industry_type, problems);
    }
    if let Some(p) = raw
        .province
        .as_ref()
        .filter(|c| !c.get_ref().trim().is_empty())
    {
        field(p, profile::check_province, problems);
    }
    if let Some(e) = raw.employees {
        match u64::try_from(*e.get_ref()) {
            Ok(n) => profile.employees = Some(n),
            Err(_) => problems.push(
                Diagnostic::new(Code::NegativeNumber)
                    .arg("key", "employees")
                    .arg("value", e.get_ref())
                    .at(e.span()),
            ),
        }
    }
    if let Some(r) = raw.revenue {
        let value = *r.get_ref();
        if value.is_finite() && value >= 0.0 {
            profile.revenue = Some(value);
        } else {
            problems.push(
                Diagnostic::new(Code::NegativeNumber)
                    .arg("key", "revenue")
                    .arg("value", value)
                    .at(r.span()),
            );
        }
    }
    if let Some(list) = raw.covers {
        let mut covers = Vec::new();
        for item in list {
            match Coverage::parse(item.get_ref().trim()) {
                Some(c) if covers.contains(&c) => problems.push(
                    Diagnostic::new(Code::CoverageDuplicate)
                        .arg("value", item.get_ref())
                        .at(item.span()),
                ),
                Some(c) => covers.push(c),
                None => problems.push(
                    Diagnostic::new(Code::CoverageUnknown)
                        .arg("value", item.get_ref())
                        .at(item.span()),
                ),
            }
        }
        covers.sort();
        profile.covers = Some(covers);
    }
    profile
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(ratings: &[(&str, Rating)], notes: &[(&str, &str)]) -> Answers {
        Answers {
            questionnaire: "q".into(),
            ratings: ratings.iter().map(|(k, r)| (k.to_string(), *r)).collect(),
            notes: notes
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Answers::default()
        }
    }

    #[test]
    fn merge_keeps_both_sides_changes() {
        let base = with(&[("a", Rating::NI)], &[("a", "old")]);
        let ours = with(&[("a", Rating::NI), ("b", Rating::FI)], &[]);
        let theirs = with(&[("a", Rating::LI), ("c", Rating::PI)], &[("a", "old")]);
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(
            merged.ratings,
            with(
                &[("a", Rating::LI), ("b", Rating::FI), ("c", Rating::PI)],
                &[]
            )
            .ratings,
            "their change of a, our new b, their new c"
        );
        assert!(merged.notes.is_empty(), "our deletion of the note wins");
    }

    #[test]
    fn merge_prefers_ours_on_the_same_answer() {
        let base = with(&[("a", Rating::NI)], &[]);
        let ours = with(&[("a", Rating::FI)], &[]);
        let theirs = with(&[("a", Rating::PI)], &[]);
        assert_eq!(merge(&base, &ours, &theirs).ratings["a"], Rating::FI);
    }

    #[test]
    fn merge_of_profile_fields_and_estimates() {
        let mut base = with(&[], &[]);
        base.profile.name = Some("A".into());
        base.estimates.insert("x".into());
        let mut ours = base.clone();
        ours.profile.employees = Some(10);
        ours.estimates.remove("x");
        let mut theirs = base.clone();
        theirs.profile.name = Some("B".into());
        theirs.estimates.insert("y".into());
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.profile.name.as_deref(), Some("B"));
        assert_eq!(merged.profile.employees, Some(10));
        assert_eq!(merged.estimates.iter().collect::<Vec<_>>(), ["y"]);
    }
}
