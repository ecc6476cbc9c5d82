//! The report's charts, as inline SVG (they print without background colours and need no
//! script): the level bars with the threshold line, the sub-domain radar, the findings bar, and
//! the small meters and swatches beside the figures.

use std::f64::consts::PI;

use super::level_n;
use super::markup::{Html, html};
use crate::figures;
use crate::i18n::Strings;
use crate::model::Rating;
use crate::model::scoring::{Exact, threshold, to_f64};
use crate::report::data::{LevelRow, LevelStatus, SubdomainRow};
use crate::report::pieces::{NO_SCORE, threshold_label};

/// The outline of a bar or swatch whose fill is pale.
const OUTLINE: &str = "0.8";

/// Where each level is reached on X's 0–5 scale, as shares of it: level n at n − 1 plus the
/// threshold.
pub fn level_boundaries() -> Vec<f64> {
    let t = to_f64(&threshold());
    (0..5).map(|n| (f64::from(n) + t) / 5.0).collect()
}

/// How a level's status is filled, in the chart, its legend and the table.
pub fn status_fill(status: LevelStatus) -> &'static str {
    match status {
        LevelStatus::Reached => "#1f4e79",
        LevelStatus::Counted => "#8fb3d9",
        LevelStatus::NotCounted => "url(#zz-hatch)",
    }
}

/// A thin horizontal meter (SVG, so it prints without background colours), `share` in 0..=1,
/// with optional tick marks at the given shares.
pub fn meter(share: f64, ticks: &[f64]) -> Html {
    let w = (share.clamp(0.0, 1.0) * 200.0).round() as i64;
    let ticks: Html = ticks
        .iter()
        .map(|t| {
            let x = (t * 200.0).round() as i64;
            html!["<rect x=\"" x "\" width=\"1\" height=\"8\" fill=\"#fff\"/>"]
        })
        .collect();
    html![
        "<svg class=\"meter\" viewBox=\"0 0 200 8\" preserveAspectRatio=\"none\" aria-hidden=\"true\">\
         <rect width=\"200\" height=\"8\" rx=\"2\" fill=\"#e3e8ee\"/>\
         <rect width=\"" w "\" height=\"8\" rx=\"2\" fill=\"#1f4e79\"/>"
        ticks
        "</svg>"
    ]
}

/// A small square of a status's fill, for legends and tables.
pub fn swatch(fill: &str) -> Html {
    html![
        "<svg class=\"sw\" viewBox=\"0 0 14 14\" aria-hidden=\"true\"><rect x=\"0.5\" y=\"0.5\" width=\"13\" height=\"13\" \
         fill=\"" fill "\" stroke=\"#5b6570\" stroke-width=\"" OUTLINE "\"/></svg>"
    ]
}

/// The legend's sample of the threshold line.
pub fn threshold_swatch() -> Html {
    html![
        "<svg class=\"sw\" viewBox=\"0 0 14 14\" aria-hidden=\"true\"><line x1=\"0\" y1=\"7\" x2=\"14\" y2=\"7\" \
         stroke=\"#b3261e\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/></svg>"
    ]
}

