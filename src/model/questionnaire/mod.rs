//! A validated questionnaire: the model's structure (elements → domains → sub-domains), the five
//! levels, the rating scale, the tailoring rule and the requirements.
//!
//! Built only by [`load`](Questionnaire::from_str), which checks everything the engine relies on,
//! so the rest of the program can index without re-checking.

mod load;
mod raw;
mod revisions;

use std::collections::HashMap;
use std::ops::Range;

use num_rational::Ratio;

pub use load::DEFAULT_SOURCE;

use super::rating::Rating;
use super::text::Text;

/// Earlier versions of the embedded questionnaire, kept to read and verify what was made on
/// them: (file name, content).
const HISTORY: &[(&str, &str)] = &[(
    "gbt39116-2020-1.0.0.toml",
    include_str!("../../../questionnaires/history/gbt39116-2020-1.0.0.toml"),
)];

fn history_all() -> &'static [Questionnaire] {
    static PARSED: std::sync::OnceLock<Vec<Questionnaire>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| {
        HISTORY
            .iter()
            .map(|(name, source)| {
                // Checked by the test suite like the current one; failing here is a build defect.
                Questionnaire::from_source(std::path::Path::new(name), source)
                    .expect("an embedded earlier questionnaire is valid (checked by tests)")
            })
            .collect()
    })
}

/// The embedded earlier version `version` of questionnaire `id`, if this build carries it.
pub fn history(id: &str, version: &str) -> Option<&'static Questionnaire> {
    history_all()
        .iter()
        .find(|q| q.header.id == id && q.header.version == version)
}

/// The embedded default questionnaire's id.
pub const DEFAULT_ID: &str = "gbt39116-2020";

/// Weights are stored in millionths.
pub const WEIGHT_UNIT: i128 = 1_000_000;

/// The most a weight may be (keeps exact integer scoring far from overflow).
pub const MAX_WEIGHT: i128 = 1_000_000;

/// The most requirements one sub-domain may have at one level (the brief asks for 2–4).
pub const MAX_CELL: usize = 24;

/// Levels 1..=5.
pub const LEVELS: [u8; 5] = [1, 2, 3, 4, 5];

/// A requirement's place in [`Questionnaire::requirements`]: a position of its own type, so it
/// cannot be mixed up with a sub-domain's or a tree row's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RequirementIx(pub usize);

/// A sub-domain's place in [`Questionnaire::subdomains`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SubdomainIx(pub usize);

/// Lists laid out like the questionnaire's requirements or sub-domains (the questionnaire's own,
/// a sheet's ratings, a score's nodes) are indexed by the position type itself.
macro_rules! index_by {
    ($ix:ty) => {
        impl<T> std::ops::Index<$ix> for Vec<T> {
            type Output = T;
            fn index(&self, ix: $ix) -> &T {
                &self[ix.0]
            }
        }

        impl<T> std::ops::IndexMut<$ix> for Vec<T> {
            fn index_mut(&mut self, ix: $ix) -> &mut T {
                &mut self[ix.0]
            }
        }
    };
}

index_by!(RequirementIx);
index_by!(SubdomainIx);

/// Enterprise industry type, which decides what may be tailored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IndustryType {
    Discrete,
    Process,
}

impl IndustryType {
    pub const ALL: [IndustryType; 2] = [IndustryType::Discrete, IndustryType::Process];

    pub fn key(self) -> &'static str {
        match self {
            IndustryType::Discrete => "discrete",
            IndustryType::Process => "process",
        }
    }

    pub fn parse(key: &str) -> Option<IndustryType> {
        IndustryType::ALL.into_iter().find(|t| t.key() == key)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    pub id: String,
    pub version: String,
    pub standard: String,
    pub title: Text,
    /// Where the wording comes from (ours: "written by the project, not the standard's text").
    pub wording: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Level {
    pub level: u8,
    pub name: Text,
    pub description: Text,
    /// What PI, LI and FI look like at this level: one concrete example each (rating guidance).
    pub examples: Option<LevelExamples>,
}

/// One example per rating that self-reports hinge on (PI vs LI vs FI), for one level.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelExamples {
    pub pi: Text,
    pub li: Text,
    pub fi: Text,
}

