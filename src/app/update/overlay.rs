//! Popups and questions over the current screen: help, explanation, gap list, search, notes,
//! reasons, estimates, paths, weights, the quit confirmation.

use super::main::{estimate, open_export, open_save_copy, parse_weights};
use super::{commit, save};
use crate::app::action::{Action, Effect};
use crate::app::edit::{Change, rated};
use crate::app::input::TextInput;
use crate::app::notice::Notice;
use crate::app::search::search_matches;
use crate::app::state::{App, Focus, Overlay};
use crate::model::questionnaire::RequirementIx;

/// Edits a text field with a text action; returns whether the action was one.
pub(super) fn edit_text(input: &mut TextInput, action: &Action) -> bool {
    match action {
        Action::Input(c) => input.insert(*c),
        Action::Backspace => input.backspace(),
        Action::DeleteChar => input.delete(),
        Action::DeleteToStart => input.delete_to_start(),
        Action::DeleteToEnd => input.delete_to_end(),
        Action::DeleteWord => input.delete_word(),
        Action::Left => input.left(),
        Action::Right => input.right(),
        Action::Home => input.home(),
        Action::End => input.end(),
        _ => return false,
    }
    true
}

/// Where a scrolled popup (help, explanation, guide, migration) is after a key.
fn scrolled(scroll: u16, action: &Action) -> u16 {
    match action {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll.saturating_add(1),
        Action::PageUp => scroll.saturating_sub(10),
        Action::PageDown => scroll.saturating_add(10),
        Action::Home => 0,
        _ => scroll,
    }
}

/// What a one-line answer must hold before Enter takes it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Needs {
    /// Anything, even nothing (a note may be cleared).
    Nothing,
    /// Some text; an empty line does nothing (a path).
    Text,
    /// A reason; an empty one is refused with a message.
    Reason,
}

/// A one-line text popup: Enter hands the trimmed text to `done`, Esc closes, every other key
/// edits the line and the popup stays (rebuilt by `reopen`).
fn text_answer(
    app: &mut App,
    action: Action,
    mut input: TextInput,
    needs: Needs,
    reopen: impl FnOnce(TextInput) -> Overlay,
    done: impl FnOnce(&mut App, String) -> Vec<Effect>,
) -> Vec<Effect> {
    let text = input.text().trim().to_string();
    match action {
        Action::Confirm if text.is_empty() && needs != Needs::Nothing => {
            if needs == Needs::Reason {
                app.notice(Notice::ReasonRequired);
            }
            app.overlay = Some(reopen(input));
            Vec::new()
        }
        Action::Confirm => done(app, text),
        Action::Cancel => Vec::new(),
        other => {
            edit_text(&mut input, &other);
            app.overlay = Some(reopen(input));
            Vec::new()
        }
    }
}

