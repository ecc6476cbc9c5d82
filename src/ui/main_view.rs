//! The main screen: the model tree, the selected sub-domain's requirements, and the live score.
//! Wide terminals show all three; medium ones tree and requirements with the score in the header
//! (`s` swaps the tree for the full panel); narrow ones one pane at a time.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::wrap::wrap;
use super::{Ui, s, score};
use crate::app::tree::Node;
use crate::app::{App, Focus};
use crate::figures;
use crate::model::Rating;
use crate::model::questionnaire::{RequirementIx, SubdomainIx};
use crate::width::{pad, truncate, width};

/// From this width the score panel stands beside tree and requirements.
const WIDE: u16 = 100;
/// Below this width one pane is shown at a time.
const NARROW: u16 = 64;
const TREE_WIDTH: u16 = 30;
const PANEL_WIDTH: u16 = 27;

pub fn render(frame: &mut Frame, app: &App, ui: &Ui, area: Rect) {
    let [header, body] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    render_header(frame, app, ui, header);
    if area.width >= WIDE {
        // The tree grows with the terminal until its longest name fits (up to two fifths).
        let tree_width = tree_width_wanted(app).clamp(TREE_WIDTH, area.width * 2 / 5);
        let [tree, reqs, panel] = body.layout(&Layout::horizontal([
            Constraint::Length(tree_width),
            Constraint::Fill(1),
            Constraint::Length(PANEL_WIDTH),
        ]));
        render_tree(frame, app, ui, tree);
        render_requirements(frame, app, ui, reqs);
        score::panel(frame, app, ui, panel);
    } else if area.width >= NARROW {
        let [left, reqs] = body.layout(&Layout::horizontal([
            Constraint::Length(TREE_WIDTH),
            Constraint::Fill(1),
        ]));
        if app.show_score {
            score::panel(frame, app, ui, left);
        } else {
            render_tree(frame, app, ui, left);
        }
        render_requirements(frame, app, ui, reqs);
    } else if app.show_score {
        score::panel(frame, app, ui, body);
    } else if app.focus == Focus::Requirements && app.subdomain().is_some() {
        render_requirements(frame, app, ui, body);
    } else {
        render_tree(frame, app, ui, body);
    }
}

