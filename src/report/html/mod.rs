//! The HTML report: one self-contained HTML5 document a manager can open on an air-gapped PC,
//! print on A4 and forward. The style sheet is inline ([`STYLE`]), the charts are inline SVG
//! ([`charts`]), and there is no script and no external resource. It only lays out
//! [`ReportData`]; it never scores. Every piece is [`Html`], so text is escaped by construction
//! ([`markup`]).

pub mod certification;
mod charts;
pub mod compare;
pub mod markup;

use markup::{Html, html};

use super::data::{CellPlan, Item, LevelStatus, ReportData, Roadmap, SubdomainRow};
use super::pieces;
use crate::figures;
use crate::i18n::Strings;
use crate::model::Rating;
use crate::model::scoring::to_f64;

/// The page's style sheet: screen and A4 print.
const STYLE: &str = include_str!("style.css");

pub fn render(data: &ReportData, s: &Strings) -> String {
    html![
        "<!doctype html>\n<html lang=\"" (data.lang.tag()) "\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>" (data.enterprise) " · " (s.get("report.title")) "</title>\n<style>\n"
        (Html::literal(STYLE)) "</style>\n</head>\n<body>\n<main>\n"
        (header(data, s))
        (glance(data, s))
        (summary(data, s))
        (levels(data, s))
        (subdomains(data, s))
        (roadmap_section(data, s))
        (unrated(data, s))
        (findings(data, s))
        (tailoring(data, s))
        (certification::section(&data.certification, s))
        (method(data, s))
        "</main>\n</body>\n</html>\n"
    ]
    .into_string()
}

fn level_n(s: &Strings, level: u8) -> String {
    s.fmt("common.level_n", &[("n", &level.to_string())])
}

fn rating_tag(rating: Option<Rating>) -> Html {
    match rating {
        Some(r) => html![
            "<span class=\"tag " (r.code().to_ascii_lowercase()) "\">" (r.code()) "</span>"
        ],
        None => html!["—"],
    }
}

fn estimate_mark(item: &Item, s: &Strings) -> Html {
    if item.estimate {
        html!["<span class=\"est\">" (s.get("report.estimate_mark")) "</span>"]
    } else {
        Html::new()
    }
}

fn header(data: &ReportData, s: &Strings) -> Html {
    html![
        "<header class=\"head\">\n<h1>" (s.get("report.title")) "</h1>\n<dl class=\"meta\">\n\
         <div class=\"org\"><dt>" (s.get("report.enterprise")) "</dt><dd>" (data.enterprise) "</dd></div>\n\
         <div><dt>" (s.get("report.date")) "</dt><dd>" (data.date) "</dd></div>\n\
         <div><dt>" (s.get("report.questionnaire")) "</dt><dd>" (data.questionnaire) "</dd></div>\n</dl>\n</header>\n"
    ]
}

/// The result's cards: the level (what it means, the target), X on its scale, completeness.
fn cards(data: &ReportData, s: &Strings) -> Html {
    let target = match data.target {
        Some(t) => {
            let name = data
                .levels
                .iter()
                .find(|l| l.level == t)
                .map_or("", |l| l.name.as_str());
            html![
                "<div class=\"sub\"><span class=\"lbl\">" (s.get("report.target")) "</span>"
                (pieces::level_value(s, t, name)) "</div>"
            ]
        }
        None => Html::new(),
    };
    let share = if data.total == 0 {
        0.0
    } else {
        data.rated as f64 / data.total as f64
    };
    html![
        "<div class=\"cards\">\n"
        "<div class=\"card primary\"><div class=\"lbl\">" (s.get("report.level")) "</div><div class=\"big\">"
        (pieces::level_value(s, data.level, &data.level_name)) "</div>"
        "<p class=\"meaning\">" (data.glance.meaning) "</p>" target
        "<p class=\"peers\">" (data.peers) "</p>"
        (data.peers_more.iter().map(|line| html!["<p class=\"peers\">" line "</p>"]).collect::<Html>())
        "</div>\n"
        // X on its 0–5 scale, with the level boundaries marked.
        "<div class=\"card\"><div class=\"lbl\">" (s.get("report.x")) "</div><div class=\"big\">"
        (figures::score(&data.x)) "</div>"
        (charts::meter(to_f64(&data.x) / 5.0, &charts::level_boundaries())) "</div>\n"
        "<div class=\"card\"><div class=\"lbl\">" (s.get("report.completeness")) "</div><div class=\"mid\">"
        (pieces::completeness(data.rated, data.total, s)) "</div>" (charts::meter(share, &[]))
        "</div>\n</div>\n"
    ]
}