pub(super) fn overlay_update(app: &mut App, overlay: Overlay, action: Action) -> Vec<Effect> {
    let close = matches!(action, Action::Cancel);
    match overlay {
        Overlay::Help(scroll) | Overlay::Explain(scroll) | Overlay::Guidance(scroll) => {
            let toggled = matches!(
                (&overlay, &action),
                (Overlay::Help(_), Action::Help)
                    | (Overlay::Explain(_), Action::Explain)
                    | (Overlay::Guidance(_), Action::Guidance)
            );
            if close || toggled || action == Action::Confirm {
                return Vec::new();
            }
            let scroll = scrolled(scroll, &action);
            app.overlay = Some(match overlay {
                Overlay::Help(_) => Overlay::Help(scroll),
                Overlay::Guidance(_) => Overlay::Guidance(scroll),
                _ => Overlay::Explain(scroll),
            });
            Vec::new()
        }
        Overlay::Gaps {
            target,
            items,
            mut selected,
        } => {
            match action {
                Action::Up => selected = selected.saturating_sub(1),
                Action::Down => selected = (selected + 1).min(items.len().saturating_sub(1)),
                Action::PageUp => selected = selected.saturating_sub(10),
                Action::PageDown => selected = (selected + 10).min(items.len().saturating_sub(1)),
                Action::Confirm => {
                    if let Some(item) = items.get(selected) {
                        app.select_requirement(RequirementIx(item.requirement));
                    }
                    return Vec::new();
                }
                Action::Cancel | Action::Gaps => return Vec::new(),
                _ => {}
            }
            app.overlay = Some(Overlay::Gaps {
                target,
                items,
                selected,
            });
            Vec::new()
        }
        Overlay::Search {
            mut input,
            mut selected,
        } => {
            let matches = search_matches(app, input.text());
            match action {
                Action::Up => selected = selected.saturating_sub(1),
                Action::Down => selected = (selected + 1).min(matches.len().saturating_sub(1)),
                Action::Confirm => {
                    match matches.get(selected) {
                        Some(&i) => app.select_requirement(RequirementIx(i)),
                        None => app.notice(Notice::NoMatch),
                    }
                    return Vec::new();
                }
                Action::Cancel => return Vec::new(),
                other => {
                    if edit_text(&mut input, &other) {
                        selected = 0;
                    }
                }
            }
            app.overlay = Some(Overlay::Search { input, selected });
            Vec::new()
        }
        Overlay::Note { id, input } => {
            let reopen = |input| Overlay::Note {
                id: id.clone(),
                input,
            };
            text_answer(app, action, input, Needs::Nothing, reopen, |app, text| {
                let before = app.answers.notes.get(&id).cloned();
                let after = (!text.is_empty()).then_some(text);
                commit(
                    app,
                    vec![Change::Note {
                        id: id.clone(),
                        before,
                        after,
                    }],
                )
            })
        }
        Overlay::TailorReason { subdomain, input } => {
            let reopen = |input| Overlay::TailorReason { subdomain, input };
            text_answer(app, action, input, Needs::Reason, reopen, |app, reason| {
                let key = app.q.subdomains[subdomain].key.clone();
                app.focus = Focus::Tree;
                commit(
                    app,
                    vec![Change::Tailoring {
                        key,
                        before: None,
                        after: Some(reason),
                    }],
                )
            })
        }
        Overlay::Weights(mut input) => match action {
            Action::Confirm => {
                let text = input.text().trim().to_string();
                if text.is_empty() {
                    // No table: back to the questionnaire's weights (or its profile).
                    let before = app.answers.weights.clone();
                    return commit(
                        app,
                        vec![Change::Weights {
                            before,
                            after: None,
                        }],
                    );
                }
                match parse_weights(&app.q, &text) {
                    Ok(table) => {
                        let reason = app
                            .answers
                            .weights
                            .as_ref()
                            .map_or(String::new(), |w| w.reason.clone());
                        app.overlay = Some(Overlay::WeightsReason {
                            table,
                            input: TextInput::new(reason),
                        });
                    }
                    Err(problem) => {
                        app.notice(Notice::WeightsInvalid { problem });
                        app.overlay = Some(Overlay::Weights(input));
                    }
                }
                Vec::new()
            }
            Action::Cancel => Vec::new(),
            other => {
                edit_text(&mut input, &other);
                app.overlay = Some(Overlay::Weights(input));
                Vec::new()
            }
        },
        Overlay::WeightsReason { table, input } => {
            let reopen = |input| Overlay::WeightsReason {
                table: table.clone(),
                input,
            };
            text_answer(app, action, input, Needs::Reason, reopen, |app, reason| {
                let before = app.answers.weights.clone();
                let after = Some(crate::model::answers::WeightOverride {
                    table: table.clone(),
                    reason,
                });
                commit(app, vec![Change::Weights { before, after }])
            })
        }
        Overlay::NotApplicableReason { requirement, input } => {
            let reopen = |input| Overlay::NotApplicableReason { requirement, input };
            text_answer(app, action, input, Needs::Reason, reopen, |app, reason| {
                let id = app.q.requirements[requirement].id.clone();
                // A requirement that does not apply carries no rating.
                let before = rated(&app.answers, &id);
                commit(
                    app,
                    vec![
                        Change::Rating {
                            id: id.clone(),
                            before,
                            after: None,
                        },
                        Change::NotApplicable {
                            id,
                            before: None,
                            after: Some(reason),
                        },
                    ],
                )
            })
        }
        Overlay::Estimate { subdomain } => match action {
            Action::Input(c @ '0'..='5') => estimate(app, subdomain, c as u8 - b'0'),
            Action::Cancel | Action::Confirm => Vec::new(),
            _ => {
                app.overlay = Some(Overlay::Estimate { subdomain });
                Vec::new()
            }
        },
        Overlay::ExportPath(input) => text_answer(
            app,
            action,
            input,
            Needs::Text,
            Overlay::ExportPath,
            |_, path| vec![Effect::Export(path)],
        ),
        Overlay::Problem { problem, scroll } => {
            if close || action == Action::Confirm {
                return Vec::new();
            }
            let scroll = scrolled(scroll, &action);
            app.overlay = Some(Overlay::Problem { problem, scroll });
            Vec::new()
        }
        Overlay::Certification {
            target,
            scroll,
            all,
        } => {
            if close || matches!(action, Action::Confirm | Action::Certification) {
                return Vec::new();
            }
            let (lowest, highest) = (
                *crate::certification::TARGETS.start(),
                *crate::certification::TARGETS.end(),
            );
            let (target, scroll, all) = match action {
                Action::Raise => ((target + 1).min(highest), 0, all),
                Action::Lower => (target.saturating_sub(1).max(lowest), 0, all),
                Action::AllPlaces => (target, scroll, !all),
                other => (target, scrolled(scroll, &other), all),
            };
            app.overlay = Some(Overlay::Certification {
                target,
                scroll,
                all,
            });
            Vec::new()
        }
        Overlay::Migrated { info, scroll } => {
            if close || action == Action::Confirm {
                return Vec::new();
            }
            let scroll = scrolled(scroll, &action);
            app.overlay = Some(Overlay::Migrated { info, scroll });
            Vec::new()
        }
        Overlay::MergePath(input) => text_answer(
            app,
            action,
            input,
            Needs::Text,
            Overlay::MergePath,
            |_, path| vec![Effect::ReadForMerge(path)],
        ),
        Overlay::PeersPath(input) => text_answer(
            app,
            action,
            input,
            Needs::Nothing,
            Overlay::PeersPath,
            |_, path| vec![Effect::LoadPeers(path)],
        ),
        Overlay::Merged { summary, scroll } => {
            if close || action == Action::Confirm {
                return Vec::new();
            }
            let scroll = scrolled(scroll, &action);
            app.overlay = Some(Overlay::Merged { summary, scroll });
            Vec::new()
        }
        Overlay::SaveCopyPath(input) => text_answer(
            app,
            action,
            input,
            Needs::Text,
            Overlay::SaveCopyPath,
            |_, path| vec![Effect::SaveCopy(path)],
        ),
        Overlay::ConfirmQuit => match action {
            Action::Input('y' | 'Y') => vec![Effect::Quit],
            Action::Input('w' | 'W') => {
                open_save_copy(app);
                Vec::new()
            }
            Action::Input('x' | 'X') => {
                open_export(app);
                Vec::new()
            }
            Action::Input('r' | 'R') => vec![save(app)],
            _ => Vec::new(),
        },
        Overlay::Target => match action {
            Action::Input(c @ '0'..='5') => {
                let after = (c != '0').then(|| c as u8 - b'0');
                let before = app.answers.meta.target_level;
                commit(app, vec![Change::Target { before, after }])
            }
            Action::Cancel | Action::Confirm => Vec::new(),
            _ => {
                app.overlay = Some(Overlay::Target);
                Vec::new()
            }
        },
    }
}
