//! The command line as a user runs it: every subcommand, both languages, every error class and
//! its exit code (0 done, 1 a check did not pass, 2 bad input).

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

fn zizhen() -> Command {
    let mut cmd = Command::cargo_bin("zizhen").unwrap();
    // Hermetic: no language from the developer's environment.
    cmd.env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("ZIZHEN_LANG");
    cmd
}

/// How many requirements the embedded questionnaire has.
fn embedded_count() -> usize {
    zizhen::model::Questionnaire::embedded().requirements.len()
}

fn json_of(cmd: &mut Command) -> Value {
    let output = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&output).expect("valid JSON")
}

const FULL: &str = "tests/fixtures/answers/valid/full.toml";
const DEMO: &str = "examples/demo-machinery.toml";
const MINI: &str = "tests/fixtures/questionnaires/valid/mini.toml";

#[test]
fn help_in_both_languages() {
    zizhen()
        .args(["--help", "--lang", "en"])
        .assert()
        .success()
        .stdout(contains("Score an answers file").and(contains("Usage:")));
    zizhen()
        .args(["--help", "--lang", "zh-CN"])
        .assert()
        .success()
        .stdout(contains("为答卷文件评分").and(contains("用法：")));
    zizhen()
        .arg("--help")
        .env("LANG", "zh_CN.UTF-8")
        .assert()
        .success()
        .stdout(contains("命令"));
}

