//! The receiving side: `zizhen collect` into a store, `zizhen index` over it. Expected figures
//! are computed here from the answers with the scoring library, never taken from the store.

mod common;
#[path = "../benches/support/population.rs"]
mod population;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::command::json_of;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;
use zizhen::model::answers::Meta;
use zizhen::model::profile::Profile;
use zizhen::model::{Answers, IndustryType, Questionnaire, Rating, scoring};

/// `zizhen --lang en`.
fn zizhen() -> Command {
    let mut cmd = common::command::zizhen();
    cmd.args(["--lang", "en"]);
    cmd
}

/// An enterprise's answers: levels 1..=`reached` all LI, the rest NI (so its level is
/// `reached`, which the tests check with the scoring library anyway).
#[allow(clippy::too_many_arguments)]
fn enterprise(
    q: &Questionnaire,
    n: u32,
    reached: u8,
    province: &str,
    industry: &str,
    kind: IndustryType,
    employees: u64,
    updated: &str,
) -> Answers {
    let mut a = population::ratings_to(q, reached, Rating::LI, Rating::NI);
    a.profile = Profile {
        name: Some(format!("Enterprise {n}")),
        credit_code: Some(population::credit_code(&format!("91320200MA{n:07}"))),
        industry: Some(industry.to_string()),
        industry_type: Some(kind),
        province: Some(province.to_string()),
        employees: Some(employees),
        revenue: Some(50_000.0),
        covers: None,
    };
    a.meta = Meta {
        created: Some(updated.to_string()),
        updated: Some(updated.to_string()),
        target_level: None,
    };
    a
}

fn write(q: &Questionnaire, dir: &Path, name: &str, a: &Answers) -> PathBuf {
    let path = dir.join(name);
    population::write(q, a, &path);
    path
}

fn index_json(store: &Path, extra: &[&str]) -> Value {
    json_of(
        zizhen()
            .args(["index"])
            .arg(store)
            .args(["--format", "json"])
            .args(extra),
    )
}

/// `zizhen collect STORE FROM`, which must succeed.
fn collect(store: &Path, from: &Path) {
    zizhen()
        .arg("collect")
        .arg(store)
        .arg(from)
        .assert()
        .success();
}

