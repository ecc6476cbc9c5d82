//! The report as Markdown: renders on any forge, pastes into a mail or a wiki.

use std::fmt::Write;

use super::data::{Item, ReportData, Roadmap};
use super::pieces::{self, REPORT, ROADMAP_ROWS};
use crate::figures;
use crate::i18n::Strings;

/// Text safe inside a Markdown table cell or list item.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// What the rating column shows for an unrated requirement.
const UNRATED: &str = "—";

pub fn render(data: &ReportData, s: &Strings) -> String {
    let mut out = String::new();
    let o = &mut out;
    let _ = writeln!(o, "# {}\n", s.get("report.title"));
    let _ = writeln!(
        o,
        "**{}**: {}  ",
        s.get("report.enterprise"),
        cell(&data.enterprise)
    );
    let _ = writeln!(o, "**{}**: {}  ", s.get("report.date"), data.date);
    let _ = writeln!(
        o,
        "**{}**: {}\n",
        s.get("report.questionnaire"),
        data.questionnaire
    );

    let _ = writeln!(o, "## {}\n", s.get("report.summary"));
    let _ = writeln!(o, "| | |\n|---|---|");
    let _ = writeln!(
        o,
        "| {} | **{}** |",
        s.get("report.level"),
        pieces::level_value(s, data.level, &data.level_name)
    );
    let _ = writeln!(
        o,
        "| {} | **{}** |",
        s.get("report.x"),
        figures::score(&data.x)
    );
    let completeness = pieces::completeness(data.rated, data.total, s);
    let _ = writeln!(o, "| {} | {completeness} |", s.get("report.completeness"));
    if let Some(target) = data.target {
        let _ = writeln!(o, "| {} | {target} |", s.get("report.target"));
    }
    for (label, value) in &data.profile {
        let _ = writeln!(o, "| {} | {} |", cell(label), cell(value));
    }
    let _ = writeln!(o);
    for line in data.caveats(s) {
        let _ = writeln!(o, "{line}\n");
    }

    let _ = writeln!(o, "## {}\n", s.get("report.levels_heading"));
    let _ = writeln!(
        o,
        "| {} | | {} | 0 ……… {} | {} |\n|---|---|---:|---|---|",
        s.get("report.level_col"),
        s.get("report.score_col"),
        pieces::threshold_label(),
        s.get("report.status_col")
    );
    for l in &data.levels {
        let status = s.get(l.status().key());
        let _ = writeln!(
            o,
            "| {} | {} | {} | `{}` | {status} |",
            l.level,
            l.name,
            figures::score(&l.score),
            pieces::level_bar(&l.score, REPORT)
        );
    }
    let _ = writeln!(o, "\n{}\n", s.get("report.levels_note"));

    let _ = writeln!(o, "## {}\n", s.get("report.subdomains_heading"));
    let _ = writeln!(
        o,
        "| {} | {} | {} | L1 | L2 | L3 | L4 | L5 | {} | 0 … 5 |\n|---|---|---|---:|---:|---:|---:|---:|---:|---|",
        s.get("report.col.element"),
        s.get("report.col.domain"),
        s.get("report.subdomain_col"),
        s.get("report.overall_col")
    );
    for row in &data.subdomains {
        if !row.applicable {
            let _ = writeln!(
                o,
                "| {} | {} | {} | | | | | | {} | |",
                row.element,
                row.domain,
                row.name,
                s.get("report.not_applicable")
            );
            continue;
        }
        let levels = pieces::level_cells(&row.levels, pieces::NO_SCORE);
        let overall = row.overall.unwrap_or_default();
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | `{}` |",
            row.element,
            row.domain,
            row.name,
            levels.join(" | "),
            figures::score(&overall),
            pieces::overall_bar(&overall, REPORT)
        );
    }
    let _ = writeln!(o, "\n{}\n", s.get("report.subdomains_note"));

    let _ = writeln!(o, "## {}\n", s.get("report.findings_heading"));
    let _ = writeln!(o, "{}\n", pieces::findings_counts(&data.findings, s));
    for row in data.subdomains.iter().filter(|r| r.applicable) {
        if row.strengths.is_empty() && row.weaknesses.is_empty() {
            continue;
        }
        let _ = writeln!(o, "### {}\n", row.name);
        for (heading, items) in [
            ("report.strengths", &row.strengths),
            ("report.weaknesses", &row.weaknesses),
        ] {
            let _ = writeln!(o, "**{}**\n", s.get(heading));
            if items.is_empty() {
                let _ = writeln!(o, "- {}", s.get("report.none"));
            }
            for item in items {
                let _ = writeln!(
                    o,
                    "- `{}` {} {}",
                    item.id,
                    rating_tag(item, s),
                    cell(&item.text)
                );
                if let Some(note) = &item.note {
                    let _ = writeln!(o, "  - {}: {}", s.get("report.note"), cell(note));
                }
            }
            let _ = writeln!(o);
        }
    }

    if data.roadmaps.is_empty() {
        let _ = writeln!(o, "{}\n", s.get("report.top_level"));
    }
    for roadmap in &data.roadmaps {
        roadmap_md(o, roadmap, s);
    }

    let _ = writeln!(o, "## {}\n", s.get("report.tailoring_heading"));
    let tailored: Vec<_> = data.subdomains.iter().filter(|r| !r.applicable).collect();
    if tailored.is_empty() {
        let _ = writeln!(o, "{}\n", s.get("report.tailoring_none"));
    } else {
        let _ = writeln!(
            o,
            "| {} | {} |\n|---|---|",
            s.get("report.subdomain_col"),
            s.get("report.reason_col")
        );
        for row in tailored {
            let _ = writeln!(
                o,
                "| {} | {} |",
                row.name,
                cell(row.tailoring_reason.as_deref().unwrap_or(""))
            );
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## {}\n", s.get("report.method_heading"));
    let _ = writeln!(o, "{}\n", s.get("report.method"));
    for line in &data.scale {
        let _ = writeln!(o, "- {}", cell(line));
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "{}\n", s.get("report.wording"));
    let _ = writeln!(o, "> **{}**\n", s.get("report.disclaimer"));
    let _ = writeln!(o, "{}", pieces::generated(s));
    out
}

fn rating_tag(item: &Item, s: &Strings) -> String {
    format!("[{}]", pieces::rating_label(item, UNRATED, s))
}

fn roadmap_md(o: &mut String, roadmap: &Roadmap, s: &Strings) {
    let _ = writeln!(o, "## {}\n", roadmap.heading(s));
    let _ = writeln!(o, "{}\n", roadmap.intro(s));
    for line in roadmap.short_levels(s) {
        let _ = writeln!(o, "- {line}");
    }
    let _ = writeln!(
        o,
        "\n| {} | {} | {} | {} | {} |\n|---:|---|---|---|---|",
        s.get("report.lift_col"),
        s.get("report.rating_col"),
        s.get("report.col.id"),
        s.get("report.requirement_col"),
        s.get("report.evidence_col")
    );
    for item in roadmap.items.iter().take(ROADMAP_ROWS) {
        let _ = writeln!(
            o,
            "| +{:.3} | {} | `{}` | {} | {} |",
            item.lift,
            pieces::rating_label(item, UNRATED, s),
            item.id,
            cell(&item.text),
            cell(&item.evidence)
        );
    }
    if roadmap.items.len() > ROADMAP_ROWS {
        let more = (roadmap.items.len() - ROADMAP_ROWS).to_string();
        let _ = writeln!(o, "\n{}", s.fmt("report.roadmap_more", &[("count", &more)]));
    }
    let _ = writeln!(o);
}