impl LevelExamples {
    pub fn of(&self, rating: Rating) -> Option<&Text> {
        match rating {
            Rating::NI => None,
            Rating::PI => Some(&self.pi),
            Rating::LI => Some(&self.li),
            Rating::FI => Some(&self.fi),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ScaleStep {
    pub rating: Rating,
    /// The rating's value in thousandths (0..=1000): exact, so 0.8 stays 0.8.
    pub value_milli: u32,
    pub name: Text,
    pub finding: Text,
    pub guidance: Text,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    pub key: String,
    pub name: Text,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Domain {
    pub key: String,
    pub name: Text,
    pub element: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Subdomain {
    pub key: String,
    pub name: Text,
    pub domain: usize,
    pub element: usize,
    /// The weight in millionths (the file's decimal, exact to a millionth).
    pub weight_micro: i128,
    /// Whether it may be tailored out, per industry type: `[discrete, process]`.
    pub tailorable: [bool; 2],
}

impl Subdomain {
    /// The exact weight.
    pub fn weight(&self) -> Ratio<i128> {
        Ratio::new(self.weight_micro, WEIGHT_UNIT)
    }

    pub fn tailorable_for(&self, industry_type: IndustryType) -> bool {
        self.tailorable[industry_type as usize]
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Requirement {
    pub id: String,
    pub subdomain: usize,
    pub level: u8,
    pub number: u32,
    pub text: Text,
    pub evidence: Option<Text>,
    /// Set for a conditional requirement: when it applies. Only such a requirement may be
    /// marked not applicable (with a reason) in an assessment.
    pub condition: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct Questionnaire {
    pub header: Header,
    /// Exactly five, for levels 1..=5 in order.
    pub levels: Vec<Level>,
    /// Exactly four, NI, PI, LI, FI in order.
    pub scale: Vec<ScaleStep>,
    pub elements: Vec<Element>,
    pub domains: Vec<Domain>,
    pub subdomains: Vec<Subdomain>,
    /// Sorted by (sub-domain order, level, number).
    pub requirements: Vec<Requirement>,
    /// `cells[s][l-1]`: the range of `requirements` for sub-domain `s` at level `l`.
    cells: Vec<[Range<usize>; 5]>,
    /// The least common multiple of all non-empty cell sizes: every sub-domain level score is
    /// a whole number of 1/(1000 · cell_lcm), which keeps scoring in integers.
    cell_lcm: i128,
    by_id: HashMap<String, usize>,
    by_subdomain_key: HashMap<String, usize>,
    /// Where it was loaded from (a path, or `<embedded>`), for messages it causes elsewhere.
    origin: String,
    /// How answers made on earlier versions carry over (`[migrate."1.0.0"]`).
    pub migrations: Vec<Migration>,
    /// Weights by industry type (and optionally division), as a pre-assessment would set them.
    pub weight_profiles: Vec<WeightProfile>,
    /// The fingerprint (digest of the canonical JSON), computed once on first use: verifying
    /// thousands of result files would otherwise hash the whole questionnaire for each.
    pub(crate) fingerprint: std::sync::OnceLock<String>,
}

/// What became of each requirement id of an earlier version that this version retired.
#[derive(Clone, Debug, PartialEq)]
pub struct Migration {
    /// The earlier version.
    pub from: String,
    /// Retired id → its fate.
    pub fates: std::collections::BTreeMap<String, Fate>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Fate {
    /// The same check lives on under this id: a rating carries over.
    To(String),
    /// No longer checked (or checked so differently that the old rating would mislead).
    Dropped(Text),
}

/// Weights a pre-assessment would set for an industry type (optionally some divisions only).
#[derive(Clone, Debug, PartialEq)]
pub struct WeightProfile {
    pub name: String,
    pub industry_type: IndustryType,
    /// GB/T 4754 divisions ("26"); empty: every division of the type.
    pub divisions: Vec<String>,
    pub table: crate::model::weights::WeightTable,
    pub note: Option<Text>,
}

impl Questionnaire {
    /// The migration from `version`, if this questionnaire carries one.
    pub fn migration_from(&self, version: &str) -> Option<&Migration> {
        self.migrations.iter().find(|m| m.from == version)
    }

    /// The weight profile for an industry type and division: one naming the division first,
    /// then one for the whole type.
    pub fn weight_profile(
        &self,
        industry_type: Option<IndustryType>,
        division: Option<&str>,
    ) -> Option<&WeightProfile> {
        let industry_type = industry_type?;
        let of_type = || {
            self.weight_profiles
                .iter()
                .filter(move |p| p.industry_type == industry_type)
        };
        division
            .and_then(|d| of_type().find(|p| p.divisions.iter().any(|x| x == d)))
            .or_else(|| of_type().find(|p| p.divisions.is_empty()))
    }

    /// The weight profile for an enterprise: by its industry type and industry division.
    pub fn weight_profile_for(
        &self,
        profile: &crate::model::profile::Profile,
    ) -> Option<&WeightProfile> {
        let division = profile.industry.as_deref().and_then(|code| code.get(..2));
        self.weight_profile(profile.industry_type, division)
    }

    /// "gbt39116-2020 1.0.0 (half.toml)": the questionnaire as messages about other files
    /// name it.
    pub fn describe(&self) -> String {
        format!(
            "{} {} ({})",
            self.header.id, self.header.version, self.origin
        )
    }

    /// Every version this build carries: the current one and the earlier ones kept so that
    /// answers and result files made on them can still be read and verified.
    pub fn embedded_versions() -> Vec<&'static Questionnaire> {
        static CURRENT: std::sync::OnceLock<Questionnaire> = std::sync::OnceLock::new();
        let mut all = vec![CURRENT.get_or_init(Questionnaire::embedded)];
        all.extend(history_all());
        all
    }

    /// The embedded default questionnaire.
    pub fn embedded() -> Questionnaire {
        // The embedded file is validated by the test suite; failing here is a build defect.
        Questionnaire::from_source(std::path::Path::new("<embedded>"), DEFAULT_SOURCE)
            .expect("the embedded questionnaire is valid (checked by tests)")
    }

    pub fn id(&self) -> &str {
        &self.header.id
    }

    pub fn level(&self, level: u8) -> &Level {
        &self.levels[usize::from(level - 1)]
    }

    pub fn scale_step(&self, rating: Rating) -> &ScaleStep {
        &self.scale[rating.index()]
    }

    pub fn value_milli(&self, rating: Rating) -> u32 {
        self.scale[rating.index()].value_milli
    }

    pub fn requirement_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirement_index(id).map(|i| &self.requirements[i])
    }

    pub fn subdomain_index(&self, key: &str) -> Option<usize> {
        self.by_subdomain_key.get(key).copied()
    }

    /// Indexes into `requirements` of sub-domain `s` at `level`.
    pub fn cell(&self, subdomain: usize, level: u8) -> Range<usize> {
        self.cells[subdomain][usize::from(level - 1)].clone()
    }

    pub fn cell_lcm(&self) -> i128 {
        self.cell_lcm
    }

    /// Indexes into `requirements` of sub-domain `s`, all levels.
    pub fn subdomain_requirements(&self, subdomain: usize) -> Range<usize> {
        let cells = &self.cells[subdomain];
        cells[0].start..cells[4].end
    }

    pub fn subdomains_of_domain(&self, domain: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.subdomains.len()).filter(move |&s| self.subdomains[s].domain == domain)
    }

    pub fn domains_of_element(&self, element: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.domains.len()).filter(move |&d| self.domains[d].element == element)
    }

    pub fn subdomains_of_element(&self, element: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.subdomains.len()).filter(move |&s| self.subdomains[s].element == element)
    }
}