#[test]
fn without_a_terminal_the_tui_points_to_the_commands() {
    // Under the test harness standard input and output are pipes, not a terminal.
    zizhen()
        .args(["--lang", "en"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(contains("needs a terminal").and(contains("zizhen score ANSWERS.toml")));
    zizhen()
        .args(["--lang", "zh-CN"])
        .assert()
        .code(2)
        .stderr(contains("需要在终端中运行"));
}

#[test]
fn usage_errors_exit_2() {
    zizhen().args(["score"]).assert().code(2);
    zizhen().args(["frobnicate"]).assert().code(2);
    zizhen()
        .args(["--lang", "fr", "score", FULL])
        .assert()
        .code(2);
    zizhen()
        .args(["questionnaire", "validate"])
        .assert()
        .code(2);
}

#[test]
fn questionnaire_show_text_in_both_languages() {
    zizhen()
        .args(["questionnaire", "show", "--lang", "zh-CN"])
        .assert()
        .success()
        .stdout(
            contains("规范级")
                .and(contains("planning.3.2"))
                .and(contains(format!("{} 条要求", embedded_count()))),
        );
    zizhen()
        .args(["questionnaire", "show", "--lang", "en"])
        .assert()
        .success()
        .stdout(contains("Standardised").and(contains("not the standard's text")));
}

#[test]
fn questionnaire_show_json_has_the_documented_shape() {
    let v = json_of(zizhen().args(["questionnaire", "show", "--format", "json"]));
    assert_eq!(v["id"], "gbt39116-2020");
    assert!(v["version"].is_string());
    let subdomains = v["subdomains"].as_array().unwrap();
    assert_eq!(subdomains.len(), 20);
    let process_design = subdomains
        .iter()
        .find(|s| s["key"] == "process-design")
        .unwrap();
    assert_eq!(process_design["domain"], "design");
    assert_eq!(process_design["element"], "manufacturing");
    assert_eq!(process_design["weight"], 1.0);
    assert_eq!(process_design["tailorable"]["discrete"], true);
    assert_eq!(process_design["tailorable"]["process"], false);
    let requirements = v["requirements"].as_array().unwrap();
    assert_eq!(requirements.len(), embedded_count());
    let r = requirements
        .iter()
        .find(|r| r["id"] == "planning.2.1")
        .unwrap();
    assert_eq!(r["subdomain"], "planning");
    assert_eq!(r["level"], 2);
    assert!(r["text"]["zh-CN"].as_str().unwrap().contains("ERP"));
    assert!(r["evidence"]["en"].is_string());
}

#[test]
fn questionnaire_option_loads_another_file() {
    let v = json_of(zizhen().args([
        "--questionnaire",
        MINI,
        "questionnaire",
        "show",
        "--format",
        "json",
    ]));
    assert_eq!(v["id"], "mini");
    assert_eq!(v["requirements"].as_array().unwrap().len(), 10);
    zizhen()
        .args([
            "--questionnaire",
            "tests/fixtures/questionnaires/invalid/duplicate_id.toml",
        ])
        .args(["questionnaire", "show", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(contains("duplicate_id.toml:122:6"));
    zizhen()
        .args([
            "--questionnaire",
            "no/such/file.toml",
            "score",
            FULL,
            "--lang",
            "en",
        ])
        .assert()
        .code(2)
        .stderr(contains("no/such/file.toml").and(contains("cannot read the file")));
}

#[test]
fn validate_reports_every_file() {
    zizhen()
        .args([
            "questionnaire",
            "validate",
            MINI,
            "questionnaires/gbt39116-2020.toml",
            "--lang",
            "en",
        ])
        .assert()
        .success()
        .stdout(
            contains("OK tests/fixtures/questionnaires/valid/mini.toml")
                .and(contains(format!("{} requirements", embedded_count()))),
        );
    zizhen()
        .args(["questionnaire", "validate", MINI])
        .arg("tests/fixtures/questionnaires/invalid/bad_weight.toml")
        .args(["--lang", "en"])
        .assert()
        .code(2)
        .stdout(contains("OK"))
        .stderr(contains("bad_weight.toml:80:10").and(contains(
            "weight 0 is not a number above 0 and at most 1000000",
        )));
}

#[test]
fn every_invalid_questionnaire_fixture_exits_2() {
    for entry in std::fs::read_dir("tests/fixtures/questionnaires/invalid").unwrap() {
        let path = entry.unwrap().path();
        zizhen()
            .args(["questionnaire", "validate"])
            .arg(&path)
            .assert()
            .code(2)
            .stderr(contains(
                path.file_name().unwrap().to_string_lossy().as_ref(),
            ));
    }
}

#[test]
fn score_text_in_both_languages() {
    zizhen()
        .args(["score", DEMO, "--lang", "zh-CN"])
        .assert()
        .success()
        .stdout(
            contains("成熟度等级：1 级（规划级）")
                .and(contains("总分 X：1.68"))
                .and(contains("不适用")),
        );
    zizhen()
        .args(["score", DEMO, "--lang", "en"])
        .assert()
        .success()
        .stdout(contains("Maturity level: 1 (Planning)").and(contains("To reach level 2")));
}

#[test]
fn score_json_has_the_documented_shape() {
    let v = json_of(zizhen().args(["score", FULL, "--format", "json"]));
    let score = &v["score"];
    assert!(score["overall"].is_f64());
    assert_eq!(score["level"], 0);
    let levels = score["levels"].as_array().unwrap();
    assert_eq!(levels.len(), 5);
    for (i, l) in levels.iter().enumerate() {
        assert_eq!(l["level"], i + 1);
        assert!(l["score"].is_number() && l["reached"].is_boolean());
    }
    assert_eq!(score["subdomains"].as_array().unwrap().len(), 20);
    assert_eq!(score["domains"].as_array().unwrap().len(), 12);
    assert_eq!(score["elements"].as_array().unwrap().len(), 4);
    let logistics = score["subdomains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "logistics")
        .unwrap();
    assert_eq!(logistics["applicable"], false);
    assert_eq!(v["completeness"]["rated"], 5);
    let q = zizhen::model::Questionnaire::embedded();
    let logistics = q.subdomain_index("logistics").unwrap();
    let applicable = q.requirements.len() - q.subdomain_requirements(logistics).len();
    assert_eq!(v["completeness"]["total"], applicable);
    assert_eq!(v["completeness"]["complete"], false);
    assert_eq!(
        v["tailoring"]["logistics"],
        "运输全部外包 / transport fully outsourced"
    );
    let gaps = &v["gaps"];
    assert_eq!(gaps["levels"].as_array().unwrap().len(), 5);
    assert_eq!(gaps["levels"][0]["conforming"][0], "strategy.1.2");
    assert_eq!(gaps["next"]["target"], 1);
    assert!(!gaps["next"]["requirements"].as_array().unwrap().is_empty());
}

#[test]
fn estimates_are_reported() {
    const SAVED: &str = "tests/fixtures/answers/valid/saved.toml";
    let v = json_of(zizhen().args(["score", SAVED, "--format", "json"]));
    assert_eq!(
        v["estimates"],
        serde_json::json!(["planning.2.1", "strategy.1.2"])
    );
    zizhen()
        .args(["score", SAVED, "--lang", "en"])
        .assert()
        .success()
        .stdout(contains("2 ratings are quick estimates"));
}

#[test]
fn score_json_is_exact_at_the_boundary() {
    // Level 1 all FI, level 2 all LI, the rest NI: both reached, X = 1 + 1 + S3 = exactly 2,
    // level 2 (LI is a conforming item: a level rated all LI is reached).
    let q = zizhen::model::Questionnaire::embedded();
    let mut text = String::from("questionnaire = \"gbt39116-2020\"\n[ratings]\n");
    for r in &q.requirements {
        let rating = match r.level {
            1 => "FI",
            2 => "LI",
            _ => "NI",
        };
        text.push_str(&format!("{:?} = {rating:?}\n", r.id));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("boundary.toml");
    std::fs::write(&path, text).unwrap();
    let v = json_of(zizhen().arg("score").arg(&path).args(["--format", "json"]));
    assert_eq!(v["score"]["overall"], 2.0);
    assert_eq!(v["score"]["overall_exact"], "2");
    assert_eq!(v["score"]["level"], 2);
    assert_eq!(v["score"]["levels"][1]["reached"], true);
}

#[test]
fn every_invalid_answers_fixture_exits_2_naming_the_file() {
    for entry in std::fs::read_dir("tests/fixtures/answers/invalid").unwrap() {
        let path = entry.unwrap().path();
        zizhen()
            .arg("score")
            .arg(&path)
            .args(["--lang", "en"])
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(contains(path.display().to_string()).and(contains("what to do")));
    }
}

#[test]
fn answers_errors_in_chinese() {
    zizhen()
        .args([
            "score",
            "tests/fixtures/answers/invalid/credit_check.toml",
            "--lang",
            "zh-CN",
        ])
        .assert()
        .code(2)
        .stderr(contains("校验码应为").and(contains(":6:15")));
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    // `zizhen questionnaire show | head -1`: stdout closes early; no panic message.
    use std::io::Read;
    use std::process::{Command as Std, Stdio};
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("zizhen"))
        .args(["questionnaire", "show"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
