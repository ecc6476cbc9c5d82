//! The pieces every report surface shares — the `zizhen score` summary and the text, Markdown,
//! HTML and CSV reports — so that a figure, a bar, a level or a count reads the same in each.
//! Figures come from [`crate::figures`] (scores rounded down, shortfalls rounded up, bars filled
//! rounded down); the level bars mark the threshold where [`threshold()`] puts it.

use super::data::{Item, NextLevel, ReportData};
use crate::figures;
use crate::i18n::{Lang, Strings};
use crate::model::scoring::{Exact, threshold, to_f64};

/// What a report shows where a level has no score (nothing applicable is assessed there).
pub const NO_SCORE: &str = "–";

/// Cells of a text bar.
const CELLS: usize = 10;

/// The characters a text bar is drawn with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BarGlyphs {
    pub filled: char,
    pub empty: char,
    /// Stands between the cells where the threshold falls.
    pub mark: char,
}

/// The terminal summary: shaded cells and `|` at the threshold.
pub const TERMINAL: BarGlyphs = BarGlyphs {
    filled: '█',
    empty: '░',
    mark: '|',
};

/// The text and Markdown reports: dotted cells and `│` at the threshold (a `|` would split a
/// Markdown table cell).
pub const REPORT: BarGlyphs = BarGlyphs {
    filled: '█',
    empty: '·',
    mark: '│',
};

/// The threshold as charts and column headings label it: "0.8".
pub fn threshold_label() -> String {
    to_f64(&threshold()).to_string()
}

/// A 0..=1 level score as ten cells, filled rounded down (so 0.79 never fills the cell that
/// 0.8 would), with the mark between the cells where the threshold falls.
pub fn level_bar(score: &Exact, glyphs: BarGlyphs) -> String {
    let filled = figures::tenths_down(score, CELLS);
    let mark = figures::tenths_down(&threshold(), CELLS);
    let cell = |i: usize| {
        if i < filled {
            glyphs.filled
        } else {
            glyphs.empty
        }
    };
    (0..mark)
        .map(cell)
        .chain([glyphs.mark])
        .chain((mark..CELLS).map(cell))
        .collect()
}

/// A 0..=5 score as ten cells (half a point a cell), filled rounded down.
pub fn overall_bar(score: &Exact, glyphs: BarGlyphs) -> String {
    let filled = figures::tenths_down(&(score / Exact::from_integer(5)), CELLS);
    (0..CELLS)
        .map(|i| {
            if i < filled {
                glyphs.filled
            } else {
                glyphs.empty
            }
        })
        .collect()
}

/// A level score, or [`NO_SCORE`].
pub fn score_or_none(x: Option<&Exact>) -> String {
    x.map_or_else(|| NO_SCORE.to_string(), figures::score)
}

/// A sub-domain's level scores as table cells, `none` where nothing applicable is assessed.
pub fn level_cells(levels: &[Option<Exact>], none: &str) -> Vec<String> {
    levels
        .iter()
        .map(|l| l.as_ref().map_or_else(|| none.to_string(), figures::score))
        .collect()
}

/// A requirement's rating as a report prints it, `none` when unrated, marked when it is a quick
/// estimate: "PI (estimate)".
pub fn rating_label(item: &Item, none: &str, s: &Strings) -> String {
    let code = item.rating.map_or(none, |r| r.code());
    if item.estimate {
        format!("{code} ({})", s.get("report.estimate_mark"))
    } else {
        code.to_string()
    }
}

/// "Level 2 — Standardised", or "Below level 1" for level 0.
pub fn level_value(s: &Strings, level: u8, name: &str) -> String {
    if level == 0 {
        s.get("report.below_level_1").to_string()
    } else {
        s.fmt(
            "report.level_value",
            &[("n", &level.to_string()), ("name", name)],
        )
    }
}

/// "12 FI, 30 LI, …" from counts of NI, PI, LI, FI.
pub fn findings_counts(findings: &[usize; 4], s: &Strings) -> String {
    let [ni, pi, li, fi] = findings.map(|n| n.to_string());
    s.fmt(
        "report.findings_counts",
        &[("fi", &fi), ("li", &li), ("pi", &pi), ("ni", &ni)],
    )
}

