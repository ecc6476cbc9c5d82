//! Plain-text forms for the terminal: the questionnaire listing and the score summary.

use std::fmt::Write;

use crate::figures;
use crate::i18n::Strings;
use crate::model::gaps::{findings, gap_to};
use crate::model::questionnaire::{IndustryType, Questionnaire};
use crate::model::scoring::{Exact, Sheet, score_sheet, threshold, to_f64};
use crate::model::{Answers, Rating};
use crate::width::{pad, width};

/// How many gap requirements the text summary lists (JSON lists all).
const GAP_ROWS: usize = 10;

fn two(x: &Exact) -> String {
    figures::score(x)
}

/// A bar of `cells` cells for a 0..=1 score, with `|` where 0.8 falls.
fn bar(score: &Exact, cells: usize) -> String {
    let filled = figures::tenths_down(score, cells);
    let mark = figures::tenths_down(&threshold(), cells);
    (0..=cells)
        .map(|i| match i {
            i if i == mark => '|',
            i if i < filled || (i > mark && i <= filled) => '█',
            _ => '░',
        })
        .collect()
}

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
    let lang = s.lang();
    let sheet = Sheet::from_answers(q, answers);
    let scored = score_sheet(q, &sheet);
    let mut out = String::new();
    let _ = writeln!(out, "{}", s.get("score.title"));
    if let Some(name) = &answers.profile.name {
        let _ = writeln!(out, "{}{name}", s.get("score.enterprise"));
    }
    let _ = writeln!(
        out,
        "{}{} {}",
        s.get("score.questionnaire"),
        q.header.id,
        q.header.version
    );
    let level_name = if scored.level == 0 {
        s.get("score.below_level_1").to_string()
    } else {
        q.level(scored.level).name.get(lang).to_string()
    };
    let _ = writeln!(
        out,
        "\n{}{}",
        s.get("score.level"),
        s.fmt(
            "score.level_value",
            &[("n", &scored.level.to_string()), ("name", &level_name)]
        )
    );
    let _ = writeln!(out, "{}{}", s.get("score.overall"), two(&scored.overall));
    let c = scored.completeness;
    let completeness = if c.complete() {
        s.fmt(
            "score.complete",
            &[
                ("rated", &c.rated.to_string()),
                ("total", &c.total.to_string()),
            ],
        )
    } else {
        s.fmt(
            "score.incomplete",
            &[
                ("rated", &c.rated.to_string()),
                ("total", &c.total.to_string()),
                ("unrated", &c.unrated().to_string()),
            ],
        )
    };
    let _ = writeln!(out, "{}{completeness}", s.get("score.completeness"));
    if !answers.estimates.is_empty() {
        let count = answers.estimates.len().to_string();
        let _ = writeln!(out, "{}", s.fmt("score.estimates", &[("count", &count)]));
    }

    let _ = writeln!(out, "\n{}", s.get("score.levels_heading"));
    for l in &scored.levels {
        let status = match (l.reached, l.counted) {
            _ if !l.assessed => s.get("score.status.not_assessed"),
            (true, _) => s.get("score.status.reached"),
            (false, true) => s.get("score.status.counted"),
            (false, false) => s.get("score.status.not_counted"),
        };
        let name = q.level(l.level).name.get(lang);
        let _ = writeln!(
            out,
            "  {} {}  {}  {}  {status}",
            l.level,
            pad(name, 12),
            two(&l.score),
            bar(&l.score, 10)
        );
    }

    let name_width = q
        .subdomains
        .iter()
        .map(|sub| width(sub.name.get(lang)))
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
    for (i, node) in scored.subdomains.iter().enumerate() {
        let name = pad(q.subdomains[i].name.get(lang), name_width);
        if !node.applicable {
            let reason = answers
                .tailoring
                .get(&node.key)
                .map(String::as_str)
                .unwrap_or("");
            let _ = writeln!(
                out,
                "  {name}  {}",
                s.fmt("score.tailored", &[("reason", reason)])
            );
            continue;
        }
        let cells: Vec<String> = node
            .levels
            .iter()
            .map(|l| {
                l.as_ref()
                    .map_or("  -  ".to_string(), |x| format!("{:.2} ", to_f64(x)))
            })
            .collect();
        let overall = node.overall.as_ref().map_or(String::from("-"), two);
        let _ = writeln!(out, "  {name}  {} {overall}", cells.join(" "));
    }

    let f = findings(q, &sheet);
    let count = |pick: fn(&crate::model::gaps::LevelFindings) -> usize| -> usize {
        f.iter().map(pick).sum()
    };
    let _ = writeln!(
        out,
        "\n{}",
        s.fmt(
            "score.findings",
            &[
                ("weaknesses", &count(|l| l.weaknesses.len()).to_string()),
                ("improvements", &count(|l| l.improvements.len()).to_string()),
                ("conforming", &count(|l| l.conforming.len()).to_string()),
            ]
        )
    );

    match gap_to(q, &sheet, &scored, scored.level + 1) {
        None => {
            let _ = writeln!(out, "\n{}", s.get("score.top_level"));
        }
        Some(gap) => {
            let target_name = q.level(gap.target).name.get(lang);
            let _ = writeln!(
                out,
                "\n{}",
                s.fmt(
                    "score.next_heading",
                    &[
                        ("n", &gap.target.to_string()),
                        ("name", target_name),
                        ("needed", &two(&gap.x_needed)),
                        ("shortfall", &figures::shortfall(&gap.x_shortfall)),
                    ]
                )
            );
            for short in &gap.short_levels {
                let _ = writeln!(
                    out,
                    "  {}",
                    s.fmt(
                        "score.short_level",
                        &[
                            ("n", &short.level.to_string()),
                            ("score", &two(&short.score)),
                            ("shortfall", &figures::shortfall(&short.shortfall)),
                        ]
                    )
                );
            }
            let _ = writeln!(out, "  {}", s.get("score.top_lifts"));
            for item in gap.items.iter().take(GAP_ROWS) {
                let r = &q.requirements[item.requirement];
                let rating = item.rating.map_or("--", Rating::code);
                let _ = writeln!(
                    out,
                    "   +{:.3}  {:<20} [{rating}] {}",
                    to_f64(&item.lift),
                    r.id,
                    r.text.get(lang)
                );
            }
            if gap.items.len() > GAP_ROWS {
                let _ = writeln!(
                    out,
                    "  {}",
                    s.fmt(
                        "score.more_items",
                        &[("count", &(gap.items.len() - GAP_ROWS).to_string())]
                    )
                );
            }
        }
    }
    out
}
