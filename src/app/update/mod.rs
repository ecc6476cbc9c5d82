//! The state machine: `update(&mut App, Action) -> Vec<Effect>`. No I/O and no terminal here;
//! the driver performs the effects and reports back with actions. Actions that mean the same
//! on every screen are handled here; the rest by the screen (or popup) they arrive on:
//! [`main`] the model and its requirements, [`overlay`] popups and questions, [`profile`] the
//! enterprise form, [`assessments`] the welcome, list and recovery screens.

mod assessments;
mod demos;
mod main;
mod merge;
mod overlay;
mod profile;

pub use merge::MergeSummary;

use crate::app::action::{Action, Effect};
use crate::app::edit::{self as history, Edit};
use crate::app::form::ProfileForm;
use crate::app::notice::Notice;
use crate::app::state::{App, AssessmentList, Overlay, Recovery, Screen};
use crate::messages::Problem;

/// [`update_at`] without a clock: changes are not time-stamped (tests, replays).
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    update_at(app, action, None)
}

/// Handles `action` at time `now` (RFC 3339, from the driver; the state machine reads no clock).
pub fn update_at(app: &mut App, action: Action, now: Option<String>) -> Vec<Effect> {
    app.clock = now;
    let mut effects = handle(app, action);
    // A demo company open read only is never saved, whatever asked for it.
    if app.demo.is_some() {
        effects.retain(|e| !matches!(e, Effect::Save { .. } | Effect::SaveCopy(_)));
    }
    effects
}

/// Asks for the answers to be saved as they are now, stamped with the time of the change.
fn save(app: &mut App) -> Effect {
    if let Some(now) = &app.clock {
        let meta = &mut app.answers.meta;
        meta.created.get_or_insert_with(|| now.clone());
        meta.updated = Some(now.clone());
    }
    Effect::Save {
        answers: Box::new(app.answers.clone()),
    }
}

fn handle(app: &mut App, action: Action) -> Vec<Effect> {
    if let Some(effects) = demos::read_only(app, &action) {
        return effects;
    }
    match action {
        Action::Opened { name, answers } => {
            app.name = name;
            app.demo = None;
            app.set_answers(*answers);
            app.undo.clear();
            app.redo.clear();
            app.overlay = None;
            app.screen = if app.answers.profile.industry_type.is_none() {
                Screen::Profile(Box::new(ProfileForm::new(&app.answers.profile, true)))
            } else {
                Screen::Main
            };
            let row = app.row;
            app.select_row(row);
            return Vec::new();
        }
        Action::Synced(answers) => {
            let selected = app.requirement;
            app.set_answers(*answers);
            app.requirement = selected;
            return Vec::new();
        }
        Action::Listed(entries) => {
            match &mut app.screen {
                Screen::Assessments(list) => {
                    list.entries = entries;
                    list.selected = list.selected.min(list.entries.len().saturating_sub(1));
                }
                _ => {
                    let selected = entries
                        .iter()
                        .position(|(n, _)| *n == app.name)
                        .unwrap_or(0);
                    app.overlay = None;
                    app.screen = Screen::Assessments(AssessmentList {
                        entries,
                        selected,
                        prompt: None,
                    });
                }
            }
            return Vec::new();
        }
        Action::OpenFailed {
            name,
            problem,
            backup,
        } => {
            app.overlay = None;
            app.screen = Screen::Recovery(Recovery {
                name,
                problem,
                backup,
            });
            return Vec::new();
        }
        Action::Failed(problem) => {
            // A file's problem (a refused import, say) is shown whole, with what to do.
            if matches!(problem, Problem::File(_)) {
                app.overlay = Some(Overlay::Problem { problem, scroll: 0 });
            } else {
                app.notice(Notice::Failed(problem));
            }
            return Vec::new();
        }
        Action::Notice(notice) => {
            app.notice(notice);
            return Vec::new();
        }
        Action::SaveFailed { error, on_disk } => {
            // The answers last written stay those of the first failure.
            let on_disk = match app.unsaved.take() {
                Some(before) => before.on_disk,
                None => on_disk,
            };
            app.unsaved = Some(super::Unsaved { error, on_disk });
            return Vec::new();
        }
        Action::MergeRead { name, answers } => return merge::merge_in(app, &name, &answers),
        Action::PeersChosen { path, peers } => {
            app.notice(match (&path, &peers) {
                (Some(path), Some(peers)) => Notice::PeersChosen {
                    path: path.display().to_string(),
                    enterprises: peers.enterprises().to_string(),
                },
                _ => Notice::PeersPutAway,
            });
            app.peers = peers;
            app.peers_path = path;
            return Vec::new();
        }
        Action::Migrated(info) => {
            app.overlay = Some(Overlay::Migrated { info, scroll: 0 });
            // Written at once in the new version; the file as it was stays as the backup.
            return vec![save(app)];
        }
        Action::SaveRecovered => {
            app.unsaved = None;
            app.notice(Notice::SaveRecovered);
            return Vec::new();
        }
        // Changes that are only on screen are never dropped without asking.
        Action::Quit if app.unsaved.is_some() && app.overlay != Some(Overlay::ConfirmQuit) => {
            app.overlay = Some(Overlay::ConfirmQuit);
            return Vec::new();
        }
        Action::Quit => return vec![Effect::Quit],
        Action::SaveNow => return vec![save(app)],
        Action::SwitchLanguage => {
            app.lang = app.lang.other();
            return vec![Effect::RememberLanguage(app.lang)];
        }
        _ => {}
    }
    app.status = None;
    if let Some(overlay) = app.overlay.take() {
        return overlay::overlay_update(app, overlay, action);
    }
    match &app.screen {
        Screen::Welcome => assessments::welcome(app, action),
        Screen::Profile(_) => profile::profile(app, action),
        Screen::Main => main::main(app, action),
        Screen::Assessments(_) => assessments::assessments(app, action),
        Screen::Recovery(_) => assessments::recovery(app, action),
        Screen::Demos(_) => demos::demos(app, action),
    }
}

/// Records an edit and applies it (see [`history::commit`]); asks for a save when it changed
/// anything.
fn commit(app: &mut App, edit: Edit) -> Vec<Effect> {
    if history::commit(app, edit) {
        vec![save(app)]
    } else {
        Vec::new()
    }
}

/// Undoes (or, forward, redoes) the last edit; asks for a save when there was one.
fn undo(app: &mut App, forward: bool) -> Vec<Effect> {
    if history::undo(app, forward) {
        vec![save(app)]
    } else {
        Vec::new()
    }
}
