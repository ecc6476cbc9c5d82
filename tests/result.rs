//! The result file: its schema stays in sync with the code, the same input gives the same
//! bytes, export → import → export keeps everything, and verify catches each kind of damage.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::{Value, json};
use zizhen::model::{Answers, Code, Questionnaire};
use zizhen::result::{self, ResultFile, canonical};

const SCHEMA: &str = "schema/result-v1.schema.json";
const DEMO: &str = "examples/demo-machinery.toml";

fn demo_file() -> ResultFile {
    let q = Questionnaire::embedded();
    let mut answers = Answers::load(Path::new(DEMO), &q).unwrap();
    answers.meta.target_level = Some(3);
    answers.meta.created = Some("2026-11-20T08:00:00Z".into());
    answers.meta.updated = Some("2026-11-21T09:30:00Z".into());
    answers.estimates.insert("planning.1.1".into());
    result::build(&q, &answers, Some("demo"))
}

/// Regenerate with `ZIZHEN_UPDATE_SCHEMA=1 cargo test --test result schema`.
#[test]
fn the_committed_schema_is_generated_from_the_code() {
    let schema = serde_json::to_value(schemars::schema_for!(ResultFile)).unwrap();
    let generated = canonical::pretty(&schema);
    if std::env::var_os("ZIZHEN_UPDATE_SCHEMA").is_some() {
        std::fs::write(SCHEMA, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(SCHEMA).expect("schema/result-v1.schema.json");
    assert!(
        committed == generated,
        "{SCHEMA} is out of date: run ZIZHEN_UPDATE_SCHEMA=1 cargo test --test result"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let a = result::to_bytes(&demo_file());
    let b = result::to_bytes(&demo_file());
    assert_eq!(a, b);
    let text = String::from_utf8(a).unwrap();
    assert!(
        text.starts_with("{\n  \"assessment\": {"),
        "keys in sorted order"
    );
    assert!(
        text.contains("无锡示例精密机械有限公司"),
        "UTF-8, not escaped"
    );
}

#[test]
fn a_fresh_export_verifies() {
    let q = Questionnaire::embedded();
    let file = demo_file();
    let bytes = result::to_bytes(&file);
    let parsed = result::parse(Path::new("demo.json"), bytes).unwrap();
    assert_eq!(parsed, file);
    let verified = result::verify(Path::new("demo.json"), parsed, &[&q]).unwrap();
    assert_eq!(verified.answers.meta.target_level, Some(3));
    assert!(verified.answers.estimates.contains("planning.1.1"));
    assert!(
        verified.file.gaps.target.is_some(),
        "the gap to the target level is included"
    );
}

/// The digest can be checked with nothing but Python's standard library.
#[test]
fn the_digest_is_pythons_sorted_compact_json() {
    let Ok(python) = which_python() else {
        eprintln!("python3 not found: skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.json");
    std::fs::write(&path, result::to_bytes(&demo_file())).unwrap();
    let script = "import json,hashlib,sys\nd=json.load(open(sys.argv[1],encoding='utf-8'))\ng=d.pop('digest')\ns=json.dumps(d,sort_keys=True,separators=(',',':'),ensure_ascii=False).encode('utf-8')\nprint(g=='sha256:'+hashlib.sha256(s).hexdigest())";
    let out = std::process::Command::new(python)
        .args(["-c", script])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "True",
        "{out:?}"
    );
}

fn which_python() -> Result<PathBuf, ()> {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|p| p.join("python3"))
                .find(|p| p.is_file())
        })
        .ok_or(())
}

/// A copy of the demo file as JSON, changed by `edit`, with the digest left or recomputed.
fn tampered(edit: impl Fn(&mut Value), fix_digest: bool) -> Vec<u8> {
    let mut value = serde_json::to_value(demo_file()).unwrap();
    edit(&mut value);
    if fix_digest {
        let mut without = value.clone();
        without.as_object_mut().unwrap().remove("digest");
        value["digest"] = json!(canonical::sha256(&without));
    }
    canonical::pretty(&value).into_bytes()
}

fn problems(bytes: Vec<u8>) -> Vec<Code> {
    let q = Questionnaire::embedded();
    let path = Path::new("x.json");
    match result::parse(path, bytes).and_then(|f| result::verify(path, f, &[&q])) {
        Ok(_) => Vec::new(),
        Err(e) => e.codes(),
    }
}

