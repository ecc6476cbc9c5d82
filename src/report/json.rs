//! Machine-readable forms: the questionnaire, and a scored assessment as typed JSON (the
//! `zizhen score --format json` output, embedded in the result file). The types derive
//! `JsonSchema`, from which `schema/result-v1.schema.json` is generated and kept in sync.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::model::gaps::{Gap, LevelFindings, findings, gap_to};
use crate::model::profile::Profile;
use crate::model::questionnaire::{Fate, Questionnaire};
use crate::model::scoring::{Exact, NodeScore, Score, Sheet, score_sheet, to_f64};
use crate::model::{Answers, Text};

fn text(t: &Text) -> Value {
    json!({ "zh-CN": t.zh, "en": t.en })
}

/// The whole questionnaire (`zizhen questionnaire show --format json`).
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

/// The enterprise profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileJson {
    pub name: Option<String>,
    /// Unified social credit code (GB 32100).
    pub credit_code: Option<String>,
    /// GB/T 4754 division ("36") or class ("3670").
    pub industry: Option<String>,
    /// "discrete" or "process".
    pub industry_type: Option<String>,
    /// GB/T 2260 province ("32") or city ("320200").
    pub province: Option<String>,
    pub employees: Option<u64>,
    /// Annual revenue, 10k CNY.
    pub revenue: Option<f64>,
    /// Core businesses the enterprise has: design, logistics, sales, service.
    pub covers: Option<Vec<String>>,
    /// Small or medium-sized (employees < 1000 or revenue < 40,000); null when unknown.
    pub sme: Option<bool>,
}

pub fn profile(p: &Profile) -> ProfileJson {
    ProfileJson {
        name: p.name.clone(),
        credit_code: p.credit_code.clone(),
        industry: p.industry.clone(),
        industry_type: p.industry_type.map(|t| t.key().to_string()),
        province: p.province.clone(),
        employees: p.employees,
        revenue: p.revenue,
        covers: p
            .covers
            .as_ref()
            .map(|c| c.iter().map(|c| c.key().to_string()).collect()),
        sme: p.is_sme(),
    }
}

/// One level's score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelJson {
    pub level: u8,
    pub score: f64,
    /// The score reaches 0.8.
    pub reached: bool,
    /// The score is part of X.
    pub counted: bool,
    /// Something applicable is assessed at this level.
    pub assessed: bool,
}

/// Scores of a sub-domain, domain or element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NodeJson {
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element: Option<String>,
    pub applicable: bool,
    /// Levels 1–5; null where nothing applicable is assessed.
    pub levels: Vec<Option<f64>>,
    /// The overall score of this node by the same rule as X; null when not applicable.
    pub overall: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoreJson {
    /// X, unrounded.
    pub overall: f64,
    /// X as an exact fraction, e.g. "9/5".
    pub overall_exact: String,
    /// 0–5 (0: below level 1).
    pub level: u8,
    pub level_name: Option<Text>,
    pub levels: Vec<LevelJson>,
    pub subdomains: Vec<NodeJson>,
    pub domains: Vec<NodeJson>,
    pub elements: Vec<NodeJson>,
}

fn exact(x: &Exact) -> f64 {
    to_f64(x)
}

fn nodes(
    list: &[NodeScore],
    extra: impl Fn(usize) -> (Option<String>, Option<String>),
) -> Vec<NodeJson> {
    list.iter()
        .enumerate()
        .map(|(i, n)| {
            let (domain, element) = extra(i);
            NodeJson {
                key: n.key.clone(),
                domain,
                element,
                applicable: n.applicable,
                levels: n.levels.iter().map(|l| l.as_ref().map(exact)).collect(),
                overall: n.overall.as_ref().map(exact),
            }
        })
        .collect()
}

