//! The interactive self-diagnosis in a real pseudo-terminal: key bytes in, the screen read back
//! through a vt100 parser. Each test has its own data and config directories.

mod pty_harness;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use pty_harness::{CTRL_C, DOWN, ENTER, F12, LEFT, Pty, RIGHT, UP, env};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_zizhen");
const EN: &str = "en_US.UTF-8";
const ZH: &str = "zh_CN.UTF-8";
const NAME: &str = "ACME Test Co";

/// Fresh data and config directories (not created: the program makes them).
struct Dirs {
    _root: TempDir,
    data: PathBuf,
    config: PathBuf,
}

impl Dirs {
    fn new() -> Dirs {
        let root = tempfile::tempdir().expect("temp dir");
        Dirs {
            data: root.path().join("data"),
            config: root.path().join("config"),
            _root: root,
        }
    }

    fn env(&self, lang: &str) -> Vec<(String, String)> {
        env(&self.data, &self.config, lang)
    }

    fn spawn(&self, lang: &str) -> Pty {
        Pty::spawn(BIN, (80, 24), &self.env(lang))
    }

    fn assessments(&self) -> PathBuf {
        self.data.join("assessments")
    }

    /// The one saved assessment file.
    fn saved_file(&self) -> PathBuf {
        let files: Vec<PathBuf> = fs::read_dir(self.assessments())
            .expect("assessments dir")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        assert_eq!(files.len(), 1, "one assessment file: {files:?}");
        files.into_iter().next().unwrap()
    }

    fn saved(&self) -> toml::Table {
        let path = self.saved_file();
        let text = fs::read_to_string(&path).expect("read the assessment");
        text.parse()
            .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}\n{text}", path.display()))
    }
}

/// The first screen row: "zizhen 自诊 · <name> … <level> · X <score> · <rated>/<total>".
fn header(screen: &str) -> &str {
    screen.lines().next().unwrap_or("")
}

fn rating(saved: &toml::Table, id: &str) -> Option<String> {
    saved.get("ratings")?.get(id)?.as_str().map(str::to_string)
}

/// Presses `key` and waits for the frame it changes (colours count: a list's cursor may change
/// nothing else).
fn press(t: &mut Pty, key: &str) {
    let before = t.formatted();
    t.send(key);
    t.wait_changed(&format!("{key:?} to change the screen"), &before);
}

/// Presses `key` until `done` holds, waiting for each press to change the screen.
fn press_until(t: &mut Pty, key: &str, what: &str, done: impl Fn(&str) -> bool) -> String {
    for _ in 0..40 {
        let screen = t.screen();
        if done(&screen) {
            return screen;
        }
        press(t, key);
    }
    panic!("never reached {what}; screen:\n{}", t.screen());
}

/// Welcome → new assessment → profile (name, industry by search) → the main screen.
/// `discrete` is how the form shows the chosen industry type "discrete".
fn to_main_screen(t: &mut Pty, welcome: &str, discrete: &str) -> String {
    t.wait_text(welcome);
    t.send(ENTER);
    t.wait_text("[ ]");
    t.send(NAME);
    t.wait_text(&format!("[{NAME}]"));
    t.send(&format!("{DOWN}{DOWN}auto"));
    t.wait_for("the industry search", |s| {
        s.lines()
            .any(|l| l.contains("[auto]") && !l.contains("[36]"))
    });
    // Enter takes the highlighted match and its suggested industry type.
    t.send(ENTER);
    let screen = t.wait_text("[36]");
    assert!(
        screen.contains(discrete),
        "the industry type follows the industry:\n{screen}"
    );
    // Industry type → Region, Employees, Revenue, Core business, Continue.
    t.send(&DOWN.repeat(5));
    t.send(ENTER);
    t.wait_for("the main screen", |s| {
        header(s).contains(&format!("zizhen 自诊 · {NAME}"))
    })
}

/// → into the requirement list, then rates with each key, waiting for each chip.
fn rate(t: &mut Pty, ratings: &[(&str, &str)]) {
    press(t, RIGHT);
    for (i, (id, chip)) in ratings.iter().enumerate() {
        let key = match *chip {
            "NI" => "1",
            "PI" => "2",
            "LI" => "3",
            "FI" => "4",
            other => panic!("no key for {other}"),
        };
        t.send(key);
        let rated = format!("· {}/", i + 1);
        t.wait_for(&format!("[{chip}] {id}"), |s| {
            s.contains(&format!("[{chip}] {id}")) && header(s).contains(&rated)
        });
    }
}

