//! The index's shape: what `zizhen index --format json` writes (schema/index-v1.schema.json is
//! generated from these types) and what every other format lays out.

use std::collections::BTreeMap;

use serde::Serialize;

/// The format of the index JSON.
pub const FORMAT: &str = "zizhen-index/1";

/// SME (中小微) or large, by the seed's rule (< 1000 employees or < 40,000 万元 revenue).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Size {
    Sme,
    Large,
}

impl Size {
    pub fn key(self) -> &'static str {
        match self {
            Size::Sme => "sme",
            Size::Large => "large",
        }
    }
}

/// Which results the index covers.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Filters {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub industry_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<Size>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

/// The national report's grouping of levels: ≤ L1, L2, L3, ≥ L4.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Grouped {
    pub le1: u64,
    pub l2: u64,
    pub l3: u64,
    pub ge4: u64,
}

impl Grouped {
    pub fn of(levels: &[u64; 6]) -> Grouped {
        Grouped {
            le1: levels[0] + levels[1],
            l2: levels[2],
            l3: levels[3],
            ge4: levels[4] + levels[5],
        }
    }
}

/// One group of enterprises (a province, a city, an industry, a type, a size, a year).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    /// How many enterprises; absent when suppressed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enterprises: Option<u64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suppressed: bool,
    /// Set when suppressed for its own size: the group has fewer than this many enterprises.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fewer_than: Option<u64>,
    /// Suppressed although not small: showing it would let a smaller group be worked out by
    /// subtraction.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub protects_another: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub levels: Option<BTreeMap<String, u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grouped: Option<Grouped>,
    /// Enterprises at level 2 or above (the seed ranks regions by it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_least_l2: Option<u64>,
    /// Mean overall score X (for an industry: its index).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_x: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subdomains: Option<BTreeMap<String, f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elements: Option<BTreeMap<String, f64>>,
}

impl Group {
    pub fn level_counts(&self) -> Option<[u64; 6]> {
        let levels = self.levels.as_ref()?;
        let mut out = [0; 6];
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = levels.get(&i.to_string()).copied().unwrap_or(0);
        }
        Some(out)
    }
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeStat {
    pub mean: f64,
    /// Enterprises for which it applies (the mean is over them).
    pub enterprises: u64,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoverageStat {
    /// Enterprises whose profile says which businesses they have.
    pub stated: u64,
    pub covered: u64,
    pub share: f64,
}

/// One enterprise of the class list (`--list` only).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Listed {
    pub name: Option<String>,
    pub credit_code: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub industry: Option<String>,
    pub industry_type: Option<String>,
    pub size: Option<Size>,
    pub assessed: Option<String>,
    pub level: u8,
    pub x: f64,
    pub complete: bool,
    pub file: String,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearRow {
    pub year: i32,
    #[serde(flatten)]
    pub group: Group,
}

/// The index, as `zizhen index --format json` writes it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", schemars(title = "zizhen index of a collection", extend("$id" = "https://zizhen.invalid/schema/index-v1.schema.json")))]
pub struct Index {
    #[cfg_attr(feature = "schema", schemars(extend("const" = "zizhen-index/1")))]
    pub format: &'static str,
    pub filters: Filters,
    pub min_group: u64,
    /// Enterprises in the selection (each once, with its latest result).
    pub enterprises: u64,
    /// Results the store holds for them (all years, all versions).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suppressed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fewer_than: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub levels: Option<BTreeMap<String, u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grouped: Option<Grouped>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_x: Option<f64>,
    pub by_province: BTreeMap<String, Group>,
    pub by_city: BTreeMap<String, Group>,
    pub by_industry: BTreeMap<String, Group>,
    pub by_type: BTreeMap<String, Group>,
    pub by_size: BTreeMap<String, Group>,
    pub subdomains: BTreeMap<String, NodeStat>,
    pub elements: BTreeMap<String, NodeStat>,
    pub coverage: BTreeMap<String, CoverageStat>,
    pub adoption: BTreeMap<String, f64>,
    /// One row per year when the store spans several (other filters apply, `year` does not).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub years: Vec<YearRow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<Vec<Listed>>,
}
