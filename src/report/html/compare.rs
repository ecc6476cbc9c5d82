//! The comparison as one self-contained HTML page, in the report's style sheet: no script, no
//! external resource. It lays out [`View`] only; text is escaped by construction ([`html!`]).

use super::STYLE;
use super::markup::{Html, html};
use crate::i18n::Strings;
use crate::report::compare::{Row, View};

/// What the comparison adds to the report's style: changed rows stand out.
const EXTRA: &str = "tr.changed td:first-child { font-weight: 600; }\n\
tr.changed td { background: #fbf6e6; }\n.from-to { white-space: nowrap; }\n";

fn table(rows: &[Row], s: &Strings) -> Html {
    let body: Html = rows
        .iter()
        .map(|r| {
            let class = if r.changed {
                html![" class=\"changed\""]
            } else {
                Html::new()
            };
            html![
                "<tr" class "><td>" (r.label) "</td><td class=\"num\">" (r.a)
                "</td><td class=\"num\">" (r.b) "</td><td class=\"num\">" (r.change) "</td></tr>\n"
            ]
        })
        .collect();
    html![
        "<table>\n<thead><tr><th></th><th class=\"num\">A</th><th class=\"num\">B</th><th class=\"num\">"
        (s.get("compare.change")) "</th></tr></thead>\n<tbody>\n" body "</tbody>\n</table>\n"
    ]
}

fn section(title: &str, rows: &[Row], s: &Strings) -> Html {
    html!["<section>\n<h2>" title "</h2>\n" (table(rows, s)) "</section>\n"]
}

fn requirements(v: &View, s: &Strings) -> Html {
    let count = v.requirements.len().to_string();
    let title = s.fmt("compare.requirements_heading", &[("count", &count)]);
    if v.requirements.is_empty() {
        return html![
            "<section>\n<h2>" title "</h2>\n<p>" (s.get("compare.no_requirements")) "</p>\n</section>\n"
        ];
    }
    let rows: Html = v
        .requirements
        .iter()
        .map(|r| {
            html![
                "<tr><td><code>" (r.id) "</code></td><td>" (r.subdomain) "</td><td class=\"num\">"
                (usize::from(r.level)) "</td><td class=\"from-to\">" (r.a) " → " (r.b) "</td><td>"
                (r.text) "</td></tr>\n"
            ]
        })
        .collect();
    html![
        "<section>\n<h2>" title "</h2>\n<table>\n<thead><tr><th>" (s.get("compare.id_col"))
        "</th><th>" (s.get("compare.subdomain_col")) "</th><th class=\"num\">"
        (s.get("compare.level_col")) "</th><th>A → B</th><th>" (s.get("compare.requirement_col"))
        "</th></tr></thead>\n<tbody>\n" rows "</tbody>\n</table>\n</section>\n"
    ]
}

pub fn render(v: &View, s: &Strings) -> String {
    let title = s.get("compare.title");
    let same = if v.same {
        html!["<p class=\"note\">" (s.get("compare.same")) "</p>\n"]
    } else {
        Html::new()
    };
    let optional = |key: &str, rows: &[Row]| {
        if rows.is_empty() {
            Html::new()
        } else {
            section(s.get(key), rows, s)
        }
    };
    html![
        "<!doctype html>\n<html lang=\"" (s.lang().tag()) "\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>" title "</title>\n<style>\n" (Html::literal(STYLE)) (Html::literal(EXTRA))
        "</style>\n</head>\n<body>\n<main>\n<header class=\"head\">\n<h1>" title "</h1>\n\
         <dl class=\"meta\">\n<div class=\"org\"><dt>A</dt><dd>" (v.a_enterprise) "</dd></div>\n\
         <div class=\"org\"><dt>B</dt><dd>" (v.b_enterprise) "</dd></div>\n<div><dt>"
        (s.get("compare.sources")) "</dt><dd>A: " (v.a_source) "<br>B: " (v.b_source) "</dd></div>\n\
         </dl>\n</header>\n<p class=\"muted\">" (s.get("score.questionnaire")) (v.questionnaire)
        "</p>\n" same "<p class=\"muted\">" (s.get("compare.legend_html")) "</p>\n"
        (section(s.get("compare.result_heading"), &v.result, s))
        (section(s.get("compare.levels_heading"), &v.levels, s))
        (section(s.get("compare.elements_heading"), &v.elements, s))
        (section(s.get("compare.domains_heading"), &v.domains, s))
        (section(s.get("compare.subdomains_heading"), &v.subdomains, s))
        (optional("compare.cells_heading", &v.cells))
        (requirements(v, s))
        (optional("compare.tailoring_heading", &v.tailoring))
        (optional("compare.fields_heading", &v.fields))
        "</main>\n</body>\n</html>\n"
    ]
    .into_string()
}
