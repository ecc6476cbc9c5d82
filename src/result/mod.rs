//! The result file (`zizhen-result/1`): a self-diagnosis as one JSON file that leaves the plant —
//! on a USB stick, by mail, uploaded — and can be verified and imported on the other side.
//!
//! The file holds the answers (profile, tailoring, ratings with their estimate flag, notes), the
//! score derived from them, and a SHA-256 digest over the canonical form of everything else. The
//! digest catches damage and hand edits that were not carried through; it is not a signature.

pub mod canonical;
pub mod derived;
pub mod schema;
mod verify;

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use crate::model::diagnostic::{Code, Diagnostic, FileError};
use crate::model::profile::Coverage;
use crate::model::{Answers, IndustryType, Questionnaire, source};
use crate::report::json;

pub use schema::{AssessmentInfo, QuestionnaireRef, RatingEntry, ResultFile, Tool, WeightsUsed};
pub use verify::{Verified, known, verify, verify_answers, verify_score};

/// The format this version writes and reads.
pub const FORMAT: &str = "zizhen-result/1";

/// The weights an assessment is scored with, when they are not the questionnaire's own.
fn weights_used(q: &Questionnaire, answers: &Answers) -> Option<WeightsUsed> {
    if let Some(w) = &answers.weights {
        return Some(WeightsUsed {
            source: "assessment".into(),
            profile: None,
            reason: Some(w.reason.clone()),
            basis: w.table.basis.key().into(),
            table: w.table.as_decimals(),
        });
    }
    q.weight_profile_for(&answers.profile)
        .map(|profile| WeightsUsed {
            source: "profile".into(),
            profile: Some(profile.name.clone()),
            reason: None,
            basis: profile.table.basis.key().into(),
            table: profile.table.as_decimals(),
        })
}

/// The questionnaire's fingerprint: the digest of its canonical JSON.
pub fn questionnaire_sha256(q: &Questionnaire) -> String {
    q.fingerprint
        .get_or_init(|| canonical::sha256(&json::questionnaire(q)))
        .clone()
}

/// The result file of checked answers.
pub fn build(q: &Questionnaire, answers: &Answers, name: Option<&str>) -> ResultFile {
    let mut file = build_undigested(q, answers, name, true);
    file.digest = digest_of(&file);
    file
}

/// [`build`] without the digest (left empty), and with the gaps left empty unless `gaps` (see
/// [`derived::derive_with`]): what verifying compares a file with.
pub(crate) fn build_undigested(
    q: &Questionnaire,
    answers: &Answers,
    name: Option<&str>,
    gaps: bool,
) -> ResultFile {
    let derived = derived::derive_with(q, answers, gaps);
    ResultFile {
        format: FORMAT.to_string(),
        tool: Tool {
            name: "zizhen".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        questionnaire: QuestionnaireRef {
            id: q.header.id.clone(),
            version: q.header.version.clone(),
            sha256: questionnaire_sha256(q),
        },
        assessment: AssessmentInfo {
            name: name.map(str::to_string),
            created: answers.meta.created.clone(),
            updated: answers.meta.updated.clone(),
            target_level: answers.meta.target_level,
        },
        profile: derived::profile(&answers.profile),
        tailoring: answers.tailoring.clone(),
        ratings: answers
            .ratings
            .iter()
            .map(|(id, r)| {
                let entry = RatingEntry {
                    rating: r.rating,
                    estimate: r.estimate,
                };
                (id.clone(), entry)
            })
            .collect(),
        notes: answers.notes.clone(),
        not_applicable: answers.not_applicable.clone(),
        weights: weights_used(q, answers),
        score: derived.score,
        completeness: derived.completeness,
        gaps: derived.gaps,
        digest: String::new(),
    }
}

/// The digest a file should carry.
pub fn digest_of(file: &ResultFile) -> String {
    digest_of_value(&mut serde_json::to_value(file).unwrap_or(Value::Null))
}

/// The digest of a file already turned into a JSON value (left as it was found).
pub(crate) fn digest_of_value(value: &mut Value) -> String {
    let Value::Object(map) = value else {
        return canonical::sha256(value);
    };
    let digest = map.remove("digest");
    let sha = canonical::sha256(value);
    if let (Some(d), Value::Object(map)) = (digest, value) {
        map.insert("digest".into(), d);
    }
    sha
}

/// The bytes of a result file: canonical, indented, UTF-8; the same file gives the same bytes.
pub fn to_bytes(file: &ResultFile) -> Vec<u8> {
    canonical::pretty(&serde_json::to_value(file).unwrap_or(Value::Null)).into_bytes()
}

/// Reads a result file: UTF-8, JSON without duplicate keys, the right format, the right shape.
pub fn parse(path: &Path, bytes: Vec<u8>) -> Result<ResultFile, FileError> {
    let text = source::decode_utf8(path, bytes)?;
    let fail = |d: Diagnostic| FileError::single(path, Some(text.clone()), d);
    let value: StrictValue = serde_json::from_str(&text).map_err(|e| {
        let offset = offset_of(&text, e.line(), e.column());
        fail(
            Diagnostic::new(Code::NotJson)
                .arg("detail", strip_position(&e.to_string()))
                .at(offset..offset + 1),
        )
    })?;
    let value = value.0;
    match value.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        found => {
            return Err(fail(
                Diagnostic::new(Code::ResultFormat)
                    .arg("found", found.unwrap_or("-"))
                    .arg("expected", FORMAT),
            ));
        }
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        fail(
            Diagnostic::new(Code::ResultShape)
                .arg("path", e.path().to_string())
                .arg("detail", e.inner().to_string()),
        )
    })
}

