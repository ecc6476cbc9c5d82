//! The formal-assessment plan (`zizhen plan`, and a short section in the reports): what the
//! certification path involves for the enterprise, its readiness checklist, and what a level is
//! worth where it is. [`View`] says everything once in the reader's language; the renderers
//! only lay it out (text, Markdown, CSV here; HTML in `html::certification`).

use std::fmt::Write;

use crate::certification::incentives::{Incentive, Incentives};
use crate::certification::{self, EFFORT, FormalPlan, Step};
use crate::i18n::{Lang, Strings};
use crate::model::scoring::Sheet;
use crate::model::{Answers, Questionnaire, Rating};
use crate::width::width;

/// One step of the path.
#[derive(Clone, Debug, PartialEq)]
pub struct StepView {
    pub title: String,
    pub what: String,
    pub prepare: String,
}

/// A requirement of the readiness checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadyItem {
    pub id: String,
    pub level: u8,
    pub text: String,
    pub evidence: String,
    /// The rating now ("NI", "PI"), or the word for "not rated".
    pub rating: String,
    pub rated: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReadyGroup {
    pub subdomain: String,
    pub items: Vec<ReadyItem>,
}

/// An incentive as a table row.
#[derive(Clone, Debug, PartialEq)]
pub struct IncentiveRow {
    pub place: String,
    pub region: String,
    pub level: u8,
    pub kind: String,
    pub value: String,
    pub condition: String,
    pub year: String,
    pub source: String,
    /// The row holds for the planned level.
    pub at_target: bool,
}

/// Everything the plan says, in the reader's language.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub lang: Lang,
    pub enterprise: String,
    pub target: u8,
    pub title: String,
    pub not_certificate: String,
    pub lookup: String,
    /// "Self-diagnosis: level 1 … Planned: level 3 …".
    pub levels: String,
    pub recommended: String,
    /// How far the self-diagnosis is from the planned level.
    pub standing: String,
    pub high_maturity: Option<String>,
    pub conditions: Vec<String>,
    pub steps: Vec<StepView>,
    /// The planned level's team and time, in a sentence.
    pub effort: String,
    /// (level, pre-assessment, formal, person-days) for every level, the planned one marked.
    pub effort_table: Vec<(u8, String, String, u16)>,
    pub team: Vec<String>,
    pub roles: Vec<String>,
    pub readiness_heading: String,
    pub readiness_intro: String,
    pub readiness: Vec<ReadyGroup>,
    pub to_confirm: Vec<String>,
    pub incentives_intro: String,
    pub incentives: Vec<IncentiveRow>,
    /// Source, date and file of the incentive data.
    pub incentives_source: String,
    /// Policies change: check with the local authority.
    pub incentives_note: String,
}

/// How the incentive table is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Places {
    /// The enterprise's region (all places when the profile gives none).
    Own,
    /// Every place in the data.
    All,
}

