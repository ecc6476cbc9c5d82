//! The index report of a collection (`zizhen index`), laid out from [`crate::collection::query::Index`]:
//! [`view`] turns it into titled tables once, in the user's language; [`text`], [`markdown`],
//! [`csv()`] and [`html`] only lay those tables out. The JSON is the `Index` itself.
//!
//! Suppressed groups (fewer than k enterprises) reach the tables as "fewer than k" and nothing
//! else, so no format can show what the data layer withheld.

pub mod html;
mod render;

pub use render::{csv, markdown, text};

use crate::collection::query::{Group, Index};
use crate::i18n::{Lang, Strings};
use crate::model::Questionnaire;
use crate::model::reference;

/// One table of the report.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// A stable name (CSV's `section` column, HTML ids).
    pub id: &'static str,
    pub title: String,
    pub note: Option<String>,
    pub head: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The group's code or key (CSV's `key` column).
    pub key: String,
    pub cells: Vec<String>,
    /// For the level bar of this row: ≤L1, L2, L3, ≥L4 counts (absent when suppressed).
    pub bar: Option<[u64; 4]>,
}

/// The whole report: a title, lines about the selection, and the tables.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub title: String,
    pub lines: Vec<String>,
    /// Levels 0..=5 of the whole selection, for the chart (absent when suppressed).
    pub levels: Option<[u64; 6]>,
    pub tables: Vec<Table>,
}

/// "320200 无锡" / "320200 Wuxi" (GB/T 2260 city table); an unknown code as it is.
pub fn city_label(code: &str, lang: Lang) -> String {
    match code.parse().ok().and_then(reference::city) {
        Some(c) => format!("{} {}", c.code, c.name().get(lang)),
        None => code.to_string(),
    }
}

/// "32 江苏" / "32 Jiangsu"; an unknown code as it is.
pub fn province_label(code: &str, lang: Lang) -> String {
    match code.parse().ok().and_then(reference::province) {
        Some(p) => format!("{} {}", p.code, p.name().get(lang)),
        None => code.to_string(),
    }
}

pub fn industry_label(code: &str, lang: Lang) -> String {
    match code.parse().ok().and_then(reference::division) {
        Some(d) => format!("{} {}", d.code, d.name().get(lang)),
        None => code.to_string(),
    }
}

fn percent(n: u64, of: u64) -> String {
    if of == 0 {
        return "–".into();
    }
    format!("{:.1} %", n as f64 * 100.0 / of as f64)
}

fn share(x: f64) -> String {
    format!("{:.1} %", x * 100.0)
}

/// Two decimals, rounded down (like every score the tool shows).
fn score(x: f64) -> String {
    format!("{:.2}", (x * 100.0 + 1e-9).floor() / 100.0)
}

fn bar_of(levels: &[u64; 6]) -> [u64; 4] {
    [
        levels[0] + levels[1],
        levels[2],
        levels[3],
        levels[4] + levels[5],
    ]
}

/// The columns of a group table after its label: enterprises, the four level groups (count and
/// share), ≥ L2 and the mean X.
fn group_head(s: &Strings, label: &str, mean: &str) -> Vec<String> {
    vec![
        label.to_string(),
        s.get("index.col.enterprises").to_string(),
        s.get("index.col.le1").to_string(),
        s.get("index.col.l2").to_string(),
        s.get("index.col.l3").to_string(),
        s.get("index.col.ge4").to_string(),
        s.get("index.col.at_least_l2").to_string(),
        mean.to_string(),
    ]
}

fn group_row(s: &Strings, key: &str, label: String, g: &Group) -> Row {
    let Some(levels) = g.level_counts() else {
        let said = match g.fewer_than {
            Some(k) => s.fmt("index.fewer_than", &[("k", &k.to_string())]),
            None => s.get("index.protects_another").to_string(),
        };
        let mut cells = vec![label, said];
        cells.extend(std::iter::repeat_n(String::new(), 6));
        return Row {
            key: key.to_string(),
            cells,
            bar: None,
        };
    };
    let n = g.enterprises.unwrap_or_default();
    let bar = bar_of(&levels);
    let mut cells = vec![label, n.to_string()];
    cells.extend(bar.iter().map(|c| format!("{c} ({})", percent(*c, n))));
    cells.push(g.at_least_l2.unwrap_or_default().to_string());
    cells.push(g.mean_x.map(score).unwrap_or_default());
    Row {
        key: key.to_string(),
        cells,
        bar: Some(bar),
    }
}

