//! "Merge another file into this one": the file's answers join the open assessment's as one
//! undoable step, the open assessment winning every conflict; a popup then says what was added
//! and lists every conflict (none is decided silently).

use std::collections::{BTreeMap, BTreeSet};

use super::commit;
use crate::app::action::Effect;
use crate::app::edit::{Change, Edit};
use crate::app::state::{App, Overlay};
use crate::model::Answers;
use crate::model::merge::{self, Added, Combined, Conflict, Part};

/// What a merge into the open assessment did, for its popup.
#[derive(Clone, Debug, PartialEq)]
pub struct MergeSummary {
    /// The names the two took part under: the open assessment's, then the file's.
    pub names: [String; 2],
    pub added: Added,
    /// Every conflict; the open assessment (part 0) won each.
    pub conflicts: Vec<Conflict>,
    pub combined: Vec<Combined>,
}

/// Merges `other` (read from the file named `name`) into the open assessment.
pub(super) fn merge_in(app: &mut App, name: &str, other: &Answers) -> Vec<Effect> {
    let mine = app.name.clone();
    // Notes written differently are labelled by part: the two labels must differ.
    let theirs = if name == mine {
        format!("{name} (2)")
    } else {
        name.to_string()
    };
    let parts = [
        Part {
            name: &mine,
            answers: &app.answers,
        },
        Part {
            name: &theirs,
            answers: other,
        },
    ];
    let merged = merge::merge(&app.q, &parts, Some(0));
    let added = merge::added(&app.answers, &merged.answers);
    let edit = changes(&app.answers, &merged.answers);
    let summary = MergeSummary {
        names: [mine, theirs],
        added,
        conflicts: merged.conflicts,
        combined: merged.combined,
    };
    let effects = commit(app, edit);
    app.overlay = Some(Overlay::Merged {
        summary: Box::new(summary),
        scroll: 0,
    });
    effects
}

/// The edit that turns `before` into `after` (the answers only, not the times): one undo step.
fn changes(before: &Answers, after: &Answers) -> Edit {
    fn keys<'a, V>(a: &'a BTreeMap<String, V>, b: &'a BTreeMap<String, V>) -> BTreeSet<&'a String> {
        a.keys().chain(b.keys()).collect()
    }
    let mut edit = Edit::new();
    for id in keys(&before.ratings, &after.ratings) {
        edit.push(Change::Rating {
            id: id.clone(),
            before: before.ratings.get(id).copied(),
            after: after.ratings.get(id).copied(),
        });
    }
    for id in keys(&before.notes, &after.notes) {
        edit.push(Change::Note {
            id: id.clone(),
            before: before.notes.get(id).cloned(),
            after: after.notes.get(id).cloned(),
        });
    }
    for id in keys(&before.not_applicable, &after.not_applicable) {
        edit.push(Change::NotApplicable {
            id: id.clone(),
            before: before.not_applicable.get(id).cloned(),
            after: after.not_applicable.get(id).cloned(),
        });
    }
    for key in keys(&before.tailoring, &after.tailoring) {
        edit.push(Change::Tailoring {
            key: key.clone(),
            before: before.tailoring.get(key).cloned(),
            after: after.tailoring.get(key).cloned(),
        });
    }
    edit.push(Change::Profile {
        before: Box::new(before.profile.clone()),
        after: Box::new(after.profile.clone()),
    });
    edit.push(Change::Target {
        before: before.meta.target_level,
        after: after.meta.target_level,
    });
    edit.push(Change::Weights {
        before: before.weights.clone(),
        after: after.weights.clone(),
    });
    // Unchanged entries are dropped by `commit`.
    edit
}