impl View {
    pub fn build(
        q: &Questionnaire,
        answers: &Answers,
        plan: &FormalPlan,
        incentives: &Incentives,
        places: Places,
        s: &Strings,
    ) -> View {
        let lang = s.lang();
        let sheet = Sheet::from_answers(q, answers);
        let n = |v: u8| v.to_string();
        let target_name = q.level(plan.target).name.get(lang).to_string();
        let level_text = if plan.level == 0 {
            s.get("score.below_level_1").to_string()
        } else {
            s.fmt(
                "certification.level_named",
                &[
                    ("n", &n(plan.level)),
                    ("name", q.level(plan.level).name.get(lang)),
                ],
            )
        };
        let levels = s.fmt(
            "certification.levels",
            &[
                ("level", &level_text),
                ("target", &n(plan.target)),
                ("name", &target_name),
            ],
        );
        let recommended = s.fmt("certification.recommended", &[("n", &n(plan.recommended))]);
        let open = plan.open_count();
        let standing = if open == 0 {
            s.fmt("certification.standing_ready", &[("n", &n(plan.target))])
        } else if plan.unrated_count(&sheet) == 0 {
            s.fmt(
                "certification.standing_rated",
                &[("count", &open.to_string()), ("n", &n(plan.target))],
            )
        } else {
            s.fmt(
                "certification.standing",
                &[
                    ("count", &open.to_string()),
                    ("n", &n(plan.target)),
                    ("unrated", &plan.unrated_count(&sheet).to_string()),
                ],
            )
        };
        let high_maturity = plan
            .high_maturity
            .then(|| s.fmt("certification.high_maturity", &[("n", &n(plan.target))]));
        let industry = match answers.profile.division() {
            Some(d) => s.fmt(
                "certification.condition.industry_yours",
                &[("code", &d.code.to_string()), ("name", d.name().get(lang))],
            ),
            None => s
                .get("certification.condition.industry_unknown")
                .to_string(),
        };
        let conditions = vec![
            format!("{} {industry}", s.get("certification.condition.industry")),
            s.get("certification.condition.operation").to_string(),
            s.get("certification.condition.units").to_string(),
        ];
        let steps = Step::ALL
            .iter()
            .map(|step| {
                let key = |part: &str| format!("certification.step.{}.{part}", step.key());
                StepView {
                    title: s.get(&key("title")).to_string(),
                    what: s.get(&key("what")).to_string(),
                    prepare: s.get(&key("prepare")).to_string(),
                }
            })
            .collect();
        let e = plan.effort;
        let effort = s.fmt(
            "certification.effort",
            &[
                ("n", &n(e.level)),
                ("pre_people", &n(e.pre_people)),
                ("pre_days", &n(e.pre_days)),
                ("formal_people", &n(e.formal_people)),
                ("formal_days", &n(e.formal_days)),
                ("person_days", &e.person_days.to_string()),
            ],
        );
        let phase = |people: u8, days: u8| {
            s.fmt(
                "certification.phase",
                &[("people", &n(people)), ("days", &n(days))],
            )
        };
        let effort_table = EFFORT
            .iter()
            .map(|e| {
                (
                    e.level,
                    phase(e.pre_people, e.pre_days),
                    phase(e.formal_people, e.formal_days),
                    e.person_days,
                )
            })
            .collect();
        let mut team = vec![s.get("certification.team").to_string()];
        team.push(if plan.internal_assessor {
            s.get("certification.internal_assessor").to_string()
        } else {
            s.get("certification.no_internal_assessor").to_string()
        });
        let mut roles = vec![
            s.get("certification.role.sponsor").to_string(),
            s.get("certification.role.contact").to_string(),
        ];
        if plan.internal_assessor {
            roles.push(s.get("certification.role.internal").to_string());
        }
        let not_rated = s.get("certification.not_rated");
        let readiness = plan
            .readiness
            .iter()
            .map(|g| ReadyGroup {
                subdomain: q.subdomains[g.subdomain].name.get(lang).to_string(),
                items: g
                    .requirements
                    .iter()
                    .map(|&i| {
                        let r = &q.requirements[i];
                        let rating: Option<Rating> = sheet.ratings[i];
                        ReadyItem {
                            id: r.id.clone(),
                            level: r.level,
                            text: r.text.get(lang).to_string(),
                            evidence: r
                                .evidence
                                .as_ref()
                                .map_or(String::new(), |e| e.get(lang).to_string()),
                            rating: rating.map_or(not_rated.to_string(), |r| r.code().to_string()),
                            rated: rating.is_some(),
                        }
                    })
                    .collect(),
            })
            .collect();
        let readiness_intro = if open == 0 {
            s.fmt("certification.readiness_none", &[("n", &n(plan.target))])
        } else {
            s.fmt(
                "certification.readiness_intro",
                &[("count", &open.to_string()), ("n", &n(plan.target))],
            )
        };
        let mut to_confirm: Vec<String> = plan
            .tailored
            .iter()
            .map(|(sub, reason)| {
                s.fmt(
                    "certification.tailored_item",
                    &[
                        ("name", q.subdomains[*sub].name.get(lang)),
                        ("reason", reason),
                    ],
                )
            })
            .collect();
        to_confirm.extend(plan.not_applicable.iter().map(|(i, reason)| {
            let r = &q.requirements[*i];
            s.fmt(
                "certification.not_applicable_item",
                &[
                    ("id", &r.id),
                    ("text", r.text.get(lang)),
                    ("reason", reason),
                ],
            )
        }));
        let region = answers
            .profile
            .province
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        let region_text = region.map(|code| match answers.profile.province_entry() {
            Some(p) => format!("{} {code}", p.name().get(lang)),
            None => code.to_string(),
        });
        let (chosen, incentives_intro): (Vec<&Incentive>, String) = match (places, &region_text) {
            (Places::All, _) => (
                incentives.entries.iter().collect(),
                s.get("certification.incentives_all").to_string(),
            ),
            (Places::Own, None) => (
                incentives.entries.iter().collect(),
                s.get("certification.incentives_no_region").to_string(),
            ),
            (Places::Own, Some(text)) => {
                let own = incentives.for_region(region);
                let intro = if own.is_empty() {
                    s.fmt("certification.incentives_none", &[("region", text)])
                } else {
                    s.fmt("certification.incentives_region", &[("region", text)])
                };
                (own, intro)
            }
        };
        let incentives_rows = chosen
            .into_iter()
            .map(|e| IncentiveRow {
                place: e.place.get(lang).to_string(),
                region: e.region.clone(),
                level: e.level,
                kind: s
                    .get(&format!("certification.kind.{}", e.kind.key()))
                    .to_string(),
                value: e.value(lang),
                condition: e.condition.get(lang).to_string(),
                year: e.year.map_or(String::new(), |y| y.to_string()),
                source: e.source.get(lang).to_string(),
                at_target: e.applies_at(plan.target),
            })
            .collect();
        let incentives_source = s.fmt(
            "certification.incentives_source",
            &[
                ("source", incentives.source.get(lang)),
                ("date", &incentives.date),
                ("file", &incentives.origin),
            ],
        );
        View {
            lang,
            enterprise: answers.profile.name.clone().unwrap_or_else(|| "—".into()),
            target: plan.target,
            title: s.get("certification.title").to_string(),
            not_certificate: s.get("certification.not_certificate").to_string(),
            lookup: s.get("certification.lookup").to_string(),
            levels,
            recommended,
            standing,
            high_maturity,
            conditions,
            steps,
            effort,
            effort_table,
            team,
            roles,
            readiness_heading: s.fmt("certification.readiness_heading", &[("n", &n(plan.target))]),
            readiness_intro,
            readiness,
            to_confirm,
            incentives_intro,
            incentives: incentives_rows,
            incentives_source,
            incentives_note: incentives.note.get(lang).to_string(),
        }
    }

