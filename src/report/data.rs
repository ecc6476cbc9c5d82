//! What a report says, computed once from the questionnaire and the answers, in the reader's
//! language; each format (the terminal summary, text, Markdown, HTML, CSV) only lays it out.

use crate::figures;
use crate::i18n::{Lang, Strings};
use num_traits::Zero;

use super::plan;
use crate::certification::incentives::Incentives;
use crate::model::profile::Profile;
use crate::model::scoring::{Exact, Score, Sheet, score_sheet, threshold};
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
    /// NI (weakness) and PI (improvement item) up to the report's horizon, except those the
    /// roadmap lists.
    pub weaknesses: Vec<Item>,
}

/// A sub-domain at one level, below 0.8: what lifting it to 0.8 takes.
#[derive(Clone, Debug, PartialEq)]
pub struct CellPlan {
    pub key: String,
    pub name: String,
    pub level: u8,
    pub score: Exact,
    /// Applicable requirements in the cell.
    pub total: usize,
    /// The fewest requirements whose rating must reach the goal rating, lowest rating first.
    pub raise: Vec<Item>,
    /// The other rated requirements below the goal (not needed for 0.8).
    pub other: Vec<Item>,
    /// Requirements of the cell not rated yet (they count 0).
    pub unrated: usize,
    /// Raising `raise` is enough, without rating anything else.
    pub reachable: bool,
}

impl CellPlan {
    /// "Equipment, level 2: 0.50 → 0.8; 2 more of its 4 requirements must reach LI or better."
    pub fn heading(&self, goal: &str, s: &Strings) -> String {
        if self.raise.is_empty() {
            // Nothing rated falls short: the cell is low because it is not rated yet.
            return s.fmt(
                "report.cell_rate",
                &[
                    ("subdomain", &self.name),
                    ("n", &self.level.to_string()),
                    ("score", &figures::score(&self.score)),
                    ("count", &self.unrated.to_string()),
                    ("total", &self.total.to_string()),
                ],
            );
        }
        s.fmt(
            "report.cell",
            &[
                ("subdomain", &self.name),
                ("n", &self.level.to_string()),
                ("score", &figures::score(&self.score)),
                ("needed", &self.raise.len().to_string()),
                ("total", &self.total.to_string()),
                ("goal", goal),
            ],
        )
    }

    /// What the cell's unrated requirements mean for it, when it has any.
    pub fn unrated_note(&self, s: &Strings) -> Option<String> {
        (self.unrated > 0 && !self.raise.is_empty()).then(|| {
            let key = if self.reachable {
                "report.cell_unrated"
            } else {
                "report.cell_unrated_needed"
            };
            s.fmt(key, &[("count", &self.unrated.to_string())])
        })
    }
}

/// A level still to reach, with the cells that hold it below 0.8 in the order to take them.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelPlan {
    pub level: u8,
    pub name: String,
    pub score: Exact,
    pub reached: bool,
    pub cells: Vec<CellPlan>,
    /// How many cells, lifted in order, bring the level to 0.8, and how many requirements
    /// that takes; `None` when unrated requirements hold it below 0.8 even then.
    pub reached_after: Option<(usize, usize)>,
}

impl LevelPlan {
    /// "Level 2 — Standardised scores 0.68: 0.12 below 0.8; 13 sub-domains are below 0.8."
    pub fn intro(&self, s: &Strings) -> String {
        if self.reached {
            return s.fmt(
                "report.level_plan_reached",
                &[
                    ("n", &self.level.to_string()),
                    ("name", &self.name),
                    ("score", &figures::score(&self.score)),
                ],
            );
        }
        s.fmt(
            "report.level_plan",
            &[
                ("n", &self.level.to_string()),
                ("name", &self.name),
                ("score", &figures::score(&self.score)),
                (
                    "shortfall",
                    &figures::shortfall(&(threshold() - self.score)),
                ),
                ("count", &self.cells.len().to_string()),
            ],
        )
    }

    /// How far down the list the level reaches 0.8.
    pub fn reach(&self, s: &Strings) -> Option<String> {
        if self.reached {
            return None;
        }
        Some(match self.reached_after {
            Some((cells, requirements)) => s.fmt(
                "report.reach_after",
                &[
                    ("n", &self.level.to_string()),
                    ("cells", &cells.to_string()),
                    ("requirements", &requirements.to_string()),
                ],
            ),
            None => s.fmt("report.reach_unrated", &[("n", &self.level.to_string())]),
        })
    }
}

