//! From self-diagnosis to certificate: the formal assessment planned from a self-diagnosis
//! (level, team, effort, readiness) and the incentive data (places, located errors in files).
//! Expected values are computed here from the files themselves, not taken from the code under
//! test.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use zizhen::certification::incentives::{Incentives, Kind};
use zizhen::certification::{self, plan};
use zizhen::i18n::{Lang, Strings};
use zizhen::model::{Answers, Code, Questionnaire, scoring};

const MACHINERY: &str = "examples/demo-machinery.toml";

/// The `[table]` of an answers file as plain strings, read with the TOML parser only.
fn table(path: &str, name: &str) -> BTreeMap<String, String> {
    let doc: toml::Table = toml::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    doc.get(name)
        .and_then(|v| v.as_table())
        .map(|t| {
            t.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_level_1_firm_targeting_3_gets_the_level_3_team_and_its_unmet_requirements() {
    let q = Questionnaire::embedded();
    let answers = Answers::load(Path::new(MACHINERY), &q).unwrap();
    assert_eq!(
        scoring::score(&q, &answers).level,
        1,
        "the demo firm is at level 1"
    );
    let p = plan(&q, &answers, Some(3));
    assert_eq!(p.level, 1);
    assert_eq!(p.target, 3);
    // The source's table for level 3: pre-assessment 3 people × 2 days, formal 5 × 3 days,
    // 21 person-days in all; an internal assessor from level 3.
    assert_eq!(
        (
            p.effort.pre_people,
            p.effort.pre_days,
            p.effort.formal_people,
            p.effort.formal_days
        ),
        (3, 2, 5, 3)
    );
    assert_eq!(p.effort.person_days, 21);
    assert!(p.internal_assessor);
    assert!(!p.high_maturity);

    // What is not yet LI or FI at levels 1–3, from the file: every requirement of the
    // questionnaire at level ≤ 3, in a sub-domain not tailored, not declared not applicable,
    // whose rating in the file is anything but LI or FI (or missing).
    let ratings = table(MACHINERY, "ratings");
    let tailored = table(MACHINERY, "tailoring");
    let not_applicable = table(MACHINERY, "not_applicable");
    let expected: BTreeSet<String> = q
        .requirements
        .iter()
        .filter(|r| r.level <= 3)
        .filter(|r| !tailored.contains_key(&q.subdomains[r.subdomain].key))
        .filter(|r| !not_applicable.contains_key(&r.id))
        .filter(|r| !matches!(ratings.get(&r.id).map(String::as_str), Some("LI" | "FI")))
        .map(|r| r.id.clone())
        .collect();
    let listed: Vec<String> = p
        .readiness
        .iter()
        .flat_map(|g| &g.requirements)
        .map(|&i| q.requirements[i].id.clone())
        .collect();
    let listed_set: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(listed.len(), listed_set.len(), "no requirement twice");
    assert_eq!(listed_set, expected);
    assert!(
        expected.iter().any(|id| id.contains(".1.")),
        "level 1 is included"
    );
    assert!(
        expected.iter().any(|id| id.contains(".3.")),
        "level 3 is included"
    );
    // Grouped by sub-domain: every requirement of a group is of that sub-domain.
    for g in &p.readiness {
        for &i in &g.requirements {
            assert_eq!(q.requirements[i].subdomain, g.subdomain.0);
        }
    }
    // The tailored sub-domain is listed for the pre-assessment to confirm, with its reason.
    assert_eq!(p.tailored.len(), tailored.len());
    for (s, reason) in &p.tailored {
        assert_eq!(tailored.get(&q.subdomains[*s].key), Some(reason));
    }
}

#[test]
fn the_default_target_is_the_recommended_first_application() {
    let q = Questionnaire::embedded();
    let answers = Answers::load(Path::new(MACHINERY), &q).unwrap();
    let p = plan(&q, &answers, None);
    assert_eq!(p.target, 2, "a level-1 firm prepares level 2");
    assert_eq!(p.effort.person_days, 8);
    assert!(!p.internal_assessor);
    let high = plan(&q, &answers, Some(5));
    assert!(high.high_maturity && high.above_first);
    assert_eq!(high.effort.person_days, 43);
    // Answers with everything FI reach level 5; the first application is still level 3.
    let mut all = answers.clone();
    all.tailoring.clear();
    all.not_applicable.clear();
    for r in &q.requirements {
        all.ratings.insert(
            r.id.clone(),
            zizhen::model::answers::Rated {
                rating: zizhen::model::Rating::FI,
                estimate: false,
            },
        );
    }
    let p = plan(&q, &all, None);
    assert_eq!((p.level, p.target), (5, 3));
    assert_eq!(p.open_count(), 0);
    assert_eq!(certification::recommended_first(0), 2);
}

fn with_region(region: &str) -> Answers {
    let q = Questionnaire::embedded();
    let mut answers = Answers::load(Path::new(MACHINERY), &q).unwrap();
    answers.profile.province = Some(region.to_string());
    answers
}

#[test]
fn a_changzhou_firm_sees_changzhous_rewards_and_a_firm_elsewhere_does_not() {
    let incentives = Incentives::embedded();
    // From the source: Changzhou pays 20 / 50 / 100 / 200 万元 for levels 2 / 3 / 4 / 5.
    let changzhou = incentives.for_region(Some("320400"));
    let rewards: BTreeMap<u8, u32> = changzhou
        .iter()
        .filter(|e| e.kind == Kind::Reward)
        .map(|e| (e.level, e.amount_wan.unwrap()))
        .collect();
    assert_eq!(
        rewards,
        BTreeMap::from([(2, 20), (3, 50), (4, 100), (5, 200)])
    );
    assert!(changzhou.iter().all(|e| e.region.starts_with("3204")));
    // A firm in Xi'an (Shaanxi 610100) sees Shaanxi's condition, nothing of Changzhou's.
    let xian = incentives.for_region(Some("610100"));
    assert!(!xian.is_empty());
    assert!(xian.iter().all(|e| e.region == "61"));
    assert!(
        xian.iter()
            .any(|e| e.kind == Kind::Eligibility && e.level == 3)
    );
    // A firm in Hangzhou (330100): nothing in the data.
    assert!(incentives.for_region(Some("330100")).is_empty());
    assert!(incentives.for_region(None).is_empty());

    // The same in the plan's words, in both languages.
    let q = Questionnaire::embedded();
    for lang in Lang::ALL {
        let s = Strings::load(lang);
        let view = |region: &str| {
            let answers = with_region(region);
            let p = plan(&q, &answers, Some(3));
            zizhen::report::certification::View::build(
                &q,
                &answers,
                &p,
                &incentives,
                zizhen::report::certification::Places::Own,
                &s,
            )
        };
        let cz = view("320400");
        let amount = match lang {
            Lang::ZhCn => "50 万元",
            Lang::En => "CNY 500,000",
        };
        assert!(
            cz.incentives
                .iter()
                .any(|r| r.level == 3 && r.value == amount && r.at_target),
            "{lang:?}: {:?}",
            cz.incentives
        );
        let elsewhere = view("330100");
        assert!(elsewhere.incentives.is_empty());
        assert!(elsewhere.incentives_intro.contains("330100"));
    }
}

#[test]
fn an_institution_can_load_its_own_incentive_file() {
    let path = Path::new("tests/fixtures/incentives/valid/institution.toml");
    let own = Incentives::load(path).unwrap();
    assert_eq!(own.date, "2026-11-30");
    let cz = own.for_region(Some("320400"));
    assert_eq!(cz.len(), 1);
    assert_eq!(cz[0].amount_wan, Some(80));
    assert_eq!(own.origin, path.display().to_string());
}

fn fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir("tests/fixtures/incentives/invalid")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// (codes the file must produce, the line of the first one).
fn expected(name: &str) -> (Vec<Code>, Option<usize>) {
    match name {
        "bad_kind" => (vec![Code::IncentiveKind], Some(9)),
        "bad_region" => (vec![Code::ProvinceUnknown], Some(7)),
        "duplicate" => (vec![Code::IncentiveDuplicate], Some(16)),
        "empty" => (vec![Code::IncentiveEmpty], None),
        "level_out_of_range" => (vec![Code::LevelOutOfRange], Some(10)),
        "missing_amount" => (
            vec![Code::IncentiveMissingValue, Code::IncentiveBadValue],
            None,
        ),
        "unknown_key" => (vec![Code::UnknownKey], Some(11)),
        "wrong_format" => (
            vec![
                Code::IncentiveFormat,
                Code::IncentiveDate,
                Code::MissingTranslation,
                Code::IncentiveYear,
            ],
            Some(1),
        ),
        other => panic!("add the expected codes of incentive fixture {other}"),
    }
}

#[test]
fn broken_incentive_files_fail_with_located_messages() {
    for path in fixtures() {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let error = Incentives::load(&path).expect_err(&name);
        let (codes, line) = expected(&name);
        for code in &codes {
            assert!(
                error.codes().contains(code),
                "{name}: expected {code:?}, got {:?}",
                error.codes()
            );
        }
        for lang in Lang::ALL {
            let rendered = error.render(&Strings::load(lang));
            if let Some(line) = line {
                let place = format!("{}:{line}:", path.display());
                assert!(rendered.contains(&place), "{name} {lang:?}: {rendered}");
            }
            insta::assert_snapshot!(format!("incentives__{name}__{}", lang.tag()), rendered);
        }
    }
}

// The command line: `zizhen plan` and the reports' section.

use common::command::zizhen;
use predicates::prelude::*;
use predicates::str::contains;

const JOBSHOP: &str = "examples/demo-jobshop.toml";

#[test]
fn plan_for_level_3_in_both_languages() {
    zizhen()
        .args(["plan", MACHINERY, "--target", "3", "--lang", "en"])
        .assert()
        .success()
        .stdout(
            contains("21 person-days")
                .and(contains("internal assessor"))
                .and(contains("A self-diagnosis is not a certificate"))
                .and(contains("www.c3mep.cn"))
                .and(contains("Readiness checklist up to level 3"))
                .and(contains("[ ] strategy.3.1"))
                // Wuxi (320200): the city's priority and Huishan district's rewards.
                .and(contains("Huishan District, Wuxi"))
                .and(contains("Changzhou").not()),
        );
    zizhen()
        .args(["plan", MACHINERY, "--target", "3", "--lang", "zh-CN"])
        .assert()
        .success()
        .stdout(
            contains("合计 21 人日")
                .and(contains("自诊断不是证书"))
                .and(contains("内部评估师"))
                .and(contains("3 级就绪检查清单")),
        );
}

#[test]
fn plan_defaults_to_the_first_application_and_shows_the_places_incentives() {
    // The job shop is below level 1 in Changzhou: level 2 is planned, Changzhou's rewards shown.
    zizhen()
        .args(["plan", JOBSHOP, "--lang", "en"])
        .assert()
        .success()
        .stdout(
            contains("planned for level 2")
                .and(contains("8 person-days"))
                .and(contains("Changzhou, Jiangsu"))
                .and(contains("CNY 200,000"))
                .and(contains("Xiamen").not()),
        );
    zizhen()
        .args(["plan", JOBSHOP, "--lang", "en", "--all-incentives"])
        .assert()
        .success()
        .stdout(
            contains("Xiamen")
                .and(contains("Shaanxi"))
                .and(contains("Shenzhen")),
        );
}

#[test]
fn plan_refuses_a_broken_incentive_file_and_a_level_outside_2_to_5() {
    let broken = "tests/fixtures/incentives/invalid/bad_kind.toml";
    zizhen()
        .args(["plan", JOBSHOP, "--lang", "en", "--incentives", broken])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(contains(format!("{broken}:9:")).and(contains("bonus")));
    zizhen()
        .args(["report", JOBSHOP, "--lang", "zh-CN", "--incentives", broken])
        .assert()
        .code(2)
        .stderr(contains(format!("{broken}:9:")));
    for level in ["1", "6"] {
        zizhen()
            .args(["plan", JOBSHOP, "--target", level])
            .assert()
            .code(2);
    }
}

#[test]
fn the_checklist_as_csv_html_and_markdown() {
    let q = Questionnaire::embedded();
    let answers = Answers::load(Path::new(MACHINERY), &q).unwrap();
    let expected = plan(&q, &answers, Some(3)).open_count();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("checklist.csv");
    zizhen()
        .args(["plan", MACHINERY, "--target", "3", "--lang", "en", "-o"])
        .arg(&csv)
        .assert()
        .success();
    let bytes = fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), expected);
    assert!(rows.iter().all(|r| r[0].is_empty() && !r[2].is_empty()));
    assert!(rows.iter().all(|r| !matches!(&r[6], "LI" | "FI")));

    let html = dir.path().join("plan.html");
    zizhen()
        .args(["plan", MACHINERY, "--lang", "zh-CN", "-o"])
        .arg(&html)
        .assert()
        .success();
    let page = fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!doctype html>"));
    assert!(page.contains("☐") && page.contains("自诊断不是证书"));
    assert!(!page.contains("http://") && !page.contains("<script"));

    zizhen()
        .args(["plan", MACHINERY, "--lang", "en", "--format", "md"])
        .assert()
        .success()
        .stdout(contains("- [ ] `").and(contains("| Place |")));
    zizhen()
        .args(["plan", MACHINERY, "-o", "plan.pdf"])
        .assert()
        .code(2);
}

#[test]
fn plan_reads_a_result_file_and_reports_carry_the_section() {
    let dir = tempfile::tempdir().unwrap();
    let result = dir.path().join("jobshop.json");
    zizhen()
        .args(["export", JOBSHOP, "-o"])
        .arg(&result)
        .assert()
        .success();
    zizhen()
        .arg("plan")
        .arg(&result)
        .args(["--lang", "en"])
        .assert()
        .success()
        .stdout(contains("Changzhou, Jiangsu"));
    let own = "tests/fixtures/incentives/valid/institution.toml";
    for format in ["txt", "md", "html"] {
        zizhen()
            .args(["report", JOBSHOP, "--lang", "en", "--format", format])
            .args(["--incentives", own])
            .assert()
            .success()
            .stdout(
                contains("From self-diagnosis to certificate")
                    .and(contains("CNY 800,000"))
                    .and(contains("A self-diagnosis is not a certificate")),
            );
    }
}
