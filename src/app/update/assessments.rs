//! The screens around an assessment: the welcome, the list of saved ones, and recovery when
//! one does not load.

use crate::app::action::{Action, Effect};
use crate::app::input::TextInput;
use crate::app::notice::Notice;
use crate::app::state::{App, ListPrompt, Overlay, Screen, TextPrompt};

use super::overlay::edit_text;

pub(super) fn welcome(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Confirm => {
            let mut answers = crate::model::Answers::new(&app.q);
            answers.meta.created = app.clock.clone();
            answers.meta.updated = app.clock.clone();
            vec![Effect::Create {
                name: None,
                answers: Box::new(answers),
            }]
        }
        Action::Assessments => vec![Effect::List],
        Action::Demos => super::demos::open_list(app),
        Action::Help => {
            app.overlay = Some(Overlay::Help(0));
            Vec::new()
        }
        Action::Cancel => vec![Effect::Quit],
        _ => Vec::new(),
    }
}

pub(super) fn assessments(app: &mut App, action: Action) -> Vec<Effect> {
    let has_open = !app.name.is_empty();
    let Screen::Assessments(list) = &mut app.screen else {
        return Vec::new();
    };
    if let Some(prompt) = list.prompt.take() {
        return list_prompt(app, prompt, action);
    }
    let selected = list.entries.get(list.selected).map(|(n, _)| n.clone());
    match action {
        Action::Up => list.selected = list.selected.saturating_sub(1),
        Action::Down => {
            list.selected = (list.selected + 1).min(list.entries.len().saturating_sub(1))
        }
        Action::Home => list.selected = 0,
        Action::End => list.selected = list.entries.len().saturating_sub(1),
        Action::Confirm => {
            if let Some(name) = selected {
                return vec![Effect::Open(name)];
            }
        }
        Action::New => list.prompt = Some(ListPrompt::Text(TextPrompt::New, TextInput::default())),
        Action::Import => {
            list.prompt = Some(ListPrompt::Text(TextPrompt::Import, TextInput::default()));
        }
        Action::Rename => {
            if let Some(name) = selected {
                list.prompt = Some(ListPrompt::Text(
                    TextPrompt::Rename(name.clone()),
                    TextInput::suggested(name),
                ));
            }
        }
        Action::Duplicate => {
            if let Some(name) = selected {
                let copy = format!("{name} (2)");
                list.prompt = Some(ListPrompt::Text(
                    TextPrompt::Duplicate(name),
                    TextInput::suggested(copy),
                ));
            }
        }
        Action::Delete => match selected {
            Some(name) if name == app.name && app.demo.is_none() => {
                app.notice(Notice::DeleteOpen);
            }
            Some(name) => list.prompt = Some(ListPrompt::Delete(name)),
            None => {}
        },
        Action::Cancel | Action::Assessments => {
            app.screen = if has_open {
                Screen::Main
            } else {
                Screen::Welcome
            };
        }
        Action::Help => app.overlay = Some(Overlay::Help(0)),
        _ => {}
    }
    Vec::new()
}

fn list_prompt(app: &mut App, prompt: ListPrompt, action: Action) -> Vec<Effect> {
    let Screen::Assessments(list) = &mut app.screen else {
        return Vec::new();
    };
    let (kind, mut input) = match prompt {
        ListPrompt::Delete(name) => {
            return match action {
                Action::Input('y' | 'Y') | Action::Confirm => {
                    vec![Effect::Delete(name), Effect::List]
                }
                _ => Vec::new(),
            };
        }
        ListPrompt::Text(kind, input) => (kind, input),
    };
    match action {
        Action::Cancel => Vec::new(),
        Action::Confirm => {
            let text = input.text().trim().to_string();
            if text.is_empty() {
                list.prompt = Some(ListPrompt::Text(kind, input));
                app.notice(Notice::NameRequired);
                return Vec::new();
            }
            match kind {
                TextPrompt::New => vec![Effect::Create {
                    name: Some(text),
                    answers: Box::new(crate::model::Answers::new(&app.q)),
                }],
                TextPrompt::Rename(old) => vec![Effect::Rename { old, new: text }, Effect::List],
                TextPrompt::Duplicate(source) => {
                    vec![
                        Effect::Duplicate {
                            source,
                            target: text,
                        },
                        Effect::List,
                    ]
                }
                TextPrompt::Import => vec![Effect::Import(text)],
            }
        }
        other => {
            edit_text(&mut input, &other);
            list.prompt = Some(ListPrompt::Text(kind, input));
            Vec::new()
        }
    }
}

pub(super) fn recovery(app: &mut App, action: Action) -> Vec<Effect> {
    let Screen::Recovery(recovery) = &app.screen else {
        return Vec::new();
    };
    match action {
        Action::Input('b' | 'B') if recovery.backup.is_some() => {
            vec![Effect::OpenBackup(recovery.name.clone())]
        }
        Action::Input('n' | 'N') | Action::New => vec![Effect::Create {
            name: None,
            answers: Box::new(crate::model::Answers::new(&app.q)),
        }],
        Action::Input('o' | 'O') | Action::Assessments => vec![Effect::List],
        Action::Input('q' | 'Q') | Action::Cancel => vec![Effect::Quit],
        _ => Vec::new(),
    }
}
