//! `zizhen compare` and `zizhen merge` as a user runs them: fixtures made in each test from the
//! demo assessment, expected values derived from the fixtures (and from `zizhen score`), both
//! languages, every exit code.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod common;

use common::command::{json_of, zizhen};
use common::demo;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;
use zizhen::model::answers::Rated;
use zizhen::model::{Answers, Questionnaire, Rating};

const DEMO: &str = "examples/demo-machinery.toml";

fn write(dir: &Path, name: &str, answers: &Answers) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, answers.to_toml()).unwrap();
    path
}

/// The next rating up (FI wraps to NI): always a different one.
fn other(r: Rating) -> Rating {
    Rating::ALL[(r.index() + 1) % 4]
}

/// Three rated requirements of the demo, far apart, with a different rating each.
fn three_changes(q: &Questionnaire, a: &Answers) -> Vec<(String, Rating, Rating)> {
    let rated: Vec<&String> = q
        .requirements
        .iter()
        .map(|r| &r.id)
        .filter(|id| a.rating(id).is_some() && !a.is_not_applicable(id))
        .collect();
    [0, rated.len() / 2, rated.len() - 1]
        .iter()
        .map(|&i| {
            let from = a.rating(rated[i]).unwrap();
            (rated[i].clone(), from, other(from))
        })
        .collect()
}

#[test]
fn compare_lists_exactly_the_changed_ratings_with_both_scores() {
    let dir = tempfile::tempdir().unwrap();
    let (q, a) = demo();
    let changes = three_changes(&q, &a);
    let mut b = a.clone();
    for (id, _, to) in &changes {
        b.ratings.insert(id.clone(), Rated::given(*to));
    }
    let b_path = write(dir.path(), "later.toml", &b);
    let b_spec = b_path.to_str().unwrap();

    let report = json_of(zizhen().args(["compare", DEMO, b_spec, "--format", "json"]));
    let listed: Vec<(String, String, String)> = report["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["a"].as_str().unwrap().to_string(),
                r["b"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut expected: Vec<(String, String, String)> = changes
        .iter()
        .map(|(id, f, t)| (id.clone(), f.code().to_string(), t.code().to_string()))
        .collect();
    // Questionnaire order.
    expected.sort_by_key(|(id, _, _)| q.requirement_index(id));
    assert_eq!(listed, expected);
    assert_eq!(report["format"], "zizhen-compare/1");
    assert!(report["tailoring"].as_array().unwrap().is_empty());
    assert!(report["fields"].as_array().unwrap().is_empty());

    // Each side's score is what `zizhen score` says of it.
    for (side, spec) in [("a", DEMO), ("b", b_spec)] {
        let scored = json_of(zizhen().args(["score", spec, "--format", "json"]));
        assert_eq!(report[side]["x"], scored["score"]["overall"], "{side}");
        assert_eq!(report[side]["x_exact"], scored["score"]["overall_exact"]);
        assert_eq!(report[side]["level"], scored["score"]["level"]);
        for l in 0..5 {
            assert_eq!(
                report["levels"][l][side],
                scored["score"]["levels"][l]["score"]
            );
        }
        let subdomains = report["subdomains"].as_array().unwrap();
        assert_eq!(subdomains.len(), q.subdomains.len());
        for (i, s) in subdomains.iter().enumerate() {
            assert_eq!(
                s[side]["overall"],
                scored["score"]["subdomains"][i]["overall"]
            );
        }
    }
    // A sub-domain is marked changed exactly where a changed requirement lies.
    let touched: BTreeSet<&str> = changes
        .iter()
        .map(|(id, _, _)| id.split('.').next().unwrap())
        .collect();
    for s in report["subdomains"].as_array().unwrap() {
        let key = s["key"].as_str().unwrap();
        assert_eq!(s["changed"], touched.contains(key), "{key}");
    }

    // The text lists the same three, and no other requirement.
    let text = zizhen()
        .args(["--lang", "en", "compare", DEMO, b_spec])
        .assert()
        .success()
        .stdout(contains("Requirements answered differently (3)"))
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(text).unwrap();
    let ids: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| q.requirement_index(w).is_some())
        .collect();
    let expected_ids: Vec<&str> = expected.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(ids, expected_ids);
    for (id, from, to) in &changes {
        assert!(text.contains(&format!("{id}  {from} → {to}")), "{id}");
    }
}

#[test]
fn compare_in_chinese_and_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let (q, a) = demo();
    let mut b = a.clone();
    let changes = three_changes(&q, &a);
    for (id, _, to) in &changes {
        b.ratings.insert(id.clone(), Rated::given(*to));
    }
    b.profile.employees = Some(a.profile.employees.unwrap_or(0) + 30);
    b.tailoring.remove("logistics");
    let b_path = write(dir.path(), "b.toml", &b);
    let b_spec = b_path.to_str().unwrap();
    zizhen()
        .args(["--lang", "zh-CN", "compare", DEMO, b_spec])
        .assert()
        .success()
        .stdout(
            contains("两次评估对比")
                .and(contains("评分不同的要求（3 条）"))
                .and(contains("各级得分 S1–S5"))
                .and(contains("裁剪不同之处"))
                .and(contains("从业人数")),
        );
    let md = dir.path().join("c.md");
    zizhen()
        .args(["--lang", "en", "compare", DEMO, b_spec, "-o"])
        .arg(&md)
        .assert()
        .success();
    let md = std::fs::read_to_string(md).unwrap();
    for (id, from, to) in &changes {
        assert!(md.contains(&format!("| `{id}` |")), "{id}");
        assert!(md.contains(&format!("| {from} | {to} |")), "{id}");
    }
    assert!(md.contains("## Tailoring that differs") && md.contains("**Employees**"));
    let html = dir.path().join("c.html");
    zizhen()
        .args(["--lang", "zh-CN", "compare", DEMO, b_spec, "-o"])
        .arg(&html)
        .assert()
        .success();
    let html = std::fs::read_to_string(html).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<html lang=\"zh-CN\">") && html.contains("评分不同的要求（3 条）"));
    assert!(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"));
    for (id, _, _) in &changes {
        assert!(html.contains(&format!("<code>{id}</code>")));
    }
    // A name zizhen cannot write a comparison as is refused before any work.
    zizhen()
        .args(["--lang", "en", "compare", DEMO, b_spec, "-o"])
        .arg(dir.path().join("c.pdf"))
        .assert()
        .code(2)
        .stderr(contains(".pdf"));
}

