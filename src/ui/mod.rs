//! Drawing: pure functions of the application state (`&App`) and the presentation context
//! (`&Ui`: strings, keys, theme). Nothing here changes state.

mod certification;
mod main_view;
mod merged;
mod popups;
mod profile;
mod score;
mod screens;
pub mod theme;
pub mod wrap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::app::state::Status;
use crate::app::{Action, App, Screen};
use crate::i18n::{Lang, Strings};
use crate::keymap::{self, Context, Keymap, hint};
pub use theme::{Palette, Theme};

/// The smallest terminal the interface works in.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// What drawing needs besides the state.
pub struct Ui {
    strings: [&'static Strings; 2],
    pub keymap: Keymap,
    pub theme: Theme,
}

impl Ui {
    pub fn new(keymap: Keymap, theme: Theme) -> Ui {
        Ui {
            strings: [Strings::of(Lang::ZhCn), Strings::of(Lang::En)],
            keymap,
            theme,
        }
    }

    pub fn strings(&self, lang: Lang) -> &Strings {
        self.strings[lang as usize]
    }
}

/// Shorthand for the strings of the app's language.
fn s<'a>(app: &App, ui: &'a Ui) -> &'a Strings {
    ui.strings(app.lang)
}

pub fn render(frame: &mut Frame, app: &App, ui: &Ui) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, app, ui, area);
        return;
    }
    let footer_lines = footer_lines(app, ui, area.width as usize);
    let banner_lines = unsaved_banner(app, ui, area.width as usize);
    let [banner, body, footer] = area.layout(&Layout::vertical([
        Constraint::Length(banner_lines.len() as u16),
        Constraint::Fill(1),
        Constraint::Length(footer_lines.len() as u16),
    ]));
    frame.render_widget(Paragraph::new(banner_lines), banner);
    match &app.screen {
        Screen::Welcome => screens::welcome(frame, app, ui, body),
        Screen::Profile(form) => profile::render(frame, app, ui, form, body),
        Screen::Main => main_view::render(frame, app, ui, body),
        Screen::Assessments(list) => screens::assessments(frame, app, ui, list, body),
        Screen::Recovery(recovery) => screens::recovery(frame, app, ui, recovery, body),
        Screen::Demos(list) => screens::demos(frame, app, ui, list, body),
    }
    if let Some(overlay) = &app.overlay {
        popups::render(frame, app, ui, overlay, body);
    }
    frame.render_widget(Paragraph::new(footer_lines), footer);
}

fn too_small(frame: &mut Frame, app: &App, ui: &Ui, area: Rect) {
    let text = s(app, ui).fmt(
        "ui.too_small",
        &[
            ("width", &area.width.to_string()),
            ("height", &area.height.to_string()),
            ("min_width", &MIN_WIDTH.to_string()),
            ("min_height", &MIN_HEIGHT.to_string()),
        ],
    );
    frame.render_widget(Clear, area);
    let lines: Vec<Line> = wrap::wrap(&text, area.width as usize)
        .into_iter()
        .map(Line::from)
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// While a save is failing, a banner that stays until a save succeeds (its words, not only its
/// colour, say so: it must survive NO_COLOR).
fn unsaved_banner(app: &App, ui: &Ui, width: usize) -> Vec<Line<'static>> {
    let Some(unsaved) = &app.unsaved else {
        return Vec::new();
    };
    let strings = s(app, ui);
    let error = unsaved.error.first_line(strings);
    let text = strings.fmt("ui.unsaved_banner", &[("error", &error)]);
    let mut lines: Vec<Line> = wrap::wrap(&text, width)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, ui.theme.alarm())))
        .collect();
    lines.truncate(2);
    lines
}

/// The status message if there is one (up to three lines), else the key hints.
fn footer_lines(app: &App, ui: &Ui, width: usize) -> Vec<Line<'static>> {
    let strings = s(app, ui);
    match &app.status {
        Some(Status(notice)) => {
            let owned = notice.args(strings);
            let args: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let mut lines: Vec<Line> = wrap::wrap(&strings.fmt(notice.key(), &args), width)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, ui.theme.warn())))
                .collect();
            lines.truncate(3);
            lines
        }
        None => vec![hint_line(app, ui, keymap::context(app), width)],
    }
}

/// "1 NI · 2 PI · …" from the key table: every binding marked as a hint, grouped by action,
/// fitted to `width` by priority: the table's order, except that help and quit always stay
/// (the way to everything else, and the way out).
fn hint_line(app: &App, ui: &Ui, context: Context, width: usize) -> Line<'static> {
    let strings = s(app, ui);
    let theme = &ui.theme;
    let mut items: Vec<(String, String, bool)> = Vec::new();
    let mut seen = Vec::new();
    // When everything is rated, what comes next is handing the result on: export leads.
    // A demo company open read only: making a copy to edit leads, and changes are not offered.
    let demo = context == Context::Main && app.demo.is_some();
    let finished = context == Context::Main && app.score.completeness.complete() && !demo;
    let export = ui
        .keymap
        .bindings(context)
        .filter(|b| b.action == Action::Export);
    let hinted = ui.keymap.bindings(context).filter(|b| b.hint);
    let copy = ui
        .keymap
        .bindings(context)
        .filter(|b| b.action == Action::CopyDemo);
    let bindings: Vec<_> = if demo {
        copy.take(1).chain(hinted).collect()
    } else if finished {
        export.take(1).chain(hinted).collect()
    } else {
        hinted.collect()
    };
    for binding in bindings {
        if seen.contains(&binding.action) {
            continue;
        }
        if context == Context::Main
            && ((binding.action == Action::CopyDemo && !demo)
                || (demo && binding.action.changes_answers()))
        {
            continue;
        }
        seen.push(binding.action.clone());
        let hint_key = hint(&binding.action);
        let kept = matches!(
            binding.action,
            Action::Help | Action::Quit | Action::Cancel | Action::CopyDemo
        ) || (finished && binding.action == Action::Export);
        items.push((
            binding.key.to_string(),
            strings.get(&hint_key).to_string(),
            kept,
        ));
    }
    let separator = " · ";
    let cost = |items: &[(String, String, bool)]| {
        items
            .iter()
            .map(|(k, h, _)| width_of(k) + 1 + width_of(h))
            .sum::<usize>()
            + width_of(separator) * items.len().saturating_sub(1)
    };
    while cost(&items) > width {
        match items.iter().rposition(|(_, _, kept)| !kept) {
            Some(i) => {
                items.remove(i);
            }
            None => break,
        }
    }
    let mut spans = Vec::new();
    for (key, hint, _) in items {
        if !spans.is_empty() {
            spans.push(Span::styled(separator, theme.dim()));
        }
        spans.push(Span::styled(key, theme.heading()));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(hint, theme.dim()));
    }
    Line::from(spans)
}

fn width_of(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// A centred rectangle of at most `width` × `height` inside `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
