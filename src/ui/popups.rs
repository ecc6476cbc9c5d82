//! Popups over the current screen: help (from the key table), the explanation of the score,
//! the gap list, search, and the small questions (note, tailoring reason, level estimate, target).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::main_view::UNRATED;
use super::wrap::{styled_lines, wrap};
use super::{Ui, centered, s};
use crate::app::input::TextInput;
use crate::app::search::search_matches;
use crate::app::{App, Overlay};
use crate::figures;
use crate::keymap::describe;
use crate::model::gaps::GapItem;
use crate::model::scoring::{self, to_f64};
use crate::width::{truncate, width};

pub fn render(frame: &mut Frame, app: &App, ui: &Ui, overlay: &Overlay, area: Rect) {
    match overlay {
        Overlay::Help(scroll) => help(frame, app, ui, area, *scroll),
        Overlay::Explain(scroll) => explain(frame, app, ui, area, *scroll),
        Overlay::Problem { problem, scroll } => {
            let strings = s(app, ui);
            let inner = big_box(frame, ui, area, strings.get("popup.problem"));
            let w = inner.width as usize;
            let text = short_digests(&problem.render(strings));
            let mut lines = styled_lines(&text, w, ui.theme.base());
            lines.push(Line::from(""));
            lines.extend(styled_lines(
                strings.get("popup.problem_hint"),
                w,
                ui.theme.dim(),
            ));
            scrolled(frame, ui, inner, lines, *scroll);
        }
        Overlay::Guidance(scroll) => guidance(frame, app, ui, area, *scroll),
        Overlay::Gaps {
            target,
            items,
            selected,
        } => gaps(frame, app, ui, area, *target, items, *selected),
        Overlay::Search { input, selected } => search(frame, app, ui, area, input, *selected),
        Overlay::Note { id, input } => {
            let title = s(app, ui).fmt("popup.note", &[("id", id)]);
            let hint = s(app, ui).get("popup.note_hint").to_string();
            text_prompt(frame, ui, area, &title, &hint, input);
        }
        Overlay::TailorReason { subdomain, input } => {
            let name = app.q.subdomains[*subdomain].name.get(app.lang);
            let title = s(app, ui).fmt("popup.tailor", &[("name", name)]);
            let hint = s(app, ui).get("popup.tailor_hint").to_string();
            text_prompt(frame, ui, area, &title, &hint, input);
        }
        Overlay::Weights(input) => {
            let title = s(app, ui).get("popup.weights").to_string();
            let hint = s(app, ui).get("popup.weights_hint").to_string();
            text_prompt(frame, ui, area, &title, &hint, input);
        }
        Overlay::WeightsReason { input, .. } => {
            let title = s(app, ui).get("popup.weights_reason").to_string();
            let hint = s(app, ui).get("popup.weights_reason_hint").to_string();
            text_prompt(frame, ui, area, &title, &hint, input);
        }
        Overlay::NotApplicableReason { requirement, input } => {
            let r = &app.q.requirements[*requirement];
            let title = s(app, ui).fmt("popup.not_applicable", &[("id", &r.id)]);
            let condition = r.condition.as_ref().map_or("", |c| c.get(app.lang));
            let hint = s(app, ui).fmt("popup.not_applicable_hint", &[("condition", condition)]);
            text_prompt(frame, ui, area, &title, &hint, input);
        }
        Overlay::Estimate { subdomain } => {
            let name = app.q.subdomains[*subdomain].name.get(app.lang);
            let text = s(app, ui).fmt("popup.estimate", &[("name", name)]);
            message(
                frame,
                ui,
                area,
                s(app, ui).get("popup.estimate_title"),
                &text,
            );
        }
        Overlay::ExportPath(input) => {
            let title = s(app, ui).get("popup.export").to_string();
            let hint = s(app, ui).get("popup.export_hint").to_string();
            text_prompt(frame, ui, area, &title, &hint, input);
        }
        Overlay::SaveCopyPath(input) => {
            let title = s(app, ui).get("popup.save_copy").to_string();
            let hint = s(app, ui).get("popup.save_copy_hint").to_string();
            text_prompt(frame, ui, area, &title, &hint, input);
        }
        Overlay::Migrated { info, scroll } => migrated(frame, app, ui, area, info, *scroll),
        Overlay::Certification {
            target,
            scroll,
            all,
        } => super::certification::render(frame, app, ui, area, (*target, *all), *scroll),
        Overlay::MergePath(input) => {
            let title = s(app, ui).get("popup.merge").to_string();
            let hint = s(app, ui).get("popup.merge_hint").to_string();
            text_prompt(frame, ui, area, &title, &hint, input);
        }
        Overlay::PeersPath(input) => {
            let title = s(app, ui).get("popup.peers").to_string();
            let hint = s(app, ui).get("popup.peers_hint").to_string();
            text_prompt(frame, ui, area, &title, &hint, input);
        }
        Overlay::Merged { summary, scroll } => {
            super::merged::render(frame, app, ui, area, summary, *scroll)
        }
        Overlay::ConfirmQuit => {
            let text = s(app, ui).get("popup.confirm_quit").to_string();
            message(
                frame,
                ui,
                area,
                s(app, ui).get("popup.confirm_quit_title"),
                &text,
            );
        }
        Overlay::Target => {
            let text = s(app, ui).get("popup.target").to_string();
            message(frame, ui, area, s(app, ui).get("popup.target_title"), &text);
        }
    }
}

