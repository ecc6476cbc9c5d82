//! Nothing lost, nothing hangs: files zizhen is given that are not what they should be (pipes,
//! devices, folders, huge or truncated files), writes that fail, backups that must survive, and
//! a machine without a home folder. Each child process runs with a timeout, so a regression
//! fails instead of hanging the suite.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use zizhen::model::{Answers, Questionnaire};
use zizhen::storage::{Dirs, StoreError, backup_path, write_atomic};

const DEMO: &str = "examples/demo-machinery.toml";
const QUESTIONNAIRE: &str = "questionnaires/gbt39116-2020.toml";
/// Long enough for any of these commands on a loaded machine; a hang takes forever.
const TIMEOUT: Duration = Duration::from_secs(20);

/// zizhen with its own data and config folders, English, and a timeout.
fn zizhen(dir: &Path) -> Command {
    let mut cmd = common::command::zizhen_in(dir);
    cmd.timeout(TIMEOUT);
    cmd
}

/// zizhen run through `sh -c`, for a umask or a memory limit set just for it.
fn zizhen_sh(dir: &Path, setup: &str) -> Command {
    let bin = assert_cmd::cargo::cargo_bin("zizhen");
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("{setup} && exec \"$0\" \"$@\""))
        .arg(bin)
        .env("ZIZHEN_DATA_DIR", dir.join("data"))
        .env("ZIZHEN_CONFIG_DIR", dir.join("config"))
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("ZIZHEN_LANG")
        .timeout(TIMEOUT);
    cmd
}

/// A reader that never stops (a device) must not take the machine's memory with it while the
/// timeout runs: at most 2 GB of address space.
const MEMORY_LIMIT: &str = "ulimit -v 2000000";

struct Out {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Out {
    let out = cmd.output().expect("run zizhen");
    Out {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

impl Out {
    /// Both streams: `verify` reports on standard output, the others on standard error.
    fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

impl std::fmt::Debug for Out {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let cut = |s: &str| s.chars().take(2000).collect::<String>();
        write!(
            f,
            "exit {:?}\n--- stdout ({} bytes) ---\n{}\n--- stderr ({} bytes) ---\n{}",
            self.code,
            self.stdout.len(),
            cut(&self.stdout),
            self.stderr.len(),
            cut(&self.stderr)
        )
    }
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

// ---- backups (fix 2) ----

/// The new backup is made beside the old one and renamed over it: when making it fails, the
/// old backup is still there (it used to be deleted first).
#[test]
fn a_write_that_fails_keeps_the_previous_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    write_atomic(&path, b"one").unwrap();
    write_atomic(&path, b"two").unwrap();
    write_atomic(&path, b"three").unwrap();
    assert_eq!(fs::read(backup_path(&path)).unwrap(), b"two");

    // Something that cannot be copied as a backup (a folder) where the file should be.
    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();
    assert!(write_atomic(&path, b"four").is_err());
    assert_eq!(
        fs::read(backup_path(&path)).unwrap(),
        b"two",
        "the backup survives a failed write"
    );
    let mut left: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["a.toml", "a.toml.bak"], "no temp file is left");
}

// ---- file modes (fix 5, the files made to be handed on) ----

#[cfg(unix)]
#[test]
fn exported_results_and_reports_follow_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    for (umask, expected) in [("022", 0o644), ("000", 0o666), ("077", 0o600)] {
        let json = dir.path().join(format!("result-{umask}.json"));
        let out = run(zizhen_sh(dir.path(), &format!("umask {umask}"))
            .args(["export", DEMO, "-o"])
            .arg(&json));
        assert_eq!(out.code, Some(0), "{out:?}");
        assert_eq!(mode(&json), expected, "export under umask {umask}");

        let report = dir.path().join(format!("report-{umask}.md"));
        let out = run(zizhen_sh(dir.path(), &format!("umask {umask}"))
            .args(["report", DEMO, "-o"])
            .arg(&report));
        assert_eq!(out.code, Some(0), "{out:?}");
        assert_eq!(mode(&report), expected, "report under umask {umask}");
    }
}

// ---- what is shown of a bad line (fix 6) ----

/// A one-line file of 10 MB with a mistake at its end: the message shows a window of the line,
/// not the line.
#[test]
fn a_huge_line_is_not_copied_into_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let filler = "a".repeat(10 * 1024 * 1024);
    let toml = dir.path().join("huge.toml");
    fs::write(&toml, format!("questionnaire = \"{filler}\" oops\n")).unwrap();
    let json = dir.path().join("huge.json");
    fs::write(
        &json,
        format!("{{\"format\": \"zizhen-result/1\", \"x\": \"{filler}\" oops}}\n"),
    )
    .unwrap();

