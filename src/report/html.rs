//! The HTML report: one self-contained HTML5 document a manager can open on an air-gapped PC,
//! print on A4 and forward. All CSS is inline, the charts are inline SVG, and there is no script
//! and no external resource. It only lays out [`ReportData`]; it never scores.

use std::f64::consts::PI;
use std::fmt::Write;

use super::data::{Item, LevelRow, ReportData, Roadmap, SubdomainRow};
use crate::figures;
use crate::i18n::Strings;
use crate::model::Rating;
use crate::model::scoring::{Exact, to_f64};

/// How many roadmap requirements the report lists (the CSV and JSON exports list all).
const ROADMAP_ROWS: usize = 25;
/// The score at which a level is reached.
const THRESHOLD: f64 = 0.8;

const CSS: &str = r#"
@page { size: A4; margin: 16mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; background: #fff; color: #1b1f24;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
    "WenQuanYi Micro Hei", "Segoe UI", "Helvetica Neue", Arial, sans-serif;
  font-size: 15px; line-height: 1.55;
}
:lang(en) body, body:lang(en) {
  font-family: "Segoe UI", "Helvetica Neue", Arial, "Noto Sans CJK SC", "Source Han Sans SC",
    "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
}
main { max-width: 900px; margin: 0 auto; padding: 40px 28px 56px; }
h1 { font-size: 25px; line-height: 1.3; margin: 0 0 18px; color: #12324f; }
h2 {
  font-size: 19px; line-height: 1.35; margin: 40px 0 12px; padding-bottom: 5px;
  color: #12324f; border-bottom: 1px solid #c5ced8; break-after: avoid;
}
h3 { font-size: 16px; margin: 22px 0 8px; break-after: avoid; }
h4 { font-size: 13.5px; margin: 8px 0 4px; color: #3d4853; break-after: avoid; }
p { margin: 6px 0 10px; }
.head { border-bottom: 3px solid #1f4e79; padding-bottom: 16px; }
.meta { display: grid; grid-template-columns: 2fr 1fr 1fr; gap: 8px 24px; margin: 0; }
.meta dt, .lbl { font-size: 12.5px; color: #5b6570; }
.meta dd { margin: 0; font-weight: 600; }
.meta .org dd { font-size: 18px; color: #12324f; }
.cards { display: grid; grid-template-columns: 1.5fr 1fr 1fr; gap: 12px; margin: 4px 0 12px; }
.card { border: 1px solid #d3dae2; border-radius: 6px; padding: 12px 16px; break-inside: avoid; }
.card.primary { border-left: 6px solid #1f4e79; }
.big { font-size: 28px; font-weight: 700; line-height: 1.25; color: #12324f; margin: 2px 0 4px; }
.mid { font-size: 16px; font-weight: 600; line-height: 1.35; margin: 4px 0 8px; }
.card .sub { margin-top: 6px; font-size: 14px; }
.card .sub .lbl { margin-right: 6px; }
.meter { display: block; width: 100%; height: auto; margin-top: 6px; }
.note { color: #3d4853; border-left: 3px solid #c5ced8; padding: 2px 0 2px 10px; break-inside: avoid; }
.muted { color: #5b6570; }
table { width: 100%; border-collapse: collapse; margin: 8px 0 12px; font-size: 13.5px; line-height: 1.45; }
th, td { border: 1px solid #d3dae2; padding: 5px 8px; text-align: left; vertical-align: top; }
thead th { background: #eef2f6; font-weight: 600; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th.cap::first-letter { text-transform: uppercase; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.facts th { width: 18%; font-weight: normal; color: #5b6570; background: #f6f8fa; }
.facts td { width: 32%; }
tr.na td { color: #7d8791; background: #f4f5f7; }
td.na-cell { text-align: center; font-style: italic; }
.chart { break-inside: avoid; margin: 10px 0 6px; }
.chart svg { display: block; width: 100%; height: auto; }
.chart.radar svg { max-width: 720px; margin: 0 auto; }
.legend { list-style: none; margin: 4px 0 10px; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 22px; font-size: 13px; color: #3d4853; }
.legend li { display: flex; align-items: center; gap: 6px; }
.sw { width: 14px; height: 14px; flex: none; }
.status { display: inline-flex; align-items: center; gap: 6px; }
.rid { font-family: "DejaVu Sans Mono", Consolas, "Liberation Mono", monospace; font-size: 0.86em; color: #3d4853; white-space: nowrap; margin-right: 0.3em; }
.tag {
  display: inline-block; min-width: 2.3em; padding: 0 4px; margin-right: 4px; border: 1px solid;
  border-radius: 3px; font-size: 11px; font-weight: 700; line-height: 1.5; text-align: center;
  vertical-align: 1px;
}
.tag.fi { background: #1f4e79; border-color: #1f4e79; color: #fff; }
.tag.li { background: #dbe7f3; border-color: #7ea6cf; color: #12324f; }
.tag.pi { background: #fff; border-color: #b7791f; color: #7a4d0b; }
.tag.ni { background: #fff; border-color: #a33a30; color: #8c2a21; border-style: dashed; }
.est { font-size: 11.5px; color: #6b5300; background: #fff6d6; border: 1px solid #e3c766; border-radius: 3px; padding: 0 4px; margin-left: 4px; white-space: nowrap; }
.sdf { margin-bottom: 6px; }
.sdf h3 .muted { font-size: 13px; font-weight: normal; margin-left: 8px; }
ul.items { list-style: none; margin: 0; padding: 0; font-size: 13.5px; line-height: 1.5; }
ul.items li { padding: 5px 0; border-bottom: 1px dotted #d3dae2; break-inside: avoid; }
.rnote { margin-top: 2px; font-size: 12.5px; color: #3d4853; }
.rnote .lbl { margin-right: 6px; font-weight: 600; }
.none { color: #7d8791; font-style: italic; font-size: 13.5px; }
ul.short { margin: 4px 0 10px; padding-left: 20px; }
.roadmap-table td:nth-child(4) { width: 40%; }
.roadmap-table td:nth-child(5) { width: 30%; color: #3d4853; }
.more { font-size: 13.5px; color: #5b6570; }
.top { font-weight: 600; }
.disclaimer {
  border: 1.5px solid #1f4e79; border-radius: 6px; background: #f2f6fa; padding: 10px 14px;
  margin: 14px 0; font-weight: 600; break-inside: avoid;
}
.generated { margin-top: 28px; padding-top: 8px; border-top: 1px solid #d3dae2; font-size: 12.5px; color: #5b6570; }
@media (max-width: 640px) {
  .cards, .meta { grid-template-columns: 1fr; }
}
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 17pt; }
  h2 { font-size: 13pt; margin-top: 22pt; }
  h3 { font-size: 11pt; margin-top: 12pt; }
  h4 { font-size: 9.5pt; }
  .big { font-size: 18pt; }
  .mid { font-size: 11pt; }
  .meta .org dd { font-size: 12pt; }
  table, ul.items, .legend { font-size: 8.5pt; }
  .none, .more { font-size: 9pt; }
  .lbl, .meta dt { font-size: 8.5pt; }
  .card .sub { font-size: 9.5pt; }
  th, td { padding: 3px 6px; }
  .chart.radar svg { max-width: 150mm; }
  section.findings, section.roadmap { break-before: page; }
  ul.items li { padding: 2pt 0; }
  .chart.bars svg { max-width: 160mm; }
}
"#;

/// Escapes text for HTML element content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn two(x: Exact) -> String {
    figures::score(&x)
}

fn opt_two(x: Option<Exact>) -> String {
    x.map_or_else(|| "–".to_string(), two)
}

/// "Level 2 — Standardised", or "Below level 1" for level 0.
fn level_value(s: &Strings, level: u8, name: &str) -> String {
    if level == 0 {
        s.get("report.below_level_1").to_string()
    } else {
        s.fmt(
            "report.level_value",
            &[("n", &level.to_string()), ("name", name)],
        )
    }
}

fn level_n(s: &Strings, level: u8) -> String {
    s.fmt("common.level_n", &[("n", &level.to_string())])
}

/// The status of a level: its label key and its bar fill.
fn status(row: &LevelRow) -> (&'static str, &'static str) {
    let key = row.status_key();
    let fill = match key {
        "report.reached" => "#1f4e79",
        "report.counted" => "#8fb3d9",
        _ => "url(#zz-hatch)",
    };
    (key, fill)
}

fn rating_tag(rating: Option<Rating>) -> String {
    match rating {
        Some(r) => format!(
            "<span class=\"tag {}\">{}</span>",
            r.code().to_ascii_lowercase(),
            r.code()
        ),
        None => "—".to_string(),
    }
}

fn estimate_mark(item: &Item, s: &Strings) -> String {
    if item.estimate {
        format!(
            "<span class=\"est\">{}</span>",
            esc(s.get("report.estimate_mark"))
        )
    } else {
        String::new()
    }
}

pub fn render(data: &ReportData, s: &Strings) -> String {
    let mut out = String::with_capacity(128 * 1024);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{enterprise} · {title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        lang = data.lang.tag(),
        enterprise = esc(&data.enterprise),
        title = esc(s.get("report.title")),
    );
    header(&mut out, data, s);
    summary(&mut out, data, s);
    levels(&mut out, data, s);
    subdomains(&mut out, data, s);
    findings(&mut out, data, s);
    roadmaps(&mut out, data, s);
    tailoring(&mut out, data, s);
    method(&mut out, data, s);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn header(out: &mut String, data: &ReportData, s: &Strings) {
    let _ = write!(
        out,
        "<header class=\"head\">\n<h1>{}</h1>\n<dl class=\"meta\">\n\
         <div class=\"org\"><dt>{}</dt><dd>{}</dd></div>\n\
         <div><dt>{}</dt><dd>{}</dd></div>\n\
         <div><dt>{}</dt><dd>{}</dd></div>\n</dl>\n</header>\n",
        esc(s.get("report.title")),
        esc(s.get("report.enterprise")),
        esc(&data.enterprise),
        esc(s.get("report.date")),
        esc(&data.date),
        esc(s.get("report.questionnaire")),
        esc(&data.questionnaire),
    );
}

/// A thin horizontal meter (SVG, so it prints without background colours), `share` in 0..=1,
/// with optional tick marks at the given shares.
fn meter(share: f64, ticks: &[f64]) -> String {
    let w = (share.clamp(0.0, 1.0) * 200.0).round() as i64;
    let mut svg = format!(
        "<svg class=\"meter\" viewBox=\"0 0 200 8\" preserveAspectRatio=\"none\" aria-hidden=\"true\">\
         <rect width=\"200\" height=\"8\" rx=\"2\" fill=\"#e3e8ee\"/>\
         <rect width=\"{w}\" height=\"8\" rx=\"2\" fill=\"#1f4e79\"/>"
    );
    for t in ticks {
        let x = (t * 200.0).round() as i64;
        let _ = write!(
            svg,
            "<rect x=\"{x}\" width=\"1\" height=\"8\" fill=\"#fff\"/>"
        );
    }
    svg.push_str("</svg>");
    svg
}

fn summary(out: &mut String, data: &ReportData, s: &Strings) {
    let _ = writeln!(
        out,
        "<section class=\"summary\">\n<h2>{}</h2>\n<div class=\"cards\">",
        esc(s.get("report.summary"))
    );
    // The level, with the target under it.
    let target = match data.target {
        Some(t) => {
            let name = data
                .levels
                .iter()
                .find(|l| l.level == t)
                .map_or("", |l| l.name.as_str());
            format!(
                "<div class=\"sub\"><span class=\"lbl\">{}</span>{}</div>",
                esc(s.get("report.target")),
                esc(&level_value(s, t, name))
            )
        }
        None => String::new(),
    };
    let _ = writeln!(
        out,
        "<div class=\"card primary\"><div class=\"lbl\">{}</div><div class=\"big\">{}</div>{target}</div>",
        esc(s.get("report.level")),
        esc(&level_value(s, data.level, &data.level_name)),
    );
    // X on its 0–5 scale, with the level boundaries marked.
    let _ = writeln!(
        out,
        "<div class=\"card\"><div class=\"lbl\">{}</div><div class=\"big\">{}</div>{}</div>",
        esc(s.get("report.x")),
        two(data.x),
        meter(to_f64(&data.x) / 5.0, &[0.16, 0.36, 0.56, 0.76, 0.96]),
    );
    let share = if data.total == 0 {
        0.0
    } else {
        data.rated as f64 / data.total as f64
    };
    let _ = writeln!(
        out,
        "<div class=\"card\"><div class=\"lbl\">{}</div><div class=\"mid\">{}</div>{}</div>\n</div>",
        esc(s.get("report.completeness")),
        esc(&s.fmt(
            "report.completeness_value",
            &[
                ("rated", &data.rated.to_string()),
                ("total", &data.total.to_string())
            ]
        )),
        meter(share, &[]),
    );
    for line in data.caveats(s) {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(&line));
    }
    if !data.profile.is_empty() {
        out.push_str("<table class=\"facts\">\n<tbody>\n");
        for pair in data.profile.chunks(2) {
            out.push_str("<tr>");
            for (i, (label, value)) in pair.iter().enumerate() {
                let span = if pair.len() == 1 && i == 0 {
                    " colspan=\"3\""
                } else {
                    ""
                };
                let _ = write!(out, "<th>{}</th><td{span}>{}</td>", esc(label), esc(value));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

/// The bar chart of the level scores S1..S5 on a 0–1 scale, with the 0.8 line.
fn level_chart(levels: &[LevelRow], s: &Strings) -> String {
    const LEFT: i64 = 56;
    const TOP: i64 = 24;
    const PLOT_W: i64 = 650;
    const PLOT_H: i64 = 200;
    const BOTTOM: i64 = TOP + PLOT_H;
    const BAR_W: i64 = 72;
    let y_of = |v: f64| BOTTOM - (v.clamp(0.0, 1.0) * PLOT_H as f64).round() as i64;
    let mut svg = format!(
        "<svg viewBox=\"0 0 720 272\" role=\"img\" aria-label=\"{}\" font-size=\"13\" fill=\"#1b1f24\">\n\
         <defs><pattern id=\"zz-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
         patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#eceff2\"/>\
         <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#9aa3ad\" stroke-width=\"2\"/></pattern></defs>\n",
        esc(s.get("report.levels_heading"))
    );
    // Grid and scale.
    for k in 0..=5 {
        let v = f64::from(k) * 0.2;
        let y = y_of(v);
        let label = if k == 4 {
            String::new()
        } else {
            format!(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#5b6570\" font-size=\"12\">{v:.1}</text>",
                LEFT - 8,
                y + 4
            )
        };
        let _ = writeln!(
            svg,
            "<line x1=\"{LEFT}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#e3e7ec\"/>{label}",
            LEFT + PLOT_W
        );
    }
    let slot = PLOT_W / levels.len().max(1) as i64;
    for (i, row) in levels.iter().enumerate() {
        let (_, fill) = status(row);
        let centre = LEFT + i as i64 * slot + slot / 2;
        let x = centre - BAR_W / 2;
        let y = y_of(to_f64(&row.score));
        let h = BOTTOM - y;
        let _ = writeln!(
            svg,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{BAR_W}\" height=\"{h}\" fill=\"{fill}\" stroke=\"#5b6570\" stroke-width=\"{}\"/>\
             <text x=\"{centre}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"600\">{}</text>\
             <text x=\"{centre}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"600\">{}</text>\
             <text x=\"{centre}\" y=\"{}\" text-anchor=\"middle\" fill=\"#5b6570\" font-size=\"12\">{}</text>",
            if row.reached || row.counted {
                "0"
            } else {
                "0.8"
            },
            y - 7,
            two(row.score),
            BOTTOM + 20,
            esc(&level_n(s, row.level)),
            BOTTOM + 38,
            esc(&row.name),
        );
    }
    // The axis and the 0.8 line, over the bars.
    let yt = y_of(THRESHOLD);
    let _ = write!(
        svg,
        "<line x1=\"{LEFT}\" y1=\"{BOTTOM}\" x2=\"{right}\" y2=\"{BOTTOM}\" stroke=\"#5b6570\"/>\n\
         <line x1=\"{LEFT}\" y1=\"{yt}\" x2=\"{right}\" y2=\"{yt}\" stroke=\"#b3261e\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>\n\
         <text x=\"{lx}\" y=\"{ly}\" text-anchor=\"end\" font-weight=\"700\" fill=\"#b3261e\">0.8</text>\n</svg>",
        right = LEFT + PLOT_W,
        lx = LEFT - 8,
        ly = yt + 5,
    );
    svg
}

fn swatch(fill: &str) -> String {
    format!(
        "<svg class=\"sw\" viewBox=\"0 0 14 14\" aria-hidden=\"true\"><rect x=\"0.5\" y=\"0.5\" width=\"13\" height=\"13\" \
         fill=\"{fill}\" stroke=\"#5b6570\" stroke-width=\"0.8\"/></svg>"
    )
}

fn levels(out: &mut String, data: &ReportData, s: &Strings) {
    let _ = writeln!(
        out,
        "<section class=\"levels\">\n<h2>{}</h2>\n<div class=\"chart bars\">\n{}\n</div>",
        esc(s.get("report.levels_heading")),
        level_chart(&data.levels, s)
    );
    out.push_str("<ul class=\"legend\">");
    for (key, fill) in [
        ("report.reached", "#1f4e79"),
        ("report.counted", "#8fb3d9"),
        ("report.not_counted", "url(#zz-hatch)"),
    ] {
        let _ = write!(out, "<li>{}{}</li>", swatch(fill), esc(s.get(key)));
    }
    out.push_str(
        "<li><svg class=\"sw\" viewBox=\"0 0 14 14\" aria-hidden=\"true\"><line x1=\"0\" y1=\"7\" x2=\"14\" y2=\"7\" \
         stroke=\"#b3261e\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/></svg>0.8</li></ul>\n",
    );
    let _ = writeln!(
        out,
        "<table class=\"levels-table\">\n<thead><tr><th>{}</th><th class=\"num\">{}</th><th>{}</th></tr></thead>\n<tbody>",
        esc(s.get("report.level_col")),
        esc(s.get("report.score_col")),
        esc(s.get("report.status_col")),
    );
    for row in &data.levels {
        let (key, fill) = status(row);
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td><span class=\"status\">{}{}</span></td></tr>",
            esc(&level_value(s, row.level, &row.name)),
            two(row.score),
            swatch(fill),
            esc(s.get(key)),
        );
    }
    let _ = writeln!(
        out,
        "</tbody>\n</table>\n<p class=\"note\">{}</p>\n</section>",
        esc(s.get("report.levels_note"))
    );
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
fn radar(rows: &[SubdomainRow], s: &Strings) -> String {
    const CX: f64 = 360.0;
    const CY: f64 = 290.0;
    const R: f64 = 200.0;
    const LINE: f64 = 16.0;
    if rows.is_empty() {
        return String::new();
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
    let mut svg = String::new();
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
        let _ = writeln!(
            svg,
            "<polygon points=\"{}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{width}\"/>",
            points.join(" ")
        );
    }
    // Spokes: dashed where the sub-domain is not applicable.
    for (i, v) in values.iter().enumerate() {
        let (x, y) = at(i, R);
        let dash = if v.is_none() {
            " stroke-dasharray=\"3 4\""
        } else {
            ""
        };
        let _ = writeln!(
            svg,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{x}\" y2=\"{y}\" stroke=\"#d3dae2\"{dash}/>",
            CX as i64, CY as i64
        );
    }
    // The scores: one shape per run of consecutive scored spokes, closed through the centre
    // where a gap interrupts it.
    let point = |i: usize| {
        let (x, y) = at(
            i,
            R * values[i].map_or(0.0, |v| to_f64(&v)).clamp(0.0, 5.0) / 5.0,
        );
        format!("{x},{y}")
    };
    let fill = "fill=\"#1f4e79\" fill-opacity=\"0.16\"";
    let stroke = "fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2.2\" stroke-linejoin=\"round\"";
    if values.iter().all(Option::is_some) {
        let points: Vec<String> = (0..n).map(point).collect();
        let _ = writeln!(
            svg,
            "<polygon points=\"{p}\" {fill}/>\n<polygon points=\"{p}\" {stroke}/>",
            p = points.join(" ")
        );
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
            let points: Vec<String> = run.iter().map(|&i| point(i)).collect();
            let _ = writeln!(
                svg,
                "<polygon points=\"{},{} {}\" {fill}/>\n<polyline points=\"{}\" {stroke}/>",
                CX as i64,
                CY as i64,
                points.join(" "),
                points.join(" ")
            );
        }
    }
    for (i, _) in values.iter().enumerate().filter(|(_, v)| v.is_some()) {
        let p = point(i);
        let (x, y) = p.split_once(',').unwrap_or(("0", "0"));
        let _ = writeln!(
            svg,
            "<circle cx=\"{x}\" cy=\"{y}\" r=\"3.5\" fill=\"#1f4e79\" stroke=\"#fff\" stroke-width=\"1\"/>"
        );
    }
    // Ring values along the first spoke.
    for k in 1..=5 {
        let (_, y) = at(0, R * f64::from(k) / 5.0);
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" fill=\"#7d8791\" font-size=\"11\" stroke=\"#fff\" \
             stroke-width=\"3\" paint-order=\"stroke\">{k}</text>",
            CX as i64 + 5,
            y + 12
        );
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
            Some(v) => two(v),
            None if row.applicable => "–".to_string(),
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
        let _ = write!(
            svg,
            "<text x=\"{x}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"{ink}\">",
            first.round() as i64
        );
        let value_style = if values[i].is_some() {
            "fill=\"#1f4e79\""
        } else {
            "fill=\"#7d8791\" font-style=\"italic\""
        };
        let value = format!(
            "<tspan font-size=\"12\" {value_style}>{}</tspan>",
            esc(&value)
        );
        let last = lines.len() - 1;
        for (k, line) in lines.iter().enumerate() {
            let dy = if k == 0 { "0" } else { "16" };
            let tail = if k == last && !own_line {
                format!(" {value}")
            } else {
                String::new()
            };
            let _ = write!(
                svg,
                "<tspan x=\"{x}\" dy=\"{dy}\"><tspan font-weight=\"600\">{}</tspan>{tail}</tspan>",
                esc(line)
            );
        }
        if own_line {
            let _ = write!(svg, "<tspan x=\"{x}\" dy=\"16\">{value}</tspan>");
        }
        svg.push_str("</text>\n");
    }
    let y0 = (top - 8.0).floor() as i64;
    let height = (bottom + 8.0).ceil() as i64 - y0;
    format!(
        "<svg viewBox=\"0 {y0} 720 {height}\" role=\"img\" aria-label=\"{}\" font-size=\"14\" fill=\"#1b1f24\">\n{svg}</svg>",
        esc(s.get("report.subdomains_heading"))
    )
}

/// How many rows from `start` share the same key.
fn run_len<T: PartialEq>(
    rows: &[SubdomainRow],
    start: usize,
    key: impl Fn(&SubdomainRow) -> T,
) -> usize {
    let k = key(&rows[start]);
    rows[start..].iter().take_while(|r| key(r) == k).count()
}

fn subdomains(out: &mut String, data: &ReportData, s: &Strings) {
    let rows = &data.subdomains;
    let _ = writeln!(
        out,
        "<section class=\"subdomains\">\n<h2>{}</h2>\n<div class=\"chart radar\">\n{}\n</div>",
        esc(s.get("report.subdomains_heading")),
        radar(rows, s)
    );
    let _ = write!(
        out,
        "<table class=\"sd-table\">\n<thead><tr><th class=\"cap\">{}</th><th class=\"cap\">{}</th><th>{}</th>",
        esc(s.get("report.col.element")),
        esc(s.get("report.col.domain")),
        esc(s.get("report.subdomain_col")),
    );
    for level in 1..=5 {
        let _ = write!(out, "<th class=\"num\">{}</th>", esc(&level_n(s, level)));
    }
    let _ = writeln!(
        out,
        "<th class=\"num\">{}</th></tr></thead>\n<tbody>",
        esc(s.get("report.overall_col"))
    );
    for (i, row) in rows.iter().enumerate() {
        let class = if row.applicable { "" } else { " class=\"na\"" };
        let _ = write!(out, "<tr{class}>");
        if i == 0 || rows[i - 1].element != row.element {
            let span = run_len(rows, i, |r| r.element.clone());
            let _ = write!(out, "<td rowspan=\"{span}\">{}</td>", esc(&row.element));
        }
        if i == 0 || rows[i - 1].domain != row.domain || rows[i - 1].element != row.element {
            let span = run_len(rows, i, |r| (r.element.clone(), r.domain.clone()));
            let _ = write!(out, "<td rowspan=\"{span}\">{}</td>", esc(&row.domain));
        }
        let _ = write!(out, "<td>{}</td>", esc(&row.name));
        if row.applicable {
            for level in row.levels {
                let _ = write!(out, "<td class=\"num\">{}</td>", opt_two(level));
            }
            let _ = writeln!(
                out,
                "<td class=\"num\"><strong>{}</strong></td></tr>",
                opt_two(row.overall)
            );
        } else {
            let _ = writeln!(
                out,
                "<td colspan=\"6\" class=\"na-cell\">{}</td></tr>",
                esc(s.get("report.not_applicable"))
            );
        }
    }
    let _ = writeln!(
        out,
        "</tbody>\n</table>\n<p class=\"note\">{}</p>\n</section>",
        esc(s.get("report.subdomains_note"))
    );
}

/// The share of each finding (FI, LI, PI, NI) as one stacked bar.
fn findings_bar(counts: &[usize; 4]) -> String {
    let total: usize = counts.iter().sum();
    if total == 0 {
        return String::new();
    }
    let mut svg = String::from(
        "<svg viewBox=\"0 0 720 30\" aria-hidden=\"true\" font-size=\"12\" font-weight=\"700\">\n",
    );
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
                " stroke=\"#a33a30\" stroke-dasharray=\"4 3\""
            } else {
                ""
            };
            let _ = write!(
                svg,
                "<rect x=\"{x}\" y=\"1\" width=\"{w}\" height=\"28\" fill=\"{fill}\"{extra}/>"
            );
            if w >= 52 {
                let _ = write!(
                    svg,
                    "<text x=\"{}\" y=\"19\" text-anchor=\"middle\" fill=\"{ink}\">{} {count}</text>",
                    x + w / 2,
                    rating.code()
                );
            }
            svg.push('\n');
        }
        x = end;
    }
    svg.push_str("</svg>");
    format!("<div class=\"chart\">{svg}</div>\n")
}

fn item_list(out: &mut String, items: &[Item], s: &Strings) {
    if items.is_empty() {
        let _ = writeln!(out, "<p class=\"none\">{}</p>", esc(s.get("report.none")));
        return;
    }
    out.push_str("<ul class=\"items\">\n");
    for item in items {
        let _ = write!(
            out,
            "<li>{} <span class=\"rid\">{}</span> {}{}",
            rating_tag(item.rating),
            esc(&item.id),
            esc(&item.text),
            estimate_mark(item, s)
        );
        if let Some(note) = &item.note {
            let _ = write!(
                out,
                "<div class=\"rnote\"><span class=\"lbl\">{}</span>{}</div>",
                esc(s.get("report.note")),
                esc(note)
            );
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

fn findings(out: &mut String, data: &ReportData, s: &Strings) {
    let [ni, pi, li, fi] = data.findings.map(|c| c.to_string());
    let _ = writeln!(
        out,
        "<section class=\"findings\">\n<h2>{}</h2>\n<p>{}</p>",
        esc(s.get("report.findings_heading")),
        esc(&s.fmt(
            "report.findings_counts",
            &[("fi", &fi), ("li", &li), ("pi", &pi), ("ni", &ni)]
        )),
    );
    out.push_str(&findings_bar(&data.findings));
    for row in data
        .subdomains
        .iter()
        .filter(|r| r.applicable && !(r.strengths.is_empty() && r.weaknesses.is_empty()))
    {
        let _ = writeln!(
            out,
            "<div class=\"sdf\">\n<h3>{}<span class=\"muted\">{} · {}</span></h3>\n<h4>{}</h4>",
            esc(&row.name),
            esc(&row.element),
            esc(&row.domain),
            esc(s.get("report.strengths")),
        );
        item_list(out, &row.strengths, s);
        let _ = writeln!(out, "<h4>{}</h4>", esc(s.get("report.weaknesses")));
        item_list(out, &row.weaknesses, s);
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
}

fn roadmap(out: &mut String, map: &Roadmap, s: &Strings) {
    let _ = writeln!(
        out,
        "<section class=\"roadmap\">\n<h2>{}</h2>\n<p>{}</p>",
        esc(&map.heading(s)),
        esc(&map.intro(s)),
    );
    if !map.short_levels.is_empty() {
        out.push_str("<ul class=\"short\">\n");
        for line in map.short_levels(s) {
            let _ = writeln!(out, "<li>{}</li>", esc(&line));
        }
        out.push_str("</ul>\n");
    }
    if !map.items.is_empty() {
        let _ = writeln!(
            out,
            "<table class=\"roadmap-table\">\n<thead><tr><th class=\"num\">{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
            esc(s.get("report.lift_col")),
            esc(s.get("report.rating_col")),
            esc(s.get("report.col.id")),
            esc(s.get("report.requirement_col")),
            esc(s.get("report.evidence_col")),
        );
        for item in map.items.iter().take(ROADMAP_ROWS) {
            let evidence = if item.evidence.is_empty() {
                "—".to_string()
            } else {
                esc(&item.evidence)
            };
            let _ = writeln!(
                out,
                "<tr><td class=\"num\">+{:.3}</td><td>{}{}</td><td><span class=\"rid\">{}</span></td><td>{}</td><td>{evidence}</td></tr>",
                item.lift,
                rating_tag(item.rating),
                estimate_mark(item, s),
                esc(&item.id),
                esc(&item.text),
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if map.items.len() > ROADMAP_ROWS {
        let more = (map.items.len() - ROADMAP_ROWS).to_string();
        let _ = writeln!(
            out,
            "<p class=\"more\">{}</p>",
            esc(&s.fmt("report.roadmap_more", &[("count", &more)]))
        );
    }
    out.push_str("</section>\n");
}

fn roadmaps(out: &mut String, data: &ReportData, s: &Strings) {
    if data.roadmaps.is_empty() {
        let _ = writeln!(
            out,
            "<section class=\"roadmap\">\n<p class=\"note top\">{}</p>\n</section>",
            esc(s.get("report.top_level"))
        );
    }
    for map in &data.roadmaps {
        roadmap(out, map, s);
    }
}

fn tailoring(out: &mut String, data: &ReportData, s: &Strings) {
    let _ = writeln!(
        out,
        "<section class=\"tailoring\">\n<h2>{}</h2>",
        esc(s.get("report.tailoring_heading"))
    );
    let tailored: Vec<&SubdomainRow> = data.subdomains.iter().filter(|r| !r.applicable).collect();
    if tailored.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(s.get("report.tailoring_none")));
    } else {
        let _ = writeln!(
            out,
            "<table>\n<thead><tr><th>{}</th><th class=\"cap\">{}</th><th>{}</th></tr></thead>\n<tbody>",
            esc(s.get("report.subdomain_col")),
            esc(s.get("report.col.domain")),
            esc(s.get("report.reason_col")),
        );
        for row in tailored {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&row.name),
                esc(&row.domain),
                esc(row.tailoring_reason.as_deref().unwrap_or("—")),
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

fn method(out: &mut String, data: &ReportData, s: &Strings) {
    let scale: String = data
        .scale
        .iter()
        .map(|line| format!("<li>{}</li>", esc(line)))
        .collect();
    let _ = writeln!(
        out,
        "<section class=\"method\">\n<h2>{}</h2>\n<p>{}</p>\n<ul class=\"scale\">{scale}</ul>\n<p>{}</p>\n<div class=\"disclaimer\">{}</div>\n\
         <p class=\"generated\">{}</p>\n</section>",
        esc(s.get("report.method_heading")),
        esc(s.get("report.method")),
        esc(s.get("report.wording")),
        esc(s.get("report.disclaimer")),
        esc(&s.fmt(
            "report.generated",
            &[("version", env!("CARGO_PKG_VERSION"))]
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::model::{Answers, Questionnaire};
    use std::path::Path;

    fn demo(lang: Lang) -> (ReportData, Strings) {
        let q = Questionnaire::embedded();
        let mut a = Answers::load(Path::new("examples/demo-machinery.toml"), &q).unwrap();
        a.meta.target_level = Some(3);
        let s = Strings::load(lang);
        let data = super::super::data::build(&q, &a, &s);
        (data, s)
    }

    fn balanced(html: &str, tag: &str) -> bool {
        let open =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        open == html.matches(&format!("</{tag}>")).count()
    }

    #[test]
    fn escapes_all_five_characters() {
        assert_eq!(
            esc("A & B <C> \"D\" 'E'"),
            "A &amp; B &lt;C&gt; &quot;D&quot; &#39;E&#39;"
        );
    }

    #[test]
    fn demo_report_is_self_contained_escaped_and_deterministic() {
        for lang in Lang::ALL {
            let (data, s) = demo(lang);
            let html = render(&data, &s);
            if std::env::var_os("ZIZHEN_WRITE_REPORTS").is_some() {
                let short = if lang == Lang::En { "en" } else { "zh" };
                std::fs::write(format!("/tmp/zizhen-report-{short}.html"), &html).unwrap();
            }
            assert!(html.starts_with("<!doctype html>"));
            assert!(html.contains(&format!("<html lang=\"{}\">", lang.tag())));
            assert!(html.contains("<meta charset=\"utf-8\">"));
            assert!(html.contains("<svg"));
            for banned in [
                "http://", "https://", "<script", "<link", "<img", "@import", "<iframe",
            ] {
                assert!(!html.contains(banned), "{banned} in the {lang} report");
            }
            for tag in [
                "html", "head", "body", "main", "section", "table", "svg", "ul", "li", "tr", "td",
            ] {
                assert!(
                    balanced(&html, tag),
                    "<{tag}> not balanced in the {lang} report"
                );
            }
            assert!(html.contains(&esc(&data.enterprise)));
            assert!(html.contains(&esc(s.get("report.title"))));
            assert!(html.contains(&esc(s.get("report.disclaimer"))));
            for row in &data.subdomains {
                assert!(html.contains(&esc(&row.name)));
                if let Some(reason) = &row.tailoring_reason {
                    assert!(html.contains(&esc(reason)));
                }
                for item in row.strengths.iter().chain(&row.weaknesses) {
                    assert!(html.contains(&esc(&item.text)));
                    if let Some(note) = &item.note {
                        assert!(html.contains(&esc(note)));
                    }
                }
            }
            // The demo has a roadmap to the next level and one to the target.
            assert_eq!(data.roadmaps.len(), 2);
            for map in &data.roadmaps {
                for item in map.items.iter().take(ROADMAP_ROWS) {
                    assert!(html.contains(&format!("+{:.3}", item.lift)));
                }
            }
            assert!(html.contains(&esc(&s.fmt(
                "report.level_value",
                &[("n", &data.level.to_string()), ("name", &data.level_name)]
            ))));
            assert!(html.contains(&figures::score(&data.x)));
            // Same input, same bytes.
            assert_eq!(html, render(&demo(lang).0, &s));
        }
    }

    #[test]
    fn hostile_text_is_escaped_and_level_zero_reads_below_level_1() {
        let (mut data, s) = demo(Lang::En);
        data.enterprise = "<b>Acme & \"Sons\"</b> 'Ltd'".into();
        data.profile.push(("<i>x</i>".into(), "a<b".into()));
        data.level = 0;
        data.roadmaps.clear();
        data.subdomains[0].strengths[0].note = Some("</li><script>".into());
        let html = render(&data, &s);
        assert!(html.contains("&lt;b&gt;Acme &amp; &quot;Sons&quot;&lt;/b&gt; &#39;Ltd&#39;"));
        assert!(!html.contains("<b>Acme"));
        assert!(html.contains("&lt;i&gt;x&lt;/i&gt;"));
        assert!(!html.contains("<script>"));
        assert!(html.contains(&esc(s.get("report.below_level_1"))));
        assert!(html.contains(&esc(s.get("report.top_level"))));
    }
}
