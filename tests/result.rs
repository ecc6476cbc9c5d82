//! The result file: its schema stays in sync with the code, the same input gives the same
//! bytes, export → import → export keeps everything, and verify catches each kind of damage.

mod common;

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
    answers.ratings.get_mut("planning.1.1").unwrap().estimate = true;
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
    assert!(verified.answers.ratings["planning.1.1"].estimate);
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

/// zizhen with its data in `data` (and its config in `data/config`).
fn zizhen(data: &Path) -> Command {
    let mut cmd = common::command::zizhen();
    cmd.env("ZIZHEN_DATA_DIR", data)
        .env("ZIZHEN_CONFIG_DIR", data.join("config"));
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
        .args(["--name", "saved"])
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
    // Importing again is noticed, not copied; asked for by name, it does not overwrite: a
    // second name.
    zizhen(&data)
        .arg("import")
        .arg(&first)
        .assert()
        .success()
        .stdout(contains("Already here as “saved”"));
    zizhen(&data)
        .arg("import")
        .arg(&first)
        .args(["--name", "saved"])
        .assert()
        .success()
        .stdout(contains("“saved (2)”"));
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
        .stdout(contains("未通过").and(contains("校验值与内容不符")));
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

/// Every leaf of a result file, as a path of keys and indexes.
fn leaves(value: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                path.push(json!(key));
                leaves(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(json!(i));
                leaves(child, path, out);
                path.pop();
            }
        }
        _ => out.push(path.clone()),
    }
}

fn leaf_mut<'a>(value: &'a mut Value, path: &[Value]) -> &'a mut Value {
    path.iter().fold(value, |v, key| match key {
        Value::String(k) => &mut v[k.as_str()],
        Value::Number(i) => &mut v[i.as_u64().unwrap() as usize],
        _ => unreachable!(),
    })
}

fn dotted(path: &[Value]) -> String {
    let parts: Vec<String> = path
        .iter()
        .map(|k| match k {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    parts.join(".")
}

/// `value` with its digest recomputed: as a careful forger would leave it.
fn resealed(mut value: Value) -> Vec<u8> {
    let mut without = value.clone();
    without.as_object_mut().unwrap().remove("digest");
    value["digest"] = json!(canonical::sha256(&without));
    canonical::pretty(&value).into_bytes()
}

/// Leaves that are data the file carries, not derived from anything: a change to them (to a
/// value that is still valid) is a different, equally genuine file. The tool that wrote it, the
/// names, the free texts (notes, reasons for tailoring), whether a rating is an estimate, and
/// the enterprise's size figures as long as the SME flag they decide stays the same (320
/// employees and 18,500 revenue stay an SME when raised by 1).
fn is_free(path: &str) -> bool {
    matches!(
        path,
        "tool.name"
            | "tool.version"
            | "assessment.name"
            | "profile.name"
            | "profile.employees"
            | "profile.revenue"
    ) || path.starts_with("notes.")
        || path.starts_with("tailoring.")
        || (path.starts_with("ratings.") && path.ends_with(".estimate"))
}

/// Changes every leaf of a result file once, reseals it with a correct digest, and checks that
/// verify rejects it — unless the leaf is free data (then verify must accept it). On the mini
/// questionnaire, so that every leaf is tried.
#[test]
fn verify_rejects_a_change_to_any_derived_field() {
    let q =
        Questionnaire::load(Path::new("tests/fixtures/questionnaires/valid/mini.toml")).unwrap();
    let source = r#"questionnaire = "mini"
[profile]
name = "Mini Co"
credit_code = "91320214MA1N2B3C4E"
industry = "3459"
industry_type = "discrete"
province = "320200"
employees = 320
revenue = 18500.0
covers = ["design", "sales", "service"]
[tailoring]
sell = "no sales department"
[ratings]
"plan.1.1" = "FI"
"plan.2.1" = "LI"
"plan.3.1" = "PI"
"plan.4.1" = "NI"
[notes]
"plan.3.1" = "pilot on line 2"
[assessment]
created = "2026-11-20T08:00:00Z"
updated = "2026-11-21T09:30:00Z"
target_level = 3
estimates = ["plan.2.1"]
"#;
    let answers = Answers::from_source(Path::new("mini-answers.toml"), source, &q).unwrap();
    let base = serde_json::to_value(result::build(&q, &answers, Some("mini"))).unwrap();
    let accepted = |bytes: Vec<u8>| -> Result<(), Vec<Code>> {
        let path = Path::new("x.json");
        match result::parse(path, bytes).and_then(|f| result::verify(path, f, &[&q])) {
            Ok(_) => Ok(()),
            Err(e) => Err(e.codes()),
        }
    };
    assert_eq!(
        accepted(resealed(base.clone())),
        Ok(()),
        "the file as built"
    );

    let mut paths = Vec::new();
    leaves(&base, &mut Vec::new(), &mut paths);
    let mut wrong = Vec::new();
    let mut tried = 0;
    for path in paths.iter().filter(|p| p[0] != json!("digest")) {
        let name = dotted(path);
        let mut changed = base.clone();
        let leaf = leaf_mut(&mut changed, path);
        *leaf = match leaf.clone() {
            Value::String(s) => json!(format!("{s}x")),
            Value::Bool(b) => json!(!b),
            Value::Number(n) => match n.as_u64() {
                Some(i) => json!(i + 1),
                None => json!(n.as_f64().unwrap() + 1.0),
            },
            Value::Null => json!(1),
            other => unreachable!("{other}"),
        };
        tried += 1;
        match (is_free(&name), accepted(resealed(changed))) {
            (true, Err(codes)) => wrong.push(format!("{name}: free, but rejected: {codes:?}")),
            (false, Ok(())) => wrong.push(format!("{name}: changed, and accepted")),
            _ => {}
        }
    }
    // The times are free too, as long as they are times.
    for key in ["created", "updated"] {
        let mut changed = base.clone();
        changed["assessment"][key] = json!("2027-01-02T03:04:05+08:00");
        if let Err(codes) = accepted(resealed(changed)) {
            wrong.push(format!(
                "assessment.{key}: another valid time rejected: {codes:?}"
            ));
        }
    }
    assert!(tried > 100, "only {tried} leaves");
    assert!(
        wrong.is_empty(),
        "{} of {tried} leaves:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// The cases the walk above covers, on the real questionnaire and by their message.
#[test]
fn verify_names_contradicting_fields() {
    type Edit = Box<dyn Fn(&mut Value)>;
    let cases: [(&str, Edit, Code); 5] = [
        (
            "an SME flag the size contradicts",
            Box::new(|v| v["profile"]["sme"] = json!(false)),
            Code::ResultDiffers,
        ),
        (
            "a size that no longer makes an SME",
            Box::new(|v| {
                v["profile"]["employees"] = json!(5000);
                v["profile"]["revenue"] = json!(90000.0);
            }),
            Code::ResultDiffers,
        ),
        (
            "another questionnaire version",
            Box::new(|v| v["questionnaire"]["version"] = json!("9.9.9")),
            Code::ResultDiffers,
        ),
        (
            "a time with text after it",
            Box::new(|v| v["assessment"]["created"] = json!("2026-11-20T08:00:00Zx")),
            Code::BadTimestamp,
        ),
        (
            "a time that is no date",
            Box::new(|v| v["assessment"]["updated"] = json!("2026-02-30T08:00:00Z")),
            Code::BadTimestamp,
        ),
    ];
    for (what, edit, code) in cases {
        let codes = problems(tampered(edit, true));
        assert!(codes.contains(&code), "{what}: {codes:?}");
    }
}