    let cases: [(&str, Vec<String>, i32, &Path); 3] = [
        ("answers", vec!["score".into(), path(&toml)], 2, &toml),
        (
            "questionnaire",
            vec![
                "--questionnaire".into(),
                path(&toml),
                "score".into(),
                DEMO.into(),
            ],
            2,
            &toml,
        ),
        ("result", vec!["verify".into(), path(&json)], 1, &json),
    ];
    for (what, args, code, file) in cases {
        let out = run(zizhen(dir.path()).args(&args).args(["--lang", "en"]));
        assert_eq!(out.code, Some(code), "{what}: {out:?}");
        let total = out.stdout.len() + out.stderr.len();
        assert!(total < 10_000, "{what}: {total} bytes of output: {out:?}");
        assert!(
            out.all().contains(&path(file)) && out.all().contains('…'),
            "{what}: names the file and shows a cut window: {out:?}"
        );
    }
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

// ---- files that are not files (fix 7) ----

/// Pipes, devices and folders are refused at once with a message that says what they are;
/// nothing blocks on them or reads them forever.
#[cfg(unix)]
#[test]
fn pipes_devices_and_folders_are_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.toml");
    mkfifo(&fifo);
    let zero = dir.path().join("zero.toml");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let folder = dir.path().join("folder.toml");
    fs::create_dir(&folder).unwrap();

    let check = |what: &str, args: Vec<String>, code: i32, kind: &str| {
        let out = run(zizhen_sh(dir.path(), MEMORY_LIMIT)
            .args(&args)
            .args(["--lang", "en"]));
        assert_eq!(out.code, Some(code), "{what}: {out:?}");
        assert!(
            out.all().contains("not an ordinary file") && out.all().contains(kind),
            "{what}: says it is a {kind}: {out:?}"
        );
    };
    let f = path(&fifo);
    check("answers FIFO", vec!["score".into(), f.clone()], 2, "FIFO");
    check(
        "questionnaire FIFO",
        vec![
            "--questionnaire".into(),
            f.clone(),
            "score".into(),
            DEMO.into(),
        ],
        2,
        "FIFO",
    );
    // verify could not read it at all: the check could not run (2), not "failed" (1).
    check("result FIFO", vec!["verify".into(), f.clone()], 2, "FIFO");
    // export and report take an answers file or a saved assessment's name: a FIFO is the former.
    check(
        "export of a FIFO",
        vec!["export".into(), f.clone()],
        2,
        "FIFO",
    );
    check(
        "report of a FIFO",
        vec!["report".into(), f.clone()],
        2,
        "FIFO",
    );
    let fifo_json = dir.path().join("fifo.json");
    mkfifo(&fifo_json);
    check(
        "report of a FIFO result",
        vec!["report".into(), path(&fifo_json)],
        2,
        "FIFO",
    );
    // An assessment given to export is a file only if it is an ordinary one; anything else is
    // looked up among the saved assessments: not found, at once.
    let out = run(zizhen_sh(dir.path(), MEMORY_LIMIT).args(["export", &f, "--lang", "en"]));
    assert_eq!(out.code, Some(2), "export of a FIFO: {out:?}");
    check(
        "answers /dev/zero",
        vec!["score".into(), path(&zero)],
        2,
        "device",
    );
    check(
        "result /dev/zero",
        vec!["verify".into(), path(&zero)],
        2,
        "device",
    );
    check(
        "answers folder",
        vec!["score".into(), path(&folder)],
        2,
        "directory",
    );
    check(
        "questionnaire folder",
        vec!["questionnaire".into(), "validate".into(), path(&folder)],
        2,
        "directory",
    );
}

/// More than 64 MB is refused by its size, before reading (a sparse file: no disk used).
#[test]
fn files_over_64_mb_are_refused_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.toml");
    fs::File::create(&big)
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    let big_json = dir.path().join("big.json");
    fs::File::create(&big_json)
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    for (what, args, code) in [
        ("answers", vec!["score".to_string(), path(&big)], 2),
        (
            "questionnaire",
            vec![
                "--questionnaire".into(),
                path(&big),
                "score".into(),
                DEMO.into(),
            ],
            2,
        ),
        ("result", vec!["verify".into(), path(&big_json)], 2),
    ] {
        let out = run(zizhen_sh(dir.path(), MEMORY_LIMIT)
            .args(&args)
            .args(["--lang", "en"]));
        assert_eq!(out.code, Some(code), "{what}: {out:?}");
        assert!(
            out.all().contains("65 MB") && out.all().contains("64 MB"),
            "{what}: names the size and the limit: {out:?}"
        );
        assert!(out.all().len() < 10_000, "{what}: {out:?}");
    }
}

