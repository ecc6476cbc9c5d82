//! Machine-readable forms: the questionnaire, and a scored assessment (the `score` object that
//! `zizhen score --format json` prints and the result file embeds).

use serde_json::{Value, json};

use crate::model::gaps::{Gap, LevelFindings, findings, gap_to};
use crate::model::profile::Profile;
use crate::model::questionnaire::Questionnaire;
use crate::model::scoring::{Exact, NodeScore, Score, Sheet, to_f64};
use crate::model::{Answers, Text};

fn text(t: &Text) -> Value {
    json!({ "zh-CN": t.zh, "en": t.en })
}

fn exact(x: &Exact) -> Value {
    json!(to_f64(x))
}

fn optional(x: &Option<Exact>) -> Value {
    x.as_ref().map_or(Value::Null, exact)
}

/// The whole questionnaire (`zizhen questionnaire show --format json`).
pub fn questionnaire(q: &Questionnaire) -> Value {
    json!({
        "id": q.header.id,
        "version": q.header.version,
        "standard": q.header.standard,
        "title": text(&q.header.title),
        "wording": q.header.wording.as_ref().map(text),
        "levels": q.levels.iter().map(|l| json!({
            "level": l.level, "name": text(&l.name), "description": text(&l.description),
        })).collect::<Vec<_>>(),
        "scale": q.scale.iter().map(|s| json!({
            "code": s.rating.code(),
            "value": f64::from(s.value_milli) / 1000.0,
            "name": text(&s.name),
            "finding": text(&s.finding),
            "guidance": text(&s.guidance),
        })).collect::<Vec<_>>(),
        "elements": q.elements.iter().map(|e| json!({ "key": e.key, "name": text(&e.name) }))
            .collect::<Vec<_>>(),
        "domains": q.domains.iter().map(|d| json!({
            "key": d.key, "element": q.elements[d.element].key, "name": text(&d.name),
        })).collect::<Vec<_>>(),
        "subdomains": q.subdomains.iter().map(|s| json!({
            "key": s.key,
            "domain": q.domains[s.domain].key,
            "element": q.elements[s.element].key,
            "name": text(&s.name),
            "weight": to_f64(&s.weight()),
            "tailorable": { "discrete": s.tailorable[0], "process": s.tailorable[1] },
        })).collect::<Vec<_>>(),
        "requirements": q.requirements.iter().map(|r| json!({
            "id": r.id,
            "subdomain": q.subdomains[r.subdomain].key,
            "level": r.level,
            "text": text(&r.text),
            "evidence": r.evidence.as_ref().map(text),
        })).collect::<Vec<_>>(),
    })
}

pub fn profile(p: &Profile) -> Value {
    json!({
        "name": p.name,
        "credit_code": p.credit_code,
        "industry": p.industry,
        "industry_type": p.industry_type.map(|t| t.key()),
        "province": p.province,
        "employees": p.employees,
        "revenue": p.revenue,
        "covers": p.covers.as_ref().map(|c| c.iter().map(|c| c.key()).collect::<Vec<_>>()),
        "sme": p.is_sme(),
    })
}

fn nodes(list: &[NodeScore], extra: impl Fn(usize) -> Value) -> Value {
    Value::Array(
        list.iter()
            .enumerate()
            .map(|(i, n)| {
                let mut v = json!({
                    "key": n.key,
                    "applicable": n.applicable,
                    "levels": n.levels.iter().map(optional).collect::<Vec<_>>(),
                    "overall": optional(&n.overall),
                });
                if let (Value::Object(map), Value::Object(more)) = (&mut v, extra(i)) {
                    map.extend(more);
                }
                v
            })
            .collect(),
    )
}

/// The `score` object.
pub fn score(q: &Questionnaire, score: &Score) -> Value {
    json!({
        "overall": exact(&score.overall),
        "overall_exact": score.overall.to_string(),
        "level": score.level,
        "level_name": (score.level > 0).then(|| text(&q.level(score.level).name)),
        "levels": score.levels.iter().map(|l| json!({
            "level": l.level,
            "score": exact(&l.score),
            "reached": l.reached,
            "counted": l.counted,
            "assessed": l.assessed,
        })).collect::<Vec<_>>(),
        "subdomains": nodes(&score.subdomains, |s| json!({
            "domain": q.domains[q.subdomains[s].domain].key,
            "element": q.elements[q.subdomains[s].element].key,
        })),
        "domains": nodes(&score.domains, |d| json!({
            "element": q.elements[q.domains[d].element].key,
        })),
        "elements": nodes(&score.elements, |_| json!({})),
    })
}

fn ids(q: &Questionnaire, list: &[usize]) -> Value {
    Value::Array(list.iter().map(|&i| json!(q.requirements[i].id)).collect())
}

fn level_findings(q: &Questionnaire, f: &LevelFindings) -> Value {
    json!({
        "level": f.level,
        "weaknesses": ids(q, &f.weaknesses),
        "improvements": ids(q, &f.improvements),
        "conforming": ids(q, &f.conforming),
        "unrated": ids(q, &f.unrated),
    })
}

pub fn gap(q: &Questionnaire, gap: &Gap) -> Value {
    json!({
        "current": gap.current,
        "target": gap.target,
        "x_needed": exact(&gap.x_needed),
        "x_shortfall": exact(&gap.x_shortfall),
        "short_levels": gap.short_levels.iter().map(|l| json!({
            "level": l.level, "score": exact(&l.score), "shortfall": exact(&l.shortfall),
        })).collect::<Vec<_>>(),
        "requirements": gap.items.iter().map(|item| json!({
            "id": q.requirements[item.requirement].id,
            "rating": item.rating.map(|r| r.code()),
            "lift": exact(&item.lift),
        })).collect::<Vec<_>>(),
    })
}

/// Everything `zizhen score --format json` prints.
pub fn assessment(q: &Questionnaire, answers: &Answers) -> Value {
    let sheet = Sheet::from_answers(q, answers);
    let scored = crate::model::scoring::score_sheet(q, &sheet);
    let next = gap_to(q, &sheet, &scored, scored.level + 1);
    json!({
        "questionnaire": { "id": q.header.id, "version": q.header.version },
        "profile": profile(&answers.profile),
        "tailoring": answers.tailoring,
        "estimates": answers.estimates,
        "score": score(q, &scored),
        "completeness": {
            "rated": scored.completeness.rated,
            "total": scored.completeness.total,
            "unrated": scored.completeness.unrated(),
            "complete": scored.completeness.complete(),
        },
        "gaps": {
            "levels": findings(q, &sheet).iter().map(|f| level_findings(q, f)).collect::<Vec<_>>(),
            "next": next.as_ref().map(|g| gap(q, g)),
        },
    })
}
