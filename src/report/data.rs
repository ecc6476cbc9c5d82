//! What a report says, computed once from the questionnaire and the answers, in the reader's
//! language; each format (the terminal summary, text, Markdown, HTML, CSV) only lays it out.

use crate::figures;
use crate::i18n::{Lang, Strings};
use crate::model::gaps::{Gap, gap_to};
use crate::model::profile::Profile;
use crate::model::scoring::{Exact, Score, Sheet, score_sheet, to_f64};
use crate::model::{Answers, Questionnaire, Rating};

/// A requirement as a report shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: String,
    pub level: u8,
    pub text: String,
    pub evidence: String,
    pub rating: Option<Rating>,
    pub estimate: bool,
    pub note: Option<String>,
    /// How much X rises when this requirement alone is raised to FI (roadmaps only).
    pub lift: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LevelRow {
    pub level: u8,
    pub name: String,
    pub score: Exact,
    pub reached: bool,
    pub counted: bool,
    /// Something applicable is assessed at this level.
    pub assessed: bool,
}

/// Where a level stands in X.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LevelStatus {
    /// The level score reaches the threshold: it counts 1.
    Reached,
    /// The first level not reached: it counts its score.
    Counted,
    /// Above the first level not reached: it does not count.
    NotCounted,
}

impl LevelStatus {
    pub const ALL: [LevelStatus; 3] = [
        LevelStatus::Reached,
        LevelStatus::Counted,
        LevelStatus::NotCounted,
    ];

    /// The status in a report's words.
    pub fn key(self) -> &'static str {
        match self {
            LevelStatus::Reached => "report.reached",
            LevelStatus::Counted => "report.counted",
            LevelStatus::NotCounted => "report.not_counted",
        }
    }
}

