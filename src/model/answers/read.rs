//! Reading an answers file: the raw TOML shape and every check against the questionnaire.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::{Answers, Meta, Rated, WeightOverride};
use crate::model::diagnostic::{Code, Diagnostic};
use crate::model::profile::{self, Coverage, Profile};
use crate::model::questionnaire::{IndustryType, Questionnaire};
use crate::model::rating::Rating;
use crate::model::weights::WeightTable;

pub(super) type SpannedMap = BTreeMap<Spanned<String>, Spanned<String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAnswers {
    questionnaire: Option<Spanned<String>>,
    pub(super) questionnaire_version: Option<Spanned<String>>,
    #[serde(default)]
    profile: RawProfile,
    #[serde(default)]
    tailoring: SpannedMap,
    #[serde(default)]
    pub(super) ratings: SpannedMap,
    #[serde(default)]
    pub(super) notes: SpannedMap,
    #[serde(default)]
    pub(super) assessment: RawMeta,
    #[serde(default)]
    pub(super) not_applicable: SpannedMap,
    weights: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMeta {
    created: Option<Spanned<String>>,
    updated: Option<Spanned<String>>,
    target_level: Option<Spanned<i64>>,
    #[serde(default)]
    pub(super) estimates: Vec<Spanned<String>>,
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

impl RawAnswers {
    /// The raw shape `answers` would be read back as from [`Answers::to_toml`], built without
    /// the text in between (every place is empty: there is no file to point into).
    pub(super) fn of(answers: &Answers) -> RawAnswers {
        let here = |v| Spanned::new(0..0, v);
        let text = |v: &Option<String>| v.clone().map(here);
        let strings = |map: &BTreeMap<String, String>| -> SpannedMap {
            map.iter()
                .map(|(k, v)| (here(k.clone()), here(v.clone())))
                .collect()
        };
        let p = &answers.profile;
        let weights = answers.weights.as_ref().map(|w| {
            let mut table: BTreeMap<_, _> = w
                .table
                .as_decimals()
                .into_iter()
                .map(|(k, v)| (here(k), Spanned::new(0..0, toml::Value::Float(v))))
                .collect();
            table.insert(
                here("reason".to_string()),
                Spanned::new(0..0, toml::Value::from(w.reason.clone())),
            );
            table
        });
        RawAnswers {
            questionnaire: Some(here(answers.questionnaire.clone())),
            questionnaire_version: text(&answers.questionnaire_version),
            profile: RawProfile {
                name: p.name.clone(),
                credit_code: text(&p.credit_code),
                industry: text(&p.industry),
                industry_type: p.industry_type.map(|t| here(t.key().to_string())),
                province: text(&p.province),
                employees: p
                    .employees
                    .map(|e| Spanned::new(0..0, i64::try_from(e).unwrap_or(i64::MAX))),
                revenue: p.revenue.map(|r| Spanned::new(0..0, r)),
                covers: p
                    .covers
                    .as_ref()
                    .map(|c| c.iter().map(|c| here(c.key().to_string())).collect()),
            },
            tailoring: strings(&answers.tailoring),
            ratings: answers
                .ratings
                .iter()
                .map(|(k, r)| (here(k.clone()), here(r.rating.code().to_string())))
                .collect(),
            notes: strings(&answers.notes),
            assessment: RawMeta {
                created: text(&answers.meta.created),
                updated: text(&answers.meta.updated),
                target_level: answers
                    .meta
                    .target_level
                    .map(|t| Spanned::new(0..0, i64::from(t))),
                estimates: answers
                    .ratings
                    .iter()
                    .filter(|(_, r)| r.estimate)
                    .map(|(id, _)| here(id.clone()))
                    .collect(),
            },
            not_applicable: strings(&answers.not_applicable),
            weights,
        }
    }
}

pub(super) fn check(raw: RawAnswers, q: &Questionnaire, problems: &mut Vec<Diagnostic>) -> Answers {
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
                answers.ratings.insert(id.into_inner(), Rated::given(r));
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
        } else if let Some(rated) = answers.ratings.get_mut(id.get_ref()) {
            // An estimate flag on an unrated requirement means nothing: it is dropped.
            rated.estimate = true;
        }
    }
    for (id, reason) in raw.not_applicable {
        let Some(index) = q.requirement_index(id.get_ref()) else {
            unknown.push(id);
            continue;
        };
        let code = if q.requirements[index].condition.is_none() {
            Some(Code::NotConditional)
        } else if reason.get_ref().trim().is_empty() {
            Some(Code::NotApplicableNoReason)
        } else if answers.ratings.contains_key(id.get_ref()) {
            Some(Code::RatedAndNotApplicable)
        } else {
            None
        };
        match code {
            Some(code) => {
                problems.push(Diagnostic::new(code).arg("id", id.get_ref()).at(id.span()))
            }
            None => {
                answers
                    .not_applicable
                    .insert(id.into_inner(), reason.into_inner().trim().to_string());
            }
        }
    }
    problems.extend(unknown_requirements(unknown, q));
    if let Some(table) = raw.weights {
        answers.weights = check_weights(table, q, problems);
    }
    answers
}

/// `[weights]`: sub-domain or domain keys with weights, and a `reason`.
fn check_weights(
    table: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    q: &Questionnaire,
    problems: &mut Vec<Diagnostic>,
) -> Option<WeightOverride> {
    let mut reason = None;
    let mut entries = Vec::new();
    let mut first_span = None;
    for (key, value) in table {
        first_span.get_or_insert(key.span());
        let span = value.span();
        match (key.get_ref().as_str(), value.into_inner()) {
            ("reason", toml::Value::String(text)) => reason = Some(text),
            (_, toml::Value::Float(w)) => entries.push((key, Spanned::new(span, w))),
            (_, toml::Value::Integer(w)) => entries.push((key, Spanned::new(span, w as f64))),
            (name, other) => problems.push(
                Diagnostic::new(Code::WrongType)
                    .arg("detail", format!("{name} = {other}: a weight is a number"))
                    .at(span),
            ),
        }
    }
    let reason = reason
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    if reason.is_none() {
        let d = Diagnostic::new(Code::WeightsNoReason);
        problems.push(match first_span {
            Some(span) => d.at(span),
            None => d,
        });
    }
    match WeightTable::check(q, &entries) {
        Ok(table) => reason.map(|reason| WeightOverride { table, reason }),
        Err(e) => {
            problems.extend(e);
            None
        }
    }
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