pub fn score(q: &Questionnaire, score: &Score) -> ScoreJson {
    ScoreJson {
        overall: exact(&score.overall),
        overall_exact: score.overall.to_string(),
        level: score.level,
        level_name: (score.level > 0).then(|| q.level(score.level).name.clone()),
        levels: score
            .levels
            .iter()
            .map(|l| LevelJson {
                level: l.level,
                score: exact(&l.score),
                reached: l.reached,
                counted: l.counted,
                assessed: l.assessed,
            })
            .collect(),
        subdomains: nodes(&score.subdomains, |s| {
            let sub = &q.subdomains[s];
            (
                Some(q.domains[sub.domain].key.clone()),
                Some(q.elements[sub.element].key.clone()),
            )
        }),
        domains: nodes(&score.domains, |d| {
            (None, Some(q.elements[q.domains[d].element].key.clone()))
        }),
        elements: nodes(&score.elements, |_| (None, None)),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompletenessJson {
    /// Rated requirements in applicable sub-domains.
    pub rated: usize,
    /// Requirements in applicable sub-domains.
    pub total: usize,
    pub unrated: usize,
    pub complete: bool,
}

/// Requirements below FI at one level, by finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelFindingsJson {
    pub level: u8,
    /// NI.
    pub weaknesses: Vec<String>,
    /// PI.
    pub improvements: Vec<String>,
    /// LI.
    pub conforming: Vec<String>,
    pub unrated: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShortLevelJson {
    pub level: u8,
    pub score: f64,
    pub shortfall: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GapRequirementJson {
    pub id: String,
    /// NI, PI, LI, or null when unrated.
    pub rating: Option<String>,
    /// How much X rises when this requirement alone is raised to FI.
    pub lift: f64,
}

/// What stands between the current level and a target level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GapJson {
    pub current: u8,
    pub target: u8,
    pub x_needed: f64,
    pub x_shortfall: f64,
    pub short_levels: Vec<ShortLevelJson>,
    /// Largest lift first.
    pub requirements: Vec<GapRequirementJson>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GapsJson {
    pub levels: Vec<LevelFindingsJson>,
    /// To the next level; null at level 5.
    pub next: Option<GapJson>,
    /// To the target level, when one is set and not reached.
    #[serde(default)]
    pub target: Option<GapJson>,
}

fn ids(q: &Questionnaire, list: &[usize]) -> Vec<String> {
    list.iter().map(|&i| q.requirements[i].id.clone()).collect()
}

fn level_findings(q: &Questionnaire, f: &LevelFindings) -> LevelFindingsJson {
    LevelFindingsJson {
        level: f.level,
        weaknesses: ids(q, &f.weaknesses),
        improvements: ids(q, &f.improvements),
        conforming: ids(q, &f.conforming),
        unrated: ids(q, &f.unrated),
    }
}

pub fn gap(q: &Questionnaire, gap: &Gap) -> GapJson {
    GapJson {
        current: gap.current,
        target: gap.target,
        x_needed: exact(&gap.x_needed),
        x_shortfall: exact(&gap.x_shortfall),
        short_levels: gap
            .short_levels
            .iter()
            .map(|l| ShortLevelJson {
                level: l.level,
                score: exact(&l.score),
                shortfall: exact(&l.shortfall),
            })
            .collect(),
        requirements: gap
            .items
            .iter()
            .map(|item| GapRequirementJson {
                id: q.requirements[item.requirement].id.clone(),
                rating: item.rating.map(|r| r.code().to_string()),
                lift: exact(&item.lift),
            })
            .collect(),
    }
}

/// Everything derived from the answers: the score, its completeness and the gaps.
#[derive(Clone, Debug, PartialEq)]
pub struct Derived {
    pub score: ScoreJson,
    pub completeness: CompletenessJson,
    pub gaps: GapsJson,
}

pub fn derive(q: &Questionnaire, answers: &Answers) -> Derived {
    let sheet = Sheet::from_answers(q, answers);
    let scored = score_sheet(q, &sheet);
    let next = gap_to(q, &sheet, &scored, scored.level + 1);
    let target = answers
        .meta
        .target_level
        .and_then(|t| gap_to(q, &sheet, &scored, t));
    Derived {
        score: score(q, &scored),
        completeness: CompletenessJson {
            rated: scored.completeness.rated,
            total: scored.completeness.total,
            unrated: scored.completeness.unrated(),
            complete: scored.completeness.complete(),
        },
        gaps: GapsJson {
            levels: findings(q, &sheet)
                .iter()
                .map(|f| level_findings(q, f))
                .collect(),
            next: next.as_ref().map(|g| gap(q, g)),
            target: target.as_ref().map(|g| gap(q, g)),
        },
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireIdJson {
    pub id: String,
    pub version: String,
}

/// What `zizhen score --format json` prints.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
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
    } = derive(q, answers);
    AssessmentJson {
        questionnaire: QuestionnaireIdJson {
            id: q.header.id.clone(),
            version: q.header.version.clone(),
        },
        profile: profile(&answers.profile),
        tailoring: answers.tailoring.clone(),
        estimates: answers.estimates.clone(),
        score,
        completeness,
        gaps,
    }
}
