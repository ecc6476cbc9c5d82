//! What a result file derives from the answers — the score, its completeness and the gaps — in
//! the file's shape ([`super::schema`]). `zizhen score --format json` prints the same parts.

use super::schema::{
    CompletenessJson, GapJson, GapRequirementJson, GapsJson, LevelFindingsJson, LevelJson,
    NodeJson, ProfileJson, ScoreJson, ShortLevelJson,
};
use crate::model::Answers;
use crate::model::gaps::{Gap, LevelFindings, findings, gap_to};
use crate::model::profile::Profile;
use crate::model::questionnaire::Questionnaire;
use crate::model::scoring::{Exact, NodeScore, Score, Sheet, score_sheet, to_f64};

/// The enterprise profile as the file carries it.
pub fn profile(p: &Profile) -> ProfileJson {
    ProfileJson {
        name: p.name.clone(),
        credit_code: p.credit_code.clone(),
        industry: p.industry.clone(),
        industry_type: p.industry_type.map(|t| t.key().to_string()),
        province: p.province.clone(),
        employees: p.employees,
        revenue: p.revenue,
        covers: p
            .covers
            .as_ref()
            .map(|c| c.iter().map(|c| c.key().to_string()).collect()),
        sme: p.is_sme(),
    }
}

fn exact(x: &Exact) -> f64 {
    to_f64(x)
}

fn nodes(
    list: &[NodeScore],
    extra: impl Fn(usize) -> (Option<String>, Option<String>),
) -> Vec<NodeJson> {
    list.iter()
        .enumerate()
        .map(|(i, n)| {
            let (domain, element) = extra(i);
            NodeJson {
                key: n.key.clone(),
                domain,
                element,
                applicable: n.applicable,
                levels: n.levels.iter().map(|l| l.as_ref().map(exact)).collect(),
                overall: n.overall.as_ref().map(exact),
            }
        })
        .collect()
}

pub fn score(q: &Questionnaire, score: &Score) -> ScoreJson {
    ScoreJson {
        overall: exact(&score.overall),
        overall_exact: score.overall.to_string(),
        level: score.level,
        level_name: (score.level > 0).then(|| q.level(score.level).name.clone()),
        levels: score
            .levels
            .iter()
            .map(|l| LevelJson {
                level: l.level,
                score: exact(&l.score),
                reached: l.reached,
                counted: l.counted,
                assessed: l.assessed,
            })
            .collect(),
        subdomains: nodes(&score.subdomains, |s| {
            let sub = &q.subdomains[s];
            (
                Some(q.domains[sub.domain].key.clone()),
                Some(q.elements[sub.element].key.clone()),
            )
        }),
        domains: nodes(&score.domains, |d| {
            (None, Some(q.elements[q.domains[d].element].key.clone()))
        }),
        elements: nodes(&score.elements, |_| (None, None)),
    }
}

fn ids(q: &Questionnaire, list: &[usize]) -> Vec<String> {
    list.iter().map(|&i| q.requirements[i].id.clone()).collect()
}

fn level_findings(q: &Questionnaire, f: &LevelFindings) -> LevelFindingsJson {
    LevelFindingsJson {
        level: f.level,
        weaknesses: ids(q, &f.weaknesses),
        improvements: ids(q, &f.improvements),
        conforming: ids(q, &f.conforming),
        unrated: ids(q, &f.unrated),
    }
}

pub fn gap(q: &Questionnaire, gap: &Gap) -> GapJson {
    GapJson {
        current: gap.current,
        target: gap.target,
        x_needed: exact(&gap.x_needed),
        x_shortfall: exact(&gap.x_shortfall),
        short_levels: gap
            .short_levels
            .iter()
            .map(|l| ShortLevelJson {
                level: l.level,
                score: exact(&l.score),
                shortfall: exact(&l.shortfall),
            })
            .collect(),
        requirements: gap
            .items
            .iter()
            .map(|item| GapRequirementJson {
                id: q.requirements[item.requirement].id.clone(),
                rating: item.rating.map(|r| r.code().to_string()),
                lift: exact(&item.lift),
            })
            .collect(),
    }
}

/// Everything derived from the answers: the score, its completeness and the gaps.
#[derive(Clone, Debug, PartialEq)]
pub struct Derived {
    pub score: ScoreJson,
    pub completeness: CompletenessJson,
    pub gaps: GapsJson,
}

pub fn derive(q: &Questionnaire, answers: &Answers) -> Derived {
    derive_with(q, answers, true)
}

/// Like [`derive`]; without `gaps` the gaps part is left empty (the gaps take most of the
/// time, and a collection keeps the score, not the gaps).
pub fn derive_with(q: &Questionnaire, answers: &Answers, gaps: bool) -> Derived {
    let sheet = Sheet::from_answers(q, answers);
    let scored = score_sheet(q, &sheet);
    let gaps = if gaps {
        let to = |level| gap_to(q, &sheet, &scored, level).map(|g| gap(q, &g));
        GapsJson {
            levels: findings(q, &sheet)
                .iter()
                .map(|f| level_findings(q, f))
                .collect(),
            next: to(scored.level + 1),
            target: answers.meta.target_level.and_then(to),
        }
    } else {
        GapsJson {
            levels: Vec::new(),
            next: None,
            target: None,
        }
    };
    Derived {
        score: score(q, &scored),
        completeness: CompletenessJson {
            rated: scored.completeness.rated,
            total: scored.completeness.total,
            unrated: scored.completeness.unrated(),
            complete: scored.completeness.complete(),
        },
        gaps,
    }
}
