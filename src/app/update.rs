//! The state machine: `update(&mut App, Action) -> Vec<Effect>`. No I/O and no terminal here;
//! the driver performs the effects and reports back with actions.

use super::action::{Action, Effect};
use super::edit::{Change, Edit, rated};
use super::form::{Field, ProfileForm};
use super::input::TextInput;
use super::state::{
    App, AssessmentList, Focus, ListPrompt, Overlay, Recovery, Screen, TextPrompt, UNDO_LIMIT,
};
use super::tree::Node;
use crate::model::gaps::gap_to;
use crate::model::profile::Coverage;
use crate::model::{IndustryType, Rating};

/// Which key table applies now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    Welcome,
    Main,
    /// The profile form: printable keys type into the focused field.
    Form,
    /// The list of saved assessments.
    List,
    /// A popup that is read and scrolled (help, explanation, gap list).
    Popup,
    /// A one-line text field (note, tailoring reason, search, a name).
    Text,
    /// A question answered with one key (a level, y/n, a recovery choice).
    Dialog,
}

impl App {
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(
                Overlay::Help(_)
                | Overlay::Explain(_)
                | Overlay::Guidance(_)
                | Overlay::Gaps { .. }
                | Overlay::Migrated { .. },
            ) => {
                return Context::Popup;
            }
            Some(
                Overlay::Note { .. }
                | Overlay::TailorReason { .. }
                | Overlay::NotApplicableReason { .. }
                | Overlay::Weights(_)
                | Overlay::WeightsReason { .. }
                | Overlay::Search { .. }
                | Overlay::ExportPath(_)
                | Overlay::SaveCopyPath(_),
            ) => {
                return Context::Text;
            }
            Some(Overlay::Estimate { .. } | Overlay::Target | Overlay::ConfirmQuit) => {
                return Context::Dialog;
            }
            None => {}
        }
        match &self.screen {
            Screen::Welcome => Context::Welcome,
            Screen::Main => Context::Main,
            Screen::Profile(_) => Context::Form,
            Screen::Assessments(list) => match list.prompt {
                Some(ListPrompt::Delete(_)) => Context::Dialog,
                Some(_) => Context::Text,
                None => Context::List,
            },
            Screen::Recovery(_) => Context::Dialog,
        }
    }
}

/// [`update_at`] without a clock: changes are not time-stamped (tests, replays).
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    update_at(app, action, None)
}