/// A bordered box cleared over what is beneath, returning its inside.
fn frame_box(frame: &mut Frame, ui: &Ui, area: Rect, title: &str) -> Rect {
    // Cleared with a column of margin on each side: a wide (Chinese) character half under the
    // border would otherwise break it.
    let screen = frame.area();
    let left = area.x.saturating_sub(1).max(screen.x);
    let right = (area.x + area.width + 1).min(screen.x + screen.width);
    frame.render_widget(
        Clear,
        Rect {
            x: left,
            y: area.y,
            width: right - left,
            height: area.height,
        },
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(ui.theme.border_focused())
        .title(title.to_string());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

fn message(frame: &mut Frame, ui: &Ui, area: Rect, title: &str, text: &str) {
    let width = area.width.min(64);
    let lines = styled_lines(text, width.saturating_sub(2) as usize, ui.theme.base());
    let rect = centered(area, width, lines.len() as u16 + 2);
    let inner = frame_box(frame, ui, rect, title);
    frame.render_widget(Paragraph::new(lines), inner);
}

fn text_prompt(frame: &mut Frame, ui: &Ui, area: Rect, title: &str, hint: &str, input: &TextInput) {
    let w = area.width.min(70);
    let inner_width = w.saturating_sub(2) as usize;
    let rect = centered(area, w, 5);
    let inner = frame_box(frame, ui, rect, title);
    // Long text scrolls so the cursor stays visible.
    let column = input.cursor_column();
    let skip = column.saturating_sub(inner_width.saturating_sub(1));
    let visible = skip_columns(input.text(), skip);
    // A suggestion shows selected: typing replaces it.
    let style = if input.is_selected() {
        ui.theme.selected()
    } else {
        ui.theme.base()
    };
    let lines = vec![
        Line::from(Span::styled(truncate(&visible, inner_width), style)),
        Line::from(""),
        Line::from(Span::styled(truncate(hint, inner_width), ui.theme.dim())),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
    frame.set_cursor_position(Position::new(inner.x + (column - skip) as u16, inner.y));
}

/// `sha256:` and 64 hex digits shortened to their first 12 (enough to compare by eye).
fn short_digests(text: &str) -> String {
    const MARK: &str = "sha256:";
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(MARK) {
        let (before, from) = rest.split_at(at + MARK.len());
        out.push_str(before);
        let hex = from.bytes().take_while(u8::is_ascii_hexdigit).count();
        if hex > 16 {
            out.push_str(&from[..12]);
            out.push('…');
        } else {
            out.push_str(&from[..hex]);
        }
        rest = &from[hex..];
    }
    out.push_str(rest);
    out
}

/// `text` without its first `columns` display columns.
fn skip_columns(text: &str, columns: usize) -> String {
    let mut used = 0;
    text.chars()
        .skip_while(|c| {
            let w = unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            let skip = used < columns;
            used += w;
            skip
        })
        .collect()
}

pub(super) fn big_box(frame: &mut Frame, ui: &Ui, area: Rect, title: &str) -> Rect {
    let rect = centered(
        area,
        area.width.saturating_sub(4).max(36),
        area.height.saturating_sub(2).max(8),
    );
    frame_box(frame, ui, rect, title)
}

/// Scrolls a long list so that `selected` is visible.
fn window(len: usize, selected: usize, height: usize) -> usize {
    if len <= height {
        0
    } else {
        selected
            .saturating_sub(height.saturating_sub(1))
            .min(len - height)
    }
}

/// Shows `lines` from `scroll` on (kept within the text), with a marker when more follows.
pub(super) fn scrolled(
    frame: &mut Frame,
    ui: &Ui,
    inner: Rect,
    mut lines: Vec<Line<'static>>,
    scroll: u16,
) {
    let height = inner.height as usize;
    let max = lines.len().saturating_sub(height);
    let first = (scroll as usize).min(max);
    if first < max {
        // There is more below: say so on the last row.
        lines.truncate(first + height);
        if let Some(last) = lines.last_mut() {
            *last = Line::from(Span::styled("  ▼ ↓ PgDn", ui.theme.dim()));
        }
    }
    frame.render_widget(Paragraph::new(lines).scroll((first as u16, 0)), inner);
}

/// What carrying an assessment over to the revised questionnaire changed: the summary, every
/// dropped answer with its reason, the moved ones and the new requirements.
fn migrated(
    frame: &mut Frame,
    app: &App,
    ui: &Ui,
    area: Rect,
    info: &crate::model::answers::Migrated,
    scroll: u16,
) {
    use crate::report::migration;
    let strings = s(app, ui);
    let inner = big_box(frame, ui, area, strings.get("migration.title"));
    let w = inner.width as usize;
    let mut lines = styled_lines(
        &migration::summary(info, &app.name, strings),
        w,
        ui.theme.heading(),
    );
    lines.extend(styled_lines(
        &strings.fmt("migration.saved", &[("to", &info.to)]),
        w,
        ui.theme.dim(),
    ));
    for line in migration::details(info, strings) {
        // A blank line before each section; its items follow it closely.
        if !line.starts_with(' ') {
            lines.push(Line::from(""));
        }
        lines.extend(styled_lines(&line, w, ui.theme.base()));
    }
    scrolled(frame, ui, inner, lines, scroll);
}

/// The rating scale (what each rating means) and the level's examples of PI, LI and FI, for the
/// selected requirement's level.
fn guidance(frame: &mut Frame, app: &App, ui: &Ui, area: Rect, scroll: u16) {
    use crate::model::Rating;
    let strings = s(app, ui);
    let lang = app.lang;
    let level = app.q.level(app.q.requirements[app.requirement].level);
    let title = strings.fmt(
        "popup.guidance",
        &[
            ("n", &level.level.to_string()),
            ("name", level.name.get(lang)),
        ],
    );
    let inner = big_box(frame, ui, area, &title);
    let w = inner.width as usize;
    let mut lines = Vec::new();
    for rating in Rating::ALL {
        let step = app.q.scale_step(rating);
        let line = strings.fmt(
            "ui.guidance",
            &[
                ("rating", rating.code()),
                ("name", step.name.get(lang)),
                ("text", step.guidance.get(lang)),
            ],
        );
        lines.extend(styled_lines(&line, w, ui.theme.base()));
        if let Some(example) = level.examples.as_ref().and_then(|e| e.of(rating)) {
            let text = strings.fmt(
                "ui.example",
                &[("rating", rating.code()), ("text", example.get(lang))],
            );
            lines.extend(styled_lines(&format!("  {text}"), w, ui.theme.dim()));
        }
        lines.push(Line::from(""));
    }
    scrolled(frame, ui, inner, lines, scroll);
}

fn help(frame: &mut Frame, app: &App, ui: &Ui, area: Rect, scroll: u16) {
    let strings = s(app, ui);
    let theme = &ui.theme;
    let inner = big_box(frame, ui, area, strings.get("help.title"));
    let context = crate::keymap::screen_context(app);
    let mut entries: Vec<(String, String)> = Vec::new();
    for binding in ui.keymap.bindings(context) {
        let description = strings.get(&describe(&binding.action)).to_string();
        match entries.iter_mut().find(|(_, d)| *d == description) {
            Some((keys, _)) => {
                keys.push(' ');
                keys.push_str(&binding.key.to_string());
            }
            None => entries.push((binding.key.to_string(), description)),
        }
    }
    let key_width = entries
        .iter()
        .map(|(k, _)| width(k))
        .max()
        .unwrap_or(8)
        .min(18);
    let text_width = (inner.width as usize).saturating_sub(key_width + 2);
    let mut lines = Vec::new();
    for (keys, description) in entries {
        for (i, text) in wrap(&description, text_width.max(10))
            .into_iter()
            .enumerate()
        {
            let left = if i == 0 {
                crate::width::pad(&keys, key_width)
            } else {
                " ".repeat(key_width)
            };
            lines.push(Line::from(vec![
                Span::styled(left, theme.heading()),
                Span::raw("  "),
                Span::raw(text),
            ]));
        }
    }
    lines.push(Line::from(""));
    lines.extend(styled_lines(
        strings.get("help.legend"),
        inner.width as usize,
        theme.dim(),
    ));
    scrolled(frame, ui, inner, lines, scroll);
}

fn explain(frame: &mut Frame, app: &App, ui: &Ui, area: Rect, scroll: u16) {
    let strings = s(app, ui);
    let theme = &ui.theme;
    let inner = big_box(frame, ui, area, strings.get("explain.title"));
    let w = inner.width as usize;
    let score = &app.score;
    let mut lines = styled_lines(strings.get("explain.rule"), w, theme.dim());
    let notes = crate::report::data::weights_note(&app.q, &app.answers, strings)
        .into_iter()
        .chain(crate::report::data::not_applicable_notes(
            &app.q,
            &app.answers,
            strings,
        ));
    for note in notes {
        lines.extend(styled_lines(&note, w, theme.warn()));
    }
    lines.push(Line::from(""));
    for l in &score.levels {
        let key = if !l.assessed {
            "explain.level_none"
        } else if l.reached && l.counted {
            "explain.level_reached"
        } else if l.reached {
            "explain.level_reached_not_counted"
        } else if l.counted {
            "explain.level_first_short"
        } else {
            "explain.level_not_counted"
        };
        let text = strings.fmt(
            key,
            &[
                ("n", &l.level.to_string()),
                ("score", &figures::score(&l.score)),
            ],
        );
        let style = if l.reached {
            theme.good()
        } else if l.counted {
            theme.warn()
        } else {
            theme.dim()
        };
        lines.extend(styled_lines(&text, w, style));
    }
    // X = 1 + 1 + S3: reached levels count 1, the first not reached its score.
    let terms: Vec<String> = score
        .levels
        .iter()
        .filter(|l| l.counted)
        .map(|l| {
            if l.reached {
                "1".to_string()
            } else {
                figures::score(&l.score)
            }
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        if terms.len() > 1 {
            format!(
                "X = {} = {}",
                terms.join(" + "),
                figures::score(&score.overall)
            )
        } else {
            format!("X = {}", figures::score(&score.overall))
        },
        theme.heading(),
    )));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        strings.get("explain.bands").to_string(),
        theme.heading(),
    )));
    for level in 1..=5u8 {
        let low = f64::from(level) - 0.2;
        let range = if level == 5 {
            format!("{low:.1} ≤ X ≤ 5")
        } else {
            format!("{low:.1} ≤ X < {:.1}", low + 1.0)
        };
        let here = score.level == level;
        let text = format!(
            "  {range:<16} → {} {}{}",
            level,
            app.q.level(level).name.get(app.lang),
            if here { "  ◀" } else { "" }
        );
        lines.push(Line::from(Span::styled(
            text,
            if here { theme.selected() } else { theme.base() },
        )));
    }
    if score.level == 0 {
        lines.push(Line::from(Span::styled(
            format!("  X < 0.8 → {}", strings.get("score.below_level_1")),
            theme.selected(),
        )));
    }
    if score.level < 5 {
        let next = score.level + 1;
        let short: Vec<String> = score
            .levels
            .iter()
            .filter(|l| l.level <= next && !l.reached)
            .map(|l| {
                strings.fmt(
                    "explain.short",
                    &[
                        ("n", &l.level.to_string()),
                        ("score", &figures::score(&l.score)),
                        (
                            "shortfall",
                            &figures::shortfall(&(scoring::threshold() - l.score)),
                        ),
                    ],
                )
            })
            .collect();
        lines.push(Line::from(""));
        let why = strings.fmt(
            "explain.why",
            &[
                ("level", &score.level.to_string()),
                ("next", &next.to_string()),
                ("levels", &short.join(strings.get("explain.join"))),
            ],
        );
        lines.extend(styled_lines(&why, w, theme.base()));
    }
    lines.push(Line::from(""));
    lines.extend(styled_lines(
        strings.get("certification.explain_note"),
        w,
        theme.dim(),
    ));
    scrolled(frame, ui, inner, lines, scroll);
}

