//! The enterprise profile form: one row per field, the problem of the focused field below it,
//! and the searchable industry and province lists.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::wrap::wrap;
use super::{Ui, s};
use crate::app::App;
use crate::app::form::{Focus, ProfileForm, division_name, place_of};
use crate::model::IndustryType;
use crate::model::fields::Field;
use crate::model::profile::Coverage;
use crate::width::{pad, truncate, width};

pub fn render(frame: &mut Frame, app: &App, ui: &Ui, form: &ProfileForm, area: Rect) {
    let strings = s(app, ui);
    let theme = &ui.theme;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focused())
        .title(strings.get("form.title").to_string());
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let label_width = Focus::ALL
        .iter()
        .map(|f| width(strings.get(&format!("form.{}", f.key()))))
        .max()
        .unwrap_or(10)
        .min(inner.width as usize / 2);
    // On a narrow terminal each value goes under its label, so values are not cut.
    let stacked = (inner.width as usize) < label_width + 40;
    let value_column = if stacked { 3 } else { label_width + 3 };
    let value_width = (inner.width as usize).saturating_sub(value_column);
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor: Option<(usize, usize)> = None;
    let mut focus_line = 0;

    for focus in Focus::ALL {
        let focused = form.field == focus;
        if focused {
            focus_line = lines.len();
        }
        let label_style = if focused {
            theme.selected()
        } else {
            theme.heading()
        };
        let field = match focus {
            Focus::Field(field) => field,
            Focus::Continue => {
                let button = format!("[ {} ]", strings.get("form.continue"));
                lines.push(Line::from(Span::styled(button, label_style)));
                continue;
            }
        };
        let mut spans = if stacked {
            let label = strings.get(&format!("form.{}", field.key()));
            let label = truncate(label, inner.width as usize);
            lines.push(Line::from(Span::styled(label, label_style)));
            vec![Span::raw("  ")]
        } else {
            let label = pad(strings.get(&format!("form.{}", field.key())), label_width);
            vec![Span::styled(label, label_style), Span::raw("  ")]
        };
        match field {
            Field::IndustryType => {
                for t in IndustryType::ALL {
                    let on = form.industry_type == Some(t);
                    let mark = if on { "(•) " } else { "( ) " };
                    let name = strings.get(&format!("common.industry_type.{}", t.key()));
                    spans.push(Span::styled(
                        format!("{mark}{name}  "),
                        if on { theme.good() } else { Style::new() },
                    ));
                }
                if let Some(d) = form.division() {
                    let suggested = strings.get(&format!(
                        "common.industry_type.{}",
                        d.suggested_type().key()
                    ));
                    spans.push(Span::styled(
                        strings.fmt("form.suggested", &[("value", suggested)]),
                        theme.dim(),
                    ));
                }
            }
            Field::Covers => {
                for (i, c) in Coverage::ALL.iter().enumerate() {
                    let mark = if form.covers[i] { "[x] " } else { "[ ] " };
                    let name = strings.get(&format!("form.cover.{}", c.key()));
                    let style = if focused && form.cover_cursor == i {
                        theme.selected()
                    } else {
                        Style::new()
                    };
                    let item = format!("{mark}{name}");
                    // The boxes go on as many lines as the width needs.
                    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
                    if used + width(&item) > value_width + value_column && spans.len() > 1 {
                        lines.push(Line::from(std::mem::replace(
                            &mut spans,
                            vec![Span::raw(" ".repeat(value_column - 1))],
                        )));
                    }
                    spans.push(Span::styled(item, style));
                    spans.push(Span::raw(" "));
                }
            }
            _ => {
                let input = form.input(field).map(|i| i.text()).unwrap_or("");
                let resolved = match field {
                    Field::Industry => form
                        .division()
                        .map(|d| division_name(d, app.lang).to_string()),
                    Field::Province => place_of(form.province.text()).map(|p| p.name(app.lang)),
                    // "1.85亿" is read as 18,500 万元: say so, so the reading can be checked.
                    Field::Revenue => crate::model::profile::parse_revenue(input)
                        .ok()
                        .filter(|r| input.trim() != r.to_string())
                        .map(|r| strings.fmt("form.revenue_is", &[("value", &r.to_string())])),
                    _ => None,
                };
                let shown = truncate(input, value_width.saturating_sub(2));
                if focused && let Some(i) = form.input(field) {
                    let column =
                        value_column + i.cursor_column().min(value_width.saturating_sub(2));
                    cursor = Some((lines.len(), column));
                }
                let style = if form.problem(field).is_some() {
                    theme.bad()
                } else {
                    Style::new()
                };
                spans.push(Span::styled(
                    format!("[{}]", pad(&shown, width(&shown).max(1))),
                    style,
                ));
                if let Some(name) = resolved {
                    spans.push(Span::styled(format!(" {name}"), theme.good()));
                }
                // Marked in words too (it must survive NO_COLOR); the focused field says more
                // below it.
                if let Some(problem) = form.problem(field) {
                    let said = if focused {
                        " ✗".to_string()
                    } else {
                        format!(" ✗ {}", problem.message(strings))
                    };
                    spans.push(Span::styled(said, theme.bad()));
                } else if !focused && form.dropped().contains(&field) {
                    spans.push(Span::styled(" ✗", theme.bad()));
                }
            }
        }
        lines.push(Line::from(spans));

        if focused {
            if let Some(problem) = form.problem(field) {
                for text in wrap(&problem.message(strings), inner.width as usize - 2) {
                    lines.push(Line::from(Span::styled(format!("  {text}"), theme.bad())));
                }
                for text in wrap(&problem.hint(strings), inner.width as usize - 2) {
                    lines.push(Line::from(Span::styled(format!("  {text}"), theme.dim())));
                }
            }
            let suggestions: Vec<String> = match field {
                Field::Industry => form
                    .industry_suggestions()
                    .iter()
                    .map(|d| format!("{} {}", d.code, division_name(d, app.lang)))
                    .collect(),
                Field::Province => form
                    .place_suggestions()
                    .iter()
                    .map(|p| format!("{} {}", p.code(), p.name(app.lang)))
                    .collect(),
                _ => Vec::new(),
            };
            let shown = 5;
            let first = form.suggestion.saturating_sub(shown - 1);
            for (i, text) in suggestions.iter().enumerate().skip(first).take(shown) {
                let style = if i == form.suggestion {
                    theme.selected()
                } else {
                    theme.dim()
                };
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(value_column)),
                    Span::styled(truncate(text, value_width), style),
                ]));
            }
            let typed = form.input(field).map_or("", |i| i.text().trim());
            let chosen = match field {
                Field::Industry => form.division().is_some(),
                Field::Province => form.province_entry().is_some(),
                _ => true,
            };
            if suggestions.is_empty()
                && !chosen
                && !typed.is_empty()
                && form.problem(field).is_none()
            {
                // Nothing found is said, with what to type instead.
                let key = match field {
                    Field::Industry => "form.no_match_industry",
                    _ => "form.no_match_province",
                };
                let text = strings.fmt(key, &[("value", typed)]);
                for text in wrap(&text, inner.width as usize - 2) {
                    lines.push(Line::from(Span::styled(format!("  {text}"), theme.bad())));
                }
            }
            if !suggestions.is_empty() {
                lines.push(Line::from(Span::styled(
                    format!(
                        "{}{}",
                        " ".repeat(value_column),
                        strings.get("form.pick_hint")
                    ),
                    theme.dim(),
                )));
            }
        }
    }
    let dropped = form.dropped();
    if !dropped.is_empty() {
        lines.push(Line::from(""));
        for text in wrap(strings.get("form.dropped_warning"), inner.width as usize) {
            lines.push(Line::from(Span::styled(text, theme.warn())));
        }
    }
    lines.push(Line::from(""));
    for text in wrap(strings.get("form.explain"), inner.width as usize) {
        lines.push(Line::from(Span::styled(text, theme.dim())));
    }

    // Keep the focused field (and what follows it) in view.
    let height = inner.height as usize;
    let offset = focus_line
        .saturating_sub(height / 3)
        .min(lines.len().saturating_sub(height));
    let offset = if lines.len() <= height { 0 } else { offset };
    if let Some((line, column)) = cursor
        && line >= offset
        && line < offset + height
    {
        frame.set_cursor_position(Position::new(
            inner.x + column as u16,
            inner.y + (line - offset) as u16,
        ));
    }
    frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), inner);
}