    /// How many requirements the checklist names.
    pub fn open_count(&self) -> usize {
        self.readiness.iter().map(|g| g.items.len()).sum()
    }
}

/// The plan for `answers` with the embedded incentives, as the reports show it.
pub fn report_view(
    q: &Questionnaire,
    answers: &Answers,
    incentives: &Incentives,
    s: &Strings,
) -> View {
    let plan = certification::plan(q, answers, None);
    View::build(q, answers, &plan, incentives, Places::Own, s)
}

fn underline(o: &mut String, text: &str, glyph: &str) {
    let _ = writeln!(o, "\n{text}\n{}", glyph.repeat(width(text)));
}

/// An incentive in one line of text.
fn incentive_line(row: &IncentiveRow, s: &Strings) -> String {
    let level = s.fmt("common.level_n", &[("n", &row.level.to_string())]);
    let value = if row.value.is_empty() {
        row.kind.clone()
    } else {
        format!("{} {}", row.kind, row.value)
    };
    let year = if row.year.is_empty() {
        String::new()
    } else {
        format!(" ({})", row.year)
    };
    let mark = if row.at_target { "*" } else { " " };
    format!(
        "{mark} {} · {level} · {value}{year} — {}",
        row.place, row.condition
    )
}

/// The whole plan as plain text (`zizhen plan`).
pub fn plain(v: &View, s: &Strings) -> String {
    let mut out = String::new();
    let o = &mut out;
    let _ = writeln!(o, "{}\n{}", v.title, "#".repeat(width(&v.title)));
    let _ = writeln!(o, "{}\n", v.enterprise);
    let _ = writeln!(o, "{}\n{}", v.not_certificate, v.lookup);
    underline(o, s.get("certification.plan_heading"), "=");
    for line in [&v.levels, &v.recommended, &v.standing] {
        let _ = writeln!(o, "{line}");
    }
    if let Some(h) = &v.high_maturity {
        let _ = writeln!(o, "{h}");
    }
    underline(o, s.get("certification.conditions_heading"), "=");
    for c in &v.conditions {
        let _ = writeln!(o, "- {c}");
    }
    underline(o, s.get("certification.steps_heading"), "=");
    for (i, step) in v.steps.iter().enumerate() {
        let _ = writeln!(o, "{}. {}", i + 1, step.title);
        let _ = writeln!(o, "   {}", step.what);
        let _ = writeln!(
            o,
            "   {}{}",
            s.get("certification.prepare_label"),
            step.prepare
        );
    }
    underline(o, s.get("certification.team_heading"), "=");
    let _ = writeln!(o, "{}", v.effort);
    for line in &v.team {
        let _ = writeln!(o, "{line}");
    }
    let _ = writeln!(o);
    let header = [
        s.get("certification.col.level"),
        s.get("certification.col.pre"),
        s.get("certification.col.formal"),
        s.get("certification.col.person_days"),
    ];
    let rows: Vec<[String; 4]> = v
        .effort_table
        .iter()
        .map(|(level, pre, formal, days)| {
            let mark = if *level == v.target { " *" } else { "" };
            [
                format!("{level}{mark}"),
                pre.clone(),
                formal.clone(),
                days.to_string(),
            ]
        })
        .collect();
    table(o, &header, &rows);
    underline(o, s.get("certification.roles_heading"), "=");
    for r in &v.roles {
        let _ = writeln!(o, "- {r}");
    }
    underline(o, &v.readiness_heading, "=");
    let _ = writeln!(o, "{}", v.readiness_intro);
    for g in &v.readiness {
        let _ = writeln!(o, "\n{} ({})", g.subdomain, g.items.len());
        for item in &g.items {
            let _ = writeln!(o, "[ ] {} [{}] {}", item.id, item.rating, item.text);
            if !item.evidence.is_empty() {
                let _ = writeln!(o, "      {}{}", s.get("common.evidence"), item.evidence);
            }
        }
    }
    underline(o, s.get("certification.to_confirm_heading"), "=");
    if v.to_confirm.is_empty() {
        let _ = writeln!(o, "{}", s.get("certification.to_confirm_none"));
    } else {
        let _ = writeln!(o, "{}", s.get("certification.to_confirm_intro"));
        for line in &v.to_confirm {
            let _ = writeln!(o, "- {line}");
        }
    }
    incentives_text(o, v, s);
    let _ = writeln!(o, "\n{}", super::pieces::generated(s));
    out
}

