//! The report as Markdown: renders on any forge, pastes into a mail or a wiki.

use std::fmt::Write;

use super::data::{CellPlan, Item, ReportData, Roadmap};
use super::pieces::{self, REPORT};
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

    glance(o, data, s);

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

    if let Some(roadmap) = &data.roadmap {
        roadmap_md(o, roadmap, s);
    }
    unrated(o, data, s);

    let _ = writeln!(o, "## {}\n", s.get("report.findings_heading"));
    let _ = writeln!(o, "{}\n", pieces::findings_counts(&data.findings, s));
    let _ = writeln!(o, "{}\n", pieces::findings_intro(data, s));
    for row in data.subdomains.iter().filter(|r| r.applicable) {
        if row.strengths.is_empty() && row.weaknesses.is_empty() {
            continue;
        }
        let _ = writeln!(o, "### {}\n", row.name);
        for (heading, items) in [
            (s.get("report.strengths").to_string(), &row.strengths),
            (pieces::weaknesses_label(data, s), &row.weaknesses),
        ] {
            let _ = writeln!(o, "**{heading}**\n");
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

    if let Some(line) = pieces::above_horizon(data, s) {
        let _ = writeln!(o, "{line}\n");
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

    super::certification::markdown_section(o, &data.certification, s);

    let _ = writeln!(o, "## {}\n", s.get("report.method_heading"));
    let _ = writeln!(o, "{}\n", s.get("report.method"));
    for line in &data.scale {
        let _ = writeln!(o, "- {}", cell(line));
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "{}\n", s.get("report.wording"));
    let _ = writeln!(o, "> **{}**\n", s.get("report.disclaimer"));
    let _ = writeln!(o, "{}\n", super::peers::source(s));
    let _ = writeln!(o, "{}", pieces::generated(s));
    out
}

fn rating_tag(item: &Item, s: &Strings) -> String {
    format!("[{}]", pieces::rating_label(item, UNRATED, s))
}

/// The first page: the level, what it means, the next level and the first actions.
fn glance(o: &mut String, data: &ReportData, s: &Strings) {
    let _ = writeln!(o, "## {}\n", s.get("report.glance_heading"));
    let _ = writeln!(o, "**{}**\n", cell(&pieces::glance_level(data, s)));
    let _ = writeln!(o, "{}\n", cell(&data.glance.meaning));
    let _ = writeln!(o, "{}\n", cell(&data.peers));
    for line in &data.peers_more {
        let _ = writeln!(o, "{}\n", cell(line));
    }
    let Some(next) = &data.glance.next else {
        let _ = writeln!(o, "{}\n", s.get("report.top_level"));
        return;
    };
    let _ = writeln!(o, "**{}**\n", cell(&pieces::next_value(next, s)));
    let _ = writeln!(o, "{}\n", next.how_far(s));
    if let Some(target) = pieces::glance_target(data, s) {
        let _ = writeln!(o, "{target}\n");
    }
    if !next.actions.is_empty() {
        let _ = writeln!(o, "{}\n", next.actions_intro(s));
        let goal = data.roadmap.as_ref().map_or("", |r| r.goal.as_str());
        for (n, action) in next.actions.iter().enumerate() {
            let colon = pieces::colon(data.lang, !action.raise.is_empty());
            let _ = writeln!(
                o,
                "{}. **{}**{colon}",
                n + 1,
                cell(&action.heading(goal, s))
            );
            for item in &action.raise {
                let _ = writeln!(o, "   - {}", item_md(item, s));
            }
            if let Some(note) = action.unrated_note(s) {
                let _ = writeln!(o, "   - {note}");
            }
        }
        let _ = writeln!(o);
        if let Some(after) = next.actions_after(s) {
            let _ = writeln!(o, "{after}\n");
        }
    }
    let reach = data
        .roadmap
        .as_ref()
        .and_then(|r| r.levels.first())
        .and_then(|l| l.reach(s));
    if let Some(reach) = reach {
        let _ = writeln!(o, "{reach}\n");
    }
    for line in data.glance_caveats(s) {
        let _ = writeln!(o, "{line}\n");
    }
}

/// "`planning.2.1` [NI] The master production schedule …".
fn item_md(item: &Item, s: &Strings) -> String {
    format!("`{}` {} {}", item.id, rating_tag(item, s), cell(&item.text))
}

fn cell_md(o: &mut String, rank: usize, plan: &CellPlan, goal: &str, s: &Strings) {
    let _ = writeln!(o, "#### {rank}. {}\n", cell(&plan.heading(goal, s)));
    for item in &plan.raise {
        let _ = writeln!(o, "- {}", item_md(item, s));
        if !item.evidence.is_empty() {
            let evidence = pieces::labelled(s.get("report.evidence_col"), &item.evidence, s.lang());
            let _ = writeln!(o, "  - {}", cell(&evidence));
        }
        if let Some(peers) = super::peers::practice_note(s, &item.id) {
            let _ = writeln!(o, "  - {}", cell(&peers));
        }
    }
    if let Some(note) = plan.unrated_note(s) {
        let _ = writeln!(o, "- {note}");
    }
    if !plan.other.is_empty() {
        let _ = writeln!(o, "\n{}\n", s.fmt("report.also_below", &[("goal", goal)]));
        for item in &plan.other {
            let _ = writeln!(o, "- {}", item_md(item, s));
        }
    }
    let _ = writeln!(o);
}

fn roadmap_md(o: &mut String, roadmap: &Roadmap, s: &Strings) {
    let _ = writeln!(o, "## {}\n", roadmap.heading(s));
    let _ = writeln!(o, "{}\n", roadmap.intro(s));
    let mut rank = 0;
    for level in &roadmap.levels {
        let _ = writeln!(o, "### {}\n", level.intro(s));
        if let Some(reach) = level.reach(s) {
            let _ = writeln!(o, "{reach}\n");
        }
        for plan in &level.cells {
            rank += 1;
            cell_md(o, rank, plan, &roadmap.goal, s);
        }
    }
}

/// Requirements not rated yet: not gaps, listed apart.
fn unrated(o: &mut String, data: &ReportData, s: &Strings) {
    let Some(note) = data.unrated_note(s) else {
        return;
    };
    let _ = writeln!(o, "## {}\n", s.get("report.unrated_heading"));
    let _ = writeln!(o, "{note}\n");
    for (_, item) in &data.unrated_items {
        let _ = writeln!(o, "- `{}` {}", item.id, cell(&item.text));
    }
    let _ = writeln!(o);
}
