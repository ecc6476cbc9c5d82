//! The closed vocabulary of the interface: what a key can ask for ([`Action`]), and what the
//! state machine asks the driver to do in the world ([`Effect`]).

use super::notice::Notice;
use crate::i18n::Lang;
use crate::messages::Problem;
use crate::model::{Answers, Rating};

/// Everything the user (or the driver) can ask of the application.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    // moving
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    SwitchFocus,
    NextUnrated,
    // answering
    Rate(Rating),
    ClearRating,
    Undo,
    Redo,
    EditNote,
    Tailor,
    /// Mark the selected conditional requirement not applicable (or applicable again).
    NotApplicable,
    Estimate,
    // views
    ToggleScore,
    Explain,
    /// The rating scale and the level's examples, for the selected requirement.
    Guidance,
    Gaps,
    Search,
    Help,
    SwitchLanguage,
    EditProfile,
    Assessments,
    SetTarget,
    /// Weights for this assessment (the pre-assessment's), with a reason.
    Weights,
    /// From self-diagnosis to certificate: the formal assessment planned, what a level is worth.
    Certification,
    /// A level up / down where a view shows one level (the certification plan).
    Raise,
    Lower,
    /// The incentives of every place, or of the enterprise's region again.
    AllPlaces,
    Export,
    Import,
    /// Merge another answers or result file into the open assessment.
    MergeFile,
    /// Choose the collection (`zizhen collect`) to compare X with, or stop comparing.
    ChoosePeers,
    /// Try to save now (after a failed save).
    SaveNow,
    /// Write a copy of the answers file somewhere else (when the data folder cannot be written).
    SaveCopy,
    /// The demo companies (from the welcome screen, or `D` on the main screen).
    Demos,
    /// Make the selected (or the open) demo company a saved assessment of one's own, and open it.
    CopyDemo,
    // lists (assessments screen)
    New,
    Rename,
    Duplicate,
    Delete,
    // dialogs and text
    Confirm,
    Cancel,
    Input(char),
    Backspace,
    DeleteChar,
    /// Ctrl-U, Ctrl-K, Ctrl-W: delete to the start, to the end, the word before the cursor.
    DeleteToStart,
    DeleteToEnd,
    DeleteWord,
    /// Ctrl-N / Ctrl-P in a searchable field: the next / previous suggestion.
    NextSuggestion,
    PreviousSuggestion,
    Quit,
    // from the driver
    /// An assessment is open: its name and answers.
    Opened {
        name: String,
        answers: Box<Answers>,
    },
    /// A save (or a refresh) merged in changes made elsewhere: adopt them.
    Synced(Box<Answers>),
    /// The list of saved assessments (name, last change as text).
    Listed(Vec<(String, String)>),
    /// An assessment could not be opened: the problem and whether a backup loads.
    OpenFailed {
        name: String,
        problem: Problem,
        backup: Option<Box<Answers>>,
    },
    /// Something the driver could not do.
    Failed(Problem),
    /// A message for the status line.
    Notice(Notice),
    /// A save failed: the problem, and the answers last written.
    SaveFailed {
        error: Problem,
        on_disk: Box<Answers>,
    },
    /// A save succeeded after one had failed: everything on screen is on disk again.
    SaveRecovered,
    /// The opened assessment was made on an earlier questionnaire version and carried over.
    Migrated(Box<crate::model::answers::Migrated>),
    /// A file to merge into the open assessment was read: its name (for labels) and answers.
    MergeRead {
        name: String,
        answers: Box<Answers>,
    },
    /// The collection to compare X with was opened (or, with no path, put away).
    PeersChosen {
        path: Option<std::path::PathBuf>,
        peers: Option<std::sync::Arc<crate::collection::peers::Peers>>,
    },
}

