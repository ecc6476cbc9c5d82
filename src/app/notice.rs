//! Messages for the status line, as data: what happened, with its particulars. The interface
//! says them in the current language when it draws, so a message stays right after `L`, and a
//! mistyped key cannot ship: each variant names its locale key once, and a test renders every
//! variant in both languages.

use crate::messages::Problem;
use crate::model::fields::Field;

/// What the status line says.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    NotConditional,
    WeightsInvalid {
        problem: String,
    },
    SaveRecovered,
    CopySaved {
        path: String,
    },
    TempRestored {
        names: String,
    },
    RecoveredMissing {
        name: String,
    },
    Exported {
        path: String,
        level: String,
    },
    DeleteOpen,
    Failed(Problem),
    NothingToUndo,
    NothingToRedo,
    Tailored,
    PickSubdomain,
    AllRated,
    Locked,
    LockedProcess,
    TopLevel,
    NoMatch,
    ReasonRequired,
    Estimated {
        name: String,
        level: String,
    },
    IndustryTypeRequired,
    UntailoredLocked {
        keys: String,
    },
    /// The profile has fields that are not valid: fix or clear them to go on.
    ProfileInvalid {
        fields: Vec<Field>,
    },
    SuggestTailoring {
        keys: String,
    },
    NameRequired,
    Created {
        name: String,
    },
    Opened {
        name: String,
    },
    Renamed {
        name: String,
    },
    Duplicated {
        name: String,
    },
    Deleted {
        path: String,
    },
    Merged,
    Quarantined {
        path: String,
    },
    Recovered {
        path: String,
    },
    ConfigProblem {
        problem: String,
    },
    /// A text console without Chinese characters: the interface starts in English.
    ConsoleEnglish,
    SaveFailed(Problem),
    LanguageNotKept(Problem),
    /// X is now compared with the collection at `path`.
    PeersChosen {
        path: String,
        enterprises: String,
    },
    /// X is no longer compared with a collection.
    PeersPutAway,
    /// The collection chosen is compared with, but could not be kept for the next start.
    PeersNotKept(Problem),
    /// The collection kept in the settings could not be read at the start.
    PeersNotLoaded(Problem),
    AlreadyImported {
        name: String,
    },
    /// A change asked of a demo company open read only.
    DemoReadOnly,
    /// A demo company is not opened while changes to `name` are not saved.
    DemoUnsaved {
        name: String,
    },
    /// A demo company is open read only.
    DemoOpened {
        name: String,
    },
    Undone {
        what: Touched,
    },
    Redone {
        what: Touched,
    },
}

/// What an undo or redo touched, said in the current language.
#[derive(Clone, Debug, PartialEq)]
pub enum Touched {
    /// Ratings, notes or not-applicable marks: the first requirement and how many in all.
    Requirements {
        first: String,
        count: usize,
    },
    Tailoring {
        key: String,
    },
    Profile,
    Target,
    Weights,
}

impl Touched {
    fn render(&self, s: &crate::i18n::Strings) -> String {
        match self {
            Touched::Requirements { first, count: 1 } => first.clone(),
            Touched::Requirements { first, count } => s.fmt(
                "status.touched_many",
                &[("first", first), ("more", &(count - 1).to_string())],
            ),
            Touched::Tailoring { key } => s.fmt("status.touched_tailoring", &[("key", key)]),
            Touched::Profile => s.get("status.touched_profile").to_string(),
            Touched::Target => s.get("status.touched_target").to_string(),
            Touched::Weights => s.get("status.touched_weights").to_string(),
        }
    }

    /// Every kind, for the test that renders them all.
    pub fn samples() -> Vec<Touched> {
        vec![
            Touched::Requirements {
                first: "x".into(),
                count: 1,
            },
            Touched::Requirements {
                first: "x".into(),
                count: 3,
            },
            Touched::Tailoring { key: "x".into() },
            Touched::Profile,
            Touched::Target,
            Touched::Weights,
        ]
    }
}

