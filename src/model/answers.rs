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

use std::collections::BTreeMap;
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

    for (id, rating) in raw.ratings {
        if q.requirement_index(id.get_ref()).is_none() {
            problems.push(unknown_requirement(&id));
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
            problems.push(unknown_requirement(&id));
            continue;
        }
        if !note.get_ref().trim().is_empty() {
            answers.notes.insert(id.into_inner(), note.into_inner());
        }
    }
    answers
}

fn unknown_requirement(id: &Spanned<String>) -> Diagnostic {
    Diagnostic::new(Code::UnknownRequirement)
        .arg("id", id.get_ref())
        .at(id.span())
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