fn incentives_text(o: &mut String, v: &View, s: &Strings) {
    underline(o, s.get("certification.incentives_heading"), "=");
    let _ = writeln!(o, "{}", v.incentives_intro);
    for row in &v.incentives {
        let _ = writeln!(o, "{}", incentive_line(row, s));
    }
    if v.incentives.iter().any(|r| r.at_target) {
        let _ = writeln!(
            o,
            "{}",
            s.fmt(
                "certification.at_target_mark",
                &[("n", &v.target.to_string())]
            )
        );
    }
    let _ = writeln!(o, "{}\n{}", v.incentives_source, v.incentives_note);
}

/// A table of plain text, columns padded to their display width.
fn table(o: &mut String, header: &[&str; 4], rows: &[[String; 4]]) {
    let mut widths = header.map(width);
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let line = |cells: [&str; 4]| {
        cells
            .iter()
            .zip(widths)
            .map(|(c, w)| crate::width::pad(c, w))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let _ = writeln!(o, "{}", line(*header));
    for row in rows {
        let _ = writeln!(
            o,
            "{}",
            line([&row[0], &row[1], &row[2], &row[3]].map(String::as_str))
        );
    }
}

/// The short section of the text report.
pub fn plain_section(o: &mut String, v: &View, s: &Strings) {
    underline(o, &v.title, "=");
    let _ = writeln!(o, "{}\n{}\n", v.not_certificate, v.lookup);
    for line in [&v.levels, &v.recommended, &v.standing, &v.effort] {
        let _ = writeln!(o, "{line}");
    }
    if let Some(h) = &v.high_maturity {
        let _ = writeln!(o, "{h}");
    }
    let _ = writeln!(o, "{}", s.get("certification.see_plan"));
    incentives_text(o, v, s);
}

/// Text safe inside a Markdown table cell or list item.
fn md(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

fn incentives_md(o: &mut String, v: &View, s: &Strings, level: &str) {
    let _ = writeln!(o, "{level} {}\n", s.get("certification.incentives_heading"));
    let _ = writeln!(o, "{}\n", md(&v.incentives_intro));
    if !v.incentives.is_empty() {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |\n|---|---:|---|---|---|---|",
            s.get("certification.col.place"),
            s.get("certification.col.level"),
            s.get("certification.col.incentive"),
            s.get("certification.col.condition"),
            s.get("certification.col.year"),
            s.get("certification.col.source"),
        );
        for r in &v.incentives {
            let level = if r.at_target {
                format!("**{}**", r.level)
            } else {
                r.level.to_string()
            };
            let value = if r.value.is_empty() {
                r.kind.clone()
            } else {
                format!("{} **{}**", r.kind, r.value)
            };
            let _ = writeln!(
                o,
                "| {} | {level} | {} | {} | {} | {} |",
                md(&r.place),
                md(&value),
                md(&r.condition),
                r.year,
                md(&r.source)
            );
        }
        let _ = writeln!(o);
        if v.incentives.iter().any(|r| r.at_target) {
            let _ = writeln!(
                o,
                "{}\n",
                s.fmt(
                    "certification.at_target_bold",
                    &[("n", &v.target.to_string())]
                )
            );
        }
    }
    let _ = writeln!(
        o,
        "{}  \n> {}\n",
        md(&v.incentives_source),
        md(&v.incentives_note)
    );
}

/// The whole plan as Markdown, the checklist with boxes to tick.
pub fn markdown(v: &View, s: &Strings) -> String {
    let mut out = String::new();
    let o = &mut out;
    let _ = writeln!(o, "# {}\n", v.title);
    let _ = writeln!(o, "**{}**\n", md(&v.enterprise));
    let _ = writeln!(o, "> **{}** {}\n", md(&v.not_certificate), md(&v.lookup));
    let _ = writeln!(o, "## {}\n", s.get("certification.plan_heading"));
    for line in [&v.levels, &v.recommended, &v.standing] {
        let _ = writeln!(o, "{}  ", md(line));
    }
    if let Some(h) = &v.high_maturity {
        let _ = writeln!(o, "\n**{}**", md(h));
    }
    let _ = writeln!(o, "\n## {}\n", s.get("certification.conditions_heading"));
    for c in &v.conditions {
        let _ = writeln!(o, "- {}", md(c));
    }
    let _ = writeln!(o, "\n## {}\n", s.get("certification.steps_heading"));
    for (i, step) in v.steps.iter().enumerate() {
        let _ = writeln!(o, "{}. **{}** {}  ", i + 1, md(&step.title), md(&step.what));
        let _ = writeln!(
            o,
            "   *{}*{}",
            s.get("certification.prepare_label").trim_end(),
            md(&format!(" {}", step.prepare))
        );
    }
    let _ = writeln!(o, "\n## {}\n", s.get("certification.team_heading"));
    let _ = writeln!(o, "{}\n", md(&v.effort));
    for line in &v.team {
        let _ = writeln!(o, "- {}", md(line));
    }
    let _ = writeln!(
        o,
        "\n| {} | {} | {} | {} |\n|---:|---|---|---:|",
        s.get("certification.col.level"),
        s.get("certification.col.pre"),
        s.get("certification.col.formal"),
        s.get("certification.col.person_days")
    );
    for (level, pre, formal, days) in &v.effort_table {
        let (b, e) = if *level == v.target {
            ("**", "**")
        } else {
            ("", "")
        };
        let _ = writeln!(
            o,
            "| {b}{level}{e} | {b}{pre}{e} | {b}{formal}{e} | {b}{days}{e} |"
        );
    }
    let _ = writeln!(o, "\n## {}\n", s.get("certification.roles_heading"));
    for r in &v.roles {
        let _ = writeln!(o, "- {}", md(r));
    }
    let _ = writeln!(o, "\n## {}\n", md(&v.readiness_heading));
    let _ = writeln!(o, "{}\n", md(&v.readiness_intro));
    for g in &v.readiness {
        let _ = writeln!(o, "### {} ({})\n", md(&g.subdomain), g.items.len());
        for item in &g.items {
            let _ = writeln!(
                o,
                "- [ ] `{}` [{}] {}",
                item.id,
                item.rating,
                md(&item.text)
            );
            if !item.evidence.is_empty() {
                let _ = writeln!(o, "  - {}{}", s.get("common.evidence"), md(&item.evidence));
            }
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(o, "## {}\n", s.get("certification.to_confirm_heading"));
    if v.to_confirm.is_empty() {
        let _ = writeln!(o, "{}\n", s.get("certification.to_confirm_none"));
    } else {
        let _ = writeln!(o, "{}\n", s.get("certification.to_confirm_intro"));
        for line in &v.to_confirm {
            let _ = writeln!(o, "- {}", md(line));
        }
        let _ = writeln!(o);
    }
    incentives_md(o, v, s, "##");
    let _ = writeln!(o, "{}", super::pieces::generated(s));
    out
}

/// The short section of the Markdown report.
pub fn markdown_section(o: &mut String, v: &View, s: &Strings) {
    let _ = writeln!(o, "## {}\n", v.title);
    let _ = writeln!(o, "> **{}** {}\n", md(&v.not_certificate), md(&v.lookup));
    for line in [&v.levels, &v.recommended, &v.standing, &v.effort] {
        let _ = writeln!(o, "{}  ", md(line));
    }
    if let Some(h) = &v.high_maturity {
        let _ = writeln!(o, "{}  ", md(h));
    }
    let _ = writeln!(o, "{}\n", md(s.get("certification.see_plan")));
    incentives_md(o, v, s, "###");
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The checklist as CSV (UTF-8 with BOM): one row per requirement to make ready, a column to
/// tick.
pub fn csv(v: &View, s: &Strings) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(BOM.to_vec());
    let header = [
        "done",
        "subdomain",
        "id",
        "level",
        "requirement",
        "evidence",
        "rating",
    ]
    .map(|c| s.get(&format!("certification.csv.{c}")).to_string());
    let _ = writer.write_record(&header);
    for g in &v.readiness {
        for item in &g.items {
            let _ = writer.write_record([
                String::new(),
                g.subdomain.clone(),
                item.id.clone(),
                item.level.to_string(),
                item.text.clone(),
                item.evidence.clone(),
                item.rating.clone(),
            ]);
        }
    }
    writer.into_inner().unwrap_or_default()
}