#[test]
fn compare_against_a_result_file_and_a_tampered_one() {
    let dir = tempfile::tempdir().unwrap();
    let result = dir.path().join("r.json");
    zizhen()
        .args(["export", DEMO, "-o"])
        .arg(&result)
        .assert()
        .success();
    let report = json_of(
        zizhen()
            .args(["compare", DEMO, "--format", "json"])
            .arg(&result),
    );
    assert!(report["requirements"].as_array().unwrap().is_empty());
    assert_eq!(report["change"]["x_exact"], "0");
    // One rating changed by hand: the digest no longer matches, the file is refused (exit 2).
    let text = std::fs::read_to_string(&result).unwrap();
    let tampered = text.replacen("\"rating\": \"NI\"", "\"rating\": \"FI\"", 1);
    assert_ne!(text, tampered);
    std::fs::write(&result, tampered).unwrap();
    zizhen()
        .args(["--lang", "en", "compare", DEMO])
        .arg(&result)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(contains("r.json"));
}

/// Two parts of the demo: production's sub-domains in one, the rest in the other, with one
/// requirement rated differently and the employees given differently.
struct Parts {
    _dir: tempfile::TempDir,
    production: PathBuf,
    it: PathBuf,
    demo: Answers,
    conflict_id: String,
    production_rating: Rating,
}

fn parts() -> Parts {
    let dir = tempfile::tempdir().unwrap();
    let (_, demo) = demo();
    let production_keys = [
        "procurement",
        "planning",
        "operations",
        "maintenance",
        "warehousing",
        "ehs",
        "energy",
    ];
    let in_production = |id: &str| production_keys.contains(&id.split('.').next().unwrap());
    let mut production = demo.clone();
    production.ratings.retain(|id, _| in_production(id));
    production.notes.clear();
    let mut it = demo.clone();
    it.ratings.retain(|id, _| !in_production(id));
    // production also rates one of IT's requirements, differently.
    let conflict_id = it.ratings.keys().next().unwrap().clone();
    let production_rating = other(it.ratings[&conflict_id].rating);
    production
        .ratings
        .insert(conflict_id.clone(), Rated::given(production_rating));
    production.profile.employees = Some(demo.profile.employees.unwrap() + 10);
    Parts {
        production: write(dir.path(), "production.toml", &production),
        it: write(dir.path(), "it.toml", &it),
        _dir: dir,
        demo,
        conflict_id,
        production_rating,
    }
}

#[test]
fn merge_lists_conflicts_and_leaves_them_open_without_prefer() {
    let p = parts();
    let q = Questionnaire::embedded();
    let out = p.production.with_file_name("merged.toml");
    let index = q.requirement_index(&p.conflict_id).unwrap();
    zizhen()
        .args(["--lang", "en", "merge"])
        .arg(&p.production)
        .arg(&p.it)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stdout(
            contains("Conflicts: 2 (2 left open)")
                .and(contains(format!(
                    "{} ({}, level {}): production: {}; it: {} → left unrated",
                    p.conflict_id,
                    q.subdomains[q.requirements[index].subdomain].name.en,
                    q.requirements[index].level,
                    p.production_rating,
                    p.demo.ratings[&p.conflict_id].rating
                )))
                .and(contains("Employees: production: "))
                .and(contains("→ left unset")),
        )
        .stderr(contains("exit code 1"));
    let merged = Answers::load(&out, &q).unwrap();
    assert_eq!(merged.rating(&p.conflict_id), None);
    assert_eq!(merged.profile.employees, None);
    // Everything else is the demo again.
    let mut expected = p.demo.ratings.clone();
    expected.remove(&p.conflict_id);
    assert_eq!(merged.ratings, expected);
    assert_eq!(merged.tailoring, p.demo.tailoring);
    assert_eq!(merged.notes, p.demo.notes);
    assert_eq!(merged.profile.name, p.demo.profile.name);

    // Chinese.
    zizhen()
        .args(["--lang", "zh-CN", "merge"])
        .arg(&p.production)
        .arg(&p.it)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stdout(contains("冲突 2 处（其中 2 处未决）").and(contains("留空不评")));
    // The previous OUT was kept as its backup.
    let backup = p.production.with_file_name("merged.toml.bak");
    assert!(backup.exists());
}

