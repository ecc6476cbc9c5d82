//! The command line as a user runs it: every subcommand, both languages, every error class and
//! its exit code (0 done, 1 a check did not pass, 2 bad input).

mod common;

use common::command::{json_of, zizhen, zizhen_in};
use predicates::prelude::*;
use predicates::str::contains;

/// How many requirements the embedded questionnaire has.
fn embedded_count() -> usize {
    zizhen::model::Questionnaire::embedded().requirements.len()
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

// ---- a newcomer's run (issue 10) ----

/// `score` finds an assessment as `export` and `report` do: a file, else a saved assessment's
/// name; a result file is verified first.
#[test]
fn score_takes_a_saved_assessment_name_and_a_result_file() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("demo.json");
    zizhen_in(dir.path())
        .args(["export", DEMO, "-o"])
        .arg(&json)
        .assert()
        .success();
    zizhen_in(dir.path())
        .arg("import")
        .arg(&json)
        .args(["--name", "demo"])
        .assert()
        .success();
    for spec in ["demo", json.to_str().unwrap()] {
        zizhen_in(dir.path())
            .args(["score", spec, "--lang", "en"])
            .assert()
            .success()
            .stdout(contains("Maturity level: 1 (Planning)").and(contains("X: 1.68")));
    }
    zizhen_in(dir.path())
        .args(["score", "nobody", "--lang", "en"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(contains(
            "“nobody” is neither an answers file nor a saved assessment",
        ));
    let text = std::fs::read_to_string(&json).unwrap().replacen(
        "\"rating\": \"NI\"",
        "\"rating\": \"FI\"",
        1,
    );
    std::fs::write(&json, text).unwrap();
    zizhen_in(dir.path())
        .arg("score")
        .arg(&json)
        .args(["--lang", "en"])
        .assert()
        .code(2)
        .stderr(contains("the digest does not match"));
}

/// A write that fails is said as a write, naming the path, with what to do; in Chinese without
/// the system's English.
#[test]
fn a_failed_write_says_write_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no-such-folder").join("x.json");
    for (command, out) in [
        ("export", out.clone()),
        ("report", out.with_extension("txt")),
    ] {
        let shown = out.display().to_string();
        zizhen()
            .args([command, DEMO, "--lang", "en", "-o"])
            .arg(&out)
            .assert()
            .code(2)
            .stderr(
                contains(format!(
                    "{shown}: cannot write the file: no such file or folder"
                ))
                .and(contains(
                    "check that the folder exists, that you may write there",
                ))
                .and(contains("cannot read").not()),
            );
    }
    zizhen()
        .args(["export", DEMO, "--lang", "zh-CN", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(
            contains("无法写入文件：文件或文件夹不存在")
                .and(contains("请检查文件夹是否存在"))
                .and(contains("No such file").not()),
        );
}

/// A folder given as the output file: say so, and suggest a file name in it.
#[test]
fn an_output_folder_is_refused_with_a_file_name_to_use() {
    let dir = tempfile::tempdir().unwrap();
    let shown = dir.path().display().to_string();
    for (command, example) in [("export", "result.json"), ("report", "report.html")] {
        zizhen()
            .args([command, DEMO, "--lang", "en", "-o"])
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(
                contains(format!("{shown}: this is a folder"))
                    .and(contains(format!(
                        "e.g. -o {}",
                        dir.path().join(example).display()
                    )))
                    .and(contains("regular file").not()),
            );
    }
    zizhen()
        .args(["export", DEMO, "--lang", "zh-CN", "-o"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("这是一个文件夹").and(contains("请给出文件名")));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

/// Operating-system errors of the common kinds are said in the user's language.
#[test]
fn system_errors_are_translated() {
    zizhen()
        .args(["--questionnaire", "no/such/file.toml", "score", FULL])
        .args(["--lang", "zh-CN"])
        .assert()
        .code(2)
        .stderr(
            contains("no/such/file.toml")
                .and(contains("无法读取文件：文件或文件夹不存在"))
                .and(contains("No such file").not()),
        );
    zizhen()
        .args(["verify", "no/such/file.json", "--lang", "zh-CN"])
        .assert()
        .stdout(contains("无法读取文件：文件或文件夹不存在").and(contains("os error").not()));
    let dir = tempfile::tempdir().unwrap();
    zizhen()
        .arg("verify")
        .arg(dir.path())
        .args(["--lang", "zh-CN"])
        .assert()
        .stdout(contains("而是文件夹").and(contains("directory").not()));
}

/// `verify`: 2 when a file could not be read at all (the check could not run), 1 when a file
/// was read and failed a check, 2 when both happen.
#[test]
fn verify_exits_2_when_a_file_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.json");
    zizhen()
        .args(["export", DEMO, "-o"])
        .arg(&good)
        .assert()
        .success();
    let bad = dir.path().join("bad.json");
    let text = std::fs::read_to_string(&good).unwrap().replacen(
        "\"rating\": \"NI\"",
        "\"rating\": \"FI\"",
        1,
    );
    std::fs::write(&bad, text).unwrap();
    let missing = dir.path().join("missing.json");
    let verify = |files: &[&std::path::Path]| {
        let mut cmd = zizhen();
        cmd.arg("verify").args(files).args(["--lang", "en"]);
        cmd.assert()
    };
    verify(&[&good]).code(0);
    verify(&[&good, &bad]).code(1);
    verify(&[&missing])
        .code(2)
        .stdout(contains("FAILED").and(contains("no such file or folder")));
    verify(&[dir.path()])
        .code(2)
        .stdout(contains("not an ordinary file"));
    verify(&[&bad, &missing]).code(2);
    verify(&[&good, &missing]).code(2);
}

#[test]
fn verify_help_names_result_files() {
    zizhen()
        .args(["verify", "--help", "--lang", "en"])
        .assert()
        .success()
        .stdout(
            contains("Result files (.json) to check").and(contains("Questionnaire files").not()),
        );
    zizhen()
        .args(["verify", "--help", "--lang", "zh-CN"])
        .assert()
        .success()
        .stdout(contains("要检查的结果文件（.json）").and(contains("要检查的问卷文件").not()));
    zizhen()
        .args(["questionnaire", "validate", "--help", "--lang", "en"])
        .assert()
        .success()
        .stdout(contains("Questionnaire files to check"));
}

/// An answers file or a result file given where a questionnaire is expected is named as what it
/// is, with the command that reads it.
#[test]
fn validate_recognises_answers_and_result_files() {
    zizhen()
        .args(["questionnaire", "validate", DEMO, "--lang", "en"])
        .assert()
        .code(2)
        .stderr(
            contains("this looks like an answers file")
                .and(contains(format!("zizhen score {DEMO}")))
                .and(contains("RawHeader").not()),
        );
    zizhen()
        .args(["questionnaire", "validate", DEMO, "--lang", "zh-CN"])
        .assert()
        .code(2)
        .stderr(contains("这像是答卷文件").and(contains(format!("zizhen score {DEMO}"))));
    zizhen()
        .args(["--questionnaire", DEMO, "score", FULL, "--lang", "en"])
        .assert()
        .code(2)
        .stderr(contains("this looks like an answers file"));
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("demo.json");
    zizhen()
        .args(["export", DEMO, "-o"])
        .arg(&json)
        .assert()
        .success();
    zizhen()
        .args(["questionnaire", "validate"])
        .arg(&json)
        .args(["--lang", "en"])
        .assert()
        .code(2)
        .stderr(
            contains("this looks like a result file")
                .and(contains(format!("zizhen verify {}", json.display()))),
        );
    // A broken questionnaire is still reported as one.
    zizhen()
        .args(["questionnaire", "validate"])
        .arg("tests/fixtures/questionnaires/invalid/bad_weight.toml")
        .args(["--lang", "en"])
        .assert()
        .code(2)
        .stderr(contains("looks like").not());
}

/// The estimates are among the rated requirements, and the Chinese says so.
#[test]
fn estimates_are_said_to_be_among_the_rated_requirements() {
    zizhen()
        .args([
            "score",
            "tests/fixtures/answers/valid/saved.toml",
            "--lang",
            "zh-CN",
        ])
        .assert()
        .success()
        .stdout(contains("已评的要求中有 2 条为快速估计值").and(contains("其中 2 条").not()));
}

/// A class's results are imported under the enterprise's name and day, and the same result
/// imported twice is noticed instead of copied ("(2)", "(3)" … told nobody apart).
#[test]
fn imports_are_named_by_enterprise_and_a_second_import_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("demo.json");
    zizhen_in(dir.path())
        .args(["export", DEMO, "-o"])
        .arg(&json)
        .assert()
        .success();
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let enterprise = file["profile"]["name"].as_str().unwrap().to_string();
    zizhen_in(dir.path())
        .args(["import", "--lang", "en"])
        .arg(&json)
        .assert()
        .success()
        .stdout(contains(format!("Imported as “{enterprise}")));
    zizhen_in(dir.path())
        .args(["import", "--lang", "en"])
        .arg(&json)
        .assert()
        .success()
        .stdout(contains(format!("Already here as “{enterprise}")));
    let saved: Vec<_> = std::fs::read_dir(dir.path().join("data").join("assessments"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.ends_with(".toml").then_some(name)
        })
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
}

// ---- one file for any plant (issue 13) ----

/// Completion scripts for every shell clap_complete knows, naming the subcommands; the bash one
/// is valid bash.
#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = zizhen().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for sub in ["score", "export", "verify", "report", "import"] {
            assert!(script.contains(sub), "{shell} lacks {sub}");
        }
        if shell == "bash" {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("zizhen.bash");
            std::fs::write(&path, &script).unwrap();
            let checked = std::process::Command::new("bash")
                .arg("-n")
                .arg(&path)
                .status()
                .unwrap();
            assert!(checked.success(), "bash -n");
        }
    }
    zizhen()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(contains("bash"));
}

/// The manual page is roff with the commands, in the language asked for.
#[test]
fn the_manual_page_in_both_languages() {
    let out = zizhen().args(["man", "--lang", "en"]).output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH zizhen 1"), "{page}");
    assert!(page.contains("offline self\\-diagnosis"), "{page}");
    for sub in ["score", "export", "verify", "report"] {
        assert!(page.contains(sub), "{sub}");
    }
    let out = zizhen().args(["man", "--lang", "zh-CN"]).output().unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains("离线的智能制造能力成熟度自诊断"), "{page}");
}
