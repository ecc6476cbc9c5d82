//! The popup after "merge another file into this one": what the file added, every conflict
//! (each kept as the open assessment had it) and where notes were combined.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::popups::{big_box, scrolled};
use super::wrap::styled_lines;
use super::{Ui, s};
use crate::app::App;
use crate::app::update::MergeSummary;
use crate::report::merge;

pub fn render(
    frame: &mut Frame,
    app: &App,
    ui: &Ui,
    area: Rect,
    summary: &MergeSummary,
    scroll: u16,
) {
    let strings = s(app, ui);
    let title = strings.fmt("popup.merged", &[("file", &summary.names[1])]);
    let inner = big_box(frame, ui, area, &title);
    let w = inner.width as usize;
    let mut lines = styled_lines(
        &merge::added_line(&summary.added, strings),
        w,
        ui.theme.heading(),
    );
    lines.push(Line::from(""));
    let names = [summary.names[0].as_str(), summary.names[1].as_str()];
    for line in merge::conflict_lines(&app.q, &names, &summary.conflicts, strings) {
        lines.extend(styled_lines(&line, w, ui.theme.base()));
    }
    if let Some(line) = merge::combined_line(&app.q, &summary.combined, strings) {
        lines.push(Line::from(""));
        lines.extend(styled_lines(&line, w, ui.theme.base()));
    }
    lines.push(Line::from(""));
    lines.extend(styled_lines(
        strings.get("popup.merged_hint"),
        w,
        ui.theme.dim(),
    ));
    scrolled(frame, ui, inner, lines, scroll);
}
