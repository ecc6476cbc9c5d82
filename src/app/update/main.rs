//! The main screen: the model tree and the selected sub-domain's requirements.

use super::{commit, undo};
use crate::app::action::{Action, Effect};
use crate::app::edit::{Change, Edit, rated};
use crate::app::form::ProfileForm;
use crate::app::input::TextInput;
use crate::app::notice::Notice;
use crate::app::state::{App, Focus, Overlay, Screen};
use crate::app::tree::Node;
use crate::app::tree::RowIx;
use crate::model::answers::Rated;
use crate::model::gaps::gap_to;
use crate::model::profile::Coverage;
use crate::model::questionnaire::{RequirementIx, SubdomainIx};
use crate::model::{IndustryType, Rating};

pub(super) fn main(app: &mut App, action: Action) -> Vec<Effect> {
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
                Some(s) if app.sheet.tailored[s] => app.notice(Notice::Tailored),
                Some(s) => app.overlay = Some(Overlay::Estimate { subdomain: s }),
                None => app.notice(Notice::PickSubdomain),
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
                app.notice(Notice::PickSubdomain);
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
        Action::Demos => super::demos::open_list(app),
        Action::Certification => {
            app.overlay = Some(Overlay::Certification {
                target: crate::certification::recommended_first(app.score.level),
                scroll: 0,
                all: false,
            });
            Vec::new()
        }
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
            open_export(app);
            Vec::new()
        }
        Action::MergeFile => {
            let folder = app
                .export_dir
                .as_ref()
                .map(|dir| format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR))
                .unwrap_or_default();
            app.overlay = Some(Overlay::MergePath(TextInput::suggested(folder)));
            Vec::new()
        }
        Action::ChoosePeers => {
            let current = match &app.peers_path {
                Some(path) => path.display().to_string(),
                None => app
                    .export_dir
                    .as_ref()
                    .map(|dir| format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR))
                    .unwrap_or_default(),
            };
            app.overlay = Some(Overlay::PeersPath(TextInput::suggested(current)));
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
pub(super) fn open_save_copy(app: &mut App) {
    let file = format!("{}.toml", app.name);
    app.overlay = Some(Overlay::SaveCopyPath(TextInput::suggested(file)));
}

/// Asks where to write the result file, suggesting the enterprise's name and the day of the
/// last change (else the assessment's name), in full, in the folder zizhen was started in.
pub(super) fn open_export(app: &mut App) {
    let meta = &app.answers.meta;
    let day = meta
        .updated
        .as_deref()
        .or(meta.created.as_deref())
        .and_then(|t| t.get(..10));
    let enterprise = app.answers.profile.name.as_deref().map(str::trim);
    let stem = match (enterprise.filter(|n| !n.is_empty()), day) {
        (Some(name), Some(day)) => format!("{name} {day}"),
        (Some(name), None) => name.to_string(),
        (None, _) => app.name.clone(),
    };
    // A name with a slash must not turn into folders.
    let file = format!("{}.json", stem.replace(['/', '\\'], "-"));
    let path = match &app.export_dir {
        Some(dir) => dir.join(file).display().to_string(),
        None => file,
    };
    app.overlay = Some(Overlay::ExportPath(TextInput::suggested(path)));
}

fn navigate(app: &mut App, action: &Action) {
    let in_tree = app.focus == Focus::Tree || app.subdomain().is_none();
    if in_tree {
        let last = app.rows.len().saturating_sub(1);
        let now = app.row.0;
        let row = match action {
            Action::Up => now.saturating_sub(1),
            Action::Down => (now + 1).min(last),
            Action::PageUp => now.saturating_sub(5),
            Action::PageDown => (now + 5).min(last),
            Action::Home => 0,
            _ => last,
        };
        app.select_row(RowIx(row));
        return;
    }
    let Some(SubdomainIx(s)) = app.subdomain() else {
        return;
    };
    let range = app.q.subdomain_requirements(s);
    let current = app.requirement.0.clamp(range.start, range.end - 1);
    let level = app.q.requirements[current].level;
    app.requirement = RequirementIx(match action {
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
    });
}

