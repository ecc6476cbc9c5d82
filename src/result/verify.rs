//! Checking a result file on the receiving side: is it intact (digest), is it for a questionnaire
//! we have (id and content), do its answers follow the rules, and does its score follow from its
//! answers? Every difference is reported, by its place in the file.

use std::path::Path;

use serde_json::Value;

use super::{ResultFile, digest_of_value, questionnaire_sha256, to_answers};
use crate::model::answers::Migrated;
use crate::model::diagnostic::{Code, Diagnostic, FileError};
use crate::model::{Answers, Questionnaire};

/// Differences listed at most, per file.
const MAX_DIFFERENCES: usize = 20;

/// A file that passed, with the answers it carries (for the first questionnaire of `known`:
/// carried over from the version it was made on, when that was an earlier one).
pub struct Verified {
    pub file: ResultFile,
    pub answers: Answers,
    pub questionnaire_index: usize,
    /// What carrying the answers over to the current questionnaire changed, if it was needed.
    pub migrated: Option<Migrated>,
}

/// The questionnaires a result file may have been made on: `current` first, then the earlier
/// versions this build carries.
pub fn known(current: &Questionnaire) -> Vec<&Questionnaire> {
    let mut all = vec![current];
    all.extend(
        Questionnaire::embedded_versions()
            .into_iter()
            .filter(|q| q.id() == current.id() && q.header.version != current.header.version),
    );
    all
}

/// Verifies `file` (read from `path`) against the questionnaires we know (the current first).
pub fn verify(
    path: &Path,
    file: ResultFile,
    known: &[&Questionnaire],
) -> Result<Verified, FileError> {
    check(path, file, known, OldRule::Refuse)
}

/// Like [`verify`], but a file written before the capped rule whose only differences are the
/// score it derived is accepted: its answers are intact, and taking them in (import, a report)
/// rescores them by today's rule.
pub fn verify_answers(
    path: &Path,
    file: ResultFile,
    known: &[&Questionnaire],
) -> Result<Verified, FileError> {
    check(path, file, known, OldRule::Accept)
}