/// The levels still to reach: the next one, and on to the target level when it is higher.
#[derive(Clone, Debug, PartialEq)]
pub struct Roadmap {
    /// The highest level it leads to (the target, or the next level).
    pub target: u8,
    pub target_name: String,
    /// The rating a requirement must reach (LI on the standard scale).
    pub goal: String,
    /// From the next level up.
    pub levels: Vec<LevelPlan>,
}

impl Roadmap {
    /// "Roadmap to level 3 — Integrated".
    pub fn heading(&self, s: &Strings) -> String {
        s.fmt(
            "report.roadmap_heading",
            &[("n", &self.target.to_string()), ("name", &self.target_name)],
        )
    }

    /// How the roadmap is ordered and what its lists mean.
    pub fn intro(&self, s: &Strings) -> String {
        s.fmt("report.roadmap_intro", &[("goal", &self.goal)])
    }

    /// Every requirement it names, in order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.levels
            .iter()
            .flat_map(|l| &l.cells)
            .flat_map(|c| c.raise.iter().chain(&c.other))
    }
}

/// The next level at a glance: how far it is and the first actions.
#[derive(Clone, Debug, PartialEq)]
pub struct NextLevel {
    pub level: u8,
    pub name: String,
    /// The questionnaire's description of the level.
    pub description: String,
    pub score: Exact,
    pub x_needed: Exact,
    pub x_shortfall: Exact,
    /// Cells below 0.8 at this level.
    pub blocking: usize,
    /// The first cells of the roadmap: the fewest requirements each.
    pub actions: Vec<CellPlan>,
    /// The level score once the actions are done.
    pub after: Exact,
}

impl NextLevel {
    /// "Level 2 scores 0.68 and needs 0.8: 0.12 to go. X must reach 2.00: 0.32 to go."
    pub fn how_far(&self, s: &Strings) -> String {
        s.fmt(
            "report.how_far_value",
            &[
                ("n", &self.level.to_string()),
                ("score", &figures::score(&self.score)),
                (
                    "shortfall",
                    &figures::shortfall(&(threshold() - self.score)),
                ),
                ("needed", &figures::score(&self.x_needed)),
                ("x_shortfall", &figures::shortfall(&self.x_shortfall)),
            ],
        )
    }

    /// The sentence before the actions.
    pub fn actions_intro(&self, s: &Strings) -> String {
        s.fmt(
            "report.actions_intro",
            &[
                ("n", &self.level.to_string()),
                ("count", &self.blocking.to_string()),
            ],
        )
    }

    /// What the actions together do to the level, when they change it.
    pub fn actions_after(&self, s: &Strings) -> Option<String> {
        if self.after == self.score {
            return None;
        }
        let key = if self.after >= threshold() {
            "report.actions_reach"
        } else {
            "report.actions_after"
        };
        Some(s.fmt(
            key,
            &[
                ("count", &self.actions.len().to_string()),
                ("n", &self.level.to_string()),
                ("score", &figures::score(&self.score)),
                ("after", &figures::score(&self.after)),
            ],
        ))
    }
}

/// The first page: the level, what it means, and what to do next.
#[derive(Clone, Debug, PartialEq)]
pub struct Glance {
    /// What the level reached means (the questionnaire's description), or that none is.
    pub meaning: String,
    /// `None` at level 5.
    pub next: Option<NextLevel>,
}