/// The enterprise's profile and what the reader must know about the answers.
fn summary(data: &ReportData, s: &Strings) -> Html {
    let caveats: Html = data
        .caveats(s)
        .iter()
        .map(|line| html!["<p class=\"note\">" line "</p>\n"])
        .collect();
    html![
        "<section class=\"summary\">\n<h2>" (s.get("report.summary")) "</h2>\n"
        caveats
        (profile_facts(&data.profile))
        "</section>\n"
    ]
}

/// The profile, two facts a row.
fn profile_facts(profile: &[(String, String)]) -> Html {
    if profile.is_empty() {
        return Html::new();
    }
    let rows: Html = profile
        .chunks(2)
        .map(|pair| {
            let cells: Html = pair
                .iter()
                .enumerate()
                .map(|(i, (label, value))| {
                    let span = if pair.len() == 1 && i == 0 {
                        html![" colspan=\"3\""]
                    } else {
                        Html::new()
                    };
                    html!["<th>" label "</th><td" span ">" value "</td>"]
                })
                .collect();
            html!["<tr>" cells "</tr>\n"]
        })
        .collect();
    html!["<table class=\"facts\">\n<tbody>\n" rows "</tbody>\n</table>\n"]
}

fn levels(data: &ReportData, s: &Strings) -> Html {
    let legend: Html = LevelStatus::ALL
        .iter()
        .map(|&status| {
            html!["<li>" (charts::swatch(charts::status_fill(status))) (s.get(status.key())) "</li>"]
        })
        .collect();
    let rows: Html = data
        .levels
        .iter()
        .map(|row| {
            let status = row.status();
            html![
                "<tr><td>" (pieces::level_value(s, row.level, &row.name)) "</td><td class=\"num\">"
                (figures::score(&row.score)) "</td><td><span class=\"status\">"
                (charts::swatch(charts::status_fill(status))) (s.get(status.key()))
                "</span></td></tr>\n"
            ]
        })
        .collect();
    html![
        "<section class=\"levels\">\n<h2>" (s.get("report.levels_heading"))
        "</h2>\n<div class=\"chart bars\">\n" (charts::levels(&data.levels, s)) "\n</div>\n"
        "<ul class=\"legend\">" legend
        "<li>" (charts::threshold_swatch()) (pieces::threshold_label()) "</li></ul>\n"
        "<table class=\"levels-table\">\n<thead><tr><th>" (s.get("report.level_col"))
        "</th><th class=\"num\">" (s.get("report.score_col")) "</th><th>" (s.get("report.status_col"))
        "</th></tr></thead>\n<tbody>\n"
        rows
        "</tbody>\n</table>\n<p class=\"note\">" (s.get("report.levels_note")) "</p>\n</section>\n"
    ]
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

fn subdomains(data: &ReportData, s: &Strings) -> Html {
    let rows = &data.subdomains;
    let level_heads: Html = (1..=5)
        .map(|level| html!["<th class=\"num\">" (level_n(s, level)) "</th>"])
        .collect();
    let body: Html = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut tr = if row.applicable {
                html!["<tr>"]
            } else {
                html!["<tr class=\"na\">"]
            };
            if i == 0 || rows[i - 1].element != row.element {
                let span = run_len(rows, i, |r| r.element.clone());
                tr.push(&html!["<td rowspan=\"" span "\">" (row.element) "</td>"]);
            }
            if i == 0 || rows[i - 1].domain != row.domain || rows[i - 1].element != row.element {
                let span = run_len(rows, i, |r| (r.element.clone(), r.domain.clone()));
                tr.push(&html!["<td rowspan=\"" span "\">" (row.domain) "</td>"]);
            }
            tr.push(&html!["<td>" (row.name) "</td>"]);
            if row.applicable {
                for cell in pieces::level_cells(&row.levels, pieces::NO_SCORE) {
                    tr.push(&html!["<td class=\"num\">" cell "</td>"]);
                }
                tr.push(&html![
                    "<td class=\"num\"><strong>" (pieces::score_or_none(row.overall.as_ref()))
                    "</strong></td></tr>\n"
                ]);
            } else {
                tr.push(&html![
                    "<td colspan=\"6\" class=\"na-cell\">" (s.get("report.not_applicable"))
                    "</td></tr>\n"
                ]);
            }
            tr
        })
        .collect();
    html![
        "<section class=\"subdomains\">\n<h2>" (s.get("report.subdomains_heading"))
        "</h2>\n<div class=\"chart radar\">\n" (charts::radar(rows, s)) "\n</div>\n"
        "<table class=\"sd-table\">\n<thead><tr><th class=\"cap\">" (s.get("report.col.element"))
        "</th><th class=\"cap\">" (s.get("report.col.domain")) "</th><th>" (s.get("report.subdomain_col"))
        "</th>" level_heads "<th class=\"num\">" (s.get("report.overall_col"))
        "</th></tr></thead>\n<tbody>\n"
        body
        "</tbody>\n</table>\n<p class=\"note\">" (s.get("report.subdomains_note"))
        "</p>\n</section>\n"
    ]
}

