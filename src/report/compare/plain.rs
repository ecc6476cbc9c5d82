//! The comparison as plain text: aligned columns (display widths, so Chinese lines up).

use std::fmt::Write;

use super::{Row, View};
use crate::i18n::Strings;
use crate::width::{pad, width};

fn heading(o: &mut String, text: &str) {
    let _ = writeln!(o, "\n{text}\n{}", "=".repeat(width(text)));
}

/// Rows as four columns; a row that changed is marked `*` in the margin.
fn table(o: &mut String, rows: &[Row], s: &Strings) {
    let head = [
        String::new(),
        "A".to_string(),
        "B".to_string(),
        s.get("compare.change").to_string(),
    ];
    let widths: Vec<usize> = (0..3)
        .map(|c| {
            rows.iter()
                .map(|r| width([&r.label, &r.a, &r.b][c]))
                .chain([width(&head[c])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |mark: &str, cols: [&str; 4]| {
        format!(
            "{mark} {}  {}  {}  {}",
            pad(cols[0], widths[0]),
            pad(cols[1], widths[1]),
            pad(cols[2], widths[2]),
            cols[3]
        )
        .trim_end()
        .to_string()
    };
    let _ = writeln!(o, "{}", line(" ", [&head[0], &head[1], &head[2], &head[3]]));
    for r in rows {
        let mark = if r.changed { "*" } else { " " };
        let _ = writeln!(o, "{}", line(mark, [&r.label, &r.a, &r.b, &r.change]));
    }
}

pub fn render(v: &View, s: &Strings) -> String {
    let mut out = String::new();
    let o = &mut out;
    let title = s.get("compare.title");
    let _ = writeln!(o, "{title}\n{}", "#".repeat(width(title)));
    let _ = writeln!(o, "A  {} ({})", v.a_source, v.a_enterprise);
    let _ = writeln!(o, "B  {} ({})", v.b_source, v.b_enterprise);
    let _ = writeln!(o, "{}{}", s.get("score.questionnaire"), v.questionnaire);
    if v.same {
        let _ = writeln!(o, "\n{}", s.get("compare.same"));
    }
    let _ = writeln!(o, "{}", s.get("compare.legend"));
    heading(o, s.get("compare.result_heading"));
    table(o, &v.result, s);
    heading(o, s.get("compare.levels_heading"));
    table(o, &v.levels, s);
    heading(o, s.get("compare.elements_heading"));
    table(o, &v.elements, s);
    heading(o, s.get("compare.domains_heading"));
    table(o, &v.domains, s);
    heading(o, s.get("compare.subdomains_heading"));
    table(o, &v.subdomains, s);
    if !v.cells.is_empty() {
        heading(o, s.get("compare.cells_heading"));
        table(o, &v.cells, s);
    }
    let count = v.requirements.len().to_string();
    heading(
        o,
        &s.fmt("compare.requirements_heading", &[("count", &count)]),
    );
    if v.requirements.is_empty() {
        let _ = writeln!(o, "{}", s.get("compare.no_requirements"));
    }
    for r in &v.requirements {
        let _ = writeln!(
            o,
            "{}  {} → {}  {} · {}\n    {}",
            r.id,
            r.a,
            r.b,
            r.subdomain,
            s.fmt("common.level_n", &[("n", &r.level.to_string())]),
            r.text
        );
    }
    if !v.tailoring.is_empty() {
        heading(o, s.get("compare.tailoring_heading"));
        table(o, &v.tailoring, s);
    }
    if !v.fields.is_empty() {
        heading(o, s.get("compare.fields_heading"));
        table(o, &v.fields, s);
    }
    out
}