// ---- complete questionnaires (fix 8) ----

/// The embedded questionnaire cut in half before a requirement: the sub-domains whose
/// requirements were cut off, and the levels cut short.
fn half_questionnaire() -> (String, Vec<String>) {
    let full = fs::read_to_string(QUESTIONNAIRE).unwrap();
    let middle = full.len() / 2;
    let cut = full[..middle]
        .rfind("\n[[requirements]]")
        .expect("a requirement before the middle")
        + 1;
    let half = full[..cut].to_string();
    let key_of = |line: &str| {
        line.trim()
            .strip_prefix("key = \"")
            .and_then(|rest| rest.strip_suffix('"'))
            .map(str::to_string)
    };
    let subdomains: Vec<String> = full
        .split("[[subdomains]]")
        .skip(1)
        .filter_map(|block| block.lines().find_map(key_of))
        .collect();
    assert_eq!(subdomains.len(), 20);
    let empty = subdomains
        .into_iter()
        .filter(|key| !half.contains(&format!("id = \"{key}.")))
        .collect::<Vec<_>>();
    assert!(!empty.is_empty(), "the cut leaves sub-domains empty");
    (half, empty)
}

#[test]
fn a_truncated_questionnaire_fails_validation_naming_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let (half, empty) = half_questionnaire();
    let file = dir.path().join("half.toml");
    fs::write(&file, &half).unwrap();

    let out = run(zizhen(dir.path())
        .args(["questionnaire", "validate"])
        .arg(&file)
        .args(["--lang", "en"]));
    assert_eq!(out.code, Some(2), "{out:?}");
    let all = out.all();
    for key in &empty {
        assert!(
            all.contains(&format!("sub-domain “{key}” has no requirements")),
            "names the empty sub-domain {key}: {out:?}"
        );
    }

    // Used to score: one short message naming the questionnaire file, not hundreds of
    // "unknown requirement" lines about the answers.
    let out = run(zizhen(dir.path())
        .arg("--questionnaire")
        .arg(&file)
        .args(["score", DEMO, "--lang", "en"]));
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains("half.toml"), "{out:?}");
    assert!(
        out.stderr.len() < 5_000,
        "{} bytes: {out:?}",
        out.stderr.len()
    );
    assert!(out.stdout.is_empty(), "{out:?}");
}