/// Strengths and the weaknesses outside the roadmap, one table row a requirement.
fn findings(data: &ReportData, s: &Strings) -> Html {
    let rows: Html = data
        .subdomains
        .iter()
        .filter(|r| r.applicable && !(r.strengths.is_empty() && r.weaknesses.is_empty()))
        .map(|row| {
            let items: Html = row
                .strengths
                .iter()
                .chain(&row.weaknesses)
                .map(|item| {
                    let note = match &item.note {
                        Some(note) => html![
                            "<div class=\"rnote\"><span class=\"lbl\">" (s.get("report.note"))
                            "</span>" note "</div>"
                        ],
                        None => Html::new(),
                    };
                    html![
                        "<tr><td>" (rating_tag(item.rating)) "</td><td><span class=\"rid\">"
                        (item.id) "</span></td><td>" (item.text) (estimate_mark(item, s)) note
                        "</td></tr>\n"
                    ]
                })
                .collect();
            html![
                "<tr class=\"grp\"><th colspan=\"3\">" (row.name) "<span class=\"muted\">"
                (row.element) " · " (row.domain) "</span></th></tr>\n" items
            ]
        })
        .collect();
    html![
        "<section class=\"findings\">\n<h2>" (s.get("report.findings_heading")) "</h2>\n<p>"
        (pieces::findings_counts(&data.findings, s)) "</p>\n"
        (charts::findings_bar(&data.findings))
        "<p>" (pieces::findings_intro(data, s)) "</p>\n"
        "<table class=\"findings-table\">\n<thead><tr><th>" (s.get("report.rating_col")) "</th><th>"
        (s.get("report.col.id")) "</th><th>" (s.get("report.requirement_col"))
        "</th></tr></thead>\n<tbody>\n" rows
        "</tbody>\n</table>\n"
        (match pieces::above_horizon(data, s) {
            Some(line) => html!["<p class=\"note\">" line "</p>\n"],
            None => Html::new(),
        })
        "</section>\n"
    ]
}

