//! The report as plain text (UTF-8): for a terminal, a mail body, a printer with no fonts.

use std::fmt::Write;

use super::data::{ReportData, Roadmap};
use super::pieces::{self, REPORT, ROADMAP_ROWS};
use crate::figures;
use crate::i18n::Strings;
use crate::width::{pad, width};

fn heading(o: &mut String, text: &str) {
    let _ = writeln!(o, "\n{text}\n{}", "=".repeat(width(text)));
}

pub fn render(data: &ReportData, s: &Strings) -> String {
    let mut out = String::new();
    let o = &mut out;
    let title = s.get("report.title");
    let _ = writeln!(o, "{title}\n{}", "#".repeat(width(title)));
    let facts: Vec<(String, String)> = [
        (
            s.get("report.enterprise").to_string(),
            data.enterprise.clone(),
        ),
        (s.get("report.date").to_string(), data.date.clone()),
        (
            s.get("report.questionnaire").to_string(),
            data.questionnaire.clone(),
        ),
        (
            s.get("report.level").to_string(),
            pieces::level_value(s, data.level, &data.level_name),
        ),
        (s.get("report.x").to_string(), figures::score(&data.x)),
        (
            s.get("report.completeness").to_string(),
            pieces::completeness(data.rated, data.total, s),
        ),
    ]
    .into_iter()
    .chain(
        data.target
            .map(|t| (s.get("report.target").to_string(), t.to_string())),
    )
    .chain(data.profile.iter().cloned())
    .collect();
    let label_width = facts.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    heading(o, s.get("report.summary"));
    for (label, value) in &facts {
        let _ = writeln!(o, "{}  {value}", pad(label, label_width));
    }
    for line in data.caveats(s) {
        let _ = writeln!(o, "{line}");
    }

    heading(o, s.get("report.levels_heading"));
    let name_width = data
        .levels
        .iter()
        .map(|l| width(&l.name))
        .max()
        .unwrap_or(0);
    for l in &data.levels {
        let status = s.get(l.status().key());
        let _ = writeln!(
            o,
            "{} {}  {}  {}  {status}",
            l.level,
            pad(&l.name, name_width),
            figures::score(&l.score),
            pieces::level_bar(&l.score, REPORT)
        );
    }
    let _ = writeln!(o, "{}", s.get("report.levels_note"));

    heading(o, s.get("report.subdomains_heading"));
    let sub_width = data
        .subdomains
        .iter()
        .map(|r| width(&r.name))
        .max()
        .unwrap_or(0);
    let _ = writeln!(
        o,
        "{}  L1    L2    L3    L4    L5    {}",
        pad("", sub_width),
        s.get("report.overall_col")
    );
    for row in &data.subdomains {
        let name = pad(&row.name, sub_width);
        if !row.applicable {
            let _ = writeln!(o, "{name}  {}", s.get("report.not_applicable"));
            continue;
        }
        let levels = pieces::level_cells(&row.levels, &format!("  {}  ", pieces::NO_SCORE));
        let overall = row.overall.unwrap_or_default();
        let _ = writeln!(
            o,
            "{name}  {}  {}  {}",
            levels.join(" "),
            figures::score(&overall),
            pieces::overall_bar(&overall, REPORT)
        );
    }
    let _ = writeln!(o, "{}", s.get("report.subdomains_note"));

    heading(o, s.get("report.findings_heading"));
    let _ = writeln!(o, "{}", pieces::findings_counts(&data.findings, s));
    for row in data.subdomains.iter().filter(|r| r.applicable) {
        if row.strengths.is_empty() && row.weaknesses.is_empty() {
            continue;
        }
        let _ = writeln!(o, "\n{}", row.name);
        for (label, items) in [
            ("report.strengths", &row.strengths),
            ("report.weaknesses", &row.weaknesses),
        ] {
            let _ = writeln!(o, "  {}", s.get(label));
            if items.is_empty() {
                let _ = writeln!(o, "    {}", s.get("report.none"));
            }
            for item in items {
                let rating = pieces::rating_label(item, "--", s);
                let _ = writeln!(o, "    [{rating}] {} {}", item.id, item.text);
            }
        }
    }

    if data.roadmaps.is_empty() {
        let _ = writeln!(o, "\n{}", s.get("report.top_level"));
    }
    for roadmap in &data.roadmaps {
        roadmap_text(o, roadmap, s);
    }

    heading(o, s.get("report.tailoring_heading"));
    let tailored: Vec<_> = data.subdomains.iter().filter(|r| !r.applicable).collect();
    if tailored.is_empty() {
        let _ = writeln!(o, "{}", s.get("report.tailoring_none"));
    }
    for row in tailored {
        let _ = writeln!(
            o,
            "{}: {}",
            row.name,
            row.tailoring_reason.as_deref().unwrap_or("")
        );
    }

    heading(o, s.get("report.method_heading"));
    let _ = writeln!(o, "{}\n", s.get("report.method"));
    for line in &data.scale {
        let _ = writeln!(o, "  {line}");
    }
    let _ = writeln!(
        o,
        "\n{}\n\n{}\n",
        s.get("report.wording"),
        s.get("report.disclaimer")
    );
    let _ = writeln!(o, "{}", pieces::generated(s));
    out
}

fn roadmap_text(o: &mut String, roadmap: &Roadmap, s: &Strings) {
    heading(o, &roadmap.heading(s));
    let _ = writeln!(o, "{}", roadmap.intro(s));
    for line in roadmap.short_levels(s) {
        let _ = writeln!(o, "  {line}");
    }
    let _ = writeln!(o);
    for item in roadmap.items.iter().take(ROADMAP_ROWS) {
        let rating = item.rating.map_or("--", |r| r.code());
        let _ = writeln!(
            o,
            "+{:.3}  [{rating}] {}  {}",
            item.lift, item.id, item.text
        );
        if !item.evidence.is_empty() {
            let _ = writeln!(
                o,
                "        {}: {}",
                s.get("report.evidence_col"),
                item.evidence
            );
        }
    }
    if roadmap.items.len() > ROADMAP_ROWS {
        let more = (roadmap.items.len() - ROADMAP_ROWS).to_string();
        let _ = writeln!(o, "{}", s.fmt("report.roadmap_more", &[("count", &more)]));
    }
}
