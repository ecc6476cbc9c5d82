//! Drawing the interactive index: a pure function of the state.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Dim, Row, State};
use crate::i18n::Strings;
use crate::report::index::{city_label, industry_label, province_label};
use crate::ui::Theme;
use crate::width::{pad, truncate, width};

/// The smallest terminal the view works in.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

fn percent(n: u64, of: u64) -> String {
    if of == 0 {
        "0 %".to_string()
    } else {
        format!("{:.1} %", n as f64 * 100.0 / of as f64)
    }
}

pub fn render(frame: &mut Frame, state: &State, s: &Strings, theme: &Theme) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = s.fmt(
            "index_view.too_small",
            &[
                ("width", &area.width.to_string()),
                ("height", &area.height.to_string()),
                ("min_width", &MIN_WIDTH.to_string()),
                ("min_height", &MIN_HEIGHT.to_string()),
            ],
        );
        let lines: Vec<Line> = crate::ui::wrap::wrap(&text, area.width as usize)
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let w = area.width as usize;
    let lang = s.lang();
    let index = &state.index;
    let mut lines: Vec<Line> = Vec::new();

    // Title: store, enterprises, filters.
    let mut title = s.fmt(
        "index_view.title",
        &[
            ("store", &state.store),
            ("enterprises", &index.enterprises.to_string()),
        ],
    );
    let f = state.filters();
    let mut only = crate::report::index::filter_labels(&f, s);
    if let Some(y) = f.year {
        only.push(y.to_string());
    }
    if !only.is_empty() {
        title.push_str(" · ");
        title.push_str(&s.fmt(
            "index.filters",
            &[("filters", &only.join(lang.list_separator()))],
        ));
    }
    lines.push(Line::styled(truncate(&title, w), theme.title()));

    // The level distribution.
    let levels = index.levels.as_ref().map(|l| {
        let mut out = [0u64; 6];
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = l.get(&i.to_string()).copied().unwrap_or(0);
        }
        out
    });
    // Lines left for the list: title, the distribution, the tabs, the head, the footer.
    let height = area.height as usize;
    let bars_room = height.saturating_sub(1 + 1 + 1 + 3);
    match levels {
        None => {
            lines.push(Line::styled(
                truncate(&crate::report::index::suppressed_line(index, s), w),
                theme.warn(),
            ));
        }
        Some(levels) => {
            let n = index.enterprises;
            let g = crate::collection::query::Grouped::of(&levels);
            let mut bars: Vec<(String, u64)> = (0..=5)
                .map(|l| {
                    let name = if l == 0 {
                        s.get("index_view.level0").to_string()
                    } else {
                        s.fmt("index_view.level", &[("n", &l.to_string())])
                    };
                    (name, levels[l])
                })
                .collect();
            let grouped = [("le1", g.le1), ("l2", g.l2), ("l3", g.l3), ("ge4", g.ge4)];
            // On a short terminal the grouping goes first, the single levels after.
            let full = bars_room >= 16;
            if !full {
                bars.clear();
            }
            for (key, count) in grouped {
                bars.push((s.get(&format!("index.col.{key}")).to_string(), count));
            }
            let label_w = bars.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
            let num_w = 16;
            let bar_w = w.saturating_sub(label_w + 1 + num_w).max(1);
            for (i, (label, count)) in bars.iter().enumerate() {
                if full && i == 6 {
                    lines.push(Line::raw(""));
                }
                let filled = if n == 0 {
                    0
                } else {
                    ((*count as f64 / n as f64) * bar_w as f64).round() as usize
                };
                lines.push(Line::from(vec![
                    Span::raw(pad(label, label_w)),
                    Span::raw(" "),
                    Span::styled("█".repeat(filled), theme.bar(true)),
                    Span::styled("·".repeat(bar_w - filled), theme.dim()),
                    Span::raw(format!(" {count:>6} {:>8}", percent(*count, n))),
                ]));
            }
        }
    }

    // The tabs.
    let mut tabs = Vec::new();
    for (i, d) in state.dims().iter().enumerate() {
        let label = format!(
            " {} {} ",
            i + 1,
            s.get(&format!("index_view.dim.{}", d.key()))
        );
        let style = if *d == state.dim {
            theme.selected()
        } else {
            theme.dim()
        };
        tabs.push(Span::styled(label, style));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(tabs));

    // The list: a head, then as many rows as fit, the selected one in view.
    let rows = state.rows();
    // The name column gives way first: the two figures always fit.
    let name_w = w.saturating_sub(24).clamp(10, 36);
    let head = match state.dim {
        Dim::List => format!(
            "{}{}{}",
            pad(s.get("index.col.enterprise"), name_w),
            lpad(s.get("index.col.level"), 8),
            lpad(s.get("index.col.x"), 10),
        ),
        _ => format!(
            "{}{}{}",
            pad(s.get(&format!("index.col.{}", state.dim.key())), name_w),
            lpad(s.get("index.col.enterprises"), 12),
            lpad(s.get("index.col.at_least_l2"), 12),
        ),
    };
    lines.push(Line::styled(truncate(&head, w), theme.heading()));
    let room = height.saturating_sub(lines.len() + 1).max(1);
    let first = state.selected.saturating_sub(room - 1);
    if rows.is_empty() {
        lines.push(Line::styled(s.get("index_view.empty"), theme.dim()));
    }
    for (i, row) in rows.iter().enumerate().skip(first).take(room) {
        let text = match row {
            Row::Listed(at) => {
                let Some(e) = index.list.as_ref().and_then(|l| l.get(*at)) else {
                    continue;
                };
                let name = e.name.clone().unwrap_or_else(|| e.file.clone());
                format!(
                    "{}{:>8}{:>10.2}",
                    pad(&truncate(&name, name_w - 1), name_w),
                    format!("L{}", e.level),
                    e.x
                )
            }
            Row::Group { key, group } => {
                let label = match state.dim {
                    Dim::Province => province_label(key, lang),
                    Dim::City => city_label(key, lang),
                    Dim::Industry => industry_label(key, lang),
                    Dim::Type => s.get(&format!("common.industry_type.{key}")).to_string(),
                    _ => s.get(&format!("index.size.{key}")).to_string(),
                };
                let label = pad(&truncate(&label, name_w - 1), name_w);
                if group.suppressed {
                    // As the text report says it: no figure of a suppressed group.
                    let said = match group.fewer_than {
                        Some(k) => s.fmt("index.fewer_than", &[("k", &k.to_string())]),
                        None => s.get("index.protects_another").to_string(),
                    };
                    format!("{label}{said}")
                } else {
                    format!(
                        "{label}{:>12}{:>12}",
                        group.enterprises.unwrap_or_default(),
                        group.at_least_l2.unwrap_or_default()
                    )
                }
            }
        };
        let style = if i == state.selected {
            theme.selected()
        } else {
            theme.base()
        };
        lines.push(Line::styled(pad(&truncate(&text, w), w), style));
    }

    let body = Rect {
        height: area.height - 1,
        ..area
    };
    frame.render_widget(Paragraph::new(lines), body);

    // The footer: the keys, and when the index was computed.
    let mut keys = s.get("index_view.keys").to_string();
    if !state.path.is_empty() {
        keys = s.get("index_view.keys_back").to_string();
    }
    if let Some(notice) = &state.notice {
        keys = notice.clone();
    }
    let updated = s.fmt("index_view.updated", &[("time", &state.updated)]);
    let gap = w.saturating_sub(width(&updated) + 1);
    let footer = format!("{} {updated}", pad(&truncate(&keys, gap), gap));
    let foot = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    frame.render_widget(
        Paragraph::new(Line::styled(truncate(&footer, w), theme.dim())),
        foot,
    );
}

/// Right-aligned in `columns` display columns.
fn lpad(text: &str, columns: usize) -> String {
    let w = width(text);
    format!("{}{text}", " ".repeat(columns.saturating_sub(w)))
}