/// `zizhen index STORE ARGS…` as text.
fn index_text(store: &Path, args: &[&str]) -> String {
    let out = zizhen()
        .arg("index")
        .arg(store)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn levels_of(v: &Value) -> BTreeMap<String, u64> {
    v["levels"]
        .as_object()
        .expect("levels")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .collect()
}

fn expected_levels(q: &Questionnaire, answers: &[Answers]) -> BTreeMap<String, u64> {
    let mut out: BTreeMap<String, u64> = (0..=5).map(|l| (l.to_string(), 0)).collect();
    for a in answers {
        *out.get_mut(&scoring::score(q, a).level.to_string())
            .unwrap() += 1;
    }
    out
}

#[test]
fn a_class_is_collected_and_its_levels_are_the_scored_ones() {
    let q = Questionnaire::embedded();
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("in");
    std::fs::create_dir_all(files.join("sub")).unwrap();
    let mut all = Vec::new();
    for n in 0..12u32 {
        let kind = if n % 3 == 0 {
            IndustryType::Process
        } else {
            IndustryType::Discrete
        };
        let a = enterprise(
            &q,
            n,
            (n % 6) as u8,
            if n < 7 { "320200" } else { "33" },
            if n % 2 == 0 { "36" } else { "2614" },
            kind,
            if n < 9 { 300 } else { 5000 },
            "2021-06-01T08:00:00Z",
        );
        let sub = if n % 2 == 0 { "sub/" } else { "" };
        write(&q, &files, &format!("{sub}e{n}.json"), &a);
        all.push(a);
    }
    std::fs::write(files.join("notes.txt"), "not a result").unwrap();
    let store = dir.path().join("class.zizhen");
    zizhen()
        .arg("collect")
        .arg(&store)
        .arg(&files)
        .assert()
        .success()
        .stdout(contains("12 added, 0 skipped").and(contains("0 refused")));
    let v = index_json(&store, &["--min-group", "1"]);
    assert_eq!(v["enterprises"], 12);
    assert_eq!(levels_of(&v), expected_levels(&q, &all));
    // The shape the issue asks for.
    for key in [
        "enterprises",
        "levels",
        "by_province",
        "by_industry",
        "by_type",
        "by_size",
        "subdomains",
        "adoption",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    assert_eq!(v["by_province"]["32"]["enterprises"], 7);
    assert_eq!(v["by_province"]["33"]["enterprises"], 5);
    assert_eq!(v["by_industry"]["36"]["enterprises"], 6);
    assert_eq!(v["by_industry"]["26"]["enterprises"], 6);
    assert_eq!(v["by_type"]["process"]["enterprises"], 4);
    assert_eq!(v["by_type"]["discrete"]["enterprises"], 8);
    // < 1000 employees is an SME whatever the revenue (the seed's "or").
    assert_eq!(v["by_size"]["sme"]["enterprises"], 9);
    assert_eq!(v["by_size"]["large"]["enterprises"], 3);
    assert!(v["subdomains"]["planning"]["mean"].is_number());
    assert!(v["by_city"]["320200"]["levels"].is_object());
    // Adoption: LI counts as adopted; requirement at level 1 is rated LI by every enterprise
    // that reached level 1 or more.
    let reached1 = all
        .iter()
        .filter(|a| a.rating("planning.1.1") == Some(Rating::LI))
        .count() as f64;
    let share = v["adoption"]["planning.1.1"].as_f64().unwrap();
    assert!((share - reached1 / 12.0).abs() < 1e-4, "{share}");
    // Filters narrow the count and the levels.
    let zhejiang: Vec<Answers> = all[7..].to_vec();
    let v = index_json(&store, &["--min-group", "1", "--province", "33"]);
    assert_eq!(levels_of(&v), expected_levels(&q, &zhejiang));
    let v = index_json(&store, &["--min-group", "1", "--type", "process"]);
    assert_eq!(v["enterprises"], 4);
    let v = index_json(&store, &["--min-group", "1", "--industry", "3670"]);
    assert_eq!(v["enterprises"], 6);
    let v = index_json(&store, &["--min-group", "1", "--size", "large"]);
    assert_eq!(v["enterprises"], 3);
}

#[test]
fn tampered_broken_and_duplicate_files() {
    let q = Questionnaire::embedded();
    let dir = tempfile::tempdir().unwrap();
    let good = enterprise(
        &q,
        1,
        2,
        "32",
        "36",
        IndustryType::Discrete,
        100,
        "2021-05-01T00:00:00Z",
    );
    let path = write(&q, dir.path(), "good.json", &good);
    let text = std::fs::read_to_string(&path).unwrap();
    let tampered = dir.path().join("tampered.json");
    // Raise one rating by hand without carrying it through (the digest no longer fits).
    std::fs::write(
        &tampered,
        text.replacen("\"rating\": \"NI\"", "\"rating\": \"FI\"", 1),
    )
    .unwrap();
    // A level raised by hand, with the digest made to fit: the recomputed score catches it.
    let mut file = zizhen::result::parse(&path, text.clone().into_bytes()).unwrap();
    file.score.level += 1;
    file.digest = zizhen::result::digest_of(&file);
    let rescored = dir.path().join("rescored.json");
    std::fs::write(&rescored, zizhen::result::to_bytes(&file)).unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, &text[..text.len() / 2]).unwrap();
    let store = dir.path().join("s.zizhen");
    zizhen()
        .arg("collect")
        .arg(&store)
        .args([&path, &tampered, &rescored, &broken])
        .assert()
        .code(1)
        .stdout(
            contains("REFUSED")
                .and(contains("tampered.json"))
                .and(contains("rescored.json"))
                .and(contains("score.level"))
                .and(contains("broken.json"))
                .and(contains(
                    "1 added, 0 skipped (already collected), 3 refused",
                )),
        );
    // Nothing of the refused files was written.
    let v = index_json(&store, &["--min-group", "1"]);
    assert_eq!(v["enterprises"], 1);
    // The same file again (also under another name) is skipped, and that is not a failure.
    let copy = dir.path().join("copy.json");
    std::fs::copy(&path, &copy).unwrap();
    zizhen()
        .arg("collect")
        .arg(&store)
        .args([&path, &copy])
        .assert()
        .success()
        .stdout(contains("0 added, 2 skipped"));
    // A path that is not there cannot be collected: exit 2.
    zizhen()
        .arg("collect")
        .arg(&store)
        .arg(dir.path().join("nope.json"))
        .assert()
        .code(2);
    // A store that is not there is not made by `index`.
    zizhen()
        .arg("index")
        .arg(dir.path().join("typo.zizhen"))
        .assert()
        .code(2)
        .stderr(contains("no collection"));
    assert!(!dir.path().join("typo.zizhen").exists());
}

#[test]
fn a_group_under_k_shows_nothing_but_that() {
    let q = Questionnaire::embedded();
    let dir = tempfile::tempdir().unwrap();
    // Province 32: k enterprises; 33 and 35: k - 1 each (so the two small ones together are
    // not fewer than k, and 32 can be shown without giving either of them away).
    let k = 5u32;
    for n in 0..(3 * k - 2) {
        let province = match n {
            n if n < k => "32",
            n if n < 2 * k - 1 => "33",
            _ => "35",
        };
        let a = enterprise(
            &q,
            n,
            (n % 4) as u8,
            province,
            "36",
            IndustryType::Discrete,
            100,
            "2021-05-01T00:00:00Z",
        );
        write(&q, dir.path(), &format!("e{n}.json"), &a);
    }
    let store = dir.path().join("s.zizhen");
    collect(&store, dir.path());
    let v = index_json(&store, &[]);
    assert!(v["by_province"]["32"]["levels"].is_object());
    assert_eq!(v["by_province"]["32"]["enterprises"], 5);
    let small = &v["by_province"]["33"];
    assert_eq!(small["suppressed"], true);
    assert!(small.get("levels").is_none());
    assert!(small.get("enterprises").is_none());
    assert!(small.get("mean_x").is_none() && small.get("subdomains").is_none());
    // A whole selection under k: nothing but the count.
    let v = index_json(&store, &["--province", "33"]);
    assert_eq!(v["suppressed"], true);
    assert!(v.get("levels").is_none());
    assert!(v["adoption"].as_object().unwrap().is_empty());
    assert!(v["subdomains"].as_object().unwrap().is_empty());
    // Every format says "fewer than 5" and never names anyone without --list.
    for format in ["txt", "md", "html", "csv"] {
        let text = index_text(&store, &["--format", format]);
        assert!(text.contains("fewer than 5"), "{format}");
        assert!(
            !text.contains("Enterprise 1"),
            "{format}: a name without --list"
        );
    }
    zizhen()
        .arg("index")
        .arg(&store)
        .arg("--list")
        .assert()
        .success()
        .stdout(contains("Enterprise 1"));
}

/// Two reports a filter apart must not give away the few enterprises between them: 11 SMEs and
/// one large enterprise in division 36, six SMEs in 13. `--size sme` (17) beside the whole
/// store (18) would show the large one's level; so would `--industry 36 --size sme` beside
/// `--industry 36`. Both are withheld, with the reason; selections a filter apart by at least k
/// are shown.
#[test]
fn a_report_a_filter_away_from_another_by_fewer_than_k_is_withheld() {
    let q = Questionnaire::embedded();
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    let mut add = |industry: &str, employees: u64, count: u32| {
        for _ in 0..count {
            let a = enterprise(
                &q,
                n,
                (n % 5) as u8,
                "32",
                industry,
                IndustryType::Discrete,
                employees,
                "2021-05-01T00:00:00Z",
            );
            write(&q, dir.path(), &format!("e{n}.json"), &a);
            n += 1;
        }
    };
    add("36", 100, 11);
    // Large by the seed's rule: not under 1,000 employees, nor under 40,000 万 revenue (all 50,000).
    add("36", 5000, 1);
    add("13", 100, 6);
    let store = dir.path().join("s.zizhen");
    collect(&store, dir.path());
    let shown = |extra: &[&str]| {
        let v = index_json(&store, extra);
        assert_eq!(
            v["suppressed"] == true,
            v.get("levels").is_none(),
            "{extra:?}"
        );
        v["suppressed"] != true
    };
    assert!(shown(&[]));
    assert!(shown(&["--industry", "36"]), "18 - 12 = 6 left out");
    assert!(shown(&["--industry", "13"]), "18 - 6 = 12 left out");
    assert!(!shown(&["--size", "sme"]), "18 - 17 = 1 left out");
    assert!(
        !shown(&["--industry", "36", "--size", "sme"]),
        "12 - 11 = 1"
    );
    assert!(!shown(&["--size", "large"]), "one enterprise");
    let v = index_json(&store, &["--size", "sme"]);
    assert!(v["by_industry"]["36"].get("levels").is_none());
    assert!(v["adoption"].as_object().unwrap().is_empty());
    for format in ["txt", "md", "html"] {
        let text = index_text(&store, &["--size", "sme", "--format", format]);
        assert!(text.contains("would give them away"), "{format}: {text}");
    }
}

#[test]
fn the_latest_result_in_the_year_counts() {
    let q = Questionnaire::embedded();
    let dir = tempfile::tempdir().unwrap();
    let same = |reached: u8, when: &str| {
        enterprise(
            &q,
            7,
            reached,
            "32",
            "36",
            IndustryType::Discrete,
            100,
            when,
        )
    };
    write(&q, dir.path(), "a.json", &same(1, "2021-03-01T00:00:00Z"));
    write(&q, dir.path(), "b.json", &same(3, "2021-09-01T00:00:00Z"));
    write(&q, dir.path(), "c.json", &same(2, "2022-02-01T00:00:00Z"));
    let store = dir.path().join("s.zizhen");
    collect(&store, dir.path());
    let level_of = |v: &Value| -> usize {
        let levels = levels_of(v);
        assert_eq!(levels.values().sum::<u64>(), 1, "one enterprise, once");
        levels
            .iter()
            .find(|(_, n)| **n == 1)
            .map(|(l, _)| l.parse().unwrap())
            .unwrap()
    };
    assert_eq!(
        level_of(&index_json(&store, &["--min-group", "1", "--year", "2021"])),
        3
    );
    assert_eq!(level_of(&index_json(&store, &["--min-group", "1"])), 2);
    let v = index_json(&store, &["--min-group", "1"]);
    let years: Vec<i64> = v["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2021, 2022]);
    assert_eq!(v["years"][0]["levels"]["3"], 1);
}

#[test]
fn two_collectors_at_once_lose_nothing() {
    let q = Questionnaire::embedded();
    let dir = tempfile::tempdir().unwrap();
    let a = population::population(&q, &dir.path().join("a"), 60, 1);
    let b = population::population(&q, &dir.path().join("b"), 60, 2);
    assert_eq!(a.len() + b.len(), 120);
    let store = dir.path().join("s.zizhen");
    let bin = assert_cmd::cargo::cargo_bin("zizhen");
    let spawn = |sub: &str| {
        std::process::Command::new(&bin)
            .args(["--lang", "en", "collect"])
            .arg(&store)
            .arg(dir.path().join(sub))
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let (mut one, mut two) = (spawn("a"), spawn("b"));
    assert!(one.wait().unwrap().success());
    assert!(two.wait().unwrap().success());
    let v = index_json(&store, &[]);
    // The two populations share names ("示例企业 000001"…) in different provinces or not:
    // count results, not enterprises.
    let results = zizhen::collection::Store::open_existing(&store)
        .unwrap()
        .counts()
        .unwrap()
        .0;
    assert_eq!(results, 120);
    assert!(v["enterprises"].as_u64().unwrap() > 0);
}

#[test]
fn export_loads_in_duckdb_with_the_same_distribution() {
    let q = Questionnaire::embedded();
    let dir = tempfile::tempdir().unwrap();
    population::population(&q, &dir.path().join("in"), 80, 3);
    let store = dir.path().join("s.zizhen");
    zizhen()
        .arg("collect")
        .arg(&store)
        .arg(dir.path().join("in"))
        .assert()
        .success();
    let out = dir.path().join("tables");
    zizhen()
        .arg("index")
        .arg(&store)
        .arg("--export")
        .arg(&out)
        .assert()
        .success();
    for f in ["enterprise.csv", "subdomain_level.csv", "requirement.csv"] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let v = index_json(&store, &["--min-group", "1"]);
    let expected = levels_of(&v);
    // Without DuckDB: the export's own count of levels must agree.
    let csv = std::fs::read_to_string(out.join("enterprise.csv")).unwrap();
    let mut header = csv.lines().next().unwrap().split(',');
    let level_col = header.position(|c| c == "level").unwrap();
    let mut counted: BTreeMap<String, u64> = (0..=5).map(|l| (l.to_string(), 0)).collect();
    for line in csv.lines().skip(1) {
        *counted
            .get_mut(line.split(',').nth(level_col).unwrap())
            .unwrap() += 1;
    }
    assert_eq!(counted, expected);
    let has_duckdb = std::process::Command::new("python3")
        .args(["-c", "import duckdb"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_duckdb {
        assert!(
            std::env::var_os("ZIZHEN_REQUIRE_DUCKDB").is_none(),
            "ZIZHEN_REQUIRE_DUCKDB is set but python3 cannot import duckdb (pip install duckdb)"
        );
        eprintln!("duckdb not installed: the DuckDB half of this test was skipped");
        return;
    }
    // The query the README shows.
    let script = format!(
        "import duckdb, json\n\
         rows = duckdb.sql(\"SELECT level, count(*) AS n FROM read_csv_auto('{}') GROUP BY level ORDER BY level\").fetchall()\n\
         print(json.dumps({{str(l): n for l, n in rows}}))\n",
        out.join("enterprise.csv").display()
    );
    let output = std::process::Command::new("python3")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let got: BTreeMap<String, u64> = serde_json::from_slice(&output.stdout).unwrap();
    let nonzero: BTreeMap<String, u64> = expected.into_iter().filter(|(_, n)| *n > 0).collect();
    assert_eq!(got, nonzero);
}

#[test]
fn watch_collects_files_as_they_land() {
    let q = Questionnaire::embedded();
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let store = dir.path().join("s.zizhen");
    let mut watcher = std::process::Command::new(assert_cmd::cargo::cargo_bin("zizhen"))
        .args(["--lang", "en", "collect"])
        .arg(&store)
        .arg("--watch")
        .arg(&inbox)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let a = enterprise(
        &q,
        3,
        2,
        "32",
        "36",
        IndustryType::Discrete,
        100,
        "2021-05-01T00:00:00Z",
    );
    write(&q, &inbox, "late.json", &a);
    std::fs::write(inbox.join("bad.json"), "{").unwrap();
    // Wait (bounded) until the store holds the file.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut results = 0;
    while std::time::Instant::now() < deadline {
        if let Ok(s) = zizhen::collection::Store::open_existing(&store) {
            results = s.counts().unwrap().0;
            if results == 1 {
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    // Give the refused file's line a moment too, then stop the watcher as Ctrl-C would.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    watcher.kill().unwrap();
    let out = watcher.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(results, 1, "{text}");
    assert!(
        text.contains("Added") && text.contains("late.json"),
        "{text}"
    );
    assert!(
        text.contains("REFUSED") && text.contains("bad.json"),
        "{text}"
    );
}

const INDEX_SCHEMA: &str = "schema/index-v1.schema.json";

/// Regenerate with `ZIZHEN_UPDATE_SCHEMA=1 cargo test --test collection schema`.
#[test]
fn the_committed_index_schema_is_generated_from_the_code() {
    let schema =
        serde_json::to_value(schemars::schema_for!(zizhen::collection::query::Index)).unwrap();
    let generated = zizhen::result::canonical::pretty(&schema);
    if std::env::var_os("ZIZHEN_UPDATE_SCHEMA").is_some() {
        std::fs::write(INDEX_SCHEMA, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(INDEX_SCHEMA).expect("schema/index-v1.schema.json");
    assert!(
        committed == generated,
        "{INDEX_SCHEMA} is out of date: run ZIZHEN_UPDATE_SCHEMA=1 cargo test --test collection"
    );
    // The schema requires what the issue names.
    for key in [
        "enterprises",
        "by_province",
        "by_industry",
        "by_type",
        "by_size",
        "subdomains",
        "adoption",
    ] {
        assert!(
            schema["required"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k == key),
            "{key}"
        );
    }
}

#[test]
fn index_json_follows_its_schema() {
    let has_jsonschema = std::process::Command::new("python3")
        .args(["-c", "import jsonschema"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_jsonschema {
        eprintln!("python3 jsonschema not installed: skipped");
        return;
    }
    let q = Questionnaire::embedded();
    let dir = tempfile::tempdir().unwrap();
    population::population(&q, &dir.path().join("in"), 30, 5);
    let store = dir.path().join("s.zizhen");
    zizhen()
        .arg("collect")
        .arg(&store)
        .arg(dir.path().join("in"))
        .assert()
        .success();
    let json = dir.path().join("index.json");
    zizhen()
        .arg("index")
        .arg(&store)
        .args(["--list", "-o"])
        .arg(&json)
        .assert()
        .success();
    let script = format!(
        "import json, jsonschema\n\
         schema = json.load(open('{INDEX_SCHEMA}'))\n\
         jsonschema.validators.validator_for(schema)(schema).validate(json.load(open('{}')))\n",
        json.display()
    );
    let out = std::process::Command::new("python3")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_file_that_is_not_a_store_is_refused_and_left_alone() {
    let q = Questionnaire::embedded();
    let dir = tempfile::tempdir().unwrap();
    let a = enterprise(
        &q,
        1,
        1,
        "32",
        "36",
        IndustryType::Discrete,
        100,
        "2021-05-01T00:00:00Z",
    );
    let result = write(&q, dir.path(), "result.json", &a);
    let before = std::fs::read(&result).unwrap();
    // The STORE and the FILE swapped by mistake.
    zizhen()
        .arg("collect")
        .arg(&result)
        .arg(&result)
        .assert()
        .code(2)
        .stderr(
            contains("Could not use the collection")
                .and(contains("result.json"))
                .and(contains("the file is not a collection")),
        );
    common::command::zizhen()
        .args(["--lang", "zh-CN", "index"])
        .arg(&result)
        .assert()
        .code(2)
        .stderr(contains("该文件不是汇总库"));
    assert_eq!(std::fs::read(&result).unwrap(), before);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// Cities are prefecture-level: an enterprise in a district (320206 惠山区, 320211 滨湖区)
/// counts in its city (320200 无锡), which the report names; `--city` takes a code or a name.
#[test]
fn districts_count_in_their_city_and_cities_have_names() {
    let q = Questionnaire::embedded();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let regions = ["320206", "320211", "320200", "320200", "320200", "320400"];
    for (n, region) in regions.iter().enumerate() {
        let a = enterprise(
            &q,
            n as u32,
            2,
            region,
            "34",
            IndustryType::Discrete,
            300,
            "2021-06-01T08:00:00Z",
        );
        write(&q, &input, &format!("r{n}.json"), &a);
    }
    let store = dir.path().join("class.db");
    collect(&store, &input);

    let all = index_json(&store, &["--min-group", "1"]);
    assert_eq!(
        all["by_city"]["320200"]["enterprises"], 5,
        "{}",
        all["by_city"]
    );
    assert!(all["by_city"].get("320206").is_none(), "{}", all["by_city"]);
    for wuxi in ["320200", "320206", "无锡", "Wuxi"] {
        let only = index_json(&store, &["--city", wuxi, "--min-group", "1"]);
        assert_eq!(only["enterprises"], 5, "--city {wuxi}");
    }
    zizhen()
        .arg("index")
        .arg(&store)
        .args(["--city", "329999"])
        .assert()
        .code(2);
    zizhen()
        .arg("index")
        .arg(&store)
        .args(["--min-group", "1"])
        .assert()
        .success()
        .stdout(contains("320200 Wuxi").and(contains("320400 Changzhou")));
}

/// `--peers STORE`: where the demo firm's X stands among a generated population, computed here
/// from the result files themselves (division 36, every enterprise once, the firm not in it).
#[test]
fn peers_from_a_collection_in_score_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("population");
    zizhen()
        .args(["demo", "--population", "400", "--seed", "7", "--out"])
        .arg(&files)
        .assert()
        .success();
    let store = dir.path().join("region.db");
    collect(&store, &files);

    let q = Questionnaire::embedded();
    let demo = Answers::load(Path::new("examples/demo-autoparts.toml"), &q).unwrap();
    let x = scoring::to_f64(&scoring::score(&q, &demo).overall);
    let (mut peers, mut behind) = (0, 0);
    for entry in std::fs::read_dir(&files).unwrap() {
        let v: Value =
            serde_json::from_slice(&std::fs::read(entry.unwrap().path()).unwrap()).unwrap();
        let industry = v["profile"]["industry"].as_str().unwrap_or("");
        if industry.starts_with("36") {
            peers += 1;
            behind += usize::from(v["score"]["overall"].as_f64().unwrap() < x);
        }
    }
    assert!(peers >= 5, "the population has {peers} automotive firms");
    let line = format!(
        "In this collection, ahead of {} % of the {peers} other enterprises in Manufacture of automobiles",
        behind * 100 / peers
    );
    zizhen()
        .args(["score", "examples/demo-autoparts.toml", "--peers"])
        .arg(&store)
        .assert()
        .success()
        .stdout(contains(line.as_str()));
    zizhen()
        .args([
            "report",
            "examples/demo-autoparts.toml",
            "--format",
            "md",
            "--peers",
        ])
        .arg(&store)
        .assert()
        .success()
        .stdout(contains(line.as_str()));
    // Not the English `zizhen()` of this file: the language is the point here.
    common::command::zizhen()
        .args([
            "--lang",
            "zh-CN",
            "score",
            "examples/demo-autoparts.toml",
            "--peers",
        ])
        .arg(&store)
        .assert()
        .success()
        .stdout(contains(
            format!("在本汇总库汽车制造业的其他 {peers} 家企业中").as_str(),
        ));
    // A store that is not there: said, exit 2, nothing made.
    let missing = dir.path().join("nowhere.db");
    zizhen()
        .args(["score", "examples/demo-autoparts.toml", "--peers"])
        .arg(&missing)
        .assert()
        .code(2);
    assert!(!missing.exists());
}

/// A collector killed in the middle of a batch leaves a sound store holding whole files only,
/// and the same command again completes it: every file once, nothing twice.
#[test]
fn a_collector_killed_mid_batch_is_completed_by_running_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("in");
    zizhen()
        .args(["demo", "--population", "400", "--seed", "5", "--out"])
        .arg(&files)
        .assert()
        .success();
    let store = dir.path().join("s.zizhen");
    let bin = assert_cmd::cargo::cargo_bin("zizhen");
    let mut child = std::process::Command::new(&bin)
        .arg("collect")
        .arg(&store)
        .arg(&files)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed once the store exists (a batch or more in), or when it is done, whichever first.
    let started = std::time::Instant::now();
    while !store.exists() && started.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(150));
    let _ = child.kill();
    let _ = child.wait();
    let sound = |store: &Path| {
        let conn = rusqlite::Connection::open(store).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        // Whole files only: every result has all its ratings (the same number for each file
        // of one questionnaire, tailoring aside: none in the generated population is partial).
        let partial: i64 = conn
            .query_row(
                "SELECT count(*) FROM result r
                 WHERE NOT EXISTS (SELECT 1 FROM result_rating x WHERE x.result_id = r.id)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(partial, 0);
        conn.query_row(
            "SELECT count(*), count(DISTINCT digest) FROM result",
            [],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
        )
        .unwrap()
    };
    if store.exists() {
        let (results, digests) = sound(&store);
        assert_eq!(results, digests);
        assert!(results <= 400);
        eprintln!("after the kill: {results} of 400");
    }
    collect(&store, &files);
    assert_eq!(sound(&store), (400, 400));
    let v = index_json(&store, &[]);
    assert_eq!(v["enterprises"], 400);
}
