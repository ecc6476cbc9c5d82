//! The enterprise profile form.

use super::commit;
use super::overlay::edit_text;
use crate::app::action::{Action, Effect};
use crate::app::edit::Change;
use crate::app::form::Focus;
use crate::app::notice::Notice;
use crate::app::state::{App, Overlay, Screen};
use crate::model::IndustryType;
use crate::model::fields::Field;

pub(super) fn profile(app: &mut App, action: Action) -> Vec<Effect> {
    let effects = profile_form(app, action);
    if let Screen::Profile(form) = &mut app.screen {
        form.apply_suggested_type();
    }
    effects
}

fn profile_form(app: &mut App, action: Action) -> Vec<Effect> {
    let Screen::Profile(form) = &mut app.screen else {
        return Vec::new();
    };
    let field = form.field;
    match action {
        Action::Up => form.field = field.previous(),
        Action::Down | Action::SwitchFocus => form.field = field.next(),
        Action::NextSuggestion => {
            form.suggestion = (form.suggestion + 1).min(form.suggestion_count().saturating_sub(1));
        }
        Action::PreviousSuggestion => form.suggestion = form.suggestion.saturating_sub(1),
        Action::Left | Action::Right | Action::Input(' ') if field == Field::IndustryType => {
            form.choose_type(match form.industry_type {
                Some(IndustryType::Discrete) => IndustryType::Process,
                _ => IndustryType::Discrete,
            });
        }
        Action::Left if field == Field::Covers => {
            form.cover_cursor = form.cover_cursor.saturating_sub(1)
        }
        Action::Right if field == Field::Covers => {
            form.cover_cursor = (form.cover_cursor + 1).min(3)
        }
        Action::Input(' ') if field == Field::Covers => {
            form.covers[form.cover_cursor] = !form.covers[form.cover_cursor];
        }
        Action::Confirm if field == Focus::Continue => return finish_profile(app),
        Action::Confirm => {
            let searching = matches!(field, Focus::Field(Field::Industry | Field::Province))
                && form.suggestion_count() > 0
                && !field
                    .field()
                    .and_then(|f| form.input(f))
                    .is_some_and(|i| i.text().trim().is_empty());
            // Enter in a searchable field takes the highlighted match; either way it moves on.
            if searching {
                form.pick_suggestion();
            }
            form.field = field.next();
        }
        Action::Cancel => {
            if form.first_run && app.answers.profile.industry_type.is_none() {
                form.attempted = true;
                form.field = Field::IndustryType.into();
                app.notice(Notice::IndustryTypeRequired);
            } else {
                app.screen = Screen::Main;
            }
        }
        Action::Help => app.overlay = Some(Overlay::Help(0)),
        other => {
            if let Some(input) = field.field().and_then(|f| form.input_mut(f)) {
                let before = input.text().to_string();
                // A new text starts its list of matches from the top.
                if edit_text(input, &other) && input.text() != before {
                    form.suggestion = 0;
                }
            }
        }
    }
    Vec::new()
}

fn finish_profile(app: &mut App) -> Vec<Effect> {
    let Screen::Profile(form) = &mut app.screen else {
        return Vec::new();
    };
    if form.industry_type.is_none() {
        form.attempted = true;
        form.field = Field::IndustryType.into();
        app.notice(Notice::IndustryTypeRequired);
        return Vec::new();
    }
    // What was typed stays until it is fixed or cleared: an invalid field holds the form.
    form.field = Focus::Continue;
    let invalid = form.dropped();
    if let Some(&first) = invalid.first() {
        form.field = first.into();
        app.notice(Notice::ProfileInvalid { fields: invalid });
        return Vec::new();
    }
    let profile = form.to_profile();
    let before = Box::new(app.answers.profile.clone());
    let mut edit = vec![Change::Profile {
        before,
        after: Box::new(profile.clone()),
    }];
    // A change of industry type can lock a sub-domain that was tailored out: it is assessed again.
    let mut untailored = Vec::new();
    for (key, reason) in &app.answers.tailoring {
        let locked = app.q.subdomain_index(key).is_some_and(|s| {
            profile
                .industry_type
                .is_some_and(|t| !app.q.subdomains[s].tailorable_for(t))
        });
        if locked {
            untailored.push(key.clone());
            edit.push(Change::Tailoring {
                key: key.clone(),
                before: Some(reason.clone()),
                after: None,
            });
        }
    }
    app.screen = Screen::Main;
    let effects = commit(app, edit);
    if !untailored.is_empty() {
        app.notice(Notice::UntailoredLocked {
            keys: untailored.join(app.lang.list_separator()),
        });
    } else {
        let suggested = app.answers.profile.suggested_tailoring(&app.q);
        let open: Vec<&str> = suggested
            .into_iter()
            .filter(|k| !app.answers.tailoring.contains_key(*k))
            .collect();
        if !open.is_empty() {
            let names = subdomain_names(app, open.into_iter());
            app.notice(Notice::SuggestTailoring { keys: names });
        }
    }
    effects
}

/// Sub-domain names in the current language, listed.
fn subdomain_names<'a>(app: &App, keys: impl Iterator<Item = &'a str>) -> String {
    keys.filter_map(|k| app.q.subdomain_index(k))
        .map(|s| app.q.subdomains[s].name.get(app.lang).to_string())
        .collect::<Vec<_>>()
        .join(app.lang.list_separator())
}