#[test]
fn verify_catches_each_kind_of_tampering() {
    let rating = |v: &mut Value| v["ratings"]["planning.2.1"]["rating"] = json!("FI");
    let score = |v: &mut Value| v["score"]["overall"] = json!(3.9);
    let level = |v: &mut Value| v["score"]["level"] = json!(4);
    // A rating changed, digest left: both the digest and the derived score disagree.
    let codes = problems(tampered(rating, false));
    assert!(
        codes.contains(&Code::DigestMismatch) && codes.contains(&Code::ResultDiffers),
        "{codes:?}"
    );
    // A rating changed and the digest recomputed: the score no longer follows.
    let codes = problems(tampered(rating, true));
    assert!(
        !codes.contains(&Code::DigestMismatch) && codes.contains(&Code::ResultDiffers),
        "{codes:?}"
    );
    // The score raised, with and without a new digest.
    assert!(problems(tampered(score, false)).contains(&Code::DigestMismatch));
    assert_eq!(problems(tampered(level, true)), [Code::ResultDiffers]);
    // A note changed: only the digest tells.
    assert_eq!(
        problems(tampered(
            |v| v["notes"]["planning.2.1"] = json!("edited"),
            false
        )),
        [Code::DigestMismatch]
    );
    // An estimate quietly confirmed.
    assert_eq!(
        problems(tampered(
            |v| v["ratings"]["planning.1.1"]["estimate"] = json!(false),
            false
        )),
        [Code::DigestMismatch]
    );
    // Made with other questionnaire content.
    let other =
        |v: &mut Value| v["questionnaire"]["sha256"] = json!(format!("sha256:{}", "0".repeat(64)));
    assert_eq!(
        problems(tampered(other, true)),
        [Code::QuestionnaireChanged]
    );
    let unknown = |v: &mut Value| v["questionnaire"]["id"] = json!("gbt39116-2030");
    assert_eq!(
        problems(tampered(unknown, true)),
        [Code::QuestionnaireUnknown]
    );
    // An answer that breaks the answers file's rules.
    let locked = |v: &mut Value| v["tailoring"]["planning"] = json!("not ours");
    assert!(problems(tampered(locked, true)).contains(&Code::TailorLocked));
}

#[test]
fn broken_files_say_what_is_wrong() {
    let good = result::to_bytes(&demo_file());
    let text = String::from_utf8(good.clone()).unwrap();
    let cases: Vec<(&str, Vec<u8>, Code)> = vec![
        ("truncated", good[..good.len() / 2].to_vec(), Code::NotJson),
        ("empty", Vec::new(), Code::NotJson),
        (
            "not UTF-8",
            [&good[..100], b"\xff\xfe", &good[100..]].concat(),
            Code::NotUtf8,
        ),
        (
            "duplicate key",
            text.replacen("\"format\":", "\"format\": \"x\",\n  \"format\":", 1)
                .into_bytes(),
            Code::NotJson,
        ),
        (
            "wrong version",
            text.replace("zizhen-result/1", "zizhen-result/2")
                .into_bytes(),
            Code::ResultFormat,
        ),
        (
            "not a result",
            b"{\"hello\": 1}".to_vec(),
            Code::ResultFormat,
        ),
        ("an array", b"[1, 2]".to_vec(), Code::ResultFormat),
        (
            "unknown field",
            text.replacen("\"format\":", "\"extra\": 1,\n  \"format\":", 1)
                .into_bytes(),
            Code::ResultShape,
        ),
        (
            "bad rating",
            text.replacen("\"rating\": \"FI\"", "\"rating\": \"XX\"", 1)
                .into_bytes(),
            Code::ResultShape,
        ),
        (
            "missing score",
            {
                let mut v: Value = serde_json::from_slice(&good).unwrap();
                v.as_object_mut().unwrap().remove("score");
                v.to_string().into_bytes()
            },
            Code::ResultShape,
        ),
    ];
    for (what, bytes, expected) in cases {
        let codes = problems(bytes);
        assert_eq!(codes.first(), Some(&expected), "{what}: {codes:?}");
    }
    // The duplicate is located.
    let dup = text.replacen("\"format\":", "\"format\": \"x\",\n  \"format\":", 1);
    let e = result::parse(Path::new("d.json"), dup.into_bytes()).unwrap_err();
    let (line, _) = e
        .line_col(e.diagnostics[0].span.clone().unwrap().start)
        .unwrap();
    assert_eq!(
        &e.diagnostics[0].get("detail").unwrap()[..20],
        "duplicate key `forma"
    );
    assert!(line > 1);
}

