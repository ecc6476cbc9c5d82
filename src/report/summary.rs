//! What the terminal shows without the interactive program: the questionnaire listing
//! (`zizhen questionnaire show`) and the score summary (`zizhen score`). The summary lays out the
//! same [`ReportData`] as the reports, more tersely; the full text report is [`super::plain`].

use std::fmt::Write;

use super::data::{self, LevelStatus, ReportData};
use super::pieces::{self, TERMINAL};
use crate::figures;
use crate::i18n::Strings;
use crate::model::Answers;
use crate::model::questionnaire::{IndustryType, Questionnaire};
use crate::model::scoring::{threshold, to_f64};
use crate::width::{pad, width};

pub fn questionnaire(q: &Questionnaire, s: &Strings) -> String {
    let lang = s.lang();
    let mut out = String::new();
    let h = &q.header;
    let _ = writeln!(out, "{} ({} {})", h.title.get(lang), h.id, h.version);
    let _ = writeln!(out, "{}", h.standard);
    if let Some(w) = &h.wording {
        let _ = writeln!(out, "\n{}", w.get(lang));
    }
    let _ = writeln!(out, "\n{}", s.get("show.levels"));
    for l in &q.levels {
        let _ = writeln!(
            out,
            "  {} {}: {}",
            s.fmt("common.level_n", &[("n", &l.level.to_string())]),
            l.name.get(lang),
            l.description.get(lang)
        );
        if let Some(examples) = &l.examples {
            for (code, example) in [
                ("PI", &examples.pi),
                ("LI", &examples.li),
                ("FI", &examples.fi),
            ] {
                let _ = writeln!(out, "      {code} {}", example.get(lang));
            }
        }
    }
    let _ = writeln!(out, "\n{}", s.get("show.scale"));
    for step in &q.scale {
        let _ = writeln!(
            out,
            "  {} = {:<4} {} ({}): {}",
            step.rating,
            f64::from(step.value_milli) / 1000.0,
            step.name.get(lang),
            step.finding.get(lang),
            step.guidance.get(lang)
        );
    }
    let _ = writeln!(out, "\n{}", s.get("show.structure"));
    for (e, element) in q.elements.iter().enumerate() {
        let _ = writeln!(out, "\n{} [{}]", element.name.get(lang), element.key);
        for d in q.domains_of_element(e) {
            let domain = &q.domains[d];
            let _ = writeln!(out, "  {} [{}]", domain.name.get(lang), domain.key);
            for sub in q.subdomains_of_domain(d) {
                let subdomain = &q.subdomains[sub];
                let tailorable: Vec<String> = IndustryType::ALL
                    .into_iter()
                    .filter(|&t| subdomain.tailorable_for(t))
                    .map(|t| {
                        s.get(&format!("common.industry_type.{}", t.key()))
                            .to_string()
                    })
                    .collect();
                let tailor = if tailorable.is_empty() {
                    s.get("show.locked").to_string()
                } else {
                    s.fmt("show.tailorable", &[("types", &tailorable.join(", "))])
                };
                let _ = writeln!(
                    out,
                    "    {} [{}] · {} {} · {}",
                    subdomain.name.get(lang),
                    subdomain.key,
                    s.get("show.weight"),
                    to_f64(&subdomain.weight()),
                    tailor
                );
                for r in &q.requirements[q.subdomain_requirements(sub)] {
                    let _ = writeln!(out, "      {}  {}", r.id, r.text.get(lang));
                    if let Some(condition) = &r.condition {
                        let _ = writeln!(
                            out,
                            "      {}  {}{}",
                            " ".repeat(width(&r.id)),
                            s.get("common.condition"),
                            condition.get(lang)
                        );
                    }
                    if let Some(evidence) = &r.evidence {
                        let _ = writeln!(
                            out,
                            "      {}  {}{}",
                            " ".repeat(width(&r.id)),
                            s.get("common.evidence"),
                            evidence.get(lang)
                        );
                    }
                }
            }
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        s.fmt(
            "show.totals",
            &[
                ("elements", &q.elements.len().to_string()),
                ("domains", &q.domains.len().to_string()),
                ("subdomains", &q.subdomains.len().to_string()),
                ("requirements", &q.requirements.len().to_string()),
            ]
        )
    );
    out
}

pub fn score(q: &Questionnaire, answers: &Answers, s: &Strings) -> String {
    score_with(q, answers, s, &[])
}

/// [`score`] with more peer context (where X stands in a collection).
pub fn score_with(q: &Questionnaire, answers: &Answers, s: &Strings, more: &[String]) -> String {
    let mut data = data::build(q, answers, s);
    data.peers_more.extend(more.iter().cloned());
    let mut out = String::new();
    let _ = writeln!(out, "{}", s.get("score.title"));
    if let Some(name) = &answers.profile.name {
        let _ = writeln!(out, "{}{name}", s.get("score.enterprise"));
    }
    let _ = writeln!(
        out,
        "{}{}",
        s.get("score.questionnaire"),
        data.questionnaire
    );
    let _ = writeln!(
        out,
        "\n{}{}",
        s.get("score.level"),
        s.fmt(
            "score.level_value",
            &[("n", &data.level.to_string()), ("name", &data.level_name)]
        )
    );
    let _ = writeln!(out, "{}{}", s.get("score.overall"), figures::score(&data.x));
    let _ = writeln!(
        out,
        "{}{}",
        s.get("score.completeness"),
        completeness(&data, s)
    );
    if data.estimates > 0 {
        let count = data.estimates.to_string();
        let _ = writeln!(out, "{}", s.fmt("score.estimates", &[("count", &count)]));
    }
    let _ = writeln!(out, "{}", data.peers);
    for line in &data.peers_more {
        let _ = writeln!(out, "{line}");
    }
    levels(&mut out, &data, s);
    subdomains(&mut out, &data, s);
    let [ni, pi, li, _] = data.findings.map(|n| n.to_string());
    let _ = writeln!(
        out,
        "\n{}",
        s.fmt(
            "score.findings",
            &[
                ("weaknesses", &ni),
                ("improvements", &pi),
                ("conforming", &li)
            ]
        )
    );
    next_level(&mut out, &data, s);
    let _ = writeln!(out, "\n{}", s.get("certification.score_note"));
    out
}

fn completeness(data: &ReportData, s: &Strings) -> String {
    let rated = data.rated.to_string();
    let total = data.total.to_string();
    if data.unrated() == 0 {
        s.fmt("score.complete", &[("rated", &rated), ("total", &total)])
    } else {
        let unrated = data.unrated().to_string();
        s.fmt(
            "score.incomplete",
            &[("rated", &rated), ("total", &total), ("unrated", &unrated)],
        )
    }
}

fn levels(out: &mut String, data: &ReportData, s: &Strings) {
    let _ = writeln!(out, "\n{}", s.get("score.levels_heading"));
    for l in &data.levels {
        let status = if l.assessed {
            s.get(match l.status() {
                LevelStatus::Reached => "score.status.reached",
                LevelStatus::Counted => "score.status.counted",
                LevelStatus::NotCounted => "score.status.not_counted",
            })
        } else {
            s.get("score.status.not_assessed")
        };
        let _ = writeln!(
            out,
            "  {} {}  {}  {}  {status}",
            l.level,
            pad(&l.name, 12),
            figures::score(&l.score),
            pieces::level_bar(&l.score, TERMINAL)
        );
    }
}

fn subdomains(out: &mut String, data: &ReportData, s: &Strings) {
    let name_width = data
        .subdomains
        .iter()
        .map(|row| width(&row.name))
        .max()
        .unwrap_or(0)
        + 2;
    let _ = writeln!(
        out,
        "\n{}\n  {}  L1    L2    L3    L4    L5    {}",
        s.get("score.subdomains_heading"),
        pad("", name_width),
        s.get("score.overall_short")
    );
    for row in &data.subdomains {
        let name = pad(&row.name, name_width);
        if !row.applicable {
            let reason = row.tailoring_reason.as_deref().unwrap_or("");
            let _ = writeln!(
                out,
                "  {name}  {}",
                s.fmt("score.tailored", &[("reason", reason)])
            );
            continue;
        }
        let cells = pieces::level_cells(&row.levels, "  - ").join("  ");
        let overall = figures::score_or_dash(row.overall.as_ref());
        let _ = writeln!(out, "  {name}  {cells}  {overall}");
    }
}

/// What stands before the next level: how far X has to go, how far the level is from 0.8, and
/// the first actions (the sub-domains that need the fewest requirements).
fn next_level(out: &mut String, data: &ReportData, s: &Strings) {
    let Some(next) = &data.glance.next else {
        let _ = writeln!(out, "\n{}", s.get("score.top_level"));
        return;
    };
    let _ = writeln!(
        out,
        "\n{}",
        s.fmt(
            "score.next_heading",
            &[
                ("n", &next.level.to_string()),
                ("name", &next.name),
                ("needed", &figures::score(&next.x_needed)),
                ("shortfall", &figures::shortfall(&next.x_shortfall)),
            ]
        )
    );
    let _ = writeln!(
        out,
        "  {}",
        s.fmt(
            "score.short_level",
            &[
                ("n", &next.level.to_string()),
                ("score", &figures::score(&next.score)),
                (
                    "shortfall",
                    &figures::shortfall(&(threshold() - next.score))
                ),
            ]
        )
    );
    if next.actions.is_empty() {
        return;
    }
    let goal = data.roadmap.as_ref().map_or("", |r| r.goal.as_str());
    let _ = writeln!(out, "  {}", s.get("score.first_actions"));
    for (n, cell) in next.actions.iter().enumerate() {
        let _ = writeln!(out, "   {}. {}", n + 1, cell.heading(goal, s));
        for item in &cell.raise {
            let rating = item.rating.map_or("--", |r| r.code());
            let _ = writeln!(out, "      [{rating}] {:<18} {}", item.id, item.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::i18n::Lang;

    /// The summary shows the figures every report shows: level scores rounded down, so that 1/6
    /// reads 0.16 here as in the reports, never 0.17.
    #[test]
    fn the_summary_rounds_like_every_report() {
        let q = Questionnaire::embedded();
        let a = Answers::load(Path::new("examples/demo-autoparts.toml"), &q).unwrap();
        let s = Strings::load(Lang::En);
        let summary = score(&q, &a, &s);
        let report = data::build(&q, &a, &s);
        for row in report.subdomains.iter().filter(|r| r.applicable) {
            let line = summary
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("{}  ", row.name)))
                .unwrap_or_else(|| panic!("{} in the summary", row.name));
            let cells = pieces::level_cells(&row.levels, "  - ").join("  ");
            assert!(line.contains(&cells), "{line}");
        }
        let strategy = summary
            .lines()
            .find(|l| l.contains("Organisation strategy"))
            .unwrap();
        assert!(
            strategy.contains(" 0.16 ") && !strategy.contains("0.17"),
            "{strategy}"
        );
    }
}
