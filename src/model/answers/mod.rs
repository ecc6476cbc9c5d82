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
//! [not_applicable]                     # conditional requirements only
//! "ehs.2.5" = "no outlet the discharge permit requires to be monitored"
//! [weights]                            # an assessor's weights for this assessment
//! production = 2.0
//! reason = "process plant: production dominates (agreed at the pre-assessment)"
//! ```

mod migrate;
mod read;
mod reconcile;
mod write;

use std::collections::BTreeMap;
use std::path::Path;

use super::diagnostic::{Diagnostic, FileError};
use super::profile::Profile;
use super::questionnaire::Questionnaire;
use super::rating::Rating;
use super::source;
use super::weights::WeightTable;

pub use reconcile::reconcile;

/// A rating as the answers hold it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rated {
    pub rating: Rating,
    /// Set by a quick estimate ("this sub-domain is at level k") and not yet confirmed.
    pub estimate: bool,
}

impl Rated {
    /// A rating the user gave.
    pub fn given(rating: Rating) -> Rated {
        Rated {
            rating,
            estimate: false,
        }
    }
}

/// Weights set for one assessment (`[weights]`), with the reason they were set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeightOverride {
    pub table: WeightTable,
    pub reason: String,
}
pub use migrate::Migrated;
pub use read::valid_timestamp;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answers {
    pub questionnaire: String,
    /// The questionnaire version the answers are for (written on every save; answers made on
    /// an earlier version are carried over when read, see [`Migrated`]).
    pub questionnaire_version: Option<String>,
    pub profile: Profile,
    /// Sub-domain key → the reason it does not apply.
    pub tailoring: BTreeMap<String, String>,
    /// Requirement id → its rating, and whether a quick estimate set it (not yet confirmed
    /// by the user): one map, so an estimate flag cannot exist without its rating.
    pub ratings: BTreeMap<String, Rated>,
    /// Requirement id → note or evidence reference.
    pub notes: BTreeMap<String, String>,
    /// Conditional requirements whose condition does not hold here: id → the reason.
    pub not_applicable: BTreeMap<String, String>,
    /// An assessor's weights for this one assessment, overriding any weight profile.
    pub weights: Option<WeightOverride>,
    pub meta: Meta,
}

/// About the assessment itself (the `[assessment]` table).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// RFC 3339 times.
    pub created: Option<String>,
    pub updated: Option<String>,
    /// The level the enterprise aims for (1–5).
    pub target_level: Option<u8>,
}

impl Answers {
    /// Empty answers for `questionnaire`.
    pub fn new(questionnaire: &Questionnaire) -> Answers {
        Answers {
            questionnaire: questionnaire.id().to_string(),
            questionnaire_version: Some(questionnaire.header.version.clone()),
            ..Answers::default()
        }
    }

    /// Reads and checks the answers file at `path` against `questionnaire`.
    pub fn load(path: &Path, questionnaire: &Questionnaire) -> Result<Answers, FileError> {
        let text = source::read_text(path)?;
        Answers::from_source(path, &text, questionnaire)
    }

    /// Checks answers `text` against `questionnaire`, naming `path` in errors. Answers made on
    /// an earlier version of the questionnaire are carried over silently; use [`Answers::read`]
    /// to learn what that changed.
    pub fn from_source(
        path: &Path,
        text: &str,
        questionnaire: &Questionnaire,
    ) -> Result<Answers, FileError> {
        Answers::read(path, text, questionnaire).map(|(answers, _)| answers)
    }

    /// Like [`Answers::from_source`], and says what carrying answers over from an earlier
    /// questionnaire version changed, if it did.
    pub fn read(
        path: &Path,
        text: &str,
        questionnaire: &Questionnaire,
    ) -> Result<(Answers, Option<Migrated>), FileError> {
        let mut raw: read::RawAnswers = source::parse_toml(path, text)?;
        let mut problems = Vec::new();
        let migrated = migrate::apply(&mut raw, questionnaire, &mut problems);
        let answers = read::check(raw, questionnaire, &mut problems);
        if problems.is_empty() {
            Ok((answers, migrated))
        } else {
            Err(FileError::new(path, Some(text.to_string()), problems))
        }
    }

    /// Checks answers made in memory (from a result file) by the answers file's own rules,
    /// exactly as [`Answers::read`] would check them written with [`Answers::to_toml`] and read
    /// back, without writing and parsing the text (the costly part when a collector verifies
    /// thousands of files). The problems carry no places.
    pub fn recheck(
        &self,
        questionnaire: &Questionnaire,
    ) -> Result<(Answers, Option<Migrated>), Vec<Diagnostic>> {
        let mut raw = read::RawAnswers::of(self);
        let mut problems = Vec::new();
        let migrated = migrate::apply(&mut raw, questionnaire, &mut problems);
        let answers = read::check(raw, questionnaire, &mut problems);
        for d in &mut problems {
            d.span = None;
        }
        if problems.is_empty() {
            Ok((answers, migrated))
        } else {
            Err(problems)
        }
    }

    /// Reads the answers file at `path`, saying what a migration changed.
    pub fn load_reporting(
        path: &Path,
        questionnaire: &Questionnaire,
    ) -> Result<(Answers, Option<Migrated>), FileError> {
        let text = source::read_text(path)?;
        Answers::read(path, &text, questionnaire)
    }

    /// The ids these answers name that `q` does not have (requirements and sub-domains): what
    /// would make the file fail to load. A cheap check of the answers as they are, for every save.
    pub fn unknown_ids<'a>(&'a self, q: &Questionnaire) -> Vec<&'a str> {
        let requirements = self
            .ratings
            .keys()
            .chain(self.notes.keys())
            .chain(self.not_applicable.keys())
            .filter(|id| q.requirement_index(id).is_none());
        let subdomains = self
            .tailoring
            .keys()
            .filter(|key| q.subdomain_index(key).is_none());
        requirements.chain(subdomains).map(String::as_str).collect()
    }

    /// Whether conditional requirement `id` is marked not applicable.
    pub fn is_not_applicable(&self, id: &str) -> bool {
        self.not_applicable.contains_key(id)
    }

    pub fn is_tailored(&self, subdomain_key: &str) -> bool {
        self.tailoring.contains_key(subdomain_key)
    }

    pub fn rating(&self, id: &str) -> Option<Rating> {
        self.ratings.get(id).map(|r| r.rating)
    }

    /// How many ratings are quick estimates still to be confirmed.
    pub fn estimate_count(&self) -> usize {
        self.ratings.values().filter(|r| r.estimate).count()
    }
}