fn render_header(frame: &mut Frame, app: &App, ui: &Ui, area: Rect) {
    let theme = &ui.theme;
    let mut right = score::compact(app, ui);
    if app.demo.is_some() {
        // The read-only mark is never cut: the score gives way first on a narrow terminal.
        let mark = width(s(app, ui).get("demos.mark"));
        right = truncate(&right, (area.width as usize).saturating_sub(mark + 3));
    }
    let enterprise = app.answers.profile.name.as_deref().unwrap_or(&app.name);
    let left_width = (area.width as usize).saturating_sub(width(&right) + 1);
    let left = match app.demo {
        // A demo company open read only says so first, where it cannot be missed.
        Some(_) => format!("{} · {enterprise}", s(app, ui).get("demos.mark")),
        None => format!("zizhen 自诊 · {enterprise}"),
    };
    let left = truncate(&left, left_width);
    let gap = (area.width as usize).saturating_sub(width(&left) + width(&right));
    let line = Line::from(vec![
        Span::styled(left, theme.title()),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, theme.heading()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

fn pane_block(ui: &Ui, title: String, focused: bool) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(if focused {
            ui.theme.border_focused()
        } else {
            ui.theme.border()
        })
        .title(title)
}

/// The tree's width with every name whole: indent, marker, name, space, "rated/total X.XX",
/// and the borders.
fn tree_width_wanted(app: &App) -> u16 {
    let right = width("123/123 0.00");
    let widest = app
        .rows
        .iter()
        .map(|&node| {
            let name = match node {
                Node::Element(e) => app.q.elements[e].name.get(app.lang),
                Node::Domain(d) => app.q.domains[d].name.get(app.lang),
                Node::Subdomain(s) => app.q.subdomains[s].name.get(app.lang),
            };
            2 * node.depth(&app.q) + 1 + width(name) + 1 + right
        })
        .max()
        .unwrap_or(0);
    u16::try_from(widest + 3).unwrap_or(u16::MAX)
}

fn render_tree(frame: &mut Frame, app: &App, ui: &Ui, area: Rect) {
    let strings = s(app, ui);
    let theme = &ui.theme;
    let focused = app.focus == Focus::Tree;
    let block = pane_block(ui, strings.get("ui.model").to_string(), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let suggested = app.answers.profile.suggested_tailoring(&app.q);
    let height = inner.height as usize;
    let offset = app.row.0.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = app
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, &node)| {
            let (name, key, score) = match node {
                Node::Element(e) => (
                    app.q.elements[e].name.get(app.lang),
                    None,
                    app.score.elements[e].overall,
                ),
                Node::Domain(d) => (
                    app.q.domains[d].name.get(app.lang),
                    None,
                    app.score.domains[d].overall,
                ),
                Node::Subdomain(sub) => (
                    app.q.subdomains[sub].name.get(app.lang),
                    Some(app.q.subdomains[sub].key.as_str()),
                    app.score.subdomains[sub].overall,
                ),
            };
            let indent = "  ".repeat(node.depth(&app.q));
            let (rated, total) = app.progress(node);
            let tailored = matches!(node, Node::Subdomain(sub) if app.sheet.tailored[sub]);
            let marker = match key {
                _ if tailored => "✕",
                Some(k) if suggested.contains(&k) => "?",
                _ if total > 0 && rated == total => "✓",
                _ => " ",
            };
            let right = if tailored {
                strings.get("ui.not_applicable").to_string()
            } else {
                format!(
                    "{rated:>3}/{total:<3} {}",
                    score.map_or("  - ".into(), |x| figures::score(&x))
                )
            };
            let name_width =
                (inner.width as usize).saturating_sub(width(&indent) + width(&right) + 2);
            let text = format!("{indent}{marker}{} {right}", pad(name, name_width));
            let style = if i == app.row.0 {
                if focused {
                    theme.selected()
                } else {
                    theme.selected_unfocused()
                }
            } else if matches!(node, Node::Element(_)) {
                theme.heading()
            } else if tailored {
                theme.dim()
            } else {
                Style::new()
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// What stands between the brackets for an unrated requirement, everywhere on screen.
pub(super) const UNRATED: &str = "  ";

fn rating_chip(app: &App, index: usize) -> String {
    let index = RequirementIx(index);
    if app.sheet.not_applicable[index] {
        return "[--]".to_string();
    }
    let unsaved = app.is_unsaved(index);
    match app.rating(index) {
        None if unsaved => "[  *".to_string(),
        None => format!("[{UNRATED}]"),
        Some(r) if unsaved => format!("[{r}*"),
        Some(r) if app.is_estimate(index) => format!("[{r}~"),
        Some(r) => format!("[{r}]"),
    }
}

fn render_requirements(frame: &mut Frame, app: &App, ui: &Ui, area: Rect) {
    let strings = s(app, ui);
    let theme = &ui.theme;
    let focused = app.focus == Focus::Requirements;
    let node = app.node();
    let Node::Subdomain(SubdomainIx(sub)) = node else {
        render_summary(frame, app, ui, area, node);
        return;
    };
    let subdomain = &app.q.subdomains[sub];
    let (rated, total) = app.progress(node);
    let title = format!(
        "{} · {rated}/{total} · {}",
        subdomain.name.get(app.lang),
        app.score.subdomains[sub]
            .overall
            .map_or("-".into(), |x| figures::score(&x))
    );
    let block = pane_block(ui, title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text_width = (inner.width as usize).saturating_sub(6);

    let mut lines: Vec<Line> = Vec::new();
    let mut selected_span = (0, 0);
    if let Some(reason) = app.answers.tailoring.get(&subdomain.key) {
        for l in wrap(
            &strings.fmt("ui.tailored_reason", &[("reason", reason)]),
            inner.width as usize,
        ) {
            lines.push(Line::from(Span::styled(l, theme.warn())));
        }
    }
    for level in 1..=5u8 {
        let cell = app.q.cell(sub, level);
        if cell.is_empty() {
            continue;
        }
        let level_score = app.score.subdomains[sub].levels[usize::from(level - 1)];
        let heading = format!(
            "── {} {} {}",
            strings.fmt("common.level_n", &[("n", &level.to_string())]),
            app.q.level(level).name.get(app.lang),
            level_score.map_or(String::new(), |x| format!("· {}", figures::score(&x)))
        );
        lines.push(Line::from(Span::styled(heading, theme.heading())));
        for i in cell {
            let r = &app.q.requirements[i];
            let selected = RequirementIx(i) == app.requirement;
            let start = lines.len();
            let chip = rating_chip(app, i);
            let rating: Option<Rating> = app.rating(RequirementIx(i));
            let body = wrap(&format!("{} {}", r.id, r.text.get(app.lang)), text_width);
            for (k, text) in body.into_iter().enumerate() {
                let lead = if k == 0 {
                    Span::styled(format!("{chip} "), theme.rating(rating))
                } else {
                    Span::raw("     ")
                };
                let style = match (selected, focused) {
                    (true, true) => theme.selected(),
                    (true, false) => theme.selected_unfocused(),
                    _ => Style::new(),
                };
                lines.push(Line::from(vec![lead, Span::styled(text, style)]));
            }
            let mut aside = |text: String, style: Style| {
                for text in wrap(&text, text_width) {
                    lines.push(Line::from(vec![
                        Span::raw("     "),
                        Span::styled(text, style),
                    ]));
                }
            };
            if let Some(reason) = app.answers.not_applicable.get(&r.id) {
                aside(
                    strings.fmt("ui.not_applicable_reason", &[("reason", reason)]),
                    theme.warn(),
                );
            } else if selected && let Some(condition) = &r.condition {
                aside(
                    format!(
                        "{}{}",
                        strings.get("common.condition"),
                        condition.get(app.lang)
                    ),
                    theme.dim(),
                );
            }
            if selected && let Some(evidence) = &r.evidence {
                let label = strings.get("common.evidence");
                aside(format!("{label}{}", evidence.get(app.lang)), theme.dim());
            }
            if selected && let Some(peers) = crate::report::peers::practice_note(strings, &r.id) {
                aside(peers, theme.dim());
            }
            // Inline guidance where there is room; `r` shows it all in any terminal.
            if selected && !app.sheet.not_applicable[i] && inner.height >= GUIDANCE_MIN_HEIGHT {
                for text in guidance(app, ui, i) {
                    aside(text, theme.dim());
                }
            }
            if let Some(note) = app.answers.notes.get(&r.id) {
                let label = strings.get("ui.note_label");
                for text in wrap(&format!("{label}{note}"), text_width) {
                    lines.push(Line::from(vec![
                        Span::raw("     "),
                        Span::styled(text, theme.warn()),
                    ]));
                }
            }
            if selected {
                selected_span = (start, lines.len());
            }
        }
    }
    // Scroll just enough to show the selected requirement whole.
    let height = inner.height as usize;
    let offset = if selected_span.1 > height {
        (selected_span.1 - height).min(selected_span.0)
    } else {
        0
    };
    frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), inner);
}

/// The pane height from which rating guidance is shown under the selected requirement (at
/// 80×24 the requirements themselves need the room).
const GUIDANCE_MIN_HEIGHT: u16 = 28;

/// Rating guidance where the rating is made, kept short so the list stays readable: for a rated
/// requirement, what its rating means and the level's example of it; unrated, the level's example
/// of LI ("largely met"), the line self-reports most often get wrong.
fn guidance(app: &App, ui: &Ui, index: usize) -> Vec<String> {
    let strings = s(app, ui);
    let lang = app.lang;
    let level = app.q.level(app.q.requirements[index].level);
    let step = |rating: Rating| {
        let scale = app.q.scale_step(rating);
        strings.fmt(
            "ui.guidance",
            &[
                ("rating", rating.code()),
                ("name", scale.name.get(lang)),
                ("text", scale.guidance.get(lang)),
            ],
        )
    };
    let example = |rating: Rating| {
        level.examples.as_ref().and_then(|e| e.of(rating)).map(|t| {
            strings.fmt(
                "ui.example",
                &[("rating", rating.code()), ("text", t.get(lang))],
            )
        })
    };
    match app.rating(RequirementIx(index)) {
        Some(rating) => std::iter::once(step(rating))
            .chain(example(rating))
            .collect(),
        None => example(Rating::LI).into_iter().collect(),
    }
}

/// For an element or domain: its sub-domains with their level scores.
fn render_summary(frame: &mut Frame, app: &App, ui: &Ui, area: Rect, node: Node) {
    let strings = s(app, ui);
    let theme = &ui.theme;
    let title = match node {
        Node::Element(e) => app.q.elements[e].name.get(app.lang),
        Node::Domain(d) => app.q.domains[d].name.get(app.lang),
        Node::Subdomain(sub) => app.q.subdomains[sub].name.get(app.lang),
    };
    let block = pane_block(ui, title.to_string(), app.focus == Focus::Requirements);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let name_width = (inner.width as usize).saturating_sub(32).clamp(8, 20);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{}  L1   L2   L3   L4   L5   {}",
            pad("", name_width),
            strings.get("score.overall_short")
        ),
        theme.heading(),
    ))];
    for sub in node.subdomains(&app.q) {
        let node_score = &app.score.subdomains[sub];
        let name = pad(app.q.subdomains[sub].name.get(app.lang), name_width);
        if !node_score.applicable {
            lines.push(Line::from(Span::styled(
                format!("{name}  {}", strings.get("ui.not_applicable")),
                theme.dim(),
            )));
            continue;
        }
        let cells: Vec<String> = node_score
            .levels
            .iter()
            .map(|l| l.map_or(" -  ".into(), |x| figures::score(&x)))
            .collect();
        let overall = node_score
            .overall
            .map_or("-".into(), |x| figures::score(&x));
        lines.push(Line::from(format!("{name}  {} {overall}", cells.join(" "))));
    }
    lines.push(Line::from(""));
    for text in wrap(strings.get("ui.summary_hint"), inner.width as usize) {
        lines.push(Line::from(Span::styled(text, theme.dim())));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
