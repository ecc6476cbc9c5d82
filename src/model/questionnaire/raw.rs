//! The questionnaire file as TOML says it, before any check: every value keeps its place in
//! the file (`Spanned`) so that a problem can be shown where it is.

use serde::Deserialize;
use toml::Spanned;

use super::revisions;
use crate::model::text::Text;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    pub(super) questionnaire: RawHeader,
    #[serde(default)]
    pub(super) levels: Vec<RawLevel>,
    #[serde(default)]
    pub(super) scale: Vec<RawScaleStep>,
    #[serde(default)]
    pub(super) elements: Vec<RawElement>,
    #[serde(default)]
    pub(super) domains: Vec<RawDomain>,
    #[serde(default)]
    pub(super) subdomains: Vec<RawSubdomain>,
    #[serde(default)]
    pub(super) tailoring: RawTailoring,
    #[serde(default)]
    pub(super) requirements: Vec<RawRequirement>,
    #[serde(default)]
    pub(super) migrate: revisions::RawMigrations,
    #[serde(default)]
    pub(super) weight_profiles: Vec<revisions::RawWeightProfile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHeader {
    pub(super) id: Spanned<String>,
    pub(super) version: Spanned<String>,
    #[serde(default)]
    pub(super) standard: String,
    pub(super) title: Spanned<Text>,
    pub(super) wording: Option<Spanned<Text>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLevel {
    pub(super) level: Spanned<i64>,
    pub(super) name: Spanned<Text>,
    pub(super) description: Spanned<Text>,
    pub(super) examples: Option<RawExamples>,
}

/// `examples.PI = { zh-CN = "…", en = "…" }`, and LI, FI.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExamples {
    #[serde(rename = "PI")]
    pub(super) pi: Spanned<Text>,
    #[serde(rename = "LI")]
    pub(super) li: Spanned<Text>,
    #[serde(rename = "FI")]
    pub(super) fi: Spanned<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScaleStep {
    pub(super) code: Spanned<String>,
    pub(super) value: Spanned<f64>,
    pub(super) name: Spanned<Text>,
    pub(super) finding: Spanned<Text>,
    pub(super) guidance: Spanned<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawElement {
    pub(super) key: Spanned<String>,
    pub(super) name: Spanned<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDomain {
    pub(super) key: Spanned<String>,
    pub(super) element: Spanned<String>,
    pub(super) name: Spanned<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSubdomain {
    pub(super) key: Spanned<String>,
    pub(super) domain: Spanned<String>,
    pub(super) name: Spanned<Text>,
    pub(super) weight: Option<Spanned<f64>>,
    /// Levels this sub-domain deliberately has no requirements at.
    #[serde(default)]
    pub(super) skip_levels: Vec<Spanned<i64>>,
}

/// Per industry type, the sub-domains that may be tailored out; all others are locked.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTailoring {
    #[serde(default)]
    pub(super) discrete: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) process: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRequirement {
    pub(super) id: Spanned<String>,
    pub(super) text: Spanned<Text>,
    pub(super) evidence: Option<Spanned<Text>>,
    /// When the requirement applies, for one that cannot apply to every plant.
    pub(super) conditional: Option<Spanned<Text>>,
}