/// Like [`verify`] for the receiving side of many files (`zizhen collect`): the digest, the
/// questionnaire's fingerprint, the answers' rules and everything the answers determine —
/// profile, ratings, score, completeness — are checked; the gaps (advice derived from the
/// same answers, which a collection does not keep) are not recomputed. About twice as fast.
pub fn verify_score(
    path: &Path,
    file: ResultFile,
    known: &[&Questionnaire],
) -> Result<Verified, FileError> {
    check_with(path, file, known, OldRule::Refuse, false)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum OldRule {
    Refuse,
    Accept,
}

fn check(
    path: &Path,
    file: ResultFile,
    known: &[&Questionnaire],
    old_rule: OldRule,
) -> Result<Verified, FileError> {
    check_with(path, file, known, old_rule, true)
}

fn check_with(
    path: &Path,
    file: ResultFile,
    known: &[&Questionnaire],
    old_rule: OldRule,
    gaps: bool,
) -> Result<Verified, FileError> {
    let mut problems = Vec::new();
    // The file as a JSON value, once: for its digest and for the comparison below.
    let mut found = to_value(&file);
    let expected = digest_of_value(&mut found);
    if file.digest != expected {
        problems.push(
            Diagnostic::new(Code::DigestMismatch)
                .arg("found", &file.digest)
                .arg("expected", &expected),
        );
    }
    let id = &file.questionnaire.id;
    let version = &file.questionnaire.version;
    if !known.iter().any(|q| q.id() == id) {
        problems.push(Diagnostic::new(Code::QuestionnaireUnknown).arg("id", id));
        return Err(FileError::new(path, None, problems));
    }
    // The version it was made on, recognised by its content (the fingerprint), not its label.
    let by_content = known
        .iter()
        .position(|q| q.id() == id && questionnaire_sha256(q) == file.questionnaire.sha256);
    let Some(index) = by_content else {
        let ours: Vec<&str> = known
            .iter()
            .filter(|q| q.id() == id)
            .map(|q| q.header.version.as_str())
            .collect();
        let code = if ours.contains(&version.as_str()) {
            // A version we carry, with other content: changed, or not ours.
            Code::QuestionnaireChanged
        } else {
            Code::QuestionnaireNotCarried
        };
        problems.push(
            Diagnostic::new(code)
                .arg("id", id)
                .arg("version", version)
                .arg("ours", ours.join(", ")),
        );
        // Scores made with other wording or structure cannot be recomputed here.
        return Err(FileError::new(path, None, problems));
    };
    let q = known[index];
    let answers = match to_answers(path, &file, q) {
        Ok(answers) => answers,
        Err(e) => {
            problems.extend(e.diagnostics);
            return Err(FileError::new(path, None, problems));
        }
    };
    // Everything but the digest and the writing tool follows from the answers: rebuild the
    // file from them and compare every field (the score, but also the questionnaire version,
    // the profile's derived SME flag, the estimate flags…).
    let mut rebuilt = super::build_undigested(q, &answers, file.assessment.name.as_deref(), gaps);
    if !gaps {
        rebuilt.gaps = file.gaps.clone();
    }
    rebuilt.tool = file.tool.clone();
    rebuilt.digest = file.digest.clone();
    let mut differences = Vec::new();
    // Equal as typed values means equal as JSON: the tree walk (and its allocations) is only
    // for finding where they differ.
    if rebuilt != file {
        diff("", &found, &to_value(&rebuilt), &mut differences);
    }
    if !differences.is_empty() && made_before_the_capped_rule(&file) {
        let scored_only = differences
            .iter()
            .all(|(place, _, _)| place.starts_with("score") || place.starts_with("gaps"));
        if scored_only && problems.is_empty() {
            if old_rule == OldRule::Accept {
                differences.clear();
            } else {
                problems
                    .push(Diagnostic::new(Code::ResultOldRule).arg("version", &file.tool.version));
                return Err(FileError::new(path, None, problems));
            }
        }
    }
    let total = differences.len();
    problems.extend(differences.into_iter().take(MAX_DIFFERENCES).map(
        |(place, found, expected)| {
            Diagnostic::new(Code::ResultDiffers)
                .arg("path", place)
                .arg("found", found)
                .arg("expected", expected)
        },
    ));
    if total > MAX_DIFFERENCES {
        problems.push(Diagnostic::new(Code::MoreDifferences).arg("count", total - MAX_DIFFERENCES));
    }
    if problems.is_empty() {
        let (answers, migrated) = if index == 0 {
            (answers, None)
        } else {
            answers
                .recheck(known[0])
                .map_err(|problems| FileError::new(path, None, problems))?
        };
        Ok(Verified {
            file,
            answers,
            questionnaire_index: index,
            migrated,
        })
    } else {
        Err(FileError::new(path, None, problems))
    }
}

/// zizhen before 0.2.0 summed the level scores into X; a file it wrote scores differently from
/// the same answers today without having been tampered with.
fn made_before_the_capped_rule(file: &ResultFile) -> bool {
    let mut parts = file.tool.version.split('.').map(|p| p.parse::<u32>().ok());
    file.tool.name == "zizhen"
        && matches!((parts.next(), parts.next()), (Some(Some(0)), Some(Some(minor))) if minor < 2)
}

fn to_value<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn short(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text
    }
}

/// Every place where `found` (the file) differs from `expected` (recomputed).
fn diff(place: &str, found: &Value, expected: &Value, out: &mut Vec<(String, String, String)>) {
    if found == expected {
        return;
    }
    match (found, expected) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let child = if place.is_empty() {
                    key.clone()
                } else {
                    format!("{place}.{key}")
                };
                diff(
                    &child,
                    a.get(key).unwrap_or(&Value::Null),
                    b.get(key).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                diff(&format!("{place}[{i}]"), x, y, out);
            }
        }
        _ => out.push((place.to_string(), short(found), short(expected))),
    }
}