impl Action {
    /// Actions a key can be bound to, by the name used in the user's keymap file.
    pub const BINDABLE: &'static [(&'static str, Action)] = &[
        ("up", Action::Up),
        ("down", Action::Down),
        ("left", Action::Left),
        ("right", Action::Right),
        ("page_up", Action::PageUp),
        ("page_down", Action::PageDown),
        ("home", Action::Home),
        ("end", Action::End),
        ("switch_focus", Action::SwitchFocus),
        ("next_unrated", Action::NextUnrated),
        ("rate_ni", Action::Rate(Rating::NI)),
        ("rate_pi", Action::Rate(Rating::PI)),
        ("rate_li", Action::Rate(Rating::LI)),
        ("rate_fi", Action::Rate(Rating::FI)),
        ("clear_rating", Action::ClearRating),
        ("undo", Action::Undo),
        ("redo", Action::Redo),
        ("edit_note", Action::EditNote),
        ("tailor", Action::Tailor),
        ("not_applicable", Action::NotApplicable),
        ("estimate", Action::Estimate),
        ("toggle_score", Action::ToggleScore),
        ("explain", Action::Explain),
        ("guidance", Action::Guidance),
        ("gaps", Action::Gaps),
        ("search", Action::Search),
        ("help", Action::Help),
        ("switch_language", Action::SwitchLanguage),
        ("edit_profile", Action::EditProfile),
        ("assessments", Action::Assessments),
        ("set_target", Action::SetTarget),
        ("weights", Action::Weights),
        ("certification", Action::Certification),
        ("raise", Action::Raise),
        ("lower", Action::Lower),
        ("all_places", Action::AllPlaces),
        ("export", Action::Export),
        ("import", Action::Import),
        ("merge", Action::MergeFile),
        ("peers", Action::ChoosePeers),
        ("save", Action::SaveNow),
        ("save_copy", Action::SaveCopy),
        ("demos", Action::Demos),
        ("copy_demo", Action::CopyDemo),
        ("new", Action::New),
        ("rename", Action::Rename),
        ("duplicate", Action::Duplicate),
        ("delete", Action::Delete),
        ("next_suggestion", Action::NextSuggestion),
        ("previous_suggestion", Action::PreviousSuggestion),
        ("backspace", Action::Backspace),
        ("delete_char", Action::DeleteChar),
        ("delete_to_start", Action::DeleteToStart),
        ("delete_to_end", Action::DeleteToEnd),
        ("delete_word", Action::DeleteWord),
        ("confirm", Action::Confirm),
        ("cancel", Action::Cancel),
        ("quit", Action::Quit),
    ];

    pub fn by_name(name: &str) -> Option<Action> {
        Action::BINDABLE
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| a.clone())
    }

    /// Whether the action changes the open assessment (or writes its answers file): what a
    /// demo company open read only refuses.
    pub fn changes_answers(&self) -> bool {
        matches!(
            self,
            Action::Rate(_)
                | Action::ClearRating
                | Action::Undo
                | Action::Redo
                | Action::EditNote
                | Action::Tailor
                | Action::NotApplicable
                | Action::Estimate
                | Action::EditProfile
                | Action::SetTarget
                | Action::Weights
                | Action::SaveNow
                | Action::SaveCopy
        )
    }

    pub fn name(&self) -> Option<&'static str> {
        Action::BINDABLE
            .iter()
            .find(|(_, a)| a == self)
            .map(|(n, _)| *n)
    }
}

/// What the state machine asks the driver to do. The driver reports back with actions.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Save these answers (the open assessment's, stamped with the time of the change).
    Save {
        answers: Box<Answers>,
    },
    /// Start a new assessment with these answers and open it; without a name the driver picks
    /// a free one from today's date.
    Create {
        name: Option<String>,
        answers: Box<Answers>,
    },
    Open(String),
    /// Start a new assessment under `wanted`, or the first free name after it ("name (2)"), with
    /// these answers, and open it (a copy of a demo company).
    CreateCopy {
        wanted: String,
        answers: Box<Answers>,
    },
    /// Leave the open assessment without opening another (a demo company is shown read only):
    /// nothing is saved to it or refreshed from it any more.
    Close,
    /// Open the backup of an assessment that did not load, keeping the broken file aside.
    OpenBackup(String),
    Rename {
        old: String,
        new: String,
    },
    Duplicate {
        source: String,
        target: String,
    },
    Delete(String),
    /// Send the list of saved assessments (as [`Action::Listed`]).
    List,
    /// Write the open assessment's result file here.
    Export(String),
    /// Make a result file a new assessment, and open it.
    Import(String),
    /// Read this answers or result file (verified) to merge it into the open assessment; the
    /// driver answers with [`Action::MergeRead`] or a failure.
    ReadForMerge(String),
    /// Write the current answers file to this path too (a copy; the assessment stays where it is).
    SaveCopy(String),
    /// Keep the language switched with `L` for the next start.
    RememberLanguage(Lang),
    /// Open this collection to compare X with, and keep the choice for the next start (empty:
    /// stop comparing); the driver answers with [`Action::PeersChosen`] or a failure.
    LoadPeers(String),
    Quit,
}