#[test]
fn start_profile_rate_tailor_quit_and_restart() {
    let dirs = Dirs::new();
    let mut t = dirs.spawn(EN);
    let welcome = t.wait_text("q quit");
    assert!(welcome.contains("zizhen 自诊 — intelligent-manufacturing maturity self-diagnosis"));
    let main = to_main_screen(&mut t, "q quit", "(•) discrete");
    assert!(header(&main).contains("0/301"), "{main}");
    assert!(main.contains("Organisation strategy"), "{main}");

    let rated = [
        ("strategy.1.1", "FI"),
        ("strategy.1.2", "FI"),
        ("strategy.1.3", "LI"),
    ];
    rate(&mut t, &rated);
    assert!(header(&t.screen()).contains("3/301"));

    // Back to the tree, down to Logistics, tailor it out.
    press(&mut t, LEFT);
    press_until(&mut t, DOWN, "Logistics", |s| s.contains("┌Logistics"));
    t.send("t");
    t.wait_text("“Logistics” not applicable — why?");
    t.send("outsourced");
    t.wait_text("outsourced");
    t.send(ENTER);
    let tailored = t.wait_for("the popup to close", |s| {
        !s.contains("— why?") && s.contains("not applicable")
    });
    let before = header(&tailored).to_string();
    assert!(
        before.ends_with("3/286"),
        "15 requirements fewer after tailoring: {before}\n{tailored}"
    );

    t.send("q");
    assert_eq!(t.wait_exit(), 0, "q exits with 0");
    assert!(
        !t.alternate_screen() && t.modes_restored(),
        "terminal restored"
    );
    drop(t);

    let saved = dirs.saved();
    for (id, chip) in rated {
        assert_eq!(rating(&saved, id).as_deref(), Some(chip), "{id} saved");
    }
    let reason = saved
        .get("tailoring")
        .and_then(|t| t.get("logistics"))
        .and_then(|r| r.as_str());
    assert_eq!(reason, Some("outsourced"), "tailoring saved: {saved:#?}");
    assert_eq!(
        saved
            .get("profile")
            .and_then(|p| p.get("industry_type"))
            .and_then(|v| v.as_str()),
        Some("discrete")
    );

    // The same state after a restart: the last assessment reopens.
    let mut t = dirs.spawn(EN);
    let again = t.wait_for("the reopened assessment", |s| {
        header(s).contains(NAME) && s.contains("[FI] strategy.1.1")
    });
    assert_eq!(header(&again), before, "header after the restart");
    assert!(again.contains("[FI] strategy.1.2"), "{again}");
    assert!(again.contains("[LI] strategy.1.3"), "{again}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn kill_9_while_answering_loses_nothing() {
    let dirs = Dirs::new();
    let mut t = dirs.spawn(EN);
    to_main_screen(&mut t, "q quit", "(•) discrete");
    let rated = [
        ("strategy.1.1", "FI"),
        ("strategy.1.2", "PI"),
        ("strategy.1.3", "LI"),
        ("strategy.2.1", "NI"),
        ("strategy.2.2", "FI"),
    ];
    rate(&mut t, &rated);
    let before = t.screen();
    t.kill9();
    drop(t);

    let saved = dirs.saved();
    for (id, chip) in rated {
        assert_eq!(rating(&saved, id).as_deref(), Some(chip), "{id} saved");
    }
    let stray: Vec<String> = fs::read_dir(dirs.assessments())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !(n.ends_with(".toml") || n.ends_with(".toml.bak") || n.ends_with(".lock")))
        .collect();
    assert!(stray.is_empty(), "files left behind: {stray:?}");

    let mut t = dirs.spawn(EN);
    let screen = t.wait_for("the reopened assessment", |s| header(s).contains("5/301"));
    // The header (score, rated/total) and the sub-domain's title (its count and score).
    let top = |s: &str| s.lines().take(2).collect::<Vec<_>>().join("\n");
    assert_eq!(top(&screen), top(&before));
    assert!(
        top(&screen).contains("Organisation strategy · 5/15"),
        "{screen}"
    );
    // The list shows the requirement after the last rated one; scroll up through the rest.
    press(&mut t, RIGHT);
    let mut seen = screen;
    for (id, chip) in rated.iter().rev() {
        let chip = format!("[{chip}] {id}");
        if !seen.contains(&chip) {
            seen = press_until(&mut t, UP, &chip, |s| s.contains(&chip));
        }
    }
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_panic_restores_the_terminal_and_keeps_the_file() {
    let dirs = Dirs::new();
    let mut vars = dirs.env(EN);
    vars.push(("ZIZHEN_TEST_PANIC".into(), "1".into()));
    let mut t = Pty::spawn(BIN, (80, 24), &vars);
    to_main_screen(&mut t, "q quit", "(•) discrete");
    rate(&mut t, &[("strategy.1.1", "FI"), ("strategy.1.2", "LI")]);
    assert!(t.alternate_screen(), "the TUI runs on the alternate screen");
    assert!(!t.modes_restored(), "the TUI runs in raw mode");

    t.send(F12);
    let code = t.wait_exit();
    assert_ne!(code, 0, "a panic exits non-zero");
    let screen = t.screen();
    assert!(
        !t.alternate_screen(),
        "left the alternate screen:\n{screen}"
    );
    assert!(t.modes_restored(), "raw mode is off again");
    assert!(
        screen.contains("test panic requested"),
        "the panic message is shown:\n{screen}"
    );

    let saved = dirs.saved();
    assert_eq!(rating(&saved, "strategy.1.1").as_deref(), Some("FI"));
    assert_eq!(rating(&saved, "strategy.1.2").as_deref(), Some("LI"));
    let score = Command::new(BIN)
        .arg("score")
        .arg(dirs.saved_file())
        .envs(dirs.env(EN))
        .output()
        .expect("run zizhen score");
    assert!(
        score.status.success(),
        "the saved file loads: {}",
        String::from_utf8_lossy(&score.stderr)
    );
}

#[test]
fn chinese_interface() {
    let dirs = Dirs::new();
    let mut t = dirs.spawn(ZH);
    let welcome = t.wait_text("智能制造能力成熟度自诊断");
    assert!(welcome.contains("zizhen 自诊"), "{welcome}");
    let main = to_main_screen(&mut t, "智能制造能力成熟度自诊断", "(•) 离散型");
    assert!(main.contains("组织战略"), "{main}");
    assert!(main.contains("人员"), "{main}");
    // Wide characters keep the layout: the right pane's border is still in the last column.
    let widths: Vec<usize> = main
        .lines()
        .skip(1)
        .take(20)
        .map(unicode_width::UnicodeWidthStr::width)
        .collect();
    assert!(
        widths.iter().all(|&w| w == 80),
        "rows of 80 columns: {widths:?}\n{main}"
    );
    // Ctrl-C quits like q.
    t.send(CTRL_C);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn resizing() {
    let dirs = Dirs::new();
    let mut t = dirs.spawn(EN);
    to_main_screen(&mut t, "q quit", "(•) discrete");
    rate(&mut t, &[("strategy.1.1", "FI")]);

    t.resize(40, 12);
    // Redrawn for 40 columns (the parser keeps the old rows until then): the header on top, the
    // current requirement in the one pane that fits.
    let small = t.wait_for("a 40×12 layout", |s| {
        header(s).ends_with("1/301") && s.contains("┌Organisation strategy")
    });
    assert!(small.contains("[  ] strategy.1.2"), "{small}");
    assert!(!small.contains("needs at least"), "{small}");

    t.resize(30, 10);
    let tiny = t.wait_text("needs at least 40×12");
    assert!(tiny.starts_with("The terminal is 30×10"), "{tiny}");

    t.resize(80, 24);
    let back = t.wait_for("the main screen again", |s| {
        header(s).contains(NAME) && s.contains("[FI] strategy.1.1")
    });
    assert!(!back.contains("needs at least"), "{back}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn without_a_terminal_it_explains_and_exits_2() {
    let dirs = Dirs::new();
    let out = Command::new(BIN)
        .env_clear()
        .envs(dirs.env(EN))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run zizhen");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a terminal"));
    assert!(!Path::new(&dirs.data).exists(), "nothing written");
}