/// The first page: the level, what it means, the next level and the first actions. Printed,
/// a page of its own.
fn glance(data: &ReportData, s: &Strings) -> Html {
    let level = cards(data, s);
    let caveats: Html = data
        .glance_caveats(s)
        .iter()
        .map(|line| html!["<p class=\"note\">" line "</p>\n"])
        .collect();
    let Some(next) = &data.glance.next else {
        return html![
            "<section class=\"glance\">\n<h2>" (s.get("report.glance_heading")) "</h2>\n"
            level "<p class=\"note top\">" (s.get("report.top_level")) "</p>\n" caveats
            "</section>\n"
        ];
    };
    let goal = data.roadmap.as_ref().map_or("", |r| r.goal.as_str());
    let actions = if next.actions.is_empty() {
        Html::new()
    } else {
        let list: Html = next
            .actions
            .iter()
            .map(|cell| {
                let items: Html = cell.raise.iter().map(|item| item_li(item, s)).collect();
                let unrated = match cell.unrated_note(s) {
                    Some(note) => html!["<li class=\"unrated\">" note "</li>\n"],
                    None => Html::new(),
                };
                html![
                    "<li><div class=\"act\">" (cell.heading(goal, s)) "</div>\n"
                    "<ul class=\"items\">\n" items unrated "</ul></li>\n"
                ]
            })
            .collect();
        html![
            "<p>" (next.actions_intro(s)) "</p>\n<ol class=\"actions\">\n" list "</ol>\n"
            (match next.actions_after(s) {
                Some(after) => html!["<p class=\"after\">" after "</p>\n"],
                None => Html::new(),
            })
        ]
    };
    let reach = match data
        .roadmap
        .as_ref()
        .and_then(|r| r.levels.first())
        .and_then(|l| l.reach(s))
    {
        Some(line) => html!["<p>" line "</p>\n"],
        None => Html::new(),
    };
    html![
        "<section class=\"glance\">\n<h2>" (s.get("report.glance_heading")) "</h2>\n"
        level
        "<div class=\"next\"><h3>" (pieces::next_value(next, s)) "</h3>\n<p>" (next.how_far(s))
        "</p>" (match pieces::glance_target(data, s) {
            Some(line) => html!["<p>" line "</p>"],
            None => Html::new(),
        }) "</div>\n"
        actions reach caveats
        "</section>\n"
    ]
}

/// A requirement as one list line: rating, id, text, estimate mark.
fn item_li(item: &Item, s: &Strings) -> Html {
    html![
        "<li>" (rating_tag(item.rating)) " <span class=\"rid\">" (item.id) "</span> "
        (item.text) (estimate_mark(item, s)) "</li>\n"
    ]
}

fn cell_plan(rank: usize, cell: &CellPlan, goal: &str, s: &Strings) -> Html {
    let raise: Html = cell
        .raise
        .iter()
        .map(|item| {
            let evidence = if item.evidence.is_empty() {
                Html::new()
            } else {
                html![
                    "<div class=\"rnote\"><span class=\"lbl\">" (s.get("report.evidence_col"))
                    "</span>" (item.evidence) "</div>"
                ]
            };
            let peers = match crate::report::peers::practice_note(s, &item.id) {
                Some(note) => html!["<div class=\"rnote national\">" note "</div>"],
                None => Html::new(),
            };
            html![
                "<li>" (rating_tag(item.rating)) " <span class=\"rid\">" (item.id) "</span> "
                (item.text) (estimate_mark(item, s)) evidence peers "</li>\n"
            ]
        })
        .collect();
    let unrated = match cell.unrated_note(s) {
        Some(note) => html!["<li class=\"unrated\">" note "</li>\n"],
        None => Html::new(),
    };
    let other = if cell.other.is_empty() {
        Html::new()
    } else {
        let items: Html = cell.other.iter().map(|item| item_li(item, s)).collect();
        html![
            "<p class=\"also\">" (s.fmt("report.also_below", &[("goal", goal)])) "</p>\n"
            "<ul class=\"items other\">\n" items "</ul>\n"
        ]
    };
    html![
        "<div class=\"cell\">\n<h4>" rank ". " (cell.heading(goal, s)) "</h4>\n"
        "<ul class=\"items\">\n" raise unrated "</ul>\n" other "</div>\n"
    ]
}

fn roadmap(map: &Roadmap, s: &Strings) -> Html {
    let mut rank = 0;
    let levels: Html = map
        .levels
        .iter()
        .map(|level| {
            let reach = match level.reach(s) {
                Some(line) => html!["<p>" line "</p>\n"],
                None => Html::new(),
            };
            let cells: Html = level
                .cells
                .iter()
                .map(|cell| {
                    rank += 1;
                    cell_plan(rank, cell, &map.goal, s)
                })
                .collect();
            html!["<h3>" (level.intro(s)) "</h3>\n" reach cells]
        })
        .collect();
    html![
        "<section class=\"roadmap\">\n<h2>" (map.heading(s)) "</h2>\n<p>" (map.intro(s)) "</p>\n"
        levels
        "</section>\n"
    ]
}