/// Reads the result file at `path`.
pub fn load(path: &Path) -> Result<ResultFile, FileError> {
    let (bytes, _) =
        crate::model::source::read_limited(path).map_err(|e| e.into_file_error(path))?;
    parse(path, bytes)
}

/// The name an imported result gets: its assessment's name, else the enterprise's, else the
/// file's.
pub fn suggested_name(file: &ResultFile, path: &Path) -> String {
    // By enterprise (and the day of the result), so a class's thirty files are told apart by
    // who they are; then the sender's name for it; then the file's.
    let day = file
        .assessment
        .updated
        .as_deref()
        .or(file.assessment.created.as_deref())
        .and_then(|t| t.get(..10));
    let enterprise = file
        .profile
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    match (enterprise, day) {
        (Some(name), Some(day)) => format!("{name} {day}"),
        (Some(name), None) => name.to_string(),
        _ => file.assessment.name.clone().unwrap_or_else(|| {
            path.file_stem()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        }),
    }
}

/// The answers a result file carries, checked like an answers file (against `q`).
pub fn to_answers(path: &Path, file: &ResultFile, q: &Questionnaire) -> Result<Answers, FileError> {
    let mut problems = Vec::new();
    let p = &file.profile;
    let industry_type = p.industry_type.as_deref().and_then(|t| {
        IndustryType::parse(t).or_else(|| {
            problems.push(Diagnostic::new(Code::IndustryType).arg("value", t));
            None
        })
    });
    let covers = p.covers.as_ref().map(|list| {
        list.iter()
            .filter_map(|c| {
                Coverage::parse(c).or_else(|| {
                    problems.push(Diagnostic::new(Code::CoverageUnknown).arg("value", c));
                    None
                })
            })
            .collect()
    });
    let weights = match &file.weights {
        Some(w) if w.source == "assessment" => {
            let entries: Vec<_> = w
                .table
                .iter()
                .map(|(k, v)| {
                    (
                        toml::Spanned::new(0..0, k.clone()),
                        toml::Spanned::new(0..0, *v),
                    )
                })
                .collect();
            match crate::model::weights::WeightTable::check(q, &entries) {
                Ok(table) => Some(crate::model::answers::WeightOverride {
                    table,
                    reason: w.reason.clone().unwrap_or_default(),
                }),
                Err(e) => {
                    problems.extend(e.into_iter().map(|mut d| {
                        d.span = None;
                        d
                    }));
                    None
                }
            }
        }
        _ => None,
    };
    let answers = Answers {
        questionnaire: file.questionnaire.id.clone(),
        questionnaire_version: Some(file.questionnaire.version.clone()),
        not_applicable: file.not_applicable.clone(),
        weights,
        profile: crate::model::profile::Profile {
            name: p.name.clone(),
            credit_code: p.credit_code.clone(),
            industry: p.industry.clone(),
            industry_type,
            province: p.province.clone(),
            employees: p.employees,
            revenue: p.revenue,
            covers,
        },
        tailoring: file.tailoring.clone(),
        ratings: file
            .ratings
            .iter()
            .map(|(id, e)| {
                let rated = crate::model::answers::Rated {
                    rating: e.rating,
                    estimate: e.estimate,
                };
                (id.clone(), rated)
            })
            .collect(),
        notes: file.notes.clone(),
        meta: crate::model::answers::Meta {
            created: file.assessment.created.clone(),
            updated: file.assessment.updated.clone(),
            target_level: file.assessment.target_level,
        },
    };
    // Everything else is checked by the answers file's own rules (one set of rules).
    match answers.recheck(q) {
        Ok((checked, _)) if problems.is_empty() => Ok(checked),
        Ok(_) => Err(FileError::new(path, None, problems)),
        Err(e) => {
            problems.extend(e);
            Err(FileError::new(path, None, problems))
        }
    }
}

/// A JSON value that refuses duplicate object keys (serde_json would keep the last silently).
struct StrictValue(Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        StrictValue::deserialize(d).map(|v| v.0)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictValue(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(serde::de::Error::custom(format!("duplicate key `{key}`")));
            }
            let StrictValue(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// The byte offset of serde_json's 1-based line and column (columns count bytes).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut offset = (start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// serde_json appends " at line L column C": the place is shown separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}