/// A sub-domain with no requirements at all (the interface used to panic on one).
#[test]
fn a_subdomain_without_requirements_is_rejected() {
    let source = common::questionnaire_source(&[
        common::cell("a", 1.0, [1, 1, 1, 1, 1]),
        common::cell("b", 1.0, [0, 0, 0, 0, 0]),
    ]);
    let error = match Questionnaire::from_source(Path::new("hollow.toml"), &source) {
        Ok(_) => panic!("a questionnaire with an empty sub-domain loaded"),
        Err(e) => e,
    };
    let text = error.render(&zizhen::i18n::Strings::load(zizhen::i18n::Lang::En));
    assert!(
        text.contains("hollow.toml") && text.contains("sub-domain “b” has no requirements"),
        "{text}"
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hollow.toml");
    fs::write(&file, &source).unwrap();
    let out = run(zizhen(dir.path())
        .args(["questionnaire", "validate"])
        .arg(&file)
        .args(["--lang", "en"]));
    assert_eq!(out.code, Some(2), "{out:?}");
}

// ---- timestamps (fix 9, answers side) ----

#[test]
fn a_timestamp_with_trailing_text_is_refused() {
    let q = Questionnaire::embedded();
    let demo = fs::read_to_string(DEMO).unwrap();
    for bad in [
        "2026-11-20T08:00:00Zx",
        "2026-11-20T08:00:00Z trailing",
        "2026-11-20T08:00:00+0800",
        "2026-02-30T08:00:00Z",
    ] {
        let text = format!("{demo}\n[assessment]\ncreated = \"{bad}\"\n");
        let result = Answers::from_source(Path::new("a.toml"), &text, &q);
        let Err(error) = result else {
            panic!("{bad:?} was accepted as a time");
        };
        let codes = error.codes();
        assert_eq!(
            codes,
            [zizhen::model::Code::BadTimestamp],
            "{bad:?}: {error:?}"
        );
    }
    for good in [
        "2026-11-20T08:00:00Z",
        "2026-11-20 08:00:00",
        "2026-11-20T08:00:00.250+08:00",
    ] {
        let text = format!("{demo}\n[assessment]\ncreated = \"{good}\"\n");
        if let Err(e) = Answers::from_source(Path::new("a.toml"), &text, &q) {
            panic!("{good:?} is a valid time: {e:?}");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    fs::write(
        &file,
        format!("{demo}\n[assessment]\ncreated = \"2026-11-20T08:00:00Zx\"\n"),
    )
    .unwrap();
    let out = run(zizhen(dir.path())
        .arg("score")
        .arg(&file)
        .args(["--lang", "en"]));
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains("is not an RFC 3339 time"), "{out:?}");
}

// ---- write failures say so (fix 10) ----

#[test]
fn a_failed_write_is_called_a_write_failure() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder");
    for (command, file) in [("export", "out.json"), ("report", "out.md")] {
        let target = missing.join(file);
        for (lang, words) in [("en", "cannot write"), ("zh-CN", "无法写入")] {
            let out = run(zizhen(dir.path())
                .args([command, DEMO, "-o"])
                .arg(&target)
                .args(["--lang", lang]));
            assert_eq!(out.code, Some(2), "{command} {lang}: {out:?}");
            assert!(
                out.stderr.contains(words) && out.stderr.contains(&path(&target)),
                "{command} {lang}: {out:?}"
            );
            assert!(
                !out.stderr.contains("cannot read") && !out.stderr.contains("无法读取"),
                "{command} {lang}: {out:?}"
            );
        }
        assert!(!missing.exists(), "nothing was created");
    }
}

// ---- no home folder (fix 11) ----

/// Without HOME the platform's folders are not looked up (that would ask the user database):
/// an override is asked for. The XDG variables are set only to keep an older zizhen that did
/// look them up from writing into the real home.
#[test]
fn without_home_the_overrides_are_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let xdg = |key: &str| match key {
        "XDG_DATA_HOME" => Some(path(&dir.path().join("xdg-data"))),
        "XDG_CONFIG_HOME" => Some(path(&dir.path().join("xdg-config"))),
        _ => None,
    };
    assert!(
        matches!(Dirs::from_vars(xdg), Err(StoreError::NoHome)),
        "no HOME, no override: NoHome"
    );
    let with_overrides = |key: &str| match key {
        "ZIZHEN_DATA_DIR" => Some("/tmp/zz-data".to_string()),
        "ZIZHEN_CONFIG_DIR" => Some("/tmp/zz-config".to_string()),
        _ => None,
    };
    assert!(Dirs::from_vars(with_overrides).is_ok());

    let mut cmd = Command::cargo_bin("zizhen").unwrap();
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("XDG_DATA_HOME", dir.path().join("xdg-data"))
        .env("XDG_CONFIG_HOME", dir.path().join("xdg-config"))
        .args(["export", "no-such-assessment", "--lang", "en"])
        .timeout(TIMEOUT);
    let out = run(&mut cmd);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(
        out.stderr.contains("ZIZHEN_DATA_DIR") && out.stderr.contains("HOME"),
        "{out:?}"
    );
    assert!(!dir.path().join("xdg-data").exists(), "nothing created");

    // And no connection to a name service daemon (nscd) to find a home: with strace, if it runs.
    let Some(strace) = which("strace") else {
        eprintln!("strace not installed: the connect() check is skipped");
        return;
    };
    let log = dir.path().join("strace.log");
    let traced = std::process::Command::new(strace)
        .args(["-f", "-qq", "-e", "trace=connect", "-o"])
        .arg(&log)
        .arg(assert_cmd::cargo::cargo_bin("zizhen"))
        .args(["export", "no-such-assessment", "--lang", "en"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("XDG_DATA_HOME", dir.path().join("xdg-data"))
        .env("XDG_CONFIG_HOME", dir.path().join("xdg-config"))
        .output()
        .expect("run strace");
    let Ok(trace) = fs::read_to_string(&log) else {
        eprintln!(
            "strace could not trace here (no ptrace?): the connect() check is skipped: {}",
            String::from_utf8_lossy(&traced.stderr)
        );
        return;
    };
    assert_eq!(traced.status.code(), Some(2), "{traced:?}");
    assert!(
        !trace.contains("connect("),
        "zizhen connected somewhere:\n{trace}"
    );
}

fn which(program: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|p| p.join(program))
        .find(|p| p.is_file())
}

/// A crash between the two renames of a save leaves the backup a hard link of the file; the next
/// save must still leave the previous content as the backup and no temp file behind.
#[test]
fn a_backup_linked_to_its_own_file_is_handled() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    std::fs::write(&path, "one").unwrap();
    std::fs::hard_link(&path, zizhen::storage::backup_path(&path)).unwrap();
    zizhen::storage::write_atomic(&path, b"two").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
    assert_eq!(
        std::fs::read_to_string(zizhen::storage::backup_path(&path)).unwrap(),
        "one"
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.toml", "a.toml.bak"], "no temp file left behind");
}
