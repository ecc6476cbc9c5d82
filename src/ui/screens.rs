//! The screens around the assessment: welcome, the list of saved assessments, and recovery
//! from a file that does not load.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::wrap::styled_lines;
use super::{Ui, s};
use crate::app::App;
use crate::app::state::{AssessmentList, DemoList, ListPrompt, Recovery, TextPrompt};
use crate::width::{pad, truncate, width};

pub fn welcome(frame: &mut Frame, app: &App, ui: &Ui, area: Rect) {
    let strings = s(app, ui);
    let theme = &ui.theme;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focused())
        .title(strings.get("welcome.title").to_string());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let model = styled_lines(strings.get("welcome.model"), w, theme.base());
    let keys = menu(strings.get("welcome.keys"), w, theme.heading());
    let wording = styled_lines(strings.get("welcome.wording"), w, theme.dim());
    // On a small terminal the way in comes first; the introduction follows as far as it fits.
    let fits = model.len() + keys.len() + wording.len() + 2 <= inner.height as usize;
    let parts = if fits {
        [model, keys, wording]
    } else {
        [keys, model, wording]
    };
    let mut lines = Vec::new();
    for part in parts {
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        lines.extend(part);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The welcome menu, one entry per line of `text`: in two columns where they fit side by side,
/// else one under the other (a narrow terminal).
fn menu(text: &str, w: usize, style: Style) -> Vec<Line<'static>> {
    let entries: Vec<&str> = text.lines().collect();
    let widest = entries.iter().map(|e| width(e)).max().unwrap_or(0);
    let rows = entries.len().div_ceil(2);
    if 2 * widest + 4 > w {
        return entries
            .iter()
            .map(|e| Line::from(Span::styled(truncate(e, w), style)))
            .collect();
    }
    (0..rows)
        .map(|r| {
            let left = pad(entries[r], widest + 4);
            let right = entries.get(r + rows).copied().unwrap_or("");
            Line::from(Span::styled(format!("{left}{right}"), style))
        })
        .collect()
}