/// Handles `action` at time `now` (RFC 3339, from the driver; the state machine reads no clock).
pub fn update_at(app: &mut App, action: Action, now: Option<String>) -> Vec<Effect> {
    app.clock = now;
    handle(app, action)
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
    match action {
        Action::Opened { name, answers } => {
            app.name = name;
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
        Action::Failed(message) => {
            app.notice("status.failed", vec![("error", message)]);
            return Vec::new();
        }
        Action::Notice(key, args) => {
            app.notice(key, args);
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
        Action::Migrated(info) => {
            app.overlay = Some(Overlay::Migrated { info, scroll: 0 });
            // Written at once in the new version; the file as it was stays as the backup.
            return vec![save(app)];
        }
        Action::SaveRecovered => {
            app.unsaved = None;
            app.notice("status.save_recovered", Vec::new());
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
            return Vec::new();
        }
        _ => {}
    }
    app.status = None;
    if let Some(overlay) = app.overlay.take() {
        return overlay_update(app, overlay, action);
    }
    match &app.screen {
        Screen::Welcome => welcome(app, action),
        Screen::Profile(_) => profile(app, action),
        Screen::Main => main(app, action),
        Screen::Assessments(_) => assessments(app, action),
        Screen::Recovery(_) => recovery(app, action),
    }
}

/// Records an edit, applies it, rescoring, and asks for a save.
fn commit(app: &mut App, edit: Edit) -> Vec<Effect> {
    let edit: Edit = edit.into_iter().filter(|c| !c.is_noop()).collect();
    if edit.is_empty() {
        return Vec::new();
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
    vec![save(app)]
}

fn undo(app: &mut App, forward: bool) -> Vec<Effect> {
    let from = if forward {
        &mut app.redo
    } else {
        &mut app.undo
    };
    let Some(edit) = from.pop() else {
        app.notice(
            if forward {
                "status.nothing_to_redo"
            } else {
                "status.nothing_to_undo"
            },
            Vec::new(),
        );
        return Vec::new();
    };
    let order: Vec<&Change> = if forward {
        edit.iter().collect()
    } else {
        edit.iter().rev().collect()
    };
    for change in order {
        change.apply(&mut app.answers, forward);
    }
    // Show where the change was.
    if let Some(Change::Rating { id, .. } | Change::Note { id, .. }) = edit.first()
        && let Some(i) = app.q.requirement_index(id)
    {
        app.select_requirement(i);
    }
    if forward {
        app.undo.push(edit);
    } else {
        app.redo.push(edit);
    }
    app.reindex();
    vec![save(app)]
}

fn welcome(app: &mut App, action: Action) -> Vec<Effect> {
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
        Action::Help => {
            app.overlay = Some(Overlay::Help(0));
            Vec::new()
        }
        Action::Cancel => vec![Effect::Quit],
        _ => Vec::new(),
    }
}

fn main(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End => {
            navigate(app, &action);
            Vec::new()
        }
        Action::Left => {
            app.focus = Focus::Tree;
            Vec::new()
        }
        Action::Right => {
            if app.subdomain().is_some() {
                app.focus = Focus::Requirements;
            }
            Vec::new()
        }
        Action::SwitchFocus => {
            app.focus = match app.focus {
                Focus::Tree if app.subdomain().is_some() => Focus::Requirements,
                _ => Focus::Tree,
            };
            Vec::new()
        }
        Action::Confirm => {
            if app.focus == Focus::Tree && app.subdomain().is_some() {
                app.focus = Focus::Requirements;
                Vec::new()
            } else {
                open_note(app);
                Vec::new()
            }
        }
        Action::NextUnrated => {
            next_unrated(app);
            Vec::new()
        }
        Action::Rate(rating) => rate(app, Some(rating)),
        Action::ClearRating => rate(app, None),
        Action::Undo => undo(app, false),
        Action::Redo => undo(app, true),
        Action::EditNote => {
            open_note(app);
            Vec::new()
        }
        Action::Tailor => tailor(app),
        Action::NotApplicable => not_applicable(app),
        Action::Estimate => {
            match app.subdomain() {
                Some(s) if app.sheet.tailored[s] => app.notice("status.tailored", Vec::new()),
                Some(s) => app.overlay = Some(Overlay::Estimate { subdomain: s }),
                None => app.notice("status.pick_subdomain", Vec::new()),
            }
            Vec::new()
        }
        Action::ToggleScore => {
            app.show_score = !app.show_score;
            Vec::new()
        }
        Action::Explain => {
            app.overlay = Some(Overlay::Explain(0));
            Vec::new()
        }
        Action::Guidance => {
            if app.subdomain().is_some() {
                app.overlay = Some(Overlay::Guidance(0));
            } else {
                app.notice("status.pick_subdomain", Vec::new());
            }
            Vec::new()
        }
        Action::Gaps => {
            open_gaps(app);
            Vec::new()
        }
        Action::Search => {
            app.overlay = Some(Overlay::Search {
                input: TextInput::default(),
                selected: 0,
            });
            Vec::new()
        }
        Action::Help => {
            app.overlay = Some(Overlay::Help(0));
            Vec::new()
        }
        Action::EditProfile => {
            app.screen = Screen::Profile(Box::new(ProfileForm::new(&app.answers.profile, false)));
            Vec::new()
        }
        Action::Assessments => vec![Effect::List],
        Action::SetTarget => {
            app.overlay = Some(Overlay::Target);
            Vec::new()
        }
        Action::Weights => {
            let current = app.answers.weights.as_ref().map_or(String::new(), |w| {
                w.table
                    .as_decimals()
                    .iter()
                    .map(|(k, v)| format!("{k} = {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            app.overlay = Some(Overlay::Weights(TextInput::new(current)));
            Vec::new()
        }
        Action::Export => {
            app.overlay = Some(Overlay::ExportPath(TextInput::new(format!(
                "{}.json",
                app.name
            ))));
            Vec::new()
        }
        Action::SaveCopy => {
            open_save_copy(app);
            Vec::new()
        }
        Action::Cancel => {
            app.focus = Focus::Tree;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Asks where to write a copy of the answers file, suggesting the home folder.
fn open_save_copy(app: &mut App) {
    let file = format!("{}.toml", app.name);
    app.overlay = Some(Overlay::SaveCopyPath(TextInput::new(file)));
}

fn navigate(app: &mut App, action: &Action) {
    let in_tree = app.focus == Focus::Tree || app.subdomain().is_none();
    if in_tree {
        let last = app.rows.len().saturating_sub(1);
        let row = match action {
            Action::Up => app.row.saturating_sub(1),
            Action::Down => (app.row + 1).min(last),
            Action::PageUp => app.row.saturating_sub(5),
            Action::PageDown => (app.row + 5).min(last),
            Action::Home => 0,
            _ => last,
        };
        app.select_row(row);
        return;
    }
    let Some(s) = app.subdomain() else { return };
    let range = app.q.subdomain_requirements(s);
    let current = app.requirement.clamp(range.start, range.end - 1);
    let level = app.q.requirements[current].level;
    app.requirement = match action {
        Action::Up => current.saturating_sub(1).max(range.start),
        Action::Down => (current + 1).min(range.end - 1),
        // A page is a level: the first requirement of the previous / next level.
        Action::PageUp => range
            .clone()
            .rev()
            .find(|&i| app.q.requirements[i].level + 1 == level)
            .map(|i| app.q.cell(s, app.q.requirements[i].level).start)
            .unwrap_or(range.start),
        Action::PageDown => range
            .clone()
            .find(|&i| app.q.requirements[i].level > level)
            .unwrap_or(range.end - 1),
        Action::Home => range.start,
        _ => range.end - 1,
    };
}

/// The next unrated requirement after the current one, in applicable sub-domains (wrapping).
fn next_unrated(app: &mut App) {
    let n = app.q.requirements.len();
    let start = if app.subdomain().is_some() {
        app.requirement + 1
    } else {
        0
    };
    let found = (0..n).map(|k| (start + k) % n).find(|&i| {
        app.sheet.ratings[i].is_none()
            && !app.sheet.not_applicable[i]
            && !app.sheet.tailored[app.q.requirements[i].subdomain]
    });
    match found {
        Some(i) => app.select_requirement(i),
        None => app.notice("status.all_rated", Vec::new()),
    }
}

fn rate(app: &mut App, rating: Option<Rating>) -> Vec<Effect> {
    let Some(s) = app.subdomain() else {
        app.notice("status.pick_subdomain", Vec::new());
        return Vec::new();
    };
    if app.sheet.tailored[s] {
        app.notice("status.tailored", Vec::new());
        return Vec::new();
    }
    let index = app.requirement;
    let id = app.q.requirements[index].id.clone();
    let before = rated(&app.answers, &id);
    let after = rating.map(|r| (r, false));
    let mut edit = vec![Change::Rating {
        id: id.clone(),
        before,
        after,
    }];
    // Rating a requirement marked not applicable says it applies after all.
    if rating.is_some()
        && let Some(reason) = app.answers.not_applicable.get(&id)
    {
        edit.push(Change::NotApplicable {
            id,
            before: Some(reason.clone()),
            after: None,
        });
    }
    let effects = commit(app, edit);
    if rating.is_some() {
        // Answering moves on: the next requirement of the sub-domain.
        let range = app.q.subdomain_requirements(s);
        app.requirement = (index + 1).min(range.end - 1);
    }
    app.focus = Focus::Requirements;
    effects
}

fn open_note(app: &mut App) {
    if app.subdomain().is_none() {
        app.notice("status.pick_subdomain", Vec::new());
        return;
    }
    let id = app.q.requirements[app.requirement].id.clone();
    let text = app.answers.notes.get(&id).cloned().unwrap_or_default();
    app.overlay = Some(Overlay::Note {
        id,
        input: TextInput::new(text),
    });
}

fn tailor(app: &mut App) -> Vec<Effect> {
    let Some(s) = app.subdomain() else {
        app.notice("status.pick_subdomain", Vec::new());
        return Vec::new();
    };
    let key = app.q.subdomains[s].key.clone();
    if let Some(reason) = app.answers.tailoring.get(&key).cloned() {
        return commit(
            app,
            vec![Change::Tailoring {
                key,
                before: Some(reason),
                after: None,
            }],
        );
    }
    let subdomain = &app.q.subdomains[s];
    match app.answers.profile.industry_type {
        Some(t) if subdomain.tailorable_for(t) => {}
        Some(t) => {
            // Locked by the industry type (tailorable elsewhere), or locked for everyone.
            let by_type = IndustryType::ALL
                .iter()
                .any(|&other| subdomain.tailorable_for(other));
            let key = if by_type && t == IndustryType::Process {
                "status.locked_process"
            } else {
                "status.locked"
            };
            app.notice(key, Vec::new());
            return Vec::new();
        }
        None => {
            app.notice("status.locked", Vec::new());
            return Vec::new();
        }
    }
    let suggested = suggested_reason(app, s).unwrap_or_default();
    app.overlay = Some(Overlay::TailorReason {
        subdomain: s,
        input: TextInput::new(suggested),
    });
    Vec::new()
}

/// `production = 2, design = 1.5` (commas or semicolons between entries; `:` works too) as a
/// checked weight table; the error names the entry that is wrong.
fn parse_weights(
    q: &crate::model::Questionnaire,
    text: &str,
) -> Result<crate::model::weights::WeightTable, String> {
    use toml::Spanned;
    let mut entries = Vec::new();
    for part in text
        .split([',', ';', '，', '；'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (key, value) = part
            .split_once(['=', ':', '：'])
            .ok_or_else(|| part.to_string())?;
        let value: f64 = value.trim().parse().map_err(|_| part.to_string())?;
        entries.push((
            Spanned::new(0..0, key.trim().to_string()),
            Spanned::new(0..0, value),
        ));
    }
    crate::model::weights::WeightTable::check(q, &entries).map_err(|problems| {
        problems
            .first()
            .and_then(|d| d.get("key").or(d.get("value")).map(str::to_string))
            .unwrap_or_default()
    })
}

/// Marks the selected conditional requirement not applicable (asking why), or applicable again.
/// Only a requirement with a condition may be: the others are rated (NI when not met).
fn not_applicable(app: &mut App) -> Vec<Effect> {
    if app.subdomain().is_none() {
        app.notice("status.pick_subdomain", Vec::new());
        return Vec::new();
    }
    let index = app.requirement;
    if app.q.requirements[index].condition.is_none() {
        app.notice("status.not_conditional", Vec::new());
        return Vec::new();
    }
    let id = app.q.requirements[index].id.clone();
    if let Some(reason) = app.answers.not_applicable.get(&id).cloned() {
        return commit(
            app,
            vec![Change::NotApplicable {
                id,
                before: Some(reason),
                after: None,
            }],
        );
    }
    app.overlay = Some(Overlay::NotApplicableReason {
        requirement: index,
        input: TextInput::default(),
    });
    Vec::new()
}

/// When the profile says the enterprise lacks the business this sub-domain belongs to, the
/// reason to offer (in the current language).
pub fn suggested_reason(app: &App, s: usize) -> Option<String> {
    let key = app.q.subdomains[s].key.as_str();
    let covers = app.answers.profile.covers.as_ref()?;
    let coverage = Coverage::ALL
        .into_iter()
        .find(|c| c.subdomains().contains(&key))?;
    (!covers.contains(&coverage)).then(|| {
        crate::i18n::Strings::load(app.lang)
            .get(&format!("tailor.reason.{}", coverage.key()))
            .to_string()
    })
}

fn open_gaps(app: &mut App) {
    let target = app
        .answers
        .meta
        .target_level
        .filter(|&t| t > app.score.level)
        .unwrap_or(app.score.level + 1);
    match gap_to(&app.q, &app.sheet, &app.score, target) {
        Some(gap) => {
            app.overlay = Some(Overlay::Gaps {
                target,
                items: gap.items,
                selected: 0,
            });
        }
        None => app.notice("status.top_level", Vec::new()),
    }
}

/// Requirements whose text, evidence hint, id or note contains the query (either language).
pub fn search_matches(app: &App, query: &str) -> Vec<usize> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    app.q
        .requirements
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            let note = app
                .answers
                .notes
                .get(&r.id)
                .map(String::as_str)
                .unwrap_or("");
            let evidence = r.evidence.as_ref();
            [
                r.id.as_str(),
                r.text.zh.as_str(),
                &r.text.en.to_lowercase(),
                evidence.map_or("", |e| e.zh.as_str()),
                &evidence.map_or(String::new(), |e| e.en.to_lowercase()),
                &note.to_lowercase(),
            ]
            .iter()
            .any(|field| field.contains(&query))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Edits a text field with a text action; returns whether the action was one.
fn edit_text(input: &mut TextInput, action: &Action) -> bool {
    match action {
        Action::Input(c) => input.insert(*c),
        Action::Backspace => input.backspace(),
        Action::DeleteChar => input.delete(),
        Action::Left => input.left(),
        Action::Right => input.right(),
        Action::Home => input.home(),
        Action::End => input.end(),
        _ => return false,
    }
    true
}

fn overlay_update(app: &mut App, overlay: Overlay, action: Action) -> Vec<Effect> {
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
            let scroll = match action {
                Action::Up => scroll.saturating_sub(1),
                Action::Down => scroll.saturating_add(1),
                Action::PageUp => scroll.saturating_sub(10),
                Action::PageDown => scroll.saturating_add(10),
                Action::Home => 0,
                _ => scroll,
            };
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
                        app.select_requirement(item.requirement);
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
                        Some(&i) => app.select_requirement(i),
                        None => app.notice("status.no_match", Vec::new()),
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
        Overlay::Note { id, mut input } => match action {
            Action::Confirm => {
                let text = input.text().trim().to_string();
                let before = app.answers.notes.get(&id).cloned();
                let after = (!text.is_empty()).then_some(text);
                commit(app, vec![Change::Note { id, before, after }])
            }
            Action::Cancel => Vec::new(),
            other => {
                edit_text(&mut input, &other);
                app.overlay = Some(Overlay::Note { id, input });
                Vec::new()
            }
        },
        Overlay::TailorReason {
            subdomain,
            mut input,
        } => match action {
            Action::Confirm if input.text().trim().is_empty() => {
                app.notice("status.reason_required", Vec::new());
                app.overlay = Some(Overlay::TailorReason { subdomain, input });
                Vec::new()
            }
            Action::Confirm => {
                let key = app.q.subdomains[subdomain].key.clone();
                let reason = input.text().trim().to_string();
                app.focus = Focus::Tree;
                commit(
                    app,
                    vec![Change::Tailoring {
                        key,
                        before: None,
                        after: Some(reason),
                    }],
                )
            }
            Action::Cancel => Vec::new(),
            other => {
                edit_text(&mut input, &other);
                app.overlay = Some(Overlay::TailorReason { subdomain, input });
                Vec::new()
            }
        },
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
                        app.notice("status.weights_invalid", vec![("problem", problem)]);
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
        Overlay::WeightsReason { table, mut input } => match action {
            Action::Confirm if input.text().trim().is_empty() => {
                app.notice("status.reason_required", Vec::new());
                app.overlay = Some(Overlay::WeightsReason { table, input });
                Vec::new()
            }
            Action::Confirm => {
                let before = app.answers.weights.clone();
                let after = Some(crate::model::answers::WeightOverride {
                    table,
                    reason: input.text().trim().to_string(),
                });
                commit(app, vec![Change::Weights { before, after }])
            }
            Action::Cancel => Vec::new(),
            other => {
                edit_text(&mut input, &other);
                app.overlay = Some(Overlay::WeightsReason { table, input });
                Vec::new()
            }
        },
        Overlay::NotApplicableReason {
            requirement,
            mut input,
        } => match action {
            Action::Confirm if input.text().trim().is_empty() => {
                app.notice("status.reason_required", Vec::new());
                app.overlay = Some(Overlay::NotApplicableReason { requirement, input });
                Vec::new()
            }
            Action::Confirm => {
                let id = app.q.requirements[requirement].id.clone();
                let reason = input.text().trim().to_string();
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
            }
            Action::Cancel => Vec::new(),
            other => {
                edit_text(&mut input, &other);
                app.overlay = Some(Overlay::NotApplicableReason { requirement, input });
                Vec::new()
            }
        },
        Overlay::Estimate { subdomain } => match action {
            Action::Input(c @ '0'..='5') => estimate(app, subdomain, c as u8 - b'0'),
            Action::Cancel | Action::Confirm => Vec::new(),
            _ => {
                app.overlay = Some(Overlay::Estimate { subdomain });
                Vec::new()
            }
        },
        Overlay::ExportPath(mut input) => match action {
            Action::Confirm if !input.text().trim().is_empty() => {
                vec![Effect::Export(input.text().trim().to_string())]
            }
            Action::Cancel => Vec::new(),
            other => {
                edit_text(&mut input, &other);
                app.overlay = Some(Overlay::ExportPath(input));
                Vec::new()
            }
        },
        Overlay::Migrated { info, scroll } => {
            if close || action == Action::Confirm {
                return Vec::new();
            }
            let scroll = match action {
                Action::Up => scroll.saturating_sub(1),
                Action::Down => scroll.saturating_add(1),
                Action::PageUp => scroll.saturating_sub(10),
                Action::PageDown => scroll.saturating_add(10),
                Action::Home => 0,
                _ => scroll,
            };
            app.overlay = Some(Overlay::Migrated { info, scroll });
            Vec::new()
        }
        Overlay::SaveCopyPath(mut input) => match action {
            Action::Confirm if !input.text().trim().is_empty() => {
                vec![Effect::SaveCopy(input.text().trim().to_string())]
            }
            Action::Cancel => Vec::new(),
            other => {
                edit_text(&mut input, &other);
                app.overlay = Some(Overlay::SaveCopyPath(input));
                Vec::new()
            }
        },
        Overlay::ConfirmQuit => match action {
            Action::Input('y' | 'Y') => vec![Effect::Quit],
            Action::Input('w' | 'W') => {
                open_save_copy(app);
                Vec::new()
            }
            Action::Input('x' | 'X') => {
                app.overlay = Some(Overlay::ExportPath(TextInput::new(format!(
                    "{}.json",
                    app.name
                ))));
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

/// "This sub-domain is at level k": FI up to k, NI above, as estimates. Ratings the user set
/// are kept; earlier estimates are replaced.
fn estimate(app: &mut App, s: usize, level: u8) -> Vec<Effect> {
    let edit: Edit = app
        .q
        .subdomain_requirements(s)
        .filter_map(|i| {
            let r = &app.q.requirements[i];
            let before = rated(&app.answers, &r.id);
            // What the user set, or said does not apply, is not overwritten by an estimate.
            let user_set = matches!(before, Some((_, false))) || app.sheet.not_applicable[i];
            (!user_set).then(|| Change::Rating {
                id: r.id.clone(),
                before,
                after: Some((
                    if r.level <= level {
                        Rating::FI
                    } else {
                        Rating::NI
                    },
                    true,
                )),
            })
        })
        .collect();
    let effects = commit(app, edit);
    app.notice(
        "status.estimated",
        vec![
            ("level", level.to_string()),
            ("name", app.q.subdomains[s].name.get(app.lang).to_string()),
        ],
    );
    // The quick path goes on to the next sub-domain.
    if let Some(next) =
        (app.row + 1..app.rows.len()).find(|&r| matches!(app.rows[r], Node::Subdomain(_)))
    {
        app.select_row(next);
    }
    effects
}

fn profile(app: &mut App, action: Action) -> Vec<Effect> {
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
        Action::Left | Action::Right if field == Field::IndustryType => {
            form.industry_type = Some(match form.industry_type {
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
        Action::Input(' ') if field == Field::IndustryType => {
            form.industry_type = Some(match form.industry_type {
                Some(IndustryType::Discrete) => IndustryType::Process,
                _ => IndustryType::Discrete,
            });
        }
        Action::Input(' ') if field == Field::Covers => {
            form.covers[form.cover_cursor] = !form.covers[form.cover_cursor];
        }
        Action::Confirm if field == Field::Continue => return finish_profile(app),
        Action::Confirm => {
            let searching = matches!(field, Field::Industry | Field::Province)
                && form.suggestion_count() > 0
                && !form
                    .input(field)
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
                form.field = Field::IndustryType;
                app.notice("status.industry_type_required", Vec::new());
            } else {
                app.screen = Screen::Main;
            }
        }
        Action::Help => app.overlay = Some(Overlay::Help(0)),
        other => {
            if let Some(input) = form.input_mut(field)
                && edit_text(input, &other)
                && matches!(
                    other,
                    Action::Input(_) | Action::Backspace | Action::DeleteChar
                )
            {
                form.suggestion = 0;
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
        form.field = Field::IndustryType;
        app.notice("status.industry_type_required", Vec::new());
        return Vec::new();
    }
    let profile = form.to_profile();
    let dropped = form.dropped();
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
        app.notice(
            "status.untailored_locked",
            vec![("keys", untailored.join(", "))],
        );
    } else if !dropped.is_empty() {
        app.notice("status.profile_dropped", Vec::new());
    } else {
        let suggested = app.answers.profile.suggested_tailoring(&app.q);
        let open: Vec<&str> = suggested
            .into_iter()
            .filter(|k| !app.answers.tailoring.contains_key(*k))
            .collect();
        if !open.is_empty() {
            let names = subdomain_names(app, open.into_iter());
            app.notice("status.suggest_tailoring", vec![("keys", names)]);
        }
    }
    effects
}

/// Sub-domain names in the current language, listed.
fn subdomain_names<'a>(app: &App, keys: impl Iterator<Item = &'a str>) -> String {
    let separator = if app.lang == crate::i18n::Lang::ZhCn {
        "、"
    } else {
        ", "
    };
    keys.filter_map(|k| app.q.subdomain_index(k))
        .map(|s| app.q.subdomains[s].name.get(app.lang).to_string())
        .collect::<Vec<_>>()
        .join(separator)
}

fn assessments(app: &mut App, action: Action) -> Vec<Effect> {
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
                    TextInput::new(name),
                ));
            }
        }
        Action::Duplicate => {
            if let Some(name) = selected {
                let copy = format!("{name} (2)");
                list.prompt = Some(ListPrompt::Text(
                    TextPrompt::Duplicate(name),
                    TextInput::new(copy),
                ));
            }
        }
        Action::Delete => match selected {
            Some(name) if name == app.name => {
                app.notice("status.delete_open", Vec::new());
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
                app.notice("status.name_required", Vec::new());
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

fn recovery(app: &mut App, action: Action) -> Vec<Effect> {
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
