//! The result file's shape (`zizhen-result/1`): every type here is a part of
//! `schema/result-v1.schema.json`, which is generated from them (`tests/result.rs` keeps the two
//! in step). The score, completeness and gaps parts are also what `zizhen score --format json`
//! prints. What fills them is in [`super::derived`] and [`super::build`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Rating, Text};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(title = "zizhen self-diagnosis result", extend("$id" = "https://zizhen.invalid/schema/result-v1.schema.json")))]
pub struct ResultFile {
    /// Always "zizhen-result/1".
    #[cfg_attr(feature = "schema", schemars(extend("const" = "zizhen-result/1")))]
    pub format: String,
    pub tool: Tool,
    pub questionnaire: QuestionnaireRef,
    pub assessment: AssessmentInfo,
    pub profile: ProfileJson,
    /// Sub-domains declared not applicable, with the reason.
    pub tailoring: BTreeMap<String, String>,
    /// Every rating given, by requirement id.
    pub ratings: BTreeMap<String, RatingEntry>,
    /// Notes and evidence references, by requirement id.
    pub notes: BTreeMap<String, String>,
    /// Conditional requirements marked not applicable, with the reason.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub not_applicable: BTreeMap<String, String>,
    /// The weights used, when not the questionnaire's own (equal) sub-domain weights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<WeightsUsed>,
    /// The score as `zizhen score` computes it from the answers above.
    pub score: ScoreJson,
    pub completeness: CompletenessJson,
    pub gaps: GapsJson,
    /// "sha256:" and the hex SHA-256 of the compact canonical JSON of this file without `digest`
    /// (keys sorted, no spaces, UTF-8).
    #[cfg_attr(
        feature = "schema",
        schemars(regex(pattern = r"^sha256:[0-9a-f]{64}$"))
    )]
    pub digest: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireRef {
    pub id: String,
    pub version: String,
    /// "sha256:" and the hex SHA-256 of the questionnaire's canonical JSON
    /// (`zizhen questionnaire show --format json`, compact, keys sorted).
    #[cfg_attr(
        feature = "schema",
        schemars(regex(pattern = r"^sha256:[0-9a-f]{64}$"))
    )]
    pub sha256: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AssessmentInfo {
    pub name: Option<String>,
    /// RFC 3339.
    pub created: Option<String>,
    /// RFC 3339.
    pub updated: Option<String>,
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 5)))]
    pub target_level: Option<u8>,
}

/// Weights other than the questionnaire's own: a weight profile (chosen by the profile's
/// industry type and division) or an assessor's override for this assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WeightsUsed {
    /// "profile" or "assessment".
    #[cfg_attr(
        feature = "schema",
        schemars(regex(pattern = r"^(profile|assessment)$"))
    )]
    pub source: String,
    /// The weight profile's name (source "profile").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// Why (source "assessment").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// "subdomains" or "domains": what the table names (a domain's weight is split equally over
    /// its sub-domains; what it does not name weighs 1).
    #[cfg_attr(
        feature = "schema",
        schemars(regex(pattern = r"^(subdomains|domains)$"))
    )]
    pub basis: String,
    pub table: BTreeMap<String, f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RatingEntry {
    pub rating: Rating,
    /// Pre-filled by a quick estimate and not confirmed one by one.
    pub estimate: bool,
}

/// The enterprise profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// One level's score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ShortLevelJson {
    pub level: u8,
    pub score: f64,
    pub shortfall: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GapRequirementJson {
    pub id: String,
    /// NI, PI, LI, or null when unrated.
    pub rating: Option<String>,
    /// How much X rises when this requirement alone is raised to FI.
    pub lift: f64,
}

/// What stands between the current level and a target level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GapsJson {
    pub levels: Vec<LevelFindingsJson>,
    /// To the next level; null at level 5.
    pub next: Option<GapJson>,
    /// To the target level, when one is set and not reached.
    #[serde(default)]
    pub target: Option<GapJson>,
}