fn roadmap_section(data: &ReportData, s: &Strings) -> Html {
    match &data.roadmap {
        Some(map) => roadmap(map, s),
        None => Html::new(),
    }
}

/// Requirements not rated yet: not gaps, listed apart.
fn unrated(data: &ReportData, s: &Strings) -> Html {
    let Some(note) = data.unrated_note(s) else {
        return Html::new();
    };
    let items: Html = data
        .unrated_items
        .iter()
        .map(|(_, item)| item_li(item, s))
        .collect();
    html![
        "<section class=\"unrated\">\n<h2>" (s.get("report.unrated_heading")) "</h2>\n<p>" note
        "</p>\n<ul class=\"items\">\n" items "</ul>\n</section>\n"
    ]
}

fn tailoring(data: &ReportData, s: &Strings) -> Html {
    let tailored: Vec<&SubdomainRow> = data.subdomains.iter().filter(|r| !r.applicable).collect();
    let body = if tailored.is_empty() {
        html!["<p>" (s.get("report.tailoring_none")) "</p>\n"]
    } else {
        let rows: Html = tailored
            .iter()
            .map(|row| {
                html![
                    "<tr><td>" (row.name) "</td><td>" (row.domain) "</td><td>"
                    (row.tailoring_reason.as_deref().unwrap_or("—")) "</td></tr>\n"
                ]
            })
            .collect();
        html![
            "<table>\n<thead><tr><th>" (s.get("report.subdomain_col")) "</th><th class=\"cap\">"
            (s.get("report.col.domain")) "</th><th>" (s.get("report.reason_col"))
            "</th></tr></thead>\n<tbody>\n"
            rows
            "</tbody>\n</table>\n"
        ]
    };
    html![
        "<section class=\"tailoring\">\n<h2>" (s.get("report.tailoring_heading")) "</h2>\n"
        body
        "</section>\n"
    ]
}

fn method(data: &ReportData, s: &Strings) -> Html {
    let scale: Html = data
        .scale
        .iter()
        .map(|line| html!["<li>" line "</li>"])
        .collect();
    html![
        "<section class=\"method\">\n<h2>" (s.get("report.method_heading")) "</h2>\n<p>"
        (s.get("report.method")) "</p>\n<ul class=\"scale\">" scale "</ul>\n<p>"
        (s.get("report.wording")) "</p>\n<div class=\"disclaimer\">" (s.get("report.disclaimer"))
        "</div>\n<p class=\"note\">" (crate::report::peers::source(s)) "</p>\n"
        "<p class=\"generated\">" (pieces::generated(s)) "</p>\n</section>\n"
    ]
}

#[cfg(test)]
mod tests {
    use super::markup::esc;
    use super::*;
    use crate::i18n::Lang;
    use crate::model::{Answers, Questionnaire};
    use std::path::Path;

    fn demo(lang: Lang) -> (ReportData, Strings) {
        let q = Questionnaire::embedded();
        let mut a = Answers::load(Path::new("examples/demo-machinery.toml"), &q).unwrap();
        a.meta.target_level = Some(3);
        let s = Strings::load(lang);
        let data = crate::report::data::build(&q, &a, &s);
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
            // The demo's roadmap leads to the next level and on to the target; every
            // requirement it names is in the page, with its evidence hint.
            let map = data.roadmap.as_ref().unwrap();
            assert_eq!(map.levels.len(), 2);
            for item in map.items() {
                assert!(html.contains(&esc(&item.text)), "{}", item.id);
            }
            for cell in map.levels.iter().flat_map(|l| &l.cells) {
                for item in &cell.raise {
                    assert!(html.contains(&esc(&item.evidence)), "{}", item.id);
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
        data.roadmap = None;
        data.glance.next = None;
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
