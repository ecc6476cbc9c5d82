//! `zizhen compare --format json`: the comparison for machines. The keys are stable (this is
//! `zizhen-compare/1`); scores are numbers (for charts) with the exact fraction beside the
//! overall ones (`"5/2"`), the way the result file writes X.
//!
//! ```text
//! format          "zizhen-compare/1"
//! questionnaire   { id, version }
//! a, b            { source, enterprise, level, x, x_exact, rated, total }
//! change          { level: B − A, x: B − A (number), x_exact: B − A (fraction) }
//! levels[]        { level, a, b, a_reached, b_reached }                        S1–S5
//! elements[], domains[], subdomains[]
//!                 { key, changed, a: { applicable, overall, levels[5] }, b: { … } }
//!                 (overall and a level are null where nothing applicable is assessed)
//! requirements[]  { id, subdomain, level, a, b }   a, b: "NI" "PI" "LI" "FI" "unrated"
//!                                                  "not_applicable"; only those that differ
//! tailoring[]     { subdomain, a, b }              the reason it is tailored out, or null
//! fields[]        { field, a, b }                  field: name credit_code industry
//!                                                  industry_type province employees revenue
//!                                                  covers target_level weights; values as the
//!                                                  answers file writes them, or null
//! ```

use serde::Serialize;

use crate::model::Questionnaire;
use crate::model::compare::{Comparison, NodePair};
use crate::model::scoring::{NodeScore, Score, to_f64};

#[derive(Serialize)]
pub struct CompareJson {
    pub format: &'static str,
    pub questionnaire: QuestionnaireJson,
    pub a: SideJson,
    pub b: SideJson,
    pub change: ChangeJson,
    pub levels: Vec<LevelJson>,
    pub elements: Vec<NodeJson>,
    pub domains: Vec<NodeJson>,
    pub subdomains: Vec<NodeJson>,
    pub requirements: Vec<RequirementJson>,
    pub tailoring: Vec<TailoringJson>,
    pub fields: Vec<FieldJson>,
}

#[derive(Serialize)]
pub struct QuestionnaireJson {
    pub id: String,
    pub version: String,
}

#[derive(Serialize)]
pub struct SideJson {
    /// As given on the command line.
    pub source: String,
    pub enterprise: Option<String>,
    pub level: u8,
    pub x: f64,
    pub x_exact: String,
    pub rated: usize,
    pub total: usize,
}

#[derive(Serialize)]
pub struct ChangeJson {
    pub level: i16,
    pub x: f64,
    pub x_exact: String,
}

#[derive(Serialize)]
pub struct LevelJson {
    pub level: u8,
    pub a: f64,
    pub b: f64,
    pub a_reached: bool,
    pub b_reached: bool,
}

#[derive(Serialize)]
pub struct NodeJson {
    pub key: String,
    pub changed: bool,
    pub a: NodeSideJson,
    pub b: NodeSideJson,
}

#[derive(Serialize)]
pub struct NodeSideJson {
    pub applicable: bool,
    pub overall: Option<f64>,
    pub levels: Vec<Option<f64>>,
}

#[derive(Serialize)]
pub struct RequirementJson {
    pub id: String,
    pub subdomain: String,
    pub level: u8,
    pub a: &'static str,
    pub b: &'static str,
}

#[derive(Serialize)]
pub struct TailoringJson {
    pub subdomain: String,
    pub a: Option<String>,
    pub b: Option<String>,
}

#[derive(Serialize)]
pub struct FieldJson {
    pub field: &'static str,
    pub a: Option<String>,
    pub b: Option<String>,
}

/// The comparison as JSON; A and B are named `sources` and belong to `enterprises`.
pub fn build(
    q: &Questionnaire,
    c: &Comparison,
    sources: [&str; 2],
    enterprises: [Option<&str>; 2],
) -> CompareJson {
    let side = |score: &Score, i: usize| SideJson {
        source: sources[i].to_string(),
        enterprise: enterprises[i].map(str::to_string),
        level: score.level,
        x: to_f64(&score.overall),
        x_exact: score.overall.to_string(),
        rated: score.completeness.rated,
        total: score.completeness.total,
    };
    let node_side = |n: &NodeScore| NodeSideJson {
        applicable: n.applicable,
        overall: n.overall.as_ref().map(to_f64),
        levels: n.levels.iter().map(|l| l.as_ref().map(to_f64)).collect(),
    };
    let nodes = |pairs: Vec<NodePair>| -> Vec<NodeJson> {
        pairs
            .iter()
            .map(|p| NodeJson {
                key: p.a.key.clone(),
                changed: p.changed(),
                a: node_side(p.a),
                b: node_side(p.b),
            })
            .collect()
    };
    let dx = c.b.overall - c.a.overall;
    CompareJson {
        format: "zizhen-compare/1",
        questionnaire: QuestionnaireJson {
            id: q.header.id.clone(),
            version: q.header.version.clone(),
        },
        a: side(&c.a, 0),
        b: side(&c.b, 1),
        change: ChangeJson {
            level: i16::from(c.b.level) - i16::from(c.a.level),
            x: to_f64(&dx),
            x_exact: dx.to_string(),
        },
        levels: c
            .a
            .levels
            .iter()
            .zip(&c.b.levels)
            .map(|(a, b)| LevelJson {
                level: a.level,
                a: to_f64(&a.score),
                b: to_f64(&b.score),
                a_reached: a.reached,
                b_reached: b.reached,
            })
            .collect(),
        elements: nodes(c.elements()),
        domains: nodes(c.domains()),
        subdomains: nodes(c.subdomains()),
        requirements: c
            .requirements
            .iter()
            .map(|r| {
                let req = &q.requirements[r.index];
                RequirementJson {
                    id: r.id.clone(),
                    subdomain: q.subdomains[req.subdomain].key.clone(),
                    level: req.level,
                    a: r.from.key(),
                    b: r.to.key(),
                }
            })
            .collect(),
        tailoring: c
            .tailoring
            .iter()
            .map(|t| TailoringJson {
                subdomain: t.key.clone(),
                a: t.from.clone(),
                b: t.to.clone(),
            })
            .collect(),
        fields: c
            .fields
            .iter()
            .map(|f| FieldJson {
                field: f.field.key(),
                a: f.from.clone(),
                b: f.to.clone(),
            })
            .collect(),
    }
}

/// The JSON text, pretty, ending in a newline.
pub fn render(
    q: &Questionnaire,
    c: &Comparison,
    sources: [&str; 2],
    enterprises: [Option<&str>; 2],
) -> String {
    let mut text = serde_json::to_string_pretty(&build(q, c, sources, enterprises))
        .unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}
