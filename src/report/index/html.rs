//! The index report as one self-contained HTML page (no script, no fetched file): inline CSS,
//! inline SVG charts — the level distribution as columns, each group's ≤ L1 / L2 / L3 / ≥ L4
//! as a stacked bar — laid out for printing on A4.

use super::{Table, View};
use crate::i18n::Strings;
use crate::report::html::markup::esc;

const STYLE: &str = r#"
@page { size: A4; margin: 14mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #1b1f24; font-size: 13px; line-height: 1.45;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
    "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 900px; margin: 0 auto; padding: 28px 24px 40px; }
h1 { font-size: 22px; color: #12324f; margin: 0 0 10px; }
h2 { font-size: 16px; color: #12324f; margin: 26px 0 6px; padding-bottom: 3px;
  border-bottom: 1px solid #c5ced8; break-after: avoid; }
p { margin: 3px 0; }
.note { color: #5b6570; font-size: 12px; margin-bottom: 6px; }
table { border-collapse: collapse; width: 100%; break-inside: auto; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #e3e8ee; vertical-align: top; }
th { font-size: 12px; color: #3d4853; background: #f3f6f9; }
tr { break-inside: avoid; }
td.num { white-space: nowrap; }
.legend span { display: inline-block; margin-right: 14px; font-size: 12px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
section { break-inside: auto; }
"#;

/// Colours of ≤ L1, L2, L3, ≥ L4.
const COLOURS: [&str; 4] = ["#c9d3dd", "#7fa7cc", "#3f78ad", "#12324f"];

/// Columns for levels 0..=5, labelled with counts.
fn level_chart(levels: &[u64; 6], s: &Strings) -> String {
    let max = levels.iter().copied().max().unwrap_or(0).max(1) as f64;
    let (w, h, bar) = (480.0, 180.0, 52.0);
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{}" viewBox="0 0 {w} {}" role="img" aria-label="{}">"#,
        h + 40.0,
        h + 40.0,
        esc(s.get("index.levels"))
    );
    for (i, n) in levels.iter().enumerate() {
        let x = 20.0 + i as f64 * 76.0;
        let bh = (*n as f64 / max) * (h - 20.0);
        let y = h - bh;
        let colour = COLOURS[match i {
            0 | 1 => 0,
            2 => 1,
            3 => 2,
            _ => 3,
        }];
        svg.push_str(&format!(
            r#"<rect x="{x}" y="{y:.1}" width="{bar}" height="{bh:.1}" fill="{colour}"/><text x="{:.1}" y="{:.1}" font-size="12" text-anchor="middle">{n}</text><text x="{:.1}" y="{}" font-size="12" text-anchor="middle">{}</text>"#,
            x + bar / 2.0,
            y - 4.0,
            x + bar / 2.0,
            h + 18.0,
            esc(&format!("L{i}"))
        ));
    }
    svg.push_str(&format!(
        r##"<line x1="10" y1="{h}" x2="{}" y2="{h}" stroke="#8a96a3"/></svg>"##,
        w - 10.0
    ));
    svg
}

/// One stacked bar of ≤ L1 / L2 / L3 / ≥ L4 shares.
fn stacked(bar: &[u64; 4]) -> String {
    let total: u64 = bar.iter().sum();
    let width = 160.0;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="12" viewBox="0 0 {width} 12">"#
    );
    let mut x = 0.0;
    for (i, n) in bar.iter().enumerate() {
        let w = if total == 0 {
            0.0
        } else {
            *n as f64 / total as f64 * width
        };
        svg.push_str(&format!(
            r#"<rect x="{x:.2}" y="0" width="{w:.2}" height="12" fill="{}"/>"#,
            COLOURS[i]
        ));
        x += w;
    }
    svg.push_str("</svg>");
    svg
}

fn legend(s: &Strings) -> String {
    let mut out = String::from(r#"<p class="legend">"#);
    for (i, key) in ["le1", "l2", "l3", "ge4"].iter().enumerate() {
        out.push_str(&format!(
            r#"<span><i style="background:{}"></i>{}</span>"#,
            COLOURS[i],
            esc(s.get(&format!("index.col.{key}")))
        ));
    }
    out.push_str("</p>");
    out
}

fn table(t: &Table, s: &Strings) -> String {
    let mut out = format!(r#"<section id="{}"><h2>{}</h2>"#, t.id, esc(&t.title));
    if let Some(note) = &t.note {
        out.push_str(&format!(r#"<p class="note">{}</p>"#, esc(note)));
    }
    if t.rows.is_empty() {
        out.push_str("</section>");
        return out;
    }
    let charted = t.rows.iter().any(|r| r.bar.is_some());
    if charted {
        out.push_str(&legend(s));
    }
    out.push_str("<table><thead><tr>");
    for h in &t.head {
        out.push_str(&format!("<th>{}</th>", esc(h)));
    }
    if charted {
        out.push_str(&format!("<th>{}</th>", esc(s.get("index.col.chart"))));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, cell) in row.cells.iter().enumerate() {
            let class = if i > 0 && t.id != "adoption" && t.id != "list" {
                r#" class="num""#
            } else {
                ""
            };
            out.push_str(&format!("<td{class}>{}</td>", esc(cell)));
        }
        if charted {
            out.push_str(&format!(
                "<td>{}</td>",
                row.bar.as_ref().map(stacked).unwrap_or_default()
            ));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></section>");
    out
}

/// The page.
pub fn page(view: &View, s: &Strings) -> String {
    let mut out = format!(
        r#"<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{}</title><style>{STYLE}</style></head><body><main><h1>{}</h1>"#,
        s.lang().tag(),
        esc(&view.title),
        esc(&view.title)
    );
    for line in &view.lines {
        out.push_str(&format!("<p>{}</p>", esc(line)));
    }
    for t in &view.tables {
        if t.id == "levels"
            && let Some(levels) = &view.levels
        {
            out.push_str(&format!(
                r#"<section id="chart"><h2>{}</h2>{}</section>"#,
                esc(s.get("index.levels_chart")),
                level_chart(levels, s)
            ));
        }
        out.push_str(&table(t, s));
    }
    out.push_str("</main></body></html>\n");
    out
}
