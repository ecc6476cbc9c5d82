//! The formal-assessment plan as HTML: the whole plan as a page of its own (`zizhen plan
//! --format html`, the checklist with boxes to tick on paper), and the short section of the
//! HTML report.

use super::markup::{Html, html};
use crate::i18n::Strings;
use crate::report::certification::View;

const STYLE: &str = include_str!("style.css");

fn incentives(v: &View, s: &Strings, heading: &'static str, close: &'static str) -> Html {
    let rows: Html = v
        .incentives
        .iter()
        .map(|r| {
            let open = if r.at_target {
                html!["<tr class=\"target\">"]
            } else {
                html!["<tr>"]
            };
            let value = if r.value.is_empty() {
                html![(r.kind)]
            } else {
                html![(r.kind) " <b>" (r.value) "</b>"]
            };
            html![
                open "<td>" (r.place) "</td><td class=\"num\">"
                (r.level) "</td><td>" value "</td><td>" (r.condition) "</td><td>" (r.year)
                "</td><td>" (r.source) "</td></tr>\n"
            ]
        })
        .collect();
    let table = if v.incentives.is_empty() {
        Html::new()
    } else {
        let mark = if v.incentives.iter().any(|r| r.at_target) {
            html![
                "<p class=\"note\">"
                (s.fmt("certification.at_target_bold", &[("n", &v.target.to_string())]))
                "</p>\n"
            ]
        } else {
            Html::new()
        };
        html![
            "<table class=\"incentives\">\n<thead><tr><th>" (s.get("certification.col.place"))
            "</th><th>" (s.get("certification.col.level")) "</th><th>"
            (s.get("certification.col.incentive")) "</th><th>"
            (s.get("certification.col.condition")) "</th><th>" (s.get("certification.col.year"))
            "</th><th>" (s.get("certification.col.source")) "</th></tr></thead>\n<tbody>\n"
            rows "</tbody>\n</table>\n" mark
        ]
    };
    html![
        (Html::literal(heading)) (s.get("certification.incentives_heading"))
        (Html::literal(close)) "\n<p>" (v.incentives_intro) "</p>\n" table
        "<p class=\"note\">" (v.incentives_source) "</p>\n<div class=\"disclaimer\">"
        (v.incentives_note) "</div>\n"
    ]
}

/// The short section of the HTML report.
pub fn section(v: &View, s: &Strings) -> Html {
    let high = match &v.high_maturity {
        Some(h) => html!["<p>" h "</p>\n"],
        None => Html::new(),
    };
    html![
        "<section class=\"certification\">\n<h2>" (v.title) "</h2>\n<div class=\"disclaimer\">"
        (v.not_certificate) " " (v.lookup) "</div>\n<p>" (v.levels) "<br>" (v.recommended)
        "<br>" (v.standing) "<br>" (v.effort) "</p>\n" high "<p class=\"note\">"
        (s.get("certification.see_plan")) "</p>\n"
        (incentives(v, s, "<h3>", "</h3>"))
        "</section>\n"
    ]
}

/// The whole plan as one self-contained page.
pub fn document(v: &View, s: &Strings) -> String {
    let conditions: Html = v
        .conditions
        .iter()
        .map(|c| html!["<li>" c "</li>\n"])
        .collect();
    let steps: Html = v
        .steps
        .iter()
        .map(|step| {
            html![
                "<li><b>" (step.title) "</b> " (step.what) "<br><i>"
                (s.get("certification.prepare_label")) "</i>" (step.prepare) "</li>\n"
            ]
        })
        .collect();
    let team: Html = v.team.iter().map(|t| html!["<li>" t "</li>\n"]).collect();
    let effort_rows: Html = v
        .effort_table
        .iter()
        .map(|(level, pre, formal, days)| {
            let class = if *level == v.target {
                html!["<tr class=\"target\">"]
            } else {
                html!["<tr>"]
            };
            html![
                class "<td class=\"num\">" level "</td><td>" pre "</td><td>" formal
                "</td><td class=\"num\">" (days.to_string()) "</td></tr>\n"
            ]
        })
        .collect();
    let roles: Html = v.roles.iter().map(|r| html!["<li>" r "</li>\n"]).collect();
    let groups: Html = v
        .readiness
        .iter()
        .map(|g| {
            let items: Html = g
                .items
                .iter()
                .map(|item| {
                    let evidence = if item.evidence.is_empty() {
                        Html::new()
                    } else {
                        html![
                            "<div class=\"evidence\">" (s.get("common.evidence")) (item.evidence)
                            "</div>"
                        ]
                    };
                    html![
                        "<li>☐ <code>" (item.id) "</code> <span class=\"tag\">" (item.rating)
                        "</span> " (item.text) evidence "</li>\n"
                    ]
                })
                .collect();
            html![
                "<h3>" (g.subdomain) " (" (g.items.len()) ")</h3>\n<ul class=\"items checklist\">\n"
                items "</ul>\n"
            ]
        })
        .collect();
    let confirm = if v.to_confirm.is_empty() {
        html!["<p>" (s.get("certification.to_confirm_none")) "</p>\n"]
    } else {
        let items: Html = v
            .to_confirm
            .iter()
            .map(|c| html!["<li>" c "</li>\n"])
            .collect();
        html![
            "<p>" (s.get("certification.to_confirm_intro")) "</p>\n<ul>\n" items "</ul>\n"
        ]
    };
    let high = match &v.high_maturity {
        Some(h) => html!["<p><b>" h "</b></p>\n"],
        None => Html::new(),
    };
    html![
        "<!doctype html>\n<html lang=\"" (v.lang.tag()) "\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>" (v.enterprise) " · " (v.title) "</title>\n<style>\n"
        (Html::literal(STYLE)) "</style>\n</head>\n<body>\n<main>\n<h1>" (v.title)
        "</h1>\n<p><b>" (v.enterprise) "</b></p>\n<div class=\"disclaimer\">" (v.not_certificate)
        " " (v.lookup) "</div>\n<section>\n<h2>" (s.get("certification.plan_heading"))
        "</h2>\n<p>" (v.levels) "<br>" (v.recommended) "<br>" (v.standing) "</p>\n" high
        "</section>\n<section>\n<h2>" (s.get("certification.conditions_heading"))
        "</h2>\n<ul>\n" conditions "</ul>\n</section>\n<section>\n<h2>"
        (s.get("certification.steps_heading")) "</h2>\n<ol>\n" steps "</ol>\n</section>\n"
        "<section>\n<h2>" (s.get("certification.team_heading")) "</h2>\n<p>" (v.effort)
        "</p>\n<ul>\n" team "</ul>\n<table>\n<thead><tr><th>" (s.get("certification.col.level"))
        "</th><th>" (s.get("certification.col.pre")) "</th><th>"
        (s.get("certification.col.formal")) "</th><th>"
        (s.get("certification.col.person_days")) "</th></tr></thead>\n<tbody>\n" effort_rows
        "</tbody>\n</table>\n</section>\n<section>\n<h2>" (s.get("certification.roles_heading"))
        "</h2>\n<ul>\n" roles "</ul>\n</section>\n<section>\n<h2>" (v.readiness_heading)
        "</h2>\n<p>" (v.readiness_intro) "</p>\n" groups "<h3>"
        (s.get("certification.to_confirm_heading")) "</h3>\n" confirm "</section>\n<section>\n"
        (incentives(v, s, "<h2>", "</h2>"))
        "<p class=\"generated\">" (crate::report::pieces::generated(s))
        "</p>\n</section>\n</main>\n</body>\n</html>\n"
    ]
    .into_string()
}