/// Groups in the seed's order: shown ones by `rank` (highest first), then the suppressed.
fn ranked<'a>(
    groups: impl Iterator<Item = (&'a String, &'a Group)>,
    rank: impl Fn(&Group) -> f64,
) -> Vec<(&'a String, &'a Group)> {
    let mut list: Vec<_> = groups.collect();
    list.sort_by(|a, b| {
        let ra = if a.1.suppressed { f64::MIN } else { rank(a.1) };
        let rb = if b.1.suppressed { f64::MIN } else { rank(b.1) };
        rb.total_cmp(&ra).then_with(|| a.0.cmp(b.0))
    });
    list
}

/// The report's tables, in the order the national report goes.
pub fn view(index: &Index, q: &Questionnaire, s: &Strings, top: usize) -> View {
    let lang = s.lang();
    let k = index.min_group.to_string();
    let mut lines = vec![
        s.fmt(
            "index.selection",
            &[
                ("enterprises", &index.enterprises.to_string()),
                (
                    "year",
                    &index
                        .filters
                        .year
                        .map(|y| y.to_string())
                        .unwrap_or_else(|| s.get("index.any_year").to_string()),
                ),
            ],
        ),
    ];
    let filters = filter_labels(&index.filters, s);
    if !filters.is_empty() {
        lines.push(s.fmt(
            "index.filters",
            &[("filters", &filters.join(lang.list_separator()))],
        ));
    }
    lines.push(s.fmt("index.privacy", &[("k", &k)]));
    if index.suppressed {
        lines.push(suppressed_line(index, s));
    }
    if let Some(x) = index.mean_x {
        lines.push(s.fmt("index.mean_x", &[("x", &score(x))]));
    }
    let levels = index.levels.as_ref().map(|l| {
        let mut out = [0u64; 6];
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = l.get(&i.to_string()).copied().unwrap_or(0);
        }
        out
    });
    let mut tables = Vec::new();
    if let Some(levels) = levels {
        let n = index.enterprises;
        let mut rows: Vec<Row> = (0..=5)
            .map(|l| {
                let name = if l == 0 {
                    s.get("index.level0").to_string()
                } else {
                    s.fmt("index.level_n", &[("n", &l.to_string())])
                };
                Row {
                    key: l.to_string(),
                    cells: vec![name, levels[l].to_string(), percent(levels[l], n)],
                    bar: None,
                }
            })
            .collect();
        let bar = bar_of(&levels);
        for (i, key) in ["le1", "l2", "l3", "ge4"].iter().enumerate() {
            rows.push(Row {
                key: key.to_string(),
                cells: vec![
                    s.get(&format!("index.col.{key}")).to_string(),
                    bar[i].to_string(),
                    percent(bar[i], n),
                ],
                bar: None,
            });
        }
        tables.push(Table {
            id: "levels",
            title: s.get("index.levels").to_string(),
            note: Some(s.get("index.levels_note").to_string()),
            head: vec![
                s.get("index.col.level").to_string(),
                s.get("index.col.enterprises").to_string(),
                s.get("index.col.share").to_string(),
            ],
            rows,
        });
    }
    let by_l2 = |g: &Group| g.at_least_l2.unwrap_or_default() as f64;
    let mean = s.get("index.col.mean_x");
    tables.push(Table {
        id: "province",
        title: s.get("index.by_province").to_string(),
        note: Some(s.get("index.ranked_l2").to_string()),
        head: group_head(s, s.get("index.col.province"), mean),
        rows: ranked(index.by_province.iter(), by_l2)
            .into_iter()
            .map(|(code, g)| group_row(s, code, province_label(code, lang), g))
            .collect(),
    });
    tables.push(Table {
        id: "city",
        title: s.get("index.by_city").to_string(),
        note: Some(s.get("index.ranked_l2").to_string()),
        head: group_head(s, s.get("index.col.city"), mean),
        rows: ranked(index.by_city.iter(), by_l2)
            .into_iter()
            .map(|(code, g)| group_row(s, code, city_label(code, lang), g))
            .collect(),
    });
    let industries = ranked(index.by_industry.iter(), |g| g.mean_x.unwrap_or_default());
    let shown = industries.iter().filter(|(_, g)| !g.suppressed).count();
    let all = industries.len();
    tables.push(Table {
        id: "industry",
        title: s.fmt("index.by_industry", &[("top", &top.to_string())]),
        note: Some(s.fmt(
            "index.industry_note",
            &[
                ("shown", &shown.min(top).to_string()),
                ("all", &all.to_string()),
            ],
        )),
        head: group_head(
            s,
            s.get("index.col.industry"),
            s.get("index.col.industry_index"),
        ),
        // The top N shown, then those under k (ranked() puts them last).
        rows: industries
            .into_iter()
            .enumerate()
            .filter(|(i, (_, g))| g.suppressed || *i < top)
            .map(|(_, (code, g))| group_row(s, code, industry_label(code, lang), g))
            .collect(),
    });
    let fixed = |id: &'static str, title: &str, label: &str, keys: [(&str, String); 2]| Table {
        id,
        title: title.to_string(),
        note: None,
        head: group_head(s, label, mean),
        rows: keys
            .into_iter()
            .filter_map(|(key, name)| {
                let g = match id {
                    "type" => index.by_type.get(key),
                    _ => index.by_size.get(key),
                }?;
                Some(group_row(s, key, name, g))
            })
            .collect(),
    };
    tables.push(fixed(
        "type",
        s.get("index.by_type"),
        s.get("index.col.type"),
        [
            (
                "discrete",
                s.get("common.industry_type.discrete").to_string(),
            ),
            ("process", s.get("common.industry_type.process").to_string()),
        ],
    ));
    tables.push(fixed(
        "size",
        s.get("index.by_size"),
        s.get("index.col.size"),
        [
            ("sme", s.get("index.size.sme").to_string()),
            ("large", s.get("index.size.large").to_string()),
        ],
    ));
    if !index.subdomains.is_empty() {
        tables.push(node_table(index, q, s, NodeKind::Subdomain));
        tables.push(node_table(index, q, s, NodeKind::Element));
    }
    if !index.coverage.is_empty() {
        tables.push(Table {
            id: "coverage",
            title: s.get("index.coverage").to_string(),
            note: Some(s.get("index.coverage_note").to_string()),
            head: vec![
                s.get("index.col.business").to_string(),
                s.get("index.col.enterprises").to_string(),
                s.get("index.col.share").to_string(),
            ],
            rows: ["design", "logistics", "sales", "service"]
                .iter()
                .filter_map(|key| {
                    let c = index.coverage.get(*key)?;
                    Some(Row {
                        key: key.to_string(),
                        cells: vec![
                            s.get(&format!("form.cover.{key}")).to_string(),
                            format!("{} / {}", c.covered, c.stated),
                            share(c.share),
                        ],
                        bar: None,
                    })
                })
                .collect(),
        });
    }
    if !index.adoption.is_empty() {
        tables.push(Table {
            id: "adoption",
            title: s.get("index.adoption").to_string(),
            note: Some(s.get("index.adoption_note").to_string()),
            head: vec![
                s.get("index.col.requirement").to_string(),
                s.get("index.col.text").to_string(),
                s.get("index.col.share").to_string(),
            ],
            rows: q
                .requirements
                .iter()
                .filter_map(|r| {
                    let a = index.adoption.get(&r.id)?;
                    Some(Row {
                        key: r.id.clone(),
                        cells: vec![r.id.clone(), r.text.get(lang).to_string(), share(*a)],
                        bar: None,
                    })
                })
                .collect(),
        });
    }
    if !index.years.is_empty() {
        tables.push(Table {
            id: "years",
            title: s.get("index.years").to_string(),
            note: None,
            head: group_head(s, s.get("index.col.year"), mean),
            rows: index
                .years
                .iter()
                .map(|y| group_row(s, &y.year.to_string(), y.year.to_string(), &y.group))
                .collect(),
        });
    }
    if let Some(list) = &index.list {
        tables.push(Table {
            id: "list",
            title: s.get("index.list").to_string(),
            note: None,
            head: [
                "enterprise",
                "credit_code",
                "region",
                "industry",
                "level",
                "x",
                "assessed",
            ]
            .iter()
            .map(|c| s.get(&format!("index.col.{c}")).to_string())
            .collect(),
            rows: list
                .iter()
                .map(|e| {
                    let region = match (&e.city, &e.province) {
                        (Some(c), _) => city_label(c, lang),
                        (None, Some(p)) => province_label(p, lang),
                        _ => String::new(),
                    };
                    Row {
                        key: e.credit_code.clone().unwrap_or_default(),
                        cells: vec![
                            e.name.clone().unwrap_or_else(|| "-".into()),
                            e.credit_code.clone().unwrap_or_default(),
                            region,
                            e.industry
                                .as_deref()
                                .map(|i| industry_label(i, lang))
                                .unwrap_or_default(),
                            e.level.to_string(),
                            score(e.x),
                            e.assessed
                                .as_deref()
                                .and_then(|t| t.get(..10))
                                .unwrap_or_default()
                                .to_string(),
                        ],
                        bar: None,
                    }
                })
                .collect(),
        });
    }
    View {
        title: s.get("index.title").to_string(),
        lines,
        levels,
        tables,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum NodeKind {
    Subdomain,
    Element,
}

/// Mean scores of the sub-domains (or elements): all, then by type and size.
fn node_table(index: &Index, q: &Questionnaire, s: &Strings, kind: NodeKind) -> Table {
    let lang = s.lang();
    let columns: [(&str, Option<&Group>); 4] = [
        (
            "common.industry_type.discrete",
            index.by_type.get("discrete"),
        ),
        ("common.industry_type.process", index.by_type.get("process")),
        ("index.size.sme", index.by_size.get("sme")),
        ("index.size.large", index.by_size.get("large")),
    ];
    let mut head = vec![
        s.get(match kind {
            NodeKind::Subdomain => "index.col.subdomain",
            NodeKind::Element => "index.col.element",
        })
        .to_string(),
        s.get("index.col.all").to_string(),
    ];
    head.extend(columns.iter().map(|(key, _)| s.get(key).to_string()));
    let keys: Vec<(String, String)> = match kind {
        NodeKind::Subdomain => q
            .subdomains
            .iter()
            .map(|n| (n.key.clone(), n.name.get(lang).to_string()))
            .collect(),
        NodeKind::Element => q
            .elements
            .iter()
            .map(|n| (n.key.clone(), n.name.get(lang).to_string()))
            .collect(),
    };
    let rows = keys
        .into_iter()
        .map(|(key, name)| {
            let all = match kind {
                NodeKind::Subdomain => index.subdomains.get(&key),
                NodeKind::Element => index.elements.get(&key),
            };
            let mut cells = vec![name, all.map(|n| score(n.mean)).unwrap_or_default()];
            for (_, group) in &columns {
                let means = group.and_then(|g| match kind {
                    NodeKind::Subdomain => g.subdomains.as_ref(),
                    NodeKind::Element => g.elements.as_ref(),
                });
                cells.push(
                    means
                        .and_then(|m| m.get(&key))
                        .map(|x| score(*x))
                        .unwrap_or_default(),
                );
            }
            Row {
                key,
                cells,
                bar: None,
            }
        })
        .collect();
    Table {
        id: match kind {
            NodeKind::Subdomain => "subdomains",
            NodeKind::Element => "elements",
        },
        title: s
            .get(match kind {
                NodeKind::Subdomain => "index.subdomains",
                NodeKind::Element => "index.elements",
            })
            .to_string(),
        note: Some(s.get("index.nodes_note").to_string()),
        head,
        rows,
    }
}

/// Why a whole selection is not shown: too few enterprises, or too few left out of a wider one.
pub fn suppressed_line(index: &Index, s: &Strings) -> String {
    let k = index.min_group.to_string();
    match index.fewer_than {
        Some(_) => s.fmt("index.all_suppressed", &[("k", &k)]),
        None => s.fmt("index.all_protects", &[("k", &k)]),
    }
}

/// The filters of a selection as people read them (the year aside): 江苏, 无锡, 汽车制造业 …
pub fn filter_labels(f: &crate::collection::query::Filters, s: &Strings) -> Vec<String> {
    let lang = s.lang();
    let mut labels = Vec::new();
    if let Some(p) = &f.province {
        labels.push(province_label(p, lang));
    }
    if let Some(c) = &f.city {
        labels.push(city_label(c, lang));
    }
    if let Some(i) = &f.industry {
        labels.push(industry_label(i, lang));
    }
    if let Some(t) = &f.industry_type {
        labels.push(s.get(&format!("common.industry_type.{t}")).to_string());
    }
    if let Some(size) = f.size {
        labels.push(s.get(&format!("index.size.{}", size.key())).to_string());
    }
    labels
}
