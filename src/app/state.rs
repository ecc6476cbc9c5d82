//! The application's state: the open assessment, where the user is, and what is on screen. It is
//! changed only by [`update`](super::update::update); the UI draws it and never mutates it.

use std::sync::Arc;

use super::edit::Edit;
use super::form::ProfileForm;
use super::input::TextInput;
use super::notice::Notice;
use super::tree::{self, Node, RowIx};
use crate::i18n::Lang;
use crate::model::gaps::GapItem;
use crate::model::questionnaire::{RequirementIx, SubdomainIx};
use crate::model::scoring::{Score, Sheet, score_sheet};
use crate::model::{Answers, Questionnaire, Rating};

/// Most undo steps kept.
pub const UNDO_LIMIT: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Tree,
    Requirements,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    /// First run: what this is and the main keys.
    Welcome,
    Profile(Box<ProfileForm>),
    Main,
    Assessments(AssessmentList),
    /// The open assessment did not load.
    Recovery(Recovery),
    /// The demo companies: open one read only, or make a copy to edit.
    Demos(DemoList),
}

/// The list of demo companies (see [`crate::model::demos`]).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct DemoList {
    pub entries: Vec<crate::model::demos::Entry>,
    pub selected: usize,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct AssessmentList {
    /// (name, last change)
    pub entries: Vec<(String, String)>,
    pub selected: usize,
    /// Asking for a name (new, rename, duplicate) or a confirmation (delete).
    pub prompt: Option<ListPrompt>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ListPrompt {
    /// Asking for a name or a path.
    Text(TextPrompt, TextInput),
    /// Asking to confirm deleting this assessment.
    Delete(String),
}

/// What a typed line in the assessments list is for.
#[derive(Clone, Debug, PartialEq)]
pub enum TextPrompt {
    New,
    Rename(String),
    Duplicate(String),
    /// The path of a result file to import.
    Import,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Recovery {
    pub name: String,
    pub problem: crate::messages::Problem,
    pub backup: Option<Box<Answers>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    /// Scrolled by `u16` lines.
    Help(u16),
    Explain(u16),
    /// The rating scale with the selected requirement's level examples (scrolled).
    Guidance(u16),
    Gaps {
        target: u8,
        items: Vec<GapItem>,
        selected: usize,
    },
    Search {
        input: TextInput,
        selected: usize,
    },
    Note {
        id: String,
        input: TextInput,
    },
    TailorReason {
        subdomain: SubdomainIx,
        input: TextInput,
    },
    /// The weight table for this assessment, typed as `production = 2, design = 1.5`.
    Weights(TextInput),
    /// Why these weights (required).
    WeightsReason {
        table: crate::model::weights::WeightTable,
        input: TextInput,
    },
    /// Why a conditional requirement does not apply here.
    NotApplicableReason {
        requirement: RequirementIx,
        input: TextInput,
    },
    Estimate {
        subdomain: SubdomainIx,
    },
    Target,
    /// Where to write the result file.
    ExportPath(TextInput),
    /// Where to write a copy of the answers file (the data folder could not be written).
    SaveCopyPath(TextInput),
    /// Which file to merge into the open assessment.
    MergePath(TextInput),
    /// Which collection to compare X with (empty: none).
    PeersPath(TextInput),
    /// What a merge added and every conflict (scrolled).
    Merged {
        summary: Box<super::update::MergeSummary>,
        scroll: u16,
    },
    /// Quit although changes are not saved?
    ConfirmQuit,
    /// A problem with a file, whole (a located message is longer than the status line; scrolled).
    Problem {
        problem: crate::messages::Problem,
        scroll: u16,
    },
    /// From self-diagnosis to certificate: the formal assessment planned for `target` (2–5),
    /// scrolled.
    Certification {
        target: u8,
        scroll: u16,
        /// Every place's incentives, not only the enterprise's region.
        all: bool,
    },
    /// What carrying the assessment over to the revised questionnaire changed (scrolled).
    Migrated {
        info: Box<crate::model::answers::Migrated>,
        scroll: u16,
    },
}

/// Changes on screen that are not on disk: the last save failed.
#[derive(Clone, Debug, PartialEq)]
pub struct Unsaved {
    /// Why.
    pub error: crate::messages::Problem,
    /// The answers last written: what differs from them is not saved.
    pub on_disk: Box<Answers>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Status(pub Notice);

#[derive(Clone, Debug)]
pub struct App {
    pub q: Arc<Questionnaire>,
    pub lang: Lang,
    /// The open assessment's name (empty before one is open).
    pub name: String,
    pub answers: Answers,
    /// The answers indexed like the questionnaire, and their score: kept in step with `answers`.
    pub sheet: Sheet,
    pub score: Score,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub rows: Vec<Node>,
    /// The selected tree row.
    pub row: RowIx,
    /// The selected requirement (index into the questionnaire), inside the selected sub-domain.
    pub requirement: RequirementIx,
    pub focus: Focus,
    pub undo: Vec<Edit>,
    pub redo: Vec<Edit>,
    /// Show the full score panel where there is no room for it beside the requirements.
    pub show_score: bool,
    pub status: Option<Status>,
    /// Set while the last save failed; cleared by the next one that succeeds.
    pub unsaved: Option<Unsaved>,
    /// The time of the action being handled (RFC 3339), given by the driver: a change stamps
    /// it as the answers' last update. `None` where no clock is given (tests).
    pub clock: Option<String>,
    /// Where an export is suggested (the folder zizhen was started in, given by the driver so
    /// the prompt shows the whole path); `None`: a bare file name.
    pub export_dir: Option<std::path::PathBuf>,
    /// A collection to compare X with (`zizhen --peers STORE`, the settings, or `P`), read
    /// when chosen, and where it is.
    pub peers: Option<Arc<crate::collection::peers::Peers>>,
    pub peers_path: Option<std::path::PathBuf>,
    /// A demo company open read only (its key): nothing is changed or saved until a copy is made.
    pub demo: Option<&'static str>,
}

impl App {
    /// Whether requirement `index`'s rating differs from what was last written (only while a
    /// save is failing).
    pub fn is_unsaved(&self, index: RequirementIx) -> bool {
        self.unsaved.as_ref().is_some_and(|u| {
            let id = &self.q.requirements[index].id;
            u.on_disk.ratings.get(id) != self.answers.ratings.get(id)
        })
    }

    pub fn new(q: Arc<Questionnaire>, lang: Lang) -> App {
        let answers = Answers::new(&q);
        let sheet = Sheet::empty(&q);
        let score = score_sheet(&q, &sheet);
        let rows = tree::rows(&q);
        let first = rows
            .iter()
            .position(|n| matches!(n, Node::Subdomain(_)))
            .unwrap_or(0);
        let mut app = App {
            q,
            lang,
            name: String::new(),
            answers,
            sheet,
            score,
            screen: Screen::Welcome,
            overlay: None,
            rows,
            row: RowIx(first),
            requirement: RequirementIx(0),
            focus: Focus::Tree,
            undo: Vec::new(),
            redo: Vec::new(),
            show_score: false,
            export_dir: None,
            peers: None,
            peers_path: None,
            status: None,
            unsaved: None,
            clock: None,
            demo: None,
        };
        app.select_row(RowIx(first));
        app
    }

    /// Replaces the answers (opened, or merged in from another window) and brings sheet and
    /// score in step.
    pub fn set_answers(&mut self, answers: Answers) {
        self.answers = answers;
        self.reindex();
    }

    /// Rebuilds the sheet from the answers and rescores (after an edit of the answers).
    pub fn reindex(&mut self) {
        self.sheet = Sheet::from_answers(&self.q, &self.answers);
        self.rescore();
    }

    pub fn rescore(&mut self) {
        self.score = score_sheet(&self.q, &self.sheet);
    }

    pub fn node(&self) -> Node {
        self.rows[self.row.0]
    }

    pub fn subdomain(&self) -> Option<SubdomainIx> {
        match self.node() {
            Node::Subdomain(s) => Some(s),
            _ => None,
        }
    }

    /// Selects a tree row; in a sub-domain, the first unrated requirement (else the first).
    pub fn select_row(&mut self, row: RowIx) {
        self.row = RowIx(row.0.min(self.rows.len().saturating_sub(1)));
        if let Some(s) = self.subdomain() {
            let range = self.q.subdomain_requirements(s.0);
            self.requirement = RequirementIx(
                range
                    .clone()
                    .find(|&i| self.sheet.ratings[i].is_none() && !self.sheet.not_applicable[i])
                    .unwrap_or(range.start),
            );
        }
    }

    /// Selects a requirement and the tree row of its sub-domain.
    pub fn select_requirement(&mut self, index: RequirementIx) {
        let s = SubdomainIx(self.q.requirements[index].subdomain);
        if let Some(row) = self.rows.iter().position(|n| *n == Node::Subdomain(s)) {
            self.row = RowIx(row);
        }
        self.requirement = index;
        self.focus = Focus::Requirements;
    }

    pub fn rating(&self, index: RequirementIx) -> Option<Rating> {
        self.sheet.ratings[index]
    }

    pub fn is_estimate(&self, index: RequirementIx) -> bool {
        self.answers
            .ratings
            .get(&self.q.requirements[index].id)
            .is_some_and(|r| r.estimate)
    }

    /// (rated, total) over the applicable sub-domains below a node.
    pub fn progress(&self, node: Node) -> (usize, usize) {
        let mut rated = 0;
        let mut total = 0;
        for s in node.subdomains(&self.q) {
            if self.sheet.tailored[s] {
                continue;
            }
            for i in self.q.subdomain_requirements(s) {
                if self.sheet.not_applicable[i] {
                    continue;
                }
                total += 1;
                rated += usize::from(self.sheet.ratings[i].is_some());
            }
        }
        (rated, total)
    }

    /// How many requirements up to `target` fall short of FI in applicable sub-domains.
    pub fn short_of(&self, target: u8) -> usize {
        self.q
            .requirements
            .iter()
            .enumerate()
            .filter(|(i, r)| {
                r.level <= target
                    && !self.sheet.tailored[r.subdomain]
                    && !self.sheet.not_applicable[*i]
                    && self.sheet.ratings[*i] != Some(Rating::FI)
            })
            .count()
    }

    pub fn notice(&mut self, notice: Notice) {
        self.status = Some(Status(notice));
    }
}