/// What ends a line that a list follows: "：" in Chinese, ":" in English; nothing when no
/// list follows.
pub fn colon(lang: Lang, list_follows: bool) -> &'static str {
    match (list_follows, lang) {
        (false, _) => "",
        (true, Lang::ZhCn) => "：",
        (true, Lang::En) => ":",
    }
}

/// "Evidence to show: …" / "应出示的证据：…".
pub fn labelled(label: &str, text: &str, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => format!("{label}：{text}"),
        Lang::En => format!("{label}: {text}"),
    }
}

/// "Maturity level: Level 1 — Planning (X = 1.68)".
pub fn glance_level(data: &ReportData, s: &Strings) -> String {
    s.fmt(
        "report.glance_level",
        &[
            ("level", &level_value(s, data.level, &data.level_name)),
            ("x", &figures::score(&data.x)),
        ],
    )
}

/// "Next: Level 2 — Standardised. Core equipment and business are …".
pub fn next_value(next: &NextLevel, s: &Strings) -> String {
    s.fmt(
        "report.next_value",
        &[
            ("level", &level_value(s, next.level, &next.name)),
            ("description", &next.description),
        ],
    )
}

/// "Target: Level 3 — Integrated. …", when the roadmap leads on past the next level.
pub fn glance_target(data: &ReportData, s: &Strings) -> Option<String> {
    let roadmap = data.roadmap.as_ref()?;
    let next = data.glance.next.as_ref()?;
    (roadmap.target > next.level).then(|| {
        s.fmt(
            "report.glance_target",
            &[(
                "level",
                &level_value(s, roadmap.target, &roadmap.target_name),
            )],
        )
    })
}

/// "Weaknesses (NI) and improvement items (PI) up to level 2".
pub fn weaknesses_label(data: &ReportData, s: &Strings) -> String {
    s.fmt("report.weaknesses", &[("max", &data.horizon.to_string())])
}

/// What the findings list, and that the roadmap's weaknesses are not repeated.
pub fn findings_intro(data: &ReportData, s: &Strings) -> String {
    let intro = s.fmt(
        "report.findings_intro",
        &[("max", &data.horizon.to_string())],
    );
    if data.in_roadmap == 0 {
        return intro;
    }
    let repeated = s.fmt(
        "report.in_roadmap",
        &[("count", &data.in_roadmap.to_string())],
    );
    // Chinese sentences follow each other without a space.
    let gap = if data.lang == Lang::En { " " } else { "" };
    format!("{intro}{gap}{repeated}")
}

/// The line that counts the weaknesses above the horizon, when there are any.
pub fn above_horizon(data: &ReportData, s: &Strings) -> Option<String> {
    (data.above_horizon > 0).then(|| {
        s.fmt(
            "report.above_horizon",
            &[
                ("count", &data.above_horizon.to_string()),
                ("max", &data.horizon.to_string()),
            ],
        )
    })
}

/// "180 of 295 rated".
pub fn completeness(rated: usize, total: usize, s: &Strings) -> String {
    s.fmt(
        "report.completeness_value",
        &[("rated", &rated.to_string()), ("total", &total.to_string())],
    )
}

/// The closing line: which version of zizhen made the report.
pub fn generated(s: &Strings) -> String {
    s.fmt(
        "report.generated",
        &[("version", env!("CARGO_PKG_VERSION"))],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x(n: i128, d: i128) -> Exact {
        Exact::new(n, d)
    }

    #[test]
    fn the_threshold_is_labelled_as_the_standard_writes_it() {
        assert_eq!(threshold_label(), "0.8");
    }

    #[test]
    fn level_bars_mark_the_threshold_and_never_overstate() {
        assert_eq!(level_bar(&x(87, 100), TERMINAL), "████████|░░");
        assert_eq!(level_bar(&x(79, 100), TERMINAL), "███████░|░░");
        assert_eq!(level_bar(&x(4, 5), REPORT), "████████│··");
        assert_eq!(level_bar(&x(1, 1), REPORT), "████████│██");
        assert_eq!(level_bar(&x(0, 1), REPORT), "········│··");
    }

    #[test]
    fn overall_bars_fill_half_a_point_a_cell() {
        assert_eq!(overall_bar(&x(5, 1), REPORT), "██████████");
        assert_eq!(overall_bar(&x(17, 10), REPORT), "███·······");
        assert_eq!(overall_bar(&x(0, 1), REPORT), "··········");
    }
}
