//! Undoable changes to an assessment. Each change records the state before and after of the
//! answers it touches, and nothing else, so undo never reverts what another terminal merged in.

use super::state::{App, UNDO_LIMIT};
use crate::app::notice::{Notice, Touched};
use crate::model::Answers;
use crate::model::answers::{Rated, WeightOverride};
use crate::model::profile::Profile;

#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Rating {
        id: String,
        before: Option<Rated>,
        after: Option<Rated>,
    },
    Note {
        id: String,
        before: Option<String>,
        after: Option<String>,
    },
    Tailoring {
        key: String,
        before: Option<String>,
        after: Option<String>,
    },
    /// A conditional requirement marked not applicable (with the reason) or applicable again.
    NotApplicable {
        id: String,
        before: Option<String>,
        after: Option<String>,
    },
    Profile {
        before: Box<Profile>,
        after: Box<Profile>,
    },
    Target {
        before: Option<u8>,
        after: Option<u8>,
    },
    Weights {
        before: Option<WeightOverride>,
        after: Option<WeightOverride>,
    },
}

/// One user step (a keypress may change many answers, e.g. a quick estimate).
pub type Edit = Vec<Change>;

pub fn rated(answers: &Answers, id: &str) -> Option<Rated> {
    answers.ratings.get(id).copied()
}

fn set_rated(answers: &mut Answers, id: &str, value: &Option<Rated>) {
    match value {
        Some(rated) => {
            answers.ratings.insert(id.to_string(), *rated);
        }
        None => {
            answers.ratings.remove(id);
        }
    }
}

fn set_text(
    map: &mut std::collections::BTreeMap<String, String>,
    key: &str,
    value: &Option<String>,
) {
    match value {
        Some(v) => {
            map.insert(key.to_string(), v.clone());
        }
        None => {
            map.remove(key);
        }
    }
}

impl Change {
    /// Applies the change forward (`after`) or backward (`before`).
    pub fn apply(&self, answers: &mut Answers, forward: bool) {
        fn pick<T>(forward: bool, before: T, after: T) -> T {
            if forward { after } else { before }
        }
        let f = forward;
        match self {
            Change::Rating { id, before, after } => set_rated(answers, id, pick(f, before, after)),
            Change::Note { id, before, after } => {
                set_text(&mut answers.notes, id, pick(f, before, after))
            }
            Change::Tailoring { key, before, after } => {
                set_text(&mut answers.tailoring, key, pick(f, before, after))
            }
            Change::NotApplicable { id, before, after } => {
                set_text(&mut answers.not_applicable, id, pick(f, before, after))
            }
            Change::Profile { before, after } => {
                answers.profile = (**pick(f, before, after)).clone();
            }
            Change::Target { before, after } => answers.meta.target_level = *pick(f, before, after),
            Change::Weights { before, after } => answers.weights = pick(f, before, after).clone(),
        }
    }

    pub fn is_noop(&self) -> bool {
        match self {
            Change::Rating { before, after, .. } => before == after,
            Change::Note { before, after, .. }
            | Change::Tailoring { before, after, .. }
            | Change::NotApplicable { before, after, .. } => before == after,
            Change::Profile { before, after } => before == after,
            Change::Target { before, after } => before == after,
            Change::Weights { before, after } => before == after,
        }
    }
}

/// Records an edit and applies it, rescoring; false when it changes nothing.
pub fn commit(app: &mut App, edit: Edit) -> bool {
    let edit: Edit = edit.into_iter().filter(|c| !c.is_noop()).collect();
    if edit.is_empty() {
        return false;
    }
    for change in &edit {
        change.apply(&mut app.answers, true);
    }
    app.undo.push(edit);
    if app.undo.len() > UNDO_LIMIT {
        app.undo.remove(0);
    }
    app.redo.clear();
    app.reindex();
    true
}

/// Takes back the last edit (or, forward, the last one taken back) and shows where it was;
/// false (with a notice) when there is none.
pub fn undo(app: &mut App, forward: bool) -> bool {
    let from = if forward {
        &mut app.redo
    } else {
        &mut app.undo
    };
    let Some(edit) = from.pop() else {
        app.notice(if forward {
            Notice::NothingToRedo
        } else {
            Notice::NothingToUndo
        });
        return false;
    };
    let order: Vec<&Change> = if forward {
        edit.iter().collect()
    } else {
        edit.iter().rev().collect()
    };
    for change in order {
        change.apply(&mut app.answers, forward);
    }
    // Show where the change was, and say what it was.
    if let Some(Change::Rating { id, .. } | Change::Note { id, .. }) = edit.first()
        && let Some(i) = app.q.requirement_index(id)
    {
        app.select_requirement(crate::model::questionnaire::RequirementIx(i));
    }
    if let Some(what) = touched(&edit) {
        app.notice(if forward {
            Notice::Redone { what }
        } else {
            Notice::Undone { what }
        });
    }
    if forward {
        app.undo.push(edit);
    } else {
        app.redo.push(edit);
    }
    app.reindex();
    true
}

/// What an edit touched, for the undo and redo notices.
fn touched(edit: &Edit) -> Option<Touched> {
    Some(match edit.first()? {
        Change::Rating { id, .. } | Change::Note { id, .. } | Change::NotApplicable { id, .. } => {
            Touched::Requirements {
                first: id.clone(),
                count: edit.len(),
            }
        }
        Change::Tailoring { key, .. } => Touched::Tailoring { key: key.clone() },
        Change::Profile { .. } => Touched::Profile,
        Change::Target { .. } => Touched::Target,
        Change::Weights { .. } => Touched::Weights,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rating;

    #[test]
    fn apply_forward_and_back() {
        let mut a = Answers::default();
        let estimate = Rated {
            rating: Rating::FI,
            estimate: true,
        };
        let change = Change::Rating {
            id: "x".into(),
            before: None,
            after: Some(estimate),
        };
        change.apply(&mut a, true);
        assert_eq!(rated(&a, "x"), Some(estimate));
        change.apply(&mut a, false);
        assert_eq!(rated(&a, "x"), None);
        assert!(
            a.ratings.is_empty(),
            "the estimate flag went with the rating"
        );
    }
}