/// Every file in tests/fixtures/results/broken fails cleanly (the fuzz corpus seeds).
#[test]
fn the_broken_corpus_fails_without_a_panic() {
    let q = Questionnaire::embedded();
    let dir = Path::new("tests/fixtures/results/broken");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let outcome = result::parse(&path, bytes).and_then(|f| result::verify(&path, f, &[&q]));
        assert!(outcome.is_err(), "{} should fail", path.display());
        count += 1;
    }
    assert!(count >= 8, "corpus too small: {count}");
}

fn zizhen(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("zizhen").unwrap();
    cmd.env("ZIZHEN_DATA_DIR", data)
        .env("ZIZHEN_CONFIG_DIR", data.join("config"))
        .env_remove("LANG")
        .env_remove("LC_ALL");
    cmd
}

#[test]
fn export_import_export_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let first = dir.path().join("first.json");
    zizhen(&data)
        .args(["export", "tests/fixtures/answers/valid/saved.toml", "-o"])
        .arg(&first)
        .assert()
        .success()
        .stderr(contains("Written"));
    zizhen(&data)
        .arg("import")
        .arg(&first)
        .assert()
        .success()
        .stdout(contains("Imported as “saved”"));
    let second = dir.path().join("second.json");
    zizhen(&data)
        .args(["export", "saved", "-o"])
        .arg(&second)
        .assert()
        .success();
    let a: Value = serde_json::from_slice(&std::fs::read(&first).unwrap()).unwrap();
    let b: Value = serde_json::from_slice(&std::fs::read(&second).unwrap()).unwrap();
    for key in [
        "ratings",
        "notes",
        "profile",
        "tailoring",
        "score",
        "completeness",
        "gaps",
        "questionnaire",
    ] {
        assert_eq!(a[key], b[key], "{key}");
    }
    assert_eq!(
        a["assessment"]["target_level"],
        b["assessment"]["target_level"]
    );
    // Importing again does not overwrite: a second name.
    zizhen(&data)
        .arg("import")
        .arg(&first)
        .assert()
        .success()
        .stdout(contains("(2)"));
}

#[test]
fn verify_reports_each_file_and_exits_1_on_any_failure() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.json");
    let bad = dir.path().join("bad.json");
    std::fs::write(&good, result::to_bytes(&demo_file())).unwrap();
    std::fs::write(&bad, tampered(|v| v["score"]["level"] = json!(5), false)).unwrap();
    zizhen(dir.path())
        .arg("verify")
        .arg(&good)
        .args(["--lang", "en"])
        .assert()
        .code(0)
        .stdout(contains("OK").and(contains("level 1")));
    zizhen(dir.path())
        .arg("verify")
        .arg(&good)
        .arg(&bad)
        .args(["--lang", "en"])
        .assert()
        .code(1)
        .stdout(contains("OK").and(contains("FAILED")).and(contains(
            "score.level is 5 in the file, but the answers give 1",
        )));
    zizhen(dir.path())
        .arg("verify")
        .arg(&bad)
        .args(["--lang", "zh-CN"])
        .assert()
        .code(1)
        .stdout(contains("未通过").and(contains("摘要与内容不符")));
    // A tampered file is not imported.
    zizhen(dir.path()).arg("import").arg(&bad).assert().code(2);
}

#[test]
fn export_of_unknown_things_explains() {
    let dir = tempfile::tempdir().unwrap();
    zizhen(dir.path())
        .args(["export", "no-such-assessment", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(contains("neither an answers file nor a saved assessment"));
    zizhen(dir.path())
        .args([
            "export",
            "tests/fixtures/answers/invalid/bad_rating.toml",
            "--lang",
            "en",
        ])
        .assert()
        .code(2)
        .stderr(contains("bad_rating.toml:19:18"));
}