fn gaps(
    frame: &mut Frame,
    app: &App,
    ui: &Ui,
    area: Rect,
    target: u8,
    items: &[GapItem],
    selected: usize,
) {
    let strings = s(app, ui);
    let theme = &ui.theme;
    let title = strings.fmt(
        "gaps.title",
        &[
            ("n", &target.to_string()),
            ("name", app.q.level(target).name.get(app.lang)),
            ("count", &items.len().to_string()),
        ],
    );
    let inner = big_box(frame, ui, area, &title);
    let height = inner.height as usize;
    let first = window(items.len(), selected, height);
    let w = inner.width as usize;
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, item)| {
            let r = &app.q.requirements[item.requirement];
            // As in the requirement list: "[  ]" is unrated ("[--]" there means not applicable).
            let rating = item
                .rating
                .map_or(UNRATED.to_string(), |r| r.code().to_string());
            let text = format!(
                "+{:.3} [{rating}] {} {}",
                to_f64(&item.lift),
                r.id,
                r.text.get(app.lang)
            );
            let style = if i == selected {
                theme.selected()
            } else {
                theme.base()
            };
            Line::from(Span::styled(truncate(&text, w), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn search(frame: &mut Frame, app: &App, ui: &Ui, area: Rect, input: &TextInput, selected: usize) {
    let strings = s(app, ui);
    let theme = &ui.theme;
    let inner = big_box(frame, ui, area, strings.get("search.title"));
    let w = inner.width as usize;
    let prompt = "/ ";
    let matches = search_matches(app, input.text());
    let mut lines = vec![
        Line::from(vec![
            Span::styled(prompt, theme.heading()),
            Span::raw(input.text().to_string()),
        ]),
        Line::from(Span::styled(
            strings.fmt("search.count", &[("count", &matches.len().to_string())]),
            theme.dim(),
        )),
    ];
    let height = (inner.height as usize).saturating_sub(2);
    let first = window(matches.len(), selected, height);
    for (i, &index) in matches.iter().enumerate().skip(first).take(height) {
        let r = &app.q.requirements[index];
        let text = format!("{} {}", r.id, r.text.get(app.lang));
        let style = if i == selected {
            theme.selected()
        } else {
            theme.base()
        };
        lines.push(Line::from(Span::styled(truncate(&text, w), style)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let column = (width(prompt) + input.cursor_column()).min(w.saturating_sub(1));
    frame.set_cursor_position(Position::new(inner.x + column as u16, inner.y));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_are_shortened_for_the_eye() {
        let long = format!(
            "expected sha256:{} got sha256:{}.",
            "a1".repeat(32),
            "0f".repeat(32)
        );
        assert_eq!(
            short_digests(&long),
            "expected sha256:a1a1a1a1a1a1… got sha256:0f0f0f0f0f0f…."
        );
        assert_eq!(short_digests("sha256:abc"), "sha256:abc");
        assert_eq!(short_digests("无"), "无");
    }
}