pub fn assessments(frame: &mut Frame, app: &App, ui: &Ui, list: &AssessmentList, area: Rect) {
    let strings = s(app, ui);
    let theme = &ui.theme;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focused())
        .title(strings.get("list.title").to_string());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let prompt_rows = if list.prompt.is_some() { 3 } else { 0 };
    let rows = (inner.height as usize).saturating_sub(prompt_rows);
    let mut lines: Vec<Line> = Vec::new();
    if list.entries.is_empty() {
        lines.push(Line::from(Span::styled(
            strings.get("list.empty").to_string(),
            theme.dim(),
        )));
    }
    let offset = list.selected.saturating_sub(rows.saturating_sub(1));
    for (i, (name, modified)) in list.entries.iter().enumerate().skip(offset).take(rows) {
        let open = *name == app.name && app.demo.is_none();
        let marker = if open { "● " } else { "  " };
        let right = modified.clone();
        let name_width = w.saturating_sub(width(&right) + 4);
        let text = format!("{marker}{} {right}", pad(name, name_width));
        let style = if i == list.selected {
            theme.selected()
        } else {
            theme.base()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    while lines.len() < rows {
        lines.push(Line::from(""));
    }
    let mut cursor = None;
    if let Some(prompt) = &list.prompt {
        lines.push(Line::from(""));
        let (label, input) = match prompt {
            ListPrompt::Delete(name) => {
                (strings.fmt("list.prompt_delete", &[("name", name)]), None)
            }
            ListPrompt::Text(kind, input) => {
                let label = match kind {
                    TextPrompt::New => strings.get("list.prompt_new").to_string(),
                    TextPrompt::Rename(old) => strings.fmt("list.prompt_rename", &[("name", old)]),
                    TextPrompt::Duplicate(source) => {
                        strings.fmt("list.prompt_duplicate", &[("name", source)])
                    }
                    TextPrompt::Import => strings.get("list.prompt_import").to_string(),
                };
                (label, Some(input))
            }
        };
        let mut spans = vec![Span::styled(label.clone(), theme.heading())];
        if let Some(input) = input {
            spans.push(Span::raw(" "));
            // A suggestion shows selected: typing replaces it.
            let style = if input.is_selected() {
                theme.selected()
            } else {
                theme.base()
            };
            spans.push(Span::styled(input.text().to_string(), style));
            cursor = Some((lines.len(), width(&label) + 1 + input.cursor_column()));
        }
        lines.push(Line::from(spans));
    }
    if let Some((line, column)) = cursor {
        frame.set_cursor_position(Position::new(
            inner.x + (column as u16).min(inner.width.saturating_sub(1)),
            inner.y + line as u16,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn recovery(frame: &mut Frame, app: &App, ui: &Ui, recovery: &Recovery, area: Rect) {
    let strings = s(app, ui);
    let theme = &ui.theme;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.bad())
        .title(strings.fmt("recovery.title", &[("name", &recovery.name)]));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let mut lines = styled_lines(strings.get("recovery.intro"), w, theme.base());
    lines.push(Line::from(""));
    lines.extend(styled_lines(
        &recovery.problem.render(strings),
        w,
        theme.bad(),
    ));
    lines.push(Line::from(""));
    let options = if recovery.backup.is_some() {
        strings.get("recovery.with_backup")
    } else {
        strings.get("recovery.without_backup")
    };
    lines.extend(styled_lines(options, w, theme.heading()));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The demo companies: enterprise, industry, level and X (scored from the files now), then what
/// the keys do with them.
pub fn demos(frame: &mut Frame, app: &App, ui: &Ui, list: &DemoList, area: Rect) {
    let strings = s(app, ui);
    let theme = &ui.theme;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focused())
        .title(strings.get("demos.title").to_string());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let rows: Vec<(String, String, String, String)> = list
        .entries
        .iter()
        .map(|e| {
            let level = if e.level == 0 {
                strings.get("demos.below_1").to_string()
            } else {
                strings.fmt("common.level_n", &[("n", &e.level.to_string())])
            };
            let x = format!("X {}", crate::figures::score(&e.overall));
            let industry = e.industry.as_ref().map_or(String::new(), |(code, name)| {
                format!("{code} {}", name.get(app.lang))
            });
            (e.name.clone(), industry, level, x)
        })
        .collect();
    // The level padded, so that the X figures line up.
    let level_w = rows.iter().map(|r| width(&r.2)).max().unwrap_or(0);
    let rows: Vec<(String, String, String)> = rows
        .into_iter()
        .map(|(name, industry, level, x)| {
            (name, industry, format!("{} · {x}", pad(&level, level_w)))
        })
        .collect();
    let widest = |f: fn(&(String, String, String)) -> &String| {
        rows.iter().map(|r| width(f(r))).max().unwrap_or(0)
    };
    let (name_w, right_w) = (widest(|r| &r.0), widest(|r| &r.2));
    // marker (2) + name + gap (2) + industry + gap (2) + level and X
    let room = w.saturating_sub(2 + name_w.min(w) + 2 + right_w + 2);
    let industry_w = widest(|r| &r.1).min(room);
    let show_industry = industry_w >= 8;
    let name_w = if show_industry {
        name_w
    } else {
        w.saturating_sub(2 + 2 + right_w)
    };
    let mut lines: Vec<Line> = Vec::new();
    for (i, (entry, (name, industry, right))) in list.entries.iter().zip(&rows).enumerate() {
        let marker = if app.demo == Some(entry.key) {
            "● "
        } else {
            "  "
        };
        let mut text = format!("{marker}{}  ", pad(&truncate(name, name_w), name_w));
        if show_industry {
            text.push_str(&pad(&truncate(industry, industry_w), industry_w));
            text.push_str("  ");
        }
        text.push_str(right);
        let style = if i == list.selected {
            theme.selected()
        } else {
            theme.base()
        };
        lines.push(Line::from(Span::styled(truncate(&text, w), style)));
    }
    // The selected company's industry in full, and its type.
    if let Some(e) = list.entries.get(list.selected) {
        let mut about = rows[list.selected].1.clone();
        if let Some(t) = e.industry_type {
            let kind = strings.get(&format!("common.industry_type.{}", t.key()));
            about = strings.fmt("demos.about", &[("industry", &about), ("type", kind)]);
        }
        lines.push(Line::from(""));
        lines.extend(styled_lines(&about, w, theme.heading()));
    }
    lines.push(Line::from(""));
    lines.extend(styled_lines(strings.get("demos.how"), w, theme.dim()));
    frame.render_widget(Paragraph::new(lines), inner);
}