impl Notice {
    /// The locale key of the message.
    pub fn key(&self) -> &'static str {
        match self {
            Notice::NotConditional => "status.not_conditional",
            Notice::WeightsInvalid { .. } => "status.weights_invalid",
            Notice::SaveRecovered => "status.save_recovered",
            Notice::CopySaved { .. } => "status.copy_saved",
            Notice::TempRestored { .. } => "status.temp_restored",
            Notice::RecoveredMissing { .. } => "status.recovered_missing",
            Notice::Exported { .. } => "status.exported",
            Notice::DeleteOpen => "status.delete_open",
            Notice::Failed(_) => "status.failed",
            Notice::NothingToUndo => "status.nothing_to_undo",
            Notice::NothingToRedo => "status.nothing_to_redo",
            Notice::Tailored => "status.tailored",
            Notice::PickSubdomain => "status.pick_subdomain",
            Notice::AllRated => "status.all_rated",
            Notice::Locked => "status.locked",
            Notice::LockedProcess => "status.locked_process",
            Notice::TopLevel => "status.top_level",
            Notice::NoMatch => "status.no_match",
            Notice::ReasonRequired => "status.reason_required",
            Notice::Estimated { .. } => "status.estimated",
            Notice::IndustryTypeRequired => "status.industry_type_required",
            Notice::UntailoredLocked { .. } => "status.untailored_locked",
            Notice::ProfileInvalid { .. } => "status.profile_invalid",
            Notice::SuggestTailoring { .. } => "status.suggest_tailoring",
            Notice::NameRequired => "status.name_required",
            Notice::Created { .. } => "status.created",
            Notice::Opened { .. } => "status.opened",
            Notice::Renamed { .. } => "status.renamed",
            Notice::Duplicated { .. } => "status.duplicated",
            Notice::Deleted { .. } => "status.deleted",
            Notice::Merged => "status.merged",
            Notice::Quarantined { .. } => "status.quarantined",
            Notice::Recovered { .. } => "status.recovered",
            Notice::ConfigProblem { .. } => "status.config_problem",
            Notice::ConsoleEnglish => "status.console_english",
            Notice::SaveFailed(_) => "status.save_failed",
            Notice::LanguageNotKept(_) => "status.language_not_kept",
            Notice::PeersChosen { .. } => "status.peers_chosen",
            Notice::PeersPutAway => "status.peers_put_away",
            Notice::PeersNotKept(_) => "status.peers_not_kept",
            Notice::PeersNotLoaded(_) => "status.peers_not_loaded",
            Notice::AlreadyImported { .. } => "status.already_imported",
            Notice::DemoReadOnly => "demos.read_only_refused",
            Notice::DemoOpened { .. } => "demos.opened",
            Notice::DemoUnsaved { .. } => "demos.unsaved",
            Notice::Undone { .. } => "status.undone",
            Notice::Redone { .. } => "status.redone",
        }
    }

    /// The particulars, by placeholder name; a problem is said in `s`'s language.
    pub fn args(&self, s: &crate::i18n::Strings) -> Vec<(&'static str, String)> {
        match self {
            Notice::NotConditional => Vec::new(),
            Notice::WeightsInvalid { problem } => vec![("problem", problem.clone())],
            Notice::SaveRecovered => Vec::new(),
            Notice::CopySaved { path } => vec![("path", path.clone())],
            Notice::TempRestored { names } => vec![("names", names.clone())],
            Notice::RecoveredMissing { name } => vec![("name", name.clone())],
            Notice::Exported { path, level } => {
                vec![("path", path.clone()), ("level", level.clone())]
            }
            Notice::DeleteOpen => Vec::new(),
            Notice::Failed(problem) => vec![("error", problem.first_line(s))],
            Notice::NothingToUndo => Vec::new(),
            Notice::NothingToRedo => Vec::new(),
            Notice::Tailored => Vec::new(),
            Notice::PickSubdomain => Vec::new(),
            Notice::AllRated => Vec::new(),
            Notice::Locked => Vec::new(),
            Notice::LockedProcess => Vec::new(),
            Notice::TopLevel => Vec::new(),
            Notice::NoMatch => Vec::new(),
            Notice::ReasonRequired => Vec::new(),
            Notice::Estimated { name, level } => {
                vec![("name", name.clone()), ("level", level.clone())]
            }
            Notice::IndustryTypeRequired => Vec::new(),
            Notice::UntailoredLocked { keys } => vec![("keys", keys.clone())],
            Notice::ProfileInvalid { fields } => {
                let names: Vec<&str> = fields
                    .iter()
                    .map(|f| s.get(&format!("form.{}", f.key())))
                    .collect();
                vec![("fields", names.join(s.lang().list_separator()))]
            }
            Notice::SuggestTailoring { keys } => vec![("keys", keys.clone())],
            Notice::NameRequired => Vec::new(),
            Notice::Created { name } => vec![("name", name.clone())],
            Notice::Opened { name } => vec![("name", name.clone())],
            Notice::Renamed { name } => vec![("name", name.clone())],
            Notice::Duplicated { name } => vec![("name", name.clone())],
            Notice::Deleted { path } => vec![("path", path.clone())],
            Notice::Merged => Vec::new(),
            Notice::Quarantined { path } => vec![("path", path.clone())],
            Notice::Recovered { path } => vec![("path", path.clone())],
            Notice::ConfigProblem { problem } => vec![("problem", problem.clone())],
            Notice::ConsoleEnglish => Vec::new(),
            Notice::SaveFailed(problem) => vec![("error", problem.first_line(s))],
            Notice::LanguageNotKept(problem)
            | Notice::PeersNotKept(problem)
            | Notice::PeersNotLoaded(problem) => vec![("error", problem.first_line(s))],
            Notice::PeersChosen { path, enterprises } => {
                vec![("path", path.clone()), ("enterprises", enterprises.clone())]
            }
            Notice::PeersPutAway => Vec::new(),
            Notice::AlreadyImported { name } => vec![("name", name.clone())],
            Notice::DemoReadOnly => Vec::new(),
            Notice::DemoOpened { name } | Notice::DemoUnsaved { name } => {
                vec![("name", name.clone())]
            }
            Notice::Undone { what } | Notice::Redone { what } => vec![("what", what.render(s))],
        }
    }

    /// One of each variant (with sample particulars), for the test that renders them all.
    pub fn samples() -> Vec<Notice> {
        let text = || "x".to_string();
        let problem = || Problem::Text("x".into());
        vec![
            Notice::NotConditional,
            Notice::WeightsInvalid { problem: text() },
            Notice::SaveRecovered,
            Notice::CopySaved { path: text() },
            Notice::TempRestored { names: text() },
            Notice::RecoveredMissing { name: text() },
            Notice::Exported {
                path: text(),
                level: text(),
            },
            Notice::DeleteOpen,
            Notice::Failed(problem()),
            Notice::NothingToUndo,
            Notice::NothingToRedo,
            Notice::Tailored,
            Notice::PickSubdomain,
            Notice::AllRated,
            Notice::Locked,
            Notice::LockedProcess,
            Notice::TopLevel,
            Notice::NoMatch,
            Notice::ReasonRequired,
            Notice::Estimated {
                name: text(),
                level: text(),
            },
            Notice::IndustryTypeRequired,
            Notice::UntailoredLocked { keys: text() },
            Notice::ProfileInvalid {
                fields: vec![Field::CreditCode, Field::Revenue],
            },
            Notice::SuggestTailoring { keys: text() },
            Notice::NameRequired,
            Notice::Created { name: text() },
            Notice::Opened { name: text() },
            Notice::Renamed { name: text() },
            Notice::Duplicated { name: text() },
            Notice::Deleted { path: text() },
            Notice::Merged,
            Notice::Quarantined { path: text() },
            Notice::Recovered { path: text() },
            Notice::ConfigProblem { problem: text() },
            Notice::ConsoleEnglish,
            Notice::SaveFailed(problem()),
            Notice::LanguageNotKept(problem()),
            Notice::PeersChosen {
                path: text(),
                enterprises: text(),
            },
            Notice::PeersPutAway,
            Notice::PeersNotKept(problem()),
            Notice::PeersNotLoaded(problem()),
            Notice::AlreadyImported { name: text() },
            Notice::DemoReadOnly,
            Notice::DemoOpened { name: text() },
            Notice::DemoUnsaved { name: text() },
        ]
        .into_iter()
        .chain(Touched::samples().into_iter().flat_map(|what| {
            [
                Notice::Undone { what: what.clone() },
                Notice::Redone { what },
            ]
        }))
        .collect()
    }
}
