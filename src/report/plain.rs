//! The report as plain text (UTF-8): for a terminal, a mail body, a printer with no fonts.

use std::fmt::Write;

use super::data::{CellPlan, Item, ReportData, Roadmap};
use super::pieces::{self, REPORT};
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
    glance(o, data, s);
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

    if let Some(roadmap) = &data.roadmap {
        roadmap_text(o, roadmap, s);
    }
    unrated(o, data, s);

    heading(o, s.get("report.findings_heading"));
    let _ = writeln!(o, "{}", pieces::findings_counts(&data.findings, s));
    let _ = writeln!(o, "{}", pieces::findings_intro(data, s));
    for row in data.subdomains.iter().filter(|r| r.applicable) {
        if row.strengths.is_empty() && row.weaknesses.is_empty() {
            continue;
        }
        let _ = writeln!(o, "\n{}", row.name);
        for (label, items) in [
            (s.get("report.strengths").to_string(), &row.strengths),
            (pieces::weaknesses_label(data, s), &row.weaknesses),
        ] {
            let _ = writeln!(o, "  {label}");
            if items.is_empty() {
                let _ = writeln!(o, "    {}", s.get("report.none"));
            }
            for item in items {
                let rating = pieces::rating_label(item, "--", s);
                let _ = writeln!(o, "    [{rating}] {} {}", item.id, item.text);
            }
        }
    }

    if let Some(line) = pieces::above_horizon(data, s) {
        let _ = writeln!(o, "\n{line}");
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

    super::certification::plain_section(o, &data.certification, s);

    heading(o, s.get("report.method_heading"));
    let _ = writeln!(o, "{}\n", s.get("report.method"));
    for line in &data.scale {
        let _ = writeln!(o, "  {line}");
    }
    let _ = writeln!(
        o,
        "\n{}\n\n{}\n\n{}\n",
        s.get("report.wording"),
        s.get("report.disclaimer"),
        super::peers::source(s)
    );
    let _ = writeln!(o, "{}", pieces::generated(s));
    out
}

/// The first page: the level, what it means, the next level and the first actions.
fn glance(o: &mut String, data: &ReportData, s: &Strings) {
    heading(o, s.get("report.glance_heading"));
    let known: Vec<&str> = [data.enterprise.as_str(), data.date.as_str()]
        .into_iter()
        .filter(|v| *v != "—")
        .collect();
    if !known.is_empty() {
        let _ = writeln!(o, "{}\n", known.join(" · "));
    }
    let _ = writeln!(o, "{}", pieces::glance_level(data, s));
    let _ = writeln!(o, "{}", data.glance.meaning);
    let _ = writeln!(o, "{}", data.peers);
    for line in &data.peers_more {
        let _ = writeln!(o, "{line}");
    }
    let Some(next) = &data.glance.next else {
        let _ = writeln!(o, "\n{}", s.get("report.top_level"));
        return;
    };
    let _ = writeln!(o, "\n{}", pieces::next_value(next, s));
    let _ = writeln!(o, "{}", next.how_far(s));
    if let Some(target) = pieces::glance_target(data, s) {
        let _ = writeln!(o, "{target}");
    }
    if !next.actions.is_empty() {
        let _ = writeln!(o, "\n{}\n", next.actions_intro(s));
        let goal = data.roadmap.as_ref().map_or("", |r| r.goal.as_str());
        for (n, cell) in next.actions.iter().enumerate() {
            let colon = pieces::colon(data.lang, !cell.raise.is_empty());
            let _ = writeln!(o, "{}. {}{colon}", n + 1, cell.heading(goal, s));
            for item in &cell.raise {
                let _ = writeln!(o, "   {}", item_line(item, s));
            }
            if let Some(note) = cell.unrated_note(s) {
                let _ = writeln!(o, "   {note}");
            }
        }
        if let Some(after) = next.actions_after(s) {
            let _ = writeln!(o, "\n{after}");
        }
    }
    let reach = data
        .roadmap
        .as_ref()
        .and_then(|r| r.levels.first())
        .and_then(|l| l.reach(s));
    if let Some(reach) = reach {
        let _ = writeln!(o, "{reach}");
    }
    let caveats = data.glance_caveats(s);
    if !caveats.is_empty() {
        let _ = writeln!(o);
    }
    for line in caveats {
        let _ = writeln!(o, "{line}");
    }
}

/// "[NI] planning.2.1  The master production schedule …".
fn item_line(item: &Item, s: &Strings) -> String {
    let rating = pieces::rating_label(item, "--", s);
    format!("[{rating}] {}  {}", item.id, item.text)
}

fn cell_text(o: &mut String, rank: usize, cell: &CellPlan, goal: &str, s: &Strings) {
    let _ = writeln!(o, "\n{rank}. {}", cell.heading(goal, s));
    for item in &cell.raise {
        let _ = writeln!(o, "   {}", item_line(item, s));
        if !item.evidence.is_empty() {
            let evidence = pieces::labelled(s.get("report.evidence_col"), &item.evidence, s.lang());
            let _ = writeln!(o, "        {evidence}");
        }
        if let Some(peers) = super::peers::practice_note(s, &item.id) {
            let _ = writeln!(o, "        {peers}");
        }
    }
    if let Some(note) = cell.unrated_note(s) {
        let _ = writeln!(o, "   {note}");
    }
    if !cell.other.is_empty() {
        let _ = writeln!(o, "   {}", s.fmt("report.also_below", &[("goal", goal)]));
        for item in &cell.other {
            let _ = writeln!(o, "   {}", item_line(item, s));
        }
    }
}

fn roadmap_text(o: &mut String, roadmap: &Roadmap, s: &Strings) {
    heading(o, &roadmap.heading(s));
    let _ = writeln!(o, "{}", roadmap.intro(s));
    let mut rank = 0;
    for level in &roadmap.levels {
        let _ = writeln!(o, "\n{}", level.intro(s));
        if let Some(reach) = level.reach(s) {
            let _ = writeln!(o, "{reach}");
        }
        for cell in &level.cells {
            rank += 1;
            cell_text(o, rank, cell, &roadmap.goal, s);
        }
    }
}

/// Requirements not rated yet: not gaps, listed apart.
fn unrated(o: &mut String, data: &ReportData, s: &Strings) {
    let Some(note) = data.unrated_note(s) else {
        return;
    };
    heading(o, s.get("report.unrated_heading"));
    let _ = writeln!(o, "{note}");
    for (_, item) in &data.unrated_items {
        let _ = writeln!(o, "  {}  {}", item.id, item.text);
    }
}