#[test]
fn merge_with_prefer_resolves_each_conflict_it_takes_part_in() {
    let p = parts();
    for (preferred, rating, employees) in [
        (
            "it",
            p.demo.ratings[&p.conflict_id].rating,
            p.demo.profile.employees,
        ),
        (
            "production",
            p.production_rating,
            p.demo.profile.employees.map(|e| e + 10),
        ),
    ] {
        let out = p.production.with_file_name(format!("{preferred}.json"));
        zizhen()
            .args(["--lang", "en", "merge", "--prefer", preferred])
            .arg(&p.production)
            .arg(&p.it)
            .arg("-o")
            .arg(&out)
            .assert()
            .success()
            .stdout(contains(format!("{preferred} kept (preferred)")).and(contains("0 left open")));
        // A result file: it verifies, and holds the preferred part's answers.
        zizhen().arg("verify").arg(&out).assert().success();
        let file: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        assert_eq!(file["ratings"][&p.conflict_id]["rating"], rating.code());
        assert_eq!(file["profile"]["employees"], serde_json::json!(employees));
        assert_eq!(
            file["ratings"].as_object().unwrap().len(),
            p.demo.ratings.len()
        );
    }
    // --prefer must name a part; OUT must be .toml or .json.
    zizhen()
        .args(["--lang", "en", "merge", "--prefer", "quality"])
        .arg(&p.production)
        .arg(&p.it)
        .arg("-o")
        .arg(p.production.with_file_name("x.toml"))
        .assert()
        .code(2)
        .stderr(contains("--prefer quality").and(contains("production, it")));
    zizhen()
        .args(["--lang", "en", "merge"])
        .arg(&p.production)
        .arg(&p.it)
        .arg("-o")
        .arg(p.production.with_file_name("x.md"))
        .assert()
        .code(2)
        .stderr(contains(".md"));
    assert!(!p.production.with_file_name("x.toml").exists());
    // One part is not a merge.
    zizhen()
        .args(["merge"])
        .arg(&p.production)
        .arg("-o")
        .arg(p.production.with_file_name("y.toml"))
        .assert()
        .code(2);
}

#[test]
fn compare_json_keys_are_the_documented_ones() {
    let report = json_of(zizhen().args(["compare", DEMO, DEMO, "--format", "json"]));
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let sorted = |list: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    };
    assert_eq!(
        keys(&report),
        sorted(&[
            "format",
            "questionnaire",
            "a",
            "b",
            "change",
            "levels",
            "elements",
            "domains",
            "subdomains",
            "requirements",
            "tailoring",
            "fields"
        ])
    );
    let side = sorted(&[
        "source",
        "enterprise",
        "level",
        "x",
        "x_exact",
        "rated",
        "total",
    ]);
    assert_eq!(keys(&report["a"]), side);
    assert_eq!(keys(&report["b"]), side);
    assert_eq!(keys(&report["change"]), sorted(&["level", "x", "x_exact"]));
    assert_eq!(
        keys(&report["levels"][0]),
        sorted(&["level", "a", "b", "a_reached", "b_reached"])
    );
    assert_eq!(
        keys(&report["subdomains"][0]),
        sorted(&["key", "changed", "a", "b"])
    );
    assert_eq!(
        keys(&report["subdomains"][0]["a"]),
        sorted(&["applicable", "overall", "levels"])
    );
    assert_eq!(report["change"]["level"], 0);
}

#[test]
fn merge_refuses_a_tampered_result_file_and_writes_nothing() {
    let p = parts();
    let result = p.it.with_file_name("it.json");
    zizhen()
        .args(["export"])
        .arg(&p.it)
        .arg("-o")
        .arg(&result)
        .assert()
        .success();
    let text = std::fs::read_to_string(&result).unwrap();
    let tampered = text.replacen("\"estimate\": false", "\"estimate\": true", 1);
    assert_ne!(text, tampered);
    std::fs::write(&result, tampered).unwrap();
    let out = p.it.with_file_name("out.toml");
    zizhen()
        .args(["--lang", "en", "merge"])
        .arg(&p.production)
        .arg(&result)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("it.json"));
    assert!(!out.exists());
}