/// The bar chart of the level scores S1..S5 on a 0–1 scale, with the threshold line.
pub fn levels(levels: &[LevelRow], s: &Strings) -> Html {
    const LEFT: i64 = 56;
    const TOP: i64 = 24;
    const PLOT_W: i64 = 650;
    const PLOT_H: i64 = 200;
    const BOTTOM: i64 = TOP + PLOT_H;
    const BAR_W: i64 = 72;
    const RIGHT: i64 = LEFT + PLOT_W;
    let y_of = |v: f64| BOTTOM - (v.clamp(0.0, 1.0) * PLOT_H as f64).round() as i64;
    let mut svg = html![
        "<svg viewBox=\"0 0 720 272\" role=\"img\" aria-label=\"" (s.get("report.levels_heading"))
        "\" font-size=\"13\" fill=\"#1b1f24\">\n\
         <defs><pattern id=\"zz-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
         patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#eceff2\"/>\
         <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#9aa3ad\" stroke-width=\"2\"/></pattern></defs>\n"
    ];
    // Grid and scale; the threshold's gridline is labelled by the threshold line instead.
    let yt = y_of(to_f64(&threshold()));
    for k in 0..=5 {
        let v = f64::from(k) * 0.2;
        let y = y_of(v);
        let label = if y == yt {
            Html::new()
        } else {
            html![
                "<text x=\"" (LEFT - 8) "\" y=\"" (y + 4)
                "\" text-anchor=\"end\" fill=\"#5b6570\" font-size=\"12\">" (format!("{v:.1}")) "</text>"
            ]
        };
        svg.push(&html![
            "<line x1=\"" LEFT "\" y1=\"" y "\" x2=\"" RIGHT "\" y2=\"" y "\" stroke=\"#e3e7ec\"/>" label "\n"
        ]);
    }
    let slot = PLOT_W / levels.len().max(1) as i64;
    for (i, row) in levels.iter().enumerate() {
        let centre = LEFT + i as i64 * slot + slot / 2;
        let x = centre - BAR_W / 2;
        let y = y_of(to_f64(&row.score));
        let h = BOTTOM - y;
        let stroke = if row.reached || row.counted {
            "0"
        } else {
            OUTLINE
        };
        svg.push(&html![
            "<rect x=\"" x "\" y=\"" y "\" width=\"" BAR_W "\" height=\"" h "\" fill=\""
            (status_fill(row.status())) "\" stroke=\"#5b6570\" stroke-width=\"" stroke "\"/>\
             <text x=\"" centre "\" y=\"" (y - 7) "\" text-anchor=\"middle\" font-weight=\"600\">"
            (figures::score(&row.score)) "</text>\
             <text x=\"" centre "\" y=\"" (BOTTOM + 20) "\" text-anchor=\"middle\" font-weight=\"600\">"
            (level_n(s, row.level)) "</text>\
             <text x=\"" centre "\" y=\"" (BOTTOM + 38) "\" text-anchor=\"middle\" fill=\"#5b6570\" font-size=\"12\">"
            (row.name) "</text>\n"
        ]);
    }
    // The axis and the threshold line, over the bars.
    svg.push(&html![
        "<line x1=\"" LEFT "\" y1=\"" BOTTOM "\" x2=\"" RIGHT "\" y2=\"" BOTTOM "\" stroke=\"#5b6570\"/>\n\
         <line x1=\"" LEFT "\" y1=\"" yt "\" x2=\"" RIGHT "\" y2=\"" yt
        "\" stroke=\"#b3261e\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>\n\
         <text x=\"" (LEFT - 8) "\" y=\"" (yt + 5) "\" text-anchor=\"end\" font-weight=\"700\" fill=\"#b3261e\">"
        (threshold_label()) "</text>\n</svg>"
    ]);
    svg
}

/// Splits a long label into two lines at the space nearest its middle (or, without spaces, at
/// the middle character).
fn label_lines(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let wide = chars.iter().any(|c| !c.is_ascii());
    let limit = if wide { 7 } else { 14 };
    if chars.len() <= limit {
        return vec![name.to_string()];
    }
    let middle = chars.len() / 2;
    let split = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == ' ')
        .map(|(i, _)| i)
        .min_by_key(|&i| i.abs_diff(middle));
    match split {
        Some(i) => vec![chars[..i].iter().collect(), chars[i + 1..].iter().collect()],
        None => vec![
            chars[..middle].iter().collect(),
            chars[middle..].iter().collect(),
        ],
    }
}

