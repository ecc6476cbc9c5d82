//! The comparison as Markdown (GitHub-flavoured tables).

use std::fmt::Write;

use super::{Row, View};
use crate::i18n::Strings;

/// Text safe in a table cell: `|` escaped, line breaks as spaces.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn table(o: &mut String, rows: &[Row], first: &str, s: &Strings) {
    let _ = writeln!(
        o,
        "| {} | A | B | {} |\n|---|---|---|---|",
        cell(first),
        s.get("compare.change")
    );
    for r in rows {
        let label = if r.changed {
            format!("**{}**", cell(&r.label))
        } else {
            cell(&r.label)
        };
        let _ = writeln!(
            o,
            "| {label} | {} | {} | {} |",
            cell(&r.a),
            cell(&r.b),
            cell(&r.change)
        );
    }
}

pub fn render(v: &View, s: &Strings) -> String {
    let mut out = String::new();
    let o = &mut out;
    let _ = writeln!(o, "# {}\n", s.get("compare.title"));
    let _ = writeln!(
        o,
        "- **A**: {} ({})",
        cell(&v.a_source),
        cell(&v.a_enterprise)
    );
    let _ = writeln!(
        o,
        "- **B**: {} ({})",
        cell(&v.b_source),
        cell(&v.b_enterprise)
    );
    let _ = writeln!(
        o,
        "- {}{}\n",
        s.get("score.questionnaire"),
        cell(&v.questionnaire)
    );
    if v.same {
        let _ = writeln!(o, "{}\n", s.get("compare.same"));
    }
    let _ = writeln!(o, "{}", s.get("compare.legend_md"));
    let sections: [(&str, &[Row]); 5] = [
        ("compare.result_heading", &v.result),
        ("compare.levels_heading", &v.levels),
        ("compare.elements_heading", &v.elements),
        ("compare.domains_heading", &v.domains),
        ("compare.subdomains_heading", &v.subdomains),
    ];
    for (key, rows) in sections {
        let _ = writeln!(o, "\n## {}\n", s.get(key));
        table(o, rows, "", s);
    }
    if !v.cells.is_empty() {
        let _ = writeln!(o, "\n## {}\n", s.get("compare.cells_heading"));
        table(o, &v.cells, "", s);
    }
    let count = v.requirements.len().to_string();
    let _ = writeln!(
        o,
        "\n## {}\n",
        s.fmt("compare.requirements_heading", &[("count", &count)])
    );
    if v.requirements.is_empty() {
        let _ = writeln!(o, "{}", s.get("compare.no_requirements"));
    } else {
        let _ = writeln!(
            o,
            "| {} | {} | {} | A | B | {} |\n|---|---|---|---|---|---|",
            s.get("compare.id_col"),
            s.get("compare.subdomain_col"),
            s.get("compare.level_col"),
            s.get("compare.requirement_col")
        );
        for r in &v.requirements {
            let _ = writeln!(
                o,
                "| `{}` | {} | {} | {} | {} | {} |",
                r.id,
                cell(&r.subdomain),
                r.level,
                cell(&r.a),
                cell(&r.b),
                cell(&r.text)
            );
        }
    }
    if !v.tailoring.is_empty() {
        let _ = writeln!(o, "\n## {}\n", s.get("compare.tailoring_heading"));
        table(o, &v.tailoring, "", s);
    }
    if !v.fields.is_empty() {
        let _ = writeln!(o, "\n## {}\n", s.get("compare.fields_heading"));
        table(o, &v.fields, "", s);
    }
    out
}
