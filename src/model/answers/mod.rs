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

mod merge;
mod migrate;
mod read;
mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::diagnostic::FileError;
use super::profile::Profile;
use super::questionnaire::Questionnaire;
use super::rating::Rating;
use super::source;

pub use merge::merge;
pub use migrate::Migrated;
pub use read::valid_timestamp;

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
    /// Ratings pre-filled by a quick estimate and not yet confirmed by the user.
    pub estimates: BTreeSet<String>,
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
        let raw: read::RawAnswers = source::parse_toml(path, text)?;
        let mut problems = Vec::new();
        let answers = read::check(raw, questionnaire, &mut problems);
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
}
