//! The certification plan popup (`c`): from this self-diagnosis to a certificate — the level
//! planned (changed with + −), the steps, team and effort, what is not yet LI or FI per
//! sub-domain, what the pre-assessment must confirm, the incentives of the enterprise's region,
//! and that a self-diagnosis is not a certificate.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::popups::{big_box, scrolled};
use super::wrap::wrap;
use super::{Ui, s};
use crate::app::App;
use crate::certification::{self, incentives};
use crate::report::certification::{Places, View};

/// The plan for `target`, with the incentives of every place when `all`.
pub fn render(
    frame: &mut Frame,
    app: &App,
    ui: &Ui,
    area: Rect,
    (target, all): (u8, bool),
    scroll: u16,
) {
    let strings = s(app, ui);
    let theme = &ui.theme;
    let title = strings.fmt("certification.tui.title", &[("n", &target.to_string())]);
    let inner = big_box(frame, ui, area, &title);
    let w = inner.width as usize;
    let plan = certification::plan_sheet(&app.q, &app.answers, &app.sheet, Some(target));
    let v = View::build(
        &app.q,
        &app.answers,
        &plan,
        incentives::bundled(),
        if all { Places::All } else { Places::Own },
        strings,
    );
    let mut lines: Vec<Line<'static>> = Vec::new();
    // Text wrapped to the width, its continuation lines under its first (indented by `indent`).
    let mut add = |text: &str, indent: usize, style: Style| {
        if text.is_empty() {
            lines.push(Line::from(""));
            return;
        }
        let pad = " ".repeat(indent);
        for line in wrap(text, w.saturating_sub(indent).max(10)) {
            lines.push(Line::styled(format!("{pad}{line}"), style));
        }
    };
    add(strings.get("certification.tui.hint"), 0, theme.dim());
    add(&v.not_certificate, 0, theme.heading());
    add(&v.lookup, 0, theme.dim());
    add("", 0, theme.base());
    add(&v.levels, 0, theme.heading());
    add(&v.recommended, 0, theme.base());
    add(&v.standing, 0, theme.base());
    if let Some(h) = &v.high_maturity {
        add(h, 0, theme.warn());
    }
    add("", 0, theme.base());
    add(
        strings.get("certification.team_heading"),
        0,
        theme.heading(),
    );
    add(&v.effort, 0, theme.base());
    for line in &v.team {
        add(line, 0, theme.base());
    }
    add("", 0, theme.base());
    add(&v.readiness_heading, 0, theme.heading());
    if v.readiness.is_empty() {
        add(&v.readiness_intro, 0, theme.good());
    } else {
        add(
            &strings.fmt("certification.tui.readiness", &[("n", &target.to_string())]),
            0,
            theme.base(),
        );
        // One wrapped line, "Data: 8 · Integration: 9 · …", so that it fits a small terminal.
        let counts: Vec<String> = v
            .readiness
            .iter()
            .map(|g| {
                strings.fmt(
                    "certification.tui.subdomain",
                    &[
                        ("name", &g.subdomain),
                        ("count", &g.items.len().to_string()),
                    ],
                )
            })
            .collect();
        add(&counts.join(" · "), 2, theme.base());
    }
    add("", 0, theme.base());
    add(
        strings.get("certification.incentives_heading"),
        0,
        theme.heading(),
    );
    add(&v.incentives_intro, 0, theme.base());
    for row in &v.incentives {
        let level = strings.fmt("common.level_n", &[("n", &row.level.to_string())]);
        let value = if row.value.is_empty() {
            row.kind.clone()
        } else {
            format!("{} {}", row.kind, row.value)
        };
        let (mark, style) = if row.at_target {
            ("*", theme.good())
        } else {
            (" ", theme.base())
        };
        add(
            &format!("{mark} {} · {level} · {value}", row.place),
            0,
            style,
        );
        add(&row.condition, 4, theme.dim());
    }
    if v.incentives.iter().any(|r| r.at_target) {
        let mark = strings.fmt(
            "certification.at_target_mark",
            &[("n", &target.to_string())],
        );
        add(&mark, 0, theme.dim());
    }
    add(&v.incentives_source, 0, theme.dim());
    add(&v.incentives_note, 0, theme.warn());
    add("", 0, theme.base());
    add(
        strings.get("certification.to_confirm_heading"),
        0,
        theme.heading(),
    );
    if v.to_confirm.is_empty() {
        add(strings.get("certification.to_confirm_none"), 0, theme.dim());
    }
    for line in &v.to_confirm {
        add(&format!("- {line}"), 0, theme.base());
    }
    add("", 0, theme.base());
    add(
        strings.get("certification.roles_heading"),
        0,
        theme.heading(),
    );
    for role in &v.roles {
        add(&format!("- {role}"), 0, theme.base());
    }
    add("", 0, theme.base());
    add(
        strings.get("certification.steps_heading"),
        0,
        theme.heading(),
    );
    for (i, step) in v.steps.iter().enumerate() {
        add(&format!("{}. {}", i + 1, step.title), 0, theme.base());
        add(&step.what, 3, theme.dim());
        let prepare = format!(
            "{}{}",
            strings.get("certification.prepare_label"),
            step.prepare
        );
        add(&prepare, 3, theme.dim());
    }
    scrolled(frame, ui, inner, lines, scroll);
}