/// Actions the first page lists: at most this many…
pub const MAX_ACTIONS: usize = 5;
/// …and at least this many when there are, while they name at most [`NAMED_BUDGET`]
/// requirements in all (so that the page stays one page).
pub const MIN_ACTIONS: usize = 3;
pub const NAMED_BUDGET: usize = 12;

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
    /// The first page.
    pub glance: Glance,
    /// Where the level stands nationally (the 2021 report), in a sentence.
    pub peers: String,
    /// More peer context, each a sentence: the region's count at level 2 or above in 2021 (when
    /// the province is known), where X stands in a collection (`--peers STORE`).
    pub peers_more: Vec<String>,
    /// To the next level, and on to the target level when that is higher; `None` at level 5.
    pub roadmap: Option<Roadmap>,
    /// Weaknesses and improvement items are listed up to this level (the roadmap's last).
    pub horizon: u8,
    /// Weaknesses and improvement items the roadmap lists (not repeated among the findings).
    pub in_roadmap: usize,
    /// Weaknesses and improvement items above the horizon (counted, not listed).
    pub above_horizon: usize,
    /// Applicable requirements not rated yet, with their sub-domain's name.
    pub unrated_items: Vec<(String, Item)>,
    /// Counts of NI, PI, LI, FI over the applicable requirements.
    pub findings: [usize; 4],
    /// From self-diagnosis to certificate: the formal assessment and what a level is worth.
    pub certification: super::certification::View,
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

    /// "Not yet rated: 12 requirements at levels 2, 3 and 5; …", when any are.
    pub fn unrated_note(&self, s: &Strings) -> Option<String> {
        if self.unrated_items.is_empty() {
            return None;
        }
        let mut levels: Vec<u8> = self.unrated_items.iter().map(|(_, i)| i.level).collect();
        levels.dedup();
        levels.sort_unstable();
        levels.dedup();
        let levels: Vec<String> = levels.iter().map(u8::to_string).collect();
        Some(s.fmt(
            "report.unrated_note",
            &[
                ("count", &self.unrated_items.len().to_string()),
                ("levels", &levels.join(self.lang.list_separator())),
            ],
        ))
    }

    /// What the first page says of the answers: unrated requirements, estimates.
    pub fn glance_caveats(&self, s: &Strings) -> Vec<String> {
        let mut out: Vec<String> = self.unrated_note(s).into_iter().collect();
        if self.estimates > 0 {
            out.push(s.fmt(
                "report.estimates",
                &[("count", &self.estimates.to_string())],
            ));
        }
        out
    }

    /// Every requirement id the first page names.
    pub fn glance_ids(&self) -> Vec<&str> {
        self.glance
            .next
            .iter()
            .flat_map(|n| &n.actions)
            .flat_map(|c| &c.raise)
            .map(|i| i.id.as_str())
            .collect()
    }

    /// What the reader must know about the answers: unrated requirements, estimates, weights
    /// other than the questionnaire's, requirements marked not applicable.
    pub fn caveats(&self, s: &Strings) -> Vec<String> {
        let mut out = Vec::new();
        out.extend(self.unrated_note(s));
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

fn item(q: &Questionnaire, answers: &Answers, sheet: &Sheet, i: usize, lang: Lang) -> Item {
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

/// Per requirement (questionnaire order), its place in the roadmap: the number of the
/// sub-domain cell whose lifting to 0.8 needs it raised (1 = first), as the reports number them;
/// `None` for requirements the roadmap does not ask to raise.
pub fn roadmap_order(q: &Questionnaire, answers: &Answers) -> Vec<Option<usize>> {
    let sheet = Sheet::from_answers(q, answers);
    let score = score_sheet(q, &sheet);
    let mut out = vec![None; q.requirements.len()];
    if score.level >= 5 {
        return out;
    }
    let cells = plan::levels_ahead(score.level, answers.meta.target_level)
        .flat_map(|l| plan::level_plan(q, &sheet, &score, l).cells);
    for (rank, cell) in cells.enumerate() {
        for &i in &cell.raise {
            out[i] = Some(rank + 1);
        }
    }
    out
}

/// Every requirement of the questionnaire, rated or not, in questionnaire order.
pub fn requirement_rows(q: &Questionnaire, answers: &Answers, lang: Lang) -> Vec<RequirementRow> {
    let sheet = Sheet::from_answers(q, answers);
    q.requirements
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let sub = &q.subdomains[r.subdomain];
            let item = item(q, answers, &sheet, i, lang);
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

/// The plan of a level in the reader's words.
fn level_plan(
    q: &Questionnaire,
    answers: &Answers,
    sheet: &Sheet,
    plan: &plan::LevelPlan,
    lang: Lang,
) -> LevelPlan {
    let items = |ixs: &[usize]| -> Vec<Item> {
        ixs.iter()
            .map(|&i| item(q, answers, sheet, i, lang))
            .collect()
    };
    let cells: Vec<CellPlan> = plan
        .cells
        .iter()
        .map(|c| CellPlan {
            key: q.subdomains[c.subdomain].key.clone(),
            name: q.subdomains[c.subdomain].name.get(lang).to_string(),
            level: c.level,
            score: c.score,
            total: c.total,
            raise: items(&c.raise),
            other: items(&c.other),
            unrated: c.unrated.len(),
            reachable: c.reachable,
        })
        .collect();
    LevelPlan {
        level: plan.level,
        name: q.level(plan.level).name.get(lang).to_string(),
        score: plan.score,
        reached: plan.reached,
        reached_after: plan.reached_after.map(|n| {
            let requirements = cells[..n].iter().map(|c| c.raise.len()).sum();
            (n, requirements)
        }),
        cells,
    }
}

/// The first cells of the next level's plan: at most [`MAX_ACTIONS`], and while they name
/// at most [`NAMED_BUDGET`] requirements, at least [`MIN_ACTIONS`].
fn first_actions(cells: &[plan::Cell]) -> usize {
    let mut named = 0;
    let mut count = 0;
    for c in cells.iter().take(MAX_ACTIONS) {
        named += c.raise.len();
        if count >= MIN_ACTIONS && named > NAMED_BUDGET {
            break;
        }
        count += 1;
    }
    count
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
    build_with(q, answers, &Incentives::embedded(), s)
}

/// [`build`] with an incentive file of the reader's own.
pub fn build_with(
    q: &Questionnaire,
    answers: &Answers,
    incentives: &Incentives,
    s: &Strings,
) -> ReportData {
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
    let ahead = plan::levels_ahead(score.level, answers.meta.target_level);
    let plans: Vec<plan::LevelPlan> = if score.level < 5 {
        ahead
            .clone()
            .map(|l| plan::level_plan(q, &sheet, &score, l))
            .collect()
    } else {
        Vec::new()
    };
    // Weaknesses are listed up to the last level the roadmap leads to (above it, only counted),
    // and those the roadmap lists are not repeated.
    let horizon = if score.level < 5 { *ahead.end() } else { 5 };
    let mut in_roadmap = vec![false; q.requirements.len()];
    for c in plans.iter().flat_map(|p| &p.cells) {
        for &i in c.raise.iter().chain(&c.other) {
            in_roadmap[i] = true;
        }
    }
    let mut above_horizon = 0;
    for (i, r) in q.requirements.iter().enumerate() {
        let weak = matches!(sheet.ratings[i], Some(Rating::NI | Rating::PI));
        if weak && r.level > horizon && !sheet.tailored[r.subdomain] && !sheet.not_applicable[i] {
            above_horizon += 1;
        }
    }
    let subdomains = q
        .subdomains
        .iter()
        .enumerate()
        .map(|(s_index, sub)| {
            let node = &score.subdomains[s_index];
            let pick = |want: &[Rating], up_to: u8| -> Vec<Item> {
                q.subdomain_requirements(s_index)
                    .filter(|&i| q.requirements[i].level <= up_to && !sheet.not_applicable[i])
                    .filter(|&i| !in_roadmap[i])
                    .filter(|&i| sheet.ratings[i].is_some_and(|r| want.contains(&r)))
                    .map(|i| item(q, answers, &sheet, i, lang))
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
                    pick(&[Rating::FI], 5)
                } else {
                    Vec::new()
                },
                weaknesses: if applicable {
                    pick(&[Rating::NI, Rating::PI], horizon)
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    let goal = plan::goal(q).code().to_string();
    let glance = Glance {
        meaning: if score.level == 0 {
            s.get("report.below_meaning").to_string()
        } else {
            q.level(score.level).description.get(lang).to_string()
        },
        next: plans.first().map(|p| {
            let n = first_actions(&p.cells);
            let after = score_sheet(q, &plan::raised(q, &sheet, &p.cells[..n])).levels
                [usize::from(p.level - 1)]
            .score;
            let x_needed = Exact::from_integer(i128::from(p.level));
            NextLevel {
                level: p.level,
                name: q.level(p.level).name.get(lang).to_string(),
                description: q.level(p.level).description.get(lang).to_string(),
                score: p.score,
                x_needed,
                x_shortfall: (x_needed - score.overall).max(Exact::zero()),
                blocking: p.cells.len(),
                actions: level_plan(q, answers, &sheet, p, lang).cells[..n].to_vec(),
                after,
            }
        }),
    };
    let roadmap = (!plans.is_empty()).then(|| {
        let target = *ahead.end();
        Roadmap {
            target,
            target_name: q.level(target).name.get(lang).to_string(),
            goal,
            levels: plans
                .iter()
                .map(|p| level_plan(q, answers, &sheet, p, lang))
                .collect(),
        }
    });
    let unrated_items = q
        .requirements
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            !sheet.tailored[r.subdomain] && !sheet.not_applicable[*i] && sheet.ratings[*i].is_none()
        })
        .map(|(i, r)| {
            (
                q.subdomains[r.subdomain].name.get(lang).to_string(),
                item(q, answers, &sheet, i, lang),
            )
        })
        .collect();
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
        glance,
        peers: super::peers::level_line(s, score.level, &answers.profile),
        peers_more: super::peers::region_line(s, &answers.profile)
            .into_iter()
            .collect(),
        roadmap,
        horizon,
        in_roadmap: in_roadmap.iter().filter(|&&b| b).count(),
        above_horizon,
        unrated_items,
        findings,
        certification: super::certification::report_view(q, answers, incentives, s),
    }
}