/// The radar chart of the sub-domains' scores (0–5); not applicable sub-domains leave a gap.
pub fn radar(rows: &[SubdomainRow], s: &Strings) -> Html {
    const CX: f64 = 360.0;
    const CY: f64 = 290.0;
    const R: f64 = 200.0;
    const LINE: f64 = 16.0;
    const CENTRE: (i64, i64) = (CX as i64, CY as i64);
    if rows.is_empty() {
        return Html::new();
    }
    let n = rows.len();
    let dir = |i: usize| {
        let a = -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
        (a.cos(), a.sin())
    };
    let at = |i: usize, r: f64| {
        let (c, s) = dir(i);
        ((CX + r * c).round() as i64, (CY + r * s).round() as i64)
    };
    let values: Vec<Option<Exact>> = rows
        .iter()
        .map(|r| r.overall.filter(|_| r.applicable))
        .collect();
    let mut svg = Html::new();
    // The vertical extent of the drawing, grown by the labels.
    let (mut top, mut bottom) = (CY - R, CY + R);
    // Rings at 1..5.
    for k in 1..=5 {
        let points: Vec<String> = (0..n)
            .map(|i| {
                let (x, y) = at(i, R * f64::from(k) / 5.0);
                format!("{x},{y}")
            })
            .collect();
        let (stroke, width) = if k == 5 {
            ("#9aa3ad", "1.2")
        } else {
            ("#d3dae2", "1")
        };
        svg.push(&html![
            "<polygon points=\"" (points.join(" ")) "\" fill=\"none\" stroke=\"" stroke
            "\" stroke-width=\"" width "\"/>\n"
        ]);
    }
    // Spokes: dashed where the sub-domain is not applicable.
    for (i, v) in values.iter().enumerate() {
        let (x, y) = at(i, R);
        let dash = if v.is_none() {
            html![" stroke-dasharray=\"3 4\""]
        } else {
            Html::new()
        };
        svg.push(&html![
            "<line x1=\"" (CENTRE.0) "\" y1=\"" (CENTRE.1) "\" x2=\"" x "\" y2=\"" y
            "\" stroke=\"#d3dae2\"" dash "/>\n"
        ]);
    }
    // The scores: one shape per run of consecutive scored spokes, closed through the centre
    // where a gap interrupts it.
    let point = |i: usize| {
        at(
            i,
            R * values[i].map_or(0.0, |v| to_f64(&v)).clamp(0.0, 5.0) / 5.0,
        )
    };
    let points = |run: &[usize]| {
        run.iter()
            .map(|&i| {
                let (x, y) = point(i);
                format!("{x},{y}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let fill = html!["fill=\"#1f4e79\" fill-opacity=\"0.16\""];
    let stroke =
        html!["fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2.2\" stroke-linejoin=\"round\""];
    if values.iter().all(Option::is_some) {
        let p = points(&(0..n).collect::<Vec<_>>());
        svg.push(&html![
            "<polygon points=\"" p "\" " fill "/>\n<polygon points=\"" p "\" " stroke "/>\n"
        ]);
    } else if let Some(gap) = values.iter().position(Option::is_none) {
        let mut runs: Vec<Vec<usize>> = Vec::new();
        let mut run: Vec<usize> = Vec::new();
        for step in 1..=n {
            let i = (gap + step) % n;
            if values[i].is_some() {
                run.push(i);
            } else if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
        }
        for run in runs.iter().filter(|r| r.len() > 1) {
            let p = points(run);
            svg.push(&html![
                "<polygon points=\"" (CENTRE.0) "," (CENTRE.1) " " p "\" " fill
                "/>\n<polyline points=\"" p "\" " stroke "/>\n"
            ]);
        }
    }
    for (i, _) in values.iter().enumerate().filter(|(_, v)| v.is_some()) {
        let (x, y) = point(i);
        svg.push(&html![
            "<circle cx=\"" x "\" cy=\"" y
            "\" r=\"3.5\" fill=\"#1f4e79\" stroke=\"#fff\" stroke-width=\"1\"/>\n"
        ]);
    }
    // Ring values along the first spoke.
    for k in 1..=5u8 {
        let (_, y) = at(0, R * f64::from(k) / 5.0);
        svg.push(&html![
            "<text x=\"" (CENTRE.0 + 5) "\" y=\"" (y + 12) "\" fill=\"#7d8791\" font-size=\"11\" stroke=\"#fff\" \
             stroke-width=\"3\" paint-order=\"stroke\">" k "</text>\n"
        ]);
    }
    // Labels outside the rings, anchored by their angle.
    for (i, row) in rows.iter().enumerate() {
        let (c, sn) = dir(i);
        let (x, y) = at(i, R + 14.0);
        let anchor = if c > 0.2 {
            "start"
        } else if c < -0.2 {
            "end"
        } else {
            "middle"
        };
        let lines = label_lines(&row.name);
        let value = match values[i] {
            Some(v) => figures::score(&v),
            None if row.applicable => NO_SCORE.to_string(),
            None => s.get("report.not_applicable").to_string(),
        };
        // The value follows the name on its last line; "not applicable" gets a line of its own.
        let own_line = !row.applicable && lines.len() == 1;
        let count = lines.len() as f64 + if own_line { 1.0 } else { 0.0 };
        let first = if sn < -0.85 {
            y as f64 - 3.0 - (count - 1.0) * LINE
        } else if sn > 0.85 {
            y as f64 + 14.0
        } else {
            y as f64 + 5.0 - (count - 1.0) * LINE / 2.0
        };
        top = top.min(first - 15.0);
        bottom = bottom.max(first + (count - 1.0) * LINE + 5.0);
        let ink = if row.applicable { "#1b1f24" } else { "#7d8791" };
        let value_style = if values[i].is_some() {
            html!["fill=\"#1f4e79\""]
        } else {
            html!["fill=\"#7d8791\" font-style=\"italic\""]
        };
        let value = html!["<tspan font-size=\"12\" " value_style ">" value "</tspan>"];
        let last = lines.len() - 1;
        svg.push(&html![
            "<text x=\"" x "\" y=\"" (first.round() as i64) "\" text-anchor=\"" anchor
            "\" fill=\"" ink "\">"
        ]);
        for (k, line) in lines.iter().enumerate() {
            let dy = if k == 0 { "0" } else { "16" };
            let tail = if k == last && !own_line {
                html![" " value]
            } else {
                Html::new()
            };
            svg.push(&html![
                "<tspan x=\"" x "\" dy=\"" dy "\"><tspan font-weight=\"600\">" line "</tspan>" tail
                "</tspan>"
            ]);
        }
        if own_line {
            svg.push(&html!["<tspan x=\"" x "\" dy=\"16\">" value "</tspan>"]);
        }
        svg.push(&html!["</text>\n"]);
    }
    let y0 = (top - 8.0).floor() as i64;
    let height = (bottom + 8.0).ceil() as i64 - y0;
    html![
        "<svg viewBox=\"0 " y0 " 720 " height "\" role=\"img\" aria-label=\""
        (s.get("report.subdomains_heading")) "\" font-size=\"14\" fill=\"#1b1f24\">\n" svg "</svg>"
    ]
}

/// The share of each finding (FI, LI, PI, NI) as one stacked bar.
pub fn findings_bar(counts: &[usize; 4]) -> Html {
    let total: usize = counts.iter().sum();
    if total == 0 {
        return Html::new();
    }
    let mut svg = html![
        "<svg viewBox=\"0 0 720 30\" aria-hidden=\"true\" font-size=\"12\" font-weight=\"700\">\n"
    ];
    let mut x = 0i64;
    let order = [
        (Rating::FI, "#1f4e79", "#fff"),
        (Rating::LI, "#8fb3d9", "#12324f"),
        (Rating::PI, "#f0d9a8", "#5c3a06"),
        (Rating::NI, "#fff", "#8c2a21"),
    ];
    let mut done = 0usize;
    for (rating, fill, ink) in order {
        let count = counts[rating.index()];
        done += count;
        let end = (720.0 * done as f64 / total as f64).round() as i64;
        let w = end - x;
        if w > 0 {
            let extra = if rating == Rating::NI {
                html![" stroke=\"#a33a30\" stroke-dasharray=\"4 3\""]
            } else {
                Html::new()
            };
            svg.push(&html![
                "<rect x=\"" x "\" y=\"1\" width=\"" w "\" height=\"28\" fill=\"" fill "\"" extra "/>"
            ]);
            if w >= 52 {
                svg.push(&html![
                    "<text x=\"" (x + w / 2) "\" y=\"19\" text-anchor=\"middle\" fill=\"" ink "\">"
                    (rating.code()) " " count "</text>"
                ]);
            }
            svg.push(&html!["\n"]);
        }
        x = end;
    }
    html!["<div class=\"chart\">" svg "</svg></div>\n"]
}