/// The next unrated requirement after the current one, in applicable sub-domains (wrapping).
fn next_unrated(app: &mut App) {
    let n = app.q.requirements.len();
    let start = if app.subdomain().is_some() {
        app.requirement.0 + 1
    } else {
        0
    };
    let found = (0..n).map(|k| (start + k) % n).find(|&i| {
        app.sheet.ratings[i].is_none()
            && !app.sheet.not_applicable[i]
            && !app.sheet.tailored[app.q.requirements[i].subdomain]
    });
    match found {
        Some(i) => app.select_requirement(RequirementIx(i)),
        None => app.notice(Notice::AllRated),
    }
}

fn rate(app: &mut App, rating: Option<Rating>) -> Vec<Effect> {
    let Some(s) = app.subdomain() else {
        app.notice(Notice::PickSubdomain);
        return Vec::new();
    };
    if app.sheet.tailored[s] {
        app.notice(Notice::Tailored);
        return Vec::new();
    }
    let index = app.requirement;
    let id = app.q.requirements[index].id.clone();
    let before = rated(&app.answers, &id);
    let after = rating.map(Rated::given);
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
        let range = app.q.subdomain_requirements(s.0);
        app.requirement = RequirementIx((index.0 + 1).min(range.end - 1));
    }
    app.focus = Focus::Requirements;
    effects
}

fn open_note(app: &mut App) {
    if app.subdomain().is_none() {
        app.notice(Notice::PickSubdomain);
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
        app.notice(Notice::PickSubdomain);
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
            app.notice(if by_type && t == IndustryType::Process {
                Notice::LockedProcess
            } else {
                Notice::Locked
            });
            return Vec::new();
        }
        None => {
            app.notice(Notice::Locked);
            return Vec::new();
        }
    }
    let suggested = suggested_reason(app, s).unwrap_or_default();
    app.overlay = Some(Overlay::TailorReason {
        subdomain: s,
        input: TextInput::suggested(suggested),
    });
    Vec::new()
}

/// `production = 2, design = 1.5` (commas or semicolons between entries; `:` works too) as a
/// checked weight table; the error names the entry that is wrong.
pub(super) fn parse_weights(
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
        app.notice(Notice::PickSubdomain);
        return Vec::new();
    }
    let index = app.requirement;
    if app.q.requirements[index].condition.is_none() {
        app.notice(Notice::NotConditional);
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
pub fn suggested_reason(app: &App, s: SubdomainIx) -> Option<String> {
    let key = app.q.subdomains[s].key.as_str();
    let covers = app.answers.profile.covers.as_ref()?;
    let coverage = Coverage::ALL
        .into_iter()
        .find(|c| c.subdomains().contains(&key))?;
    (!covers.contains(&coverage)).then(|| {
        crate::i18n::Strings::of(app.lang)
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
        None => app.notice(Notice::TopLevel),
    }
}

/// "This sub-domain is at level k": FI up to k, NI above, as estimates. Ratings the user set
/// are kept; earlier estimates are replaced.
pub(super) fn estimate(app: &mut App, s: SubdomainIx, level: u8) -> Vec<Effect> {
    let edit: Edit = app
        .q
        .subdomain_requirements(s.0)
        .filter_map(|i| {
            let r = &app.q.requirements[i];
            let before = rated(&app.answers, &r.id);
            // What the user set, or said does not apply, is not overwritten by an estimate.
            let user_set = before.is_some_and(|r| !r.estimate) || app.sheet.not_applicable[i];
            (!user_set).then(|| Change::Rating {
                id: r.id.clone(),
                before,
                after: Some(Rated {
                    rating: if r.level <= level {
                        Rating::FI
                    } else {
                        Rating::NI
                    },
                    estimate: true,
                }),
            })
        })
        .collect();
    let effects = commit(app, edit);
    app.notice(Notice::Estimated {
        level: level.to_string(),
        name: app.q.subdomains[s].name.get(app.lang).to_string(),
    });
    // The quick path goes on to the next sub-domain.
    if let Some(next) =
        (app.row.0 + 1..app.rows.len()).find(|&r| matches!(app.rows[r], Node::Subdomain(_)))
    {
        app.select_row(RowIx(next));
    }
    effects
}
