//! The demo companies: their list, one opened read only, and a copy of one made to edit.
//! While a demo is open read only, every change is refused here before it reaches the main
//! screen, so no save is ever asked for it.

use crate::app::action::{Action, Effect};
use crate::app::notice::Notice;
use crate::app::state::{App, DemoList, Focus, Overlay, Screen};
use crate::messages::Problem;
use crate::model::demos::Demo;

/// Shows the list of demo companies, scored now.
pub(super) fn open_list(app: &mut App) -> Vec<Effect> {
    let (entries, problems) = crate::model::demos::entries(&app.q);
    if let Some(problem) = problems.into_iter().next() {
        app.overlay = Some(Overlay::Problem {
            problem: Problem::file(problem),
            scroll: 0,
        });
    }
    let selected = app
        .demo
        .and_then(|key| entries.iter().position(|e| e.key == key))
        .unwrap_or(0);
    app.screen = Screen::Demos(DemoList { entries, selected });
    Vec::new()
}

/// The list of demo companies: Enter opens one read only, the copy key makes it one's own.
pub(super) fn demos(app: &mut App, action: Action) -> Vec<Effect> {
    let Screen::Demos(list) = &mut app.screen else {
        return Vec::new();
    };
    let last = list.entries.len().saturating_sub(1);
    let selected = list.entries.get(list.selected).map(|e| e.key);
    match action {
        Action::Up => list.selected = list.selected.saturating_sub(1),
        Action::Down => list.selected = (list.selected + 1).min(last),
        Action::Home | Action::PageUp => list.selected = 0,
        Action::End | Action::PageDown => list.selected = last,
        Action::Confirm => {
            if let Some(key) = selected {
                return open(app, key);
            }
        }
        Action::CopyDemo => {
            if let Some(key) = selected {
                return copy(app, key);
            }
        }
        Action::Cancel | Action::Demos => {
            app.screen = if app.name.is_empty() {
                Screen::Welcome
            } else {
                Screen::Main
            };
        }
        Action::Help => app.overlay = Some(Overlay::Help(0)),
        _ => {}
    }
    Vec::new()
}

/// Opens demo `key` read only: the main screen as usual, nothing saved. The assessment that was
/// open is left (the driver saves nothing more to it).
fn open(app: &mut App, key: &'static str) -> Vec<Effect> {
    let Some(demo) = Demo::by_key(key) else {
        return Vec::new();
    };
    // Changes whose save failed stay on screen until they are saved or copied somewhere.
    if app.unsaved.is_some() {
        app.notice(Notice::DemoUnsaved {
            name: app.name.clone(),
        });
        return Vec::new();
    }
    let answers = match demo.answers(&app.q) {
        Ok(answers) => answers,
        Err(e) => {
            app.overlay = Some(Overlay::Problem {
                problem: Problem::file(e),
                scroll: 0,
            });
            return Vec::new();
        }
    };
    let name = answers
        .profile
        .name
        .clone()
        .unwrap_or_else(|| key.to_string());
    app.name = name.clone();
    app.demo = Some(key);
    app.set_answers(answers);
    app.undo.clear();
    app.redo.clear();
    app.overlay = None;
    app.screen = Screen::Main;
    app.focus = Focus::Tree;
    let row = app.row;
    app.select_row(row);
    app.notice(Notice::DemoOpened { name });
    vec![Effect::Close]
}

/// A copy of demo `key` as a new saved assessment named after the enterprise (the driver picks
/// a free name), opened to edit.
fn copy(app: &mut App, key: &'static str) -> Vec<Effect> {
    let Some(demo) = Demo::by_key(key) else {
        return Vec::new();
    };
    match demo.answers(&app.q) {
        Ok(mut answers) => {
            answers.meta.created = app.clock.clone();
            answers.meta.updated = app.clock.clone();
            let wanted = answers
                .profile
                .name
                .clone()
                .unwrap_or_else(|| key.to_string());
            vec![Effect::CreateCopy {
                wanted,
                answers: Box::new(answers),
            }]
        }
        Err(e) => {
            app.overlay = Some(Overlay::Problem {
                problem: Problem::file(e),
                scroll: 0,
            });
            Vec::new()
        }
    }
}

/// While a demo is open read only: refuses what would change it (saying how to make a copy),
/// makes the copy, and lets everything else through (`None`).
pub(super) fn read_only(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    let key = app.demo?;
    if *action == Action::CopyDemo && app.screen == Screen::Main {
        return Some(copy(app, key));
    }
    let on_main = app.screen == Screen::Main && app.overlay.is_none();
    // Enter on a requirement writes its note.
    let edits_note =
        *action == Action::Confirm && app.focus == Focus::Requirements && app.subdomain().is_some();
    let refused =
        *action == Action::SaveNow || (on_main && (action.changes_answers() || edits_note));
    if refused {
        app.notice(Notice::DemoReadOnly);
        return Some(Vec::new());
    }
    None
}