impl LevelRow {
    pub fn status(&self) -> LevelStatus {
        if self.reached {
            LevelStatus::Reached
        } else if self.counted {
            LevelStatus::Counted
        } else {
            LevelStatus::NotCounted
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SubdomainRow {
    pub key: String,
    pub name: String,
    pub domain: String,
    pub element: String,
    pub applicable: bool,
    pub tailoring_reason: Option<String>,
    /// Rule-3 score of the sub-domain (0–5).
    pub overall: Option<Exact>,
    pub levels: [Option<Exact>; 5],
    /// FI requirements (good practice).
    pub strengths: Vec<Item>,
    /// NI (weakness) and PI (improvement item).
    pub weaknesses: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Roadmap {
    pub target: u8,
    pub target_name: String,
    pub x_needed: Exact,
    pub x_shortfall: Exact,
    /// (level, score, shortfall to 0.8)
    pub short_levels: Vec<(u8, Exact, Exact)>,
    /// Largest lift first.
    pub items: Vec<Item>,
}

impl Roadmap {
    /// "Roadmap to level 3 — Integrated".
    pub fn heading(&self, s: &Strings) -> String {
        s.fmt(
            "report.roadmap_heading",
            &[("n", &self.target.to_string()), ("name", &self.target_name)],
        )
    }

    /// How far X has to go, and how the list is ordered.
    pub fn intro(&self, s: &Strings) -> String {
        s.fmt(
            "report.roadmap_intro",
            &[
                ("needed", &figures::score(&self.x_needed)),
                ("shortfall", &figures::shortfall(&self.x_shortfall)),
            ],
        )
    }

    /// One sentence per level that does not reach 0.8.
    pub fn short_levels(&self, s: &Strings) -> Vec<String> {
        self.short_levels
            .iter()
            .map(|(level, score, shortfall)| {
                s.fmt(
                    "report.roadmap_short",
                    &[
                        ("n", &level.to_string()),
                        ("score", &figures::score(score)),
                        ("shortfall", &figures::shortfall(shortfall)),
                    ],
                )
            })
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReportData {
    pub lang: Lang,
    pub enterprise: String,
    /// Profile facts as (label, value), already in the reader's language.
    pub profile: Vec<(String, String)>,
    /// The date of the answers (their last change), or "—".
    pub date: String,
    pub questionnaire: String,
    pub level: u8,
    pub level_name: String,
    pub x: Exact,
    pub rated: usize,
    pub total: usize,
    pub estimates: usize,
    pub target: Option<u8>,
    pub levels: Vec<LevelRow>,
    pub subdomains: Vec<SubdomainRow>,
    /// The weights used, when not the questionnaire's own.
    pub weights: Option<String>,
    /// Requirements marked not applicable, with their reasons.
    pub not_applicable: Vec<String>,
    /// The rating scale as the reader should apply it: one line per rating, its meaning.
    pub scale: Vec<String>,
    /// To the next level, then to the target level when that is further.
    pub roadmaps: Vec<Roadmap>,
    /// Counts of NI, PI, LI, FI over the applicable requirements.
    pub findings: [usize; 4],
}

/// The weights an assessment is scored with, in a sentence, when they are not the
/// questionnaire's own: who set them (a weight profile, or the assessor with a reason) and the
/// table as written.
pub fn weights_note(q: &Questionnaire, answers: &Answers, s: &Strings) -> Option<String> {
    let table = |t: &crate::model::weights::WeightTable| {
        t.as_decimals()
            .iter()
            .map(|(k, w)| format!("{k} = {w}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(w) = &answers.weights {
        return Some(s.fmt(
            "report.weights_assessment",
            &[("table", &table(&w.table)), ("reason", &w.reason)],
        ));
    }
    q.weight_profile_for(&answers.profile).map(|p| {
        s.fmt(
            "report.weights_profile",
            &[("name", &p.name), ("table", &table(&p.table))],
        )
    })
}

/// Conditional requirements marked not applicable: "id text: reason", one each.
pub fn not_applicable_notes(q: &Questionnaire, answers: &Answers, s: &Strings) -> Vec<String> {
    answers
        .not_applicable
        .iter()
        .filter_map(|(id, reason)| {
            let r = q.requirement(id)?;
            Some(s.fmt(
                "report.not_applicable_item",
                &[
                    ("id", id),
                    ("text", r.text.get(s.lang())),
                    ("reason", reason),
                ],
            ))
        })
        .collect()
}

impl ReportData {
    /// Applicable requirements not rated yet.
    pub fn unrated(&self) -> usize {
        self.total - self.rated
    }

    /// What the reader must know about the answers: unrated requirements, estimates, weights
    /// other than the questionnaire's, requirements marked not applicable.
    pub fn caveats(&self, s: &Strings) -> Vec<String> {
        let mut out = Vec::new();
        if self.rated < self.total {
            let unrated = self.unrated().to_string();
            out.push(s.fmt("report.incomplete_note", &[("unrated", &unrated)]));
        }
        if self.estimates > 0 {
            out.push(s.fmt(
                "report.estimates",
                &[("count", &self.estimates.to_string())],
            ));
        }
        out.extend(self.weights.clone());
        out.extend(self.not_applicable.iter().cloned());
        out
    }
}

fn item(
    q: &Questionnaire,
    answers: &Answers,
    sheet: &Sheet,
    i: usize,
    lang: Lang,
    lift: f64,
) -> Item {
    let r = &q.requirements[i];
    Item {
        id: r.id.clone(),
        level: r.level,
        text: r.text.get(lang).to_string(),
        evidence: r
            .evidence
            .as_ref()
            .map(|e| e.get(lang).to_string())
            .unwrap_or_default(),
        rating: sheet.ratings[i],
        estimate: answers.ratings.get(&r.id).is_some_and(|r| r.estimate),
        note: answers.notes.get(&r.id).cloned(),
        lift,
    }
}

/// A requirement with all that the CSV export says of it, in the reader's language.
#[derive(Clone, Debug, PartialEq)]
pub struct RequirementRow {
    pub element: String,
    pub domain: String,
    pub subdomain: String,
    /// Its sub-domain is assessed (not declared not applicable).
    pub applicable: bool,
    pub item: Item,
    /// The rating's value on the scale (LI: 0.8) and its finding ("conforming"), when rated.
    pub value: Option<f64>,
    pub finding: Option<String>,
}

/// Every requirement of the questionnaire, rated or not, in questionnaire order.
pub fn requirement_rows(q: &Questionnaire, answers: &Answers, lang: Lang) -> Vec<RequirementRow> {
    let sheet = Sheet::from_answers(q, answers);
    q.requirements
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let sub = &q.subdomains[r.subdomain];
            let item = item(q, answers, &sheet, i, lang, 0.0);
            RequirementRow {
                element: q.elements[sub.element].name.get(lang).to_string(),
                domain: q.domains[sub.domain].name.get(lang).to_string(),
                subdomain: sub.name.get(lang).to_string(),
                applicable: !sheet.tailored[r.subdomain],
                value: item
                    .rating
                    .map(|rating| f64::from(q.value_milli(rating)) / 1000.0),
                finding: item
                    .rating
                    .map(|rating| q.scale_step(rating).finding.get(lang).to_string()),
                item,
            }
        })
        .collect()
}

fn roadmap(q: &Questionnaire, answers: &Answers, sheet: &Sheet, gap: &Gap, lang: Lang) -> Roadmap {
    Roadmap {
        target: gap.target,
        target_name: q.level(gap.target).name.get(lang).to_string(),
        x_needed: gap.x_needed,
        x_shortfall: gap.x_shortfall,
        short_levels: gap
            .short_levels
            .iter()
            .map(|l| (l.level, l.score, l.shortfall))
            .collect(),
        items: gap
            .items
            .iter()
            .map(|g| item(q, answers, sheet, g.requirement, lang, to_f64(&g.lift)))
            .collect(),
    }
}

fn profile_facts(p: &Profile, s: &Strings) -> Vec<(String, String)> {
    let lang = s.lang();
    let mut facts = Vec::new();
    let mut add =
        |key: &str, value: String| facts.push((s.get(&format!("form.{key}")).to_string(), value));
    if let Some(code) = &p.credit_code {
        add("credit_code", code.clone());
    }
    if let (Some(code), Some(d)) = (&p.industry, p.division()) {
        add("industry", format!("{code} {}", d.name().get(lang)));
    }
    if let Some(t) = p.industry_type {
        add(
            "industry_type",
            s.get(&format!("common.industry_type.{}", t.key()))
                .to_string(),
        );
    }
    if let (Some(code), Some(province)) = (&p.province, p.province_entry()) {
        add("province", format!("{code} {}", province.name().get(lang)));
    }
    if let Some(e) = p.employees {
        add("employees", e.to_string());
    }
    if let Some(r) = p.revenue {
        add("revenue", format!("{r}"));
    }
    if let Some(covers) = &p.covers {
        let names: Vec<&str> = covers
            .iter()
            .map(|c| s.get(&format!("form.cover.{}", c.key())))
            .collect();
        add("covers", names.join(lang.list_separator()));
    }
    facts
}

pub fn build(q: &Questionnaire, answers: &Answers, s: &Strings) -> ReportData {
    let lang = s.lang();
    let sheet = Sheet::from_answers(q, answers);
    let score: Score = score_sheet(q, &sheet);
    let level_name = if score.level == 0 {
        s.get("score.below_level_1").to_string()
    } else {
        q.level(score.level).name.get(lang).to_string()
    };
    let mut findings = [0; 4];
    for (i, r) in q.requirements.iter().enumerate() {
        if let (false, Some(rating)) = (sheet.tailored[r.subdomain], sheet.ratings[i]) {
            findings[rating.index()] += 1;
        }
    }
    let subdomains = q
        .subdomains
        .iter()
        .enumerate()
        .map(|(s_index, sub)| {
            let node = &score.subdomains[s_index];
            let pick = |want: &[Rating]| -> Vec<Item> {
                q.subdomain_requirements(s_index)
                    .filter(|&i| sheet.ratings[i].is_some_and(|r| want.contains(&r)))
                    .map(|i| item(q, answers, &sheet, i, lang, 0.0))
                    .collect()
            };
            let applicable = node.applicable;
            SubdomainRow {
                key: sub.key.clone(),
                name: sub.name.get(lang).to_string(),
                domain: q.domains[sub.domain].name.get(lang).to_string(),
                element: q.elements[sub.element].name.get(lang).to_string(),
                applicable,
                tailoring_reason: answers.tailoring.get(&sub.key).cloned(),
                overall: node.overall,
                levels: node.levels,
                strengths: if applicable {
                    pick(&[Rating::FI])
                } else {
                    Vec::new()
                },
                weaknesses: if applicable {
                    pick(&[Rating::NI, Rating::PI])
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    let mut roadmaps = Vec::new();
    if let Some(gap) = gap_to(q, &sheet, &score, score.level + 1) {
        roadmaps.push(roadmap(q, answers, &sheet, &gap, lang));
    }
    let further_target = answers.meta.target_level.filter(|&t| t > score.level + 1);
    if let Some(gap) = further_target.and_then(|t| gap_to(q, &sheet, &score, t)) {
        roadmaps.push(roadmap(q, answers, &sheet, &gap, lang));
    }
    let date = answers
        .meta
        .updated
        .as_ref()
        .or(answers.meta.created.as_ref())
        .map(|t| t.chars().take(10).collect())
        .unwrap_or_else(|| "—".to_string());
    ReportData {
        lang,
        enterprise: answers.profile.name.clone().unwrap_or_else(|| "—".into()),
        profile: profile_facts(&answers.profile, s),
        date,
        questionnaire: format!("{} {}", q.header.id, q.header.version),
        level: score.level,
        level_name,
        x: score.overall,
        rated: score.completeness.rated,
        total: score.completeness.total,
        estimates: answers.estimate_count(),
        target: answers.meta.target_level,
        levels: score
            .levels
            .iter()
            .map(|l| LevelRow {
                level: l.level,
                name: q.level(l.level).name.get(lang).to_string(),
                score: l.score,
                reached: l.reached,
                counted: l.counted,
                assessed: l.assessed,
            })
            .collect(),
        subdomains,
        weights: weights_note(q, answers, s),
        scale: q
            .scale
            .iter()
            .map(|step| {
                s.fmt(
                    "ui.guidance",
                    &[
                        ("rating", step.rating.code()),
                        ("name", step.name.get(lang)),
                        ("text", step.guidance.get(lang)),
                    ],
                )
            })
            .collect(),
        not_applicable: not_applicable_notes(q, answers, s),
        roadmaps,
        findings,
    }
}
