//! Machine-readable forms for the terminal: the questionnaire (`zizhen questionnaire show
//! --format json`, whose canonical form is also the fingerprint a result file carries) and a
//! scored assessment (`zizhen score --format json`). The score, completeness and gaps parts are
//! the result file's own ([`crate::result::schema`]), so the two outputs cannot drift apart.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::model::questionnaire::{Fate, Questionnaire};
use crate::model::scoring::to_f64;
use crate::model::{Answers, Text};
use crate::result::derived::{self, Derived};
use crate::result::schema::{CompletenessJson, GapsJson, ProfileJson, ScoreJson};

fn text(t: &Text) -> Value {
    json!({ "zh-CN": t.zh, "en": t.en })
}

/// The questionnaire as JSON (`questionnaire show --format json`); its canonical form is the
/// fingerprint result files carry. Parts a questionnaire may lack (conditions, rating examples,
/// migration tables, weight profiles) appear only when present, so a questionnaire without them
/// keeps the fingerprint it had before they existed.
pub fn questionnaire(q: &Questionnaire) -> Value {
    let mut value = questionnaire_core(q);
    let levels = value["levels"].as_array_mut().expect("levels is an array");
    for (l, level) in q.levels.iter().zip(levels) {
        if let Some(e) = &l.examples {
            level["examples"] = json!({ "PI": text(&e.pi), "LI": text(&e.li), "FI": text(&e.fi) });
        }
    }
    let requirements = value["requirements"]
        .as_array_mut()
        .expect("requirements is an array");
    for (r, requirement) in q.requirements.iter().zip(requirements) {
        if let Some(condition) = &r.condition {
            requirement["conditional"] = text(condition);
        }
    }
    if !q.migrations.is_empty() {
        value["migrate"] = q
            .migrations
            .iter()
            .map(|m| {
                let fates: serde_json::Map<String, Value> = m
                    .fates
                    .iter()
                    .map(|(old, fate)| {
                        let fate = match fate {
                            Fate::To(new) => json!({ "to": new }),
                            Fate::Dropped(reason) => json!({ "dropped": text(reason) }),
                        };
                        (old.clone(), fate)
                    })
                    .collect();
                (m.from.clone(), Value::Object(fates))
            })
            .collect::<serde_json::Map<String, Value>>()
            .into();
    }
    if !q.weight_profiles.is_empty() {
        value["weight_profiles"] = q
            .weight_profiles
            .iter()
            .map(|p| {
                json!({
                    "name": p.name,
                    "industry_type": p.industry_type.key(),
                    "divisions": p.divisions,
                    "basis": p.table.basis.key(),
                    "weights": p.table.as_decimals(),
                    "note": p.note.as_ref().map(text),
                })
            })
            .collect::<Vec<_>>()
            .into();
    }
    value
}

fn questionnaire_core(q: &Questionnaire) -> Value {
    json!({
        "id": q.header.id,
        "version": q.header.version,
        "standard": q.header.standard,
        "title": text(&q.header.title),
        "wording": q.header.wording.as_ref().map(text),
        "levels": q.levels.iter().map(|l| json!({
            "level": l.level, "name": text(&l.name), "description": text(&l.description),
        })).collect::<Vec<_>>(),
        "scale": q.scale.iter().map(|s| json!({
            "code": s.rating.code(),
            "value": f64::from(s.value_milli) / 1000.0,
            "name": text(&s.name),
            "finding": text(&s.finding),
            "guidance": text(&s.guidance),
        })).collect::<Vec<_>>(),
        "elements": q.elements.iter().map(|e| json!({ "key": e.key, "name": text(&e.name) }))
            .collect::<Vec<_>>(),
        "domains": q.domains.iter().map(|d| json!({
            "key": d.key, "element": q.elements[d.element].key, "name": text(&d.name),
        })).collect::<Vec<_>>(),
        "subdomains": q.subdomains.iter().map(|s| json!({
            "key": s.key,
            "domain": q.domains[s.domain].key,
            "element": q.elements[s.element].key,
            "name": text(&s.name),
            "weight": to_f64(&s.weight()),
            "tailorable": { "discrete": s.tailorable[0], "process": s.tailorable[1] },
        })).collect::<Vec<_>>(),
        "requirements": q.requirements.iter().map(|r| json!({
            "id": r.id,
            "subdomain": q.subdomains[r.subdomain].key,
            "level": r.level,
            "text": text(&r.text),
            "evidence": r.evidence.as_ref().map(text),
        })).collect::<Vec<_>>(),
    })
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireIdJson {
    pub id: String,
    pub version: String,
}

/// What `zizhen score --format json` prints.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentJson {
    pub questionnaire: QuestionnaireIdJson,
    pub profile: ProfileJson,
    pub tailoring: BTreeMap<String, String>,
    pub estimates: BTreeSet<String>,
    pub score: ScoreJson,
    pub completeness: CompletenessJson,
    pub gaps: GapsJson,
}

pub fn assessment(q: &Questionnaire, answers: &Answers) -> AssessmentJson {
    let Derived {
        score,
        completeness,
        gaps,
    } = derived::derive(q, answers);
    AssessmentJson {
        questionnaire: QuestionnaireIdJson {
            id: q.header.id.clone(),
            version: q.header.version.clone(),
        },
        profile: derived::profile(&answers.profile),
        tailoring: answers.tailoring.clone(),
        estimates: answers
            .ratings
            .iter()
            .filter(|(_, r)| r.estimate)
            .map(|(id, _)| id.clone())
            .collect(),
        score,
        completeness,
        gaps,
    }
}
