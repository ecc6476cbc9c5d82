//! The live score: level, X, completeness, S1..S5 as bars with the 0.8 mark, and what stands
//! between the current level and the next (and the target, when one is set).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::wrap::wrap;
use super::{Ui, s};
use crate::app::{Action, App};
use crate::figures;
use crate::keymap::Context;
use crate::model::scoring::Exact;

/// Bar cells for a 0..=1 score; the 0.8 mark falls after cell 8.
const BAR: usize = 10;

pub fn level_label(app: &App, ui: &Ui) -> String {
    let strings = s(app, ui);
    let level = app.score.level;
    if level == 0 {
        strings.get("score.below_level_1").to_string()
    } else {
        strings.fmt(
            "ui.level_name",
            &[
                ("n", &level.to_string()),
                ("name", app.q.level(level).name.get(app.lang)),
            ],
        )
    }
}

fn bar(score: &Exact) -> (String, String) {
    // Rounded down, like every figure: a bar reaches the 0.8 mark only when the level does.
    let filled = figures::tenths_down(score, BAR);
    let mark = BAR * 8 / 10;
    let before: String = (0..mark)
        .map(|i| if i < filled { '█' } else { ' ' })
        .collect();
    let after: String = (mark..BAR)
        .map(|i| if i < filled { '█' } else { ' ' })
        .collect();
    (before, after)
}

/// The lines of the panel (also used where the panel replaces a pane on small terminals).
pub fn lines(app: &App, ui: &Ui, width: usize) -> Vec<Line<'static>> {
    let strings = s(app, ui);
    let theme = &ui.theme;
    let score = &app.score;
    let c = score.completeness;
    let mut lines = Vec::new();
    if app.demo.is_some() {
        said(&mut lines, strings.get("demos.mark"), theme.warn(), width);
    }
    lines.extend([
        Line::from(Span::styled(level_label(app, ui), theme.title())),
        Line::from(format!("X = {}", figures::score(&score.overall))),
        Line::from(Span::styled(
            strings.fmt(
                "ui.rated",
                &[
                    ("rated", &c.rated.to_string()),
                    ("total", &c.total.to_string()),
                ],
            ),
            if c.complete() {
                theme.good()
            } else {
                theme.dim()
            },
        )),
        Line::from(""),
    ]);
    for l in &score.levels {
        let (before, after) = bar(&l.score);
        let style = theme.bar(l.reached);
        let mark = if l.reached {
            "✓"
        } else if l.counted {
            "·"
        } else {
            " "
        };
        lines.push(Line::from(vec![
            Span::raw(format!("S{} ", l.level)),
            Span::styled(before, style),
            Span::styled("|", theme.dim()),
            Span::styled(after, style),
            Span::raw(format!(" {} {mark}", figures::score(&l.score))),
        ]));
    }
    lines.push(Line::from(""));
    // Where the level stands nationally (2021 report), before what is missing for the next.
    let peers = crate::report::peers::level_short(strings, score.level, &app.answers.profile);
    said(&mut lines, &peers, theme.dim(), width);
    let standing = app.peers.as_ref().and_then(|peers| {
        peers.standing(
            &app.answers.profile,
            crate::model::scoring::to_f64(&score.overall),
        )
    });
    if let Some(standing) = standing {
        let line = crate::report::peers::collection_short(strings, &standing);
        said(&mut lines, &line, theme.dim(), width);
    }
    let next = score.level + 1;
    if next <= 5 {
        let to_next = strings.fmt(
            "ui.to_next",
            &[
                ("n", &next.to_string()),
                ("count", &app.short_of(next).to_string()),
            ],
        );
        said(&mut lines, &to_next, theme.base(), width);
        let gaps = strings.fmt("ui.gaps_key", &[("key", &main_key(ui, Action::Gaps))]);
        said(&mut lines, &gaps, theme.dim(), width);
    } else {
        said(
            &mut lines,
            strings.get("score.top_level"),
            theme.base(),
            width,
        );
    }
    if let Some(target) = app.answers.meta.target_level {
        let text = if score.level >= target {
            strings.fmt("ui.target_met", &[("n", &target.to_string())])
        } else {
            // Level t needs levels 1..t reached, i.e. X = t at least.
            let needed = Exact::from_integer(i128::from(target));
            let shortfall = (needed - score.overall).max(Exact::from_integer(0));
            strings.fmt(
                "ui.target_gap",
                &[
                    ("n", &target.to_string()),
                    ("shortfall", &figures::shortfall(&shortfall)),
                    ("count", &app.short_of(target).to_string()),
                ],
            )
        };
        said(&mut lines, &text, theme.base(), width);
    }
    // Where the user finishes, the way to hand the result on.
    lines.push(Line::from(""));
    let export = strings.fmt("ui.export_key", &[("key", &main_key(ui, Action::Export))]);
    let style = if c.complete() {
        theme.good()
    } else {
        theme.dim()
    };
    said(&mut lines, &export, style, width);
    lines
}

/// A sentence, wrapped to the panel (Chinese breaks between characters).
fn said(lines: &mut Vec<Line<'static>>, text: &str, style: Style, width: usize) {
    for line in wrap(text, width) {
        lines.push(Line::from(Span::styled(line, style)));
    }
}

/// The first key for `action` on the main screen, as the user has bound it.
fn main_key(ui: &Ui, action: Action) -> String {
    ui.keymap
        .keys_for(Context::Main, &action)
        .first()
        .map_or_else(String::new, ToString::to_string)
}

pub fn panel(frame: &mut Frame, app: &App, ui: &Ui, area: Rect) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(ui.theme.border())
        .title(s(app, ui).get("ui.score_title").to_string());
    let width = block.inner(area).width as usize;
    frame.render_widget(Paragraph::new(lines(app, ui, width)).block(block), area);
}

/// One line for the header where the panel is not shown: level, X, completeness.
pub fn compact(app: &App, ui: &Ui) -> String {
    let c = app.score.completeness;
    format!(
        "{} · X {} · {}/{}",
        level_label(app, ui),
        figures::score(&app.score.overall),
        c.rated,
        c.total
    )
}
