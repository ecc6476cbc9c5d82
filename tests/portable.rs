//! Portable mode and the data folder (README "Air-gapped plants"): a `zizhen-data` folder next
//! to the program keeps everything; `--data-dir` and `ZIZHEN_DATA_DIR` choose a folder; a folder
//! that cannot be used is named, with the three ways out.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DEMO: &str = "examples/demo-machinery.toml";

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("zizhen")
}

/// `program` run with nothing of the developer's environment but PATH and what is given.
fn run(program: &Path, vars: &[(&str, &Path)], args: &[&str]) -> Output {
    let mut cmd = Command::new(program);
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    for (key, value) in vars {
        cmd.env(key, value);
    }
    cmd.args(args).output().expect("zizhen runs")
}

/// The demo company's result file, written into `dir`.
fn demo_result(dir: &Path) -> PathBuf {
    let out = dir.join("demo.json");
    let done = Command::new(bin())
        .args(["export", DEMO, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(done.status.success(), "{done:?}");
    out
}

fn saved(data: &Path) -> Vec<PathBuf> {
    match fs::read_dir(data.join("assessments")) {
        Ok(items) => items
            .map(|i| i.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn a_zizhen_data_folder_next_to_the_program_keeps_everything() {
    let usb = tempfile::tempdir().unwrap();
    let program = usb.path().join("zizhen");
    fs::copy(bin(), &program).unwrap();
    let data = usb.path().join("zizhen-data");
    fs::create_dir(&data).unwrap();
    let home = usb.path().join("home");
    fs::create_dir(&home).unwrap();
    let result = demo_result(usb.path());

    let out = run(
        &program,
        &[("HOME", &home)],
        &["--lang", "en", "import", result.to_str().unwrap()],
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(saved(&data).len(), 1, "the import went to zizhen-data");
    let home_files: Vec<_> = walk(&home);
    assert!(
        home_files.is_empty(),
        "nothing written in HOME: {home_files:?}"
    );

    // The saved assessment is found by name from the same program, with no HOME at all.
    let name = saved(&data)[0]
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let out = run(&program, &[], &["--lang", "en", "score", &name]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Maturity level: 1"));

    // Without the folder, the same program without HOME asks for one (three ways out).
    fs::remove_dir_all(&data).unwrap();
    let out = run(&program, &[], &["--lang", "en", "score", &name]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for way in ["zizhen-data", "--data-dir", "ZIZHEN_DATA_DIR"] {
        assert!(stderr.contains(way), "{way} not offered: {stderr}");
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for item in fs::read_dir(dir).unwrap() {
        let path = item.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[test]
fn the_data_dir_flag_wins_over_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    let flag = dir.path().join("flag");
    let env = dir.path().join("env");
    let result = demo_result(dir.path());
    let out = run(
        &bin(),
        &[("ZIZHEN_DATA_DIR", &env)],
        &[
            "import",
            result.to_str().unwrap(),
            "--data-dir",
            flag.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(saved(&flag).len(), 1);
    assert!(saved(&env).is_empty());
    // Settings follow the chosen folder: nothing is looked up in a home that does not exist.
    let out = run(
        &bin(),
        &[("ZIZHEN_DATA_DIR", &env)],
        &["import", result.to_str().unwrap()],
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(saved(&env).len(), 1);
}

#[test]
fn a_folder_that_cannot_be_made_is_named_with_the_three_ways_out() {
    let dir = tempfile::tempdir().unwrap();
    // A path under a regular file cannot become a folder, even for root.
    let blocker = dir.path().join("not-a-folder");
    fs::write(&blocker, "x").unwrap();
    let data = blocker.join("zizhen");
    let result = demo_result(dir.path());
    for (lang, ways) in [
        ("en", ["Three ways out", "--data-dir", "ZIZHEN_DATA_DIR"]),
        ("zh-CN", ["有三种办法", "--data-dir", "ZIZHEN_DATA_DIR"]),
    ] {
        let out = run(
            &bin(),
            &[("ZIZHEN_DATA_DIR", &data)],
            &["--lang", lang, "import", result.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&data.display().to_string()), "{stderr}");
        assert!(stderr.contains("zizhen-data"), "{stderr}");
        for way in ways {
            assert!(stderr.contains(way), "{way}: {stderr}");
        }
        assert!(!stderr.contains("os error"), "a bare OS error: {stderr}");
    }
}
