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
/// How many requirements the embedded questionnaire has, and how many outside logistics.
fn counts() -> (usize, usize) {
    let q = zizhen::model::Questionnaire::embedded();
    let logistics = q.subdomain_index("logistics").unwrap();
    let total = q.requirements.len();
    (total, total - q.subdomain_requirements(logistics).len())
}

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
    let (total, without_logistics) = counts();
    assert!(header(&main).contains(&format!("0/{total}")), "{main}");
    assert!(main.contains("Organisation strategy"), "{main}");

    let rated = [
        ("strategy.1.1", "FI"),
        ("strategy.1.2", "FI"),
        ("strategy.1.3", "LI"),
    ];
    rate(&mut t, &rated);
    assert!(header(&t.screen()).contains(&format!("3/{total}")));

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
        before.ends_with(&format!("3/{without_logistics}")),
        "logistics' requirements fewer after tailoring: {before}\n{tailored}"
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
    let total = counts().0;
    let screen = t.wait_for("the reopened assessment", |s| {
        header(s).contains(&format!("5/{total}"))
    });
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
        header(s).ends_with(&format!("1/{}", counts().0)) && s.contains("┌Organisation strategy")
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

// ---- nothing lost, nothing hangs ----

const DEMO: &str = "examples/demo-machinery.toml";
const WELCOME: &str = "intelligent-manufacturing maturity self-diagnosis";
const RECOVERY: &str = "could not be opened";
const DAMAGED: &[u8] = b"questionnaire = \"gbt39116-2020\"\n[ratings\n\x00\xff broken";

fn load(path: &Path) -> Result<zizhen::model::Answers, zizhen::model::FileError> {
    zizhen::model::Answers::load(path, &zizhen::model::Questionnaire::embedded())
}

/// The demo company's profile and tailoring, without ratings.
fn demo_profile() -> String {
    let demo = fs::read_to_string(DEMO).unwrap();
    let head = demo.split("[ratings]").next().unwrap();
    format!("{head}[ratings]\n")
}

impl Dirs {
    /// Saved assessment `a` (the last opened) as `bytes`, its backup as `backup`.
    fn with_assessment(bytes: Option<&[u8]>, backup: Option<&[u8]>) -> Dirs {
        let dirs = Dirs::new();
        fs::create_dir_all(dirs.assessments()).unwrap();
        fs::create_dir_all(&dirs.config).unwrap();
        if let Some(bytes) = bytes {
            fs::write(dirs.file("a"), bytes).unwrap();
        }
        if let Some(backup) = backup {
            fs::write(dirs.backup("a"), backup).unwrap();
        }
        fs::write(dirs.data.join("state.toml"), "last = \"a\"\n").unwrap();
        dirs
    }

    fn file(&self, name: &str) -> PathBuf {
        self.assessments().join(format!("{name}.toml"))
    }

    fn backup(&self, name: &str) -> PathBuf {
        self.assessments().join(format!("{name}.toml.bak"))
    }
}

/// What a kill left of `a`, with a damaged file and a good backup before the start: either
/// the backup restored, or nothing changed yet; never the file gone. `true` when restored.
fn restored_or_untouched(dirs: &Dirs, good: &[u8], was_damaged: bool) -> bool {
    let expected = load(Path::new(DEMO)).unwrap();
    assert_eq!(
        fs::read(dirs.backup("a")).ok().as_deref(),
        Some(good),
        "the backup is intact"
    );
    let file = dirs.file("a");
    assert!(
        file.exists(),
        "a.toml is gone: nothing to open, nothing offered"
    );
    match load(&file) {
        Ok(answers) => {
            assert_eq!(
                answers.ratings, expected.ratings,
                "restored from the backup"
            );
            let kept = fs::read_dir(dirs.assessments())
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.to_string_lossy().contains("a.corrupt-"))
                .any(|p| fs::read(p).unwrap() == DAMAGED);
            assert!(kept || !was_damaged, "the damaged file is kept aside");
            true
        }
        Err(_) => {
            assert_eq!(fs::read(&file).unwrap(), DAMAGED, "damaged, but untouched");
            false
        }
    }
}

/// kill -9 at moments from 0 to 28 ms (denser near 0) after pressing b on the recovery screen:
/// the assessment is always either restored or still offered for recovery.
#[test]
fn kill_9_while_restoring_a_backup_loses_nothing() {
    let good = fs::read(DEMO).unwrap();
    let mut restored = 0;
    let mut last = None;
    for delay in 0..30 {
        let dirs = Dirs::with_assessment(Some(DAMAGED), Some(&good));
        let mut t = dirs.spawn(EN);
        t.wait_text(RECOVERY);
        t.send("b");
        std::thread::sleep(std::time::Duration::from_micros(delay * delay * 31));
        t.kill9();
        drop(t);
        if restored_or_untouched(&dirs, &good, true) {
            restored += 1;
        }
        last = Some(dirs);
    }
    eprintln!(
        "30 kills: {restored} after the restore, {} before",
        30 - restored
    );

    // Started again after the last kill: the assessment or its recovery, never the welcome.
    let dirs = last.unwrap();
    let mut t = dirs.spawn(EN);
    let screen = t.wait_for("the assessment or its recovery", |s| {
        s.contains(RECOVERY) || header(s).contains("zizhen 自诊 · 无锡")
    });
    assert!(!screen.contains(WELCOME), "{screen}");
    t.send(CTRL_C);
    assert_eq!(t.wait_exit(), 0);

    // The worst a crash in the middle of a restore could leave: only the backup. Still offered.
    let dirs = Dirs::with_assessment(None, Some(&good));
    let mut t = dirs.spawn(EN);
    let screen = t.wait_for("the recovery screen", |s| {
        s.contains(RECOVERY) || s.contains(WELCOME)
    });
    assert!(
        screen.contains(RECOVERY),
        "the backup is offered:\n{screen}"
    );
    t.send("b");
    t.wait_for("the restored assessment", |s| {
        header(s).contains("zizhen 自诊 · 无锡")
    });
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert!(restored_or_untouched(&dirs, &good, false));
}

/// Whether two paths name one file (hard links to one inode). A kill between the two renames
/// of a save leaves the file and its backup so: an edit of the file in place would then change
/// the backup too.
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

/// A tiny deterministic generator, so a long run can be repeated (ZIZHEN_KILL_SEED).
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// The saved chips on a screen: "[FI] strategy.1.1" → ("strategy.1.1", "FI"). Estimates (`~`)
/// and unsaved ones (`*`) are not "]"-closed and are left out.
fn chips(screen: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for line in screen.lines() {
        let mut rest = line;
        while let Some(i) = rest.find('[') {
            rest = &rest[i + 1..];
            let code = rest.get(..2).unwrap_or("");
            if ["NI", "PI", "LI", "FI"].contains(&code) && rest[2..].starts_with("] ") {
                let id: String = rest[4..]
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .collect();
                if id.contains('.') {
                    found.push((id, code.to_string()));
                }
            }
        }
    }
    found
}

/// The long version, for the record: `cargo test --test pty -- --ignored --nocapture`.
/// kill -9 at random moments while rating, and while restoring a backup that a third of the
/// cycles first damage the file for. After each kill every rating the program had drawn must be
/// in the file. Prints its figures. ZIZHEN_KILL_CYCLES (500) and ZIZHEN_KILL_SEED change the run.
#[test]
#[ignore = "long: about 500 kills; run with --ignored for the figures"]
fn kill_9_at_random_moments_long() {
    let cycles: u32 = std::env::var("ZIZHEN_KILL_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let seed: u64 = std::env::var("ZIZHEN_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5eed_2026);
    let mut rng = XorShift(seed | 1);
    let dirs = Dirs::with_assessment(Some(demo_profile().as_bytes()), None);
    let file = dirs.file("a");
    let keys = ["1", "2", "3", "4", "4", "n", DOWN, UP];
    let (mut damaged, mut recovered, mut checked, mut lost, mut stale) = (0, 0, 0, 0, 0);
    let mut linked = 0;
    let mut failures = Vec::new();
    let started = std::time::Instant::now();
    for cycle in 0..cycles {
        let damage = load(&file).is_ok() && dirs.backup("a").exists() && rng.below(3) == 0;
        if damage {
            // A new file in its place, as an editor or a copy makes it (see `same_file` below
            // for why not in place).
            let temp = dirs.assessments().join("damaged.tmp");
            fs::write(&temp, DAMAGED).unwrap();
            fs::rename(&temp, &file).unwrap();
            damaged += 1;
        }
        let mut t = dirs.spawn(EN);
        let screen = t.wait_for("the first screen", |s| {
            s.contains(RECOVERY) || header(s).contains("zizhen 自诊 · 无锡")
        });
        let on_recovery = screen.contains(RECOVERY);
        if on_recovery {
            t.send("b");
        } else {
            t.send(RIGHT);
        }
        for _ in 0..rng.below(12) {
            std::thread::sleep(std::time::Duration::from_micros(rng.below(8000)));
            t.send(keys[rng.below(keys.len() as u64) as usize]);
        }
        std::thread::sleep(std::time::Duration::from_micros(rng.below(30_000)));
        t.kill9();
        // What the program had drawn when it died (all its output is read by now), and whether
        // that ends with a whole frame: a frame cut short may still show a chip's old value.
        let whole = t.wait_frame(|_| true, std::time::Duration::ZERO).is_ok();
        let shown = chips(&t.screen());
        drop(t);
        if same_file(&file, &dirs.backup("a")) {
            linked += 1;
        }
        if !file.exists() {
            failures.push(format!("cycle {cycle}: a.toml is gone"));
            break;
        }
        match load(&file) {
            Ok(answers) => {
                if on_recovery {
                    recovered += 1;
                }
                // Each change is saved before it is drawn: the file may be one change ahead of
                // the last whole frame (killed between the save and the draw), never behind.
                let mut ahead = Vec::new();
                for (id, code) in &shown {
                    checked += 1;
                    match answers.rating(id).map(|r| r.to_string()) {
                        None => {
                            lost += 1;
                            failures.push(format!("cycle {cycle}: {id} {code} shown, not saved"));
                        }
                        Some(saved) if saved != *code => ahead.push(format!("{id} {code}→{saved}")),
                        Some(_) => {}
                    }
                }
                if whole && ahead.len() > 1 {
                    failures.push(format!(
                        "cycle {cycle}: the file differs from the last whole frame in more than \
                         the change in flight: {ahead:?}"
                    ));
                }
                stale += ahead.len();
            }
            Err(_) if fs::read(&file).unwrap() == DAMAGED && load(&dirs.backup("a")).is_ok() => {
                if !shown.is_empty() {
                    failures.push(format!("cycle {cycle}: ratings shown, file still damaged"));
                }
            }
            Err(e) => {
                failures.push(format!(
                    "cycle {cycle}: a.toml does not load: {e:?}; backup: {:?}; {:?}",
                    load(&dirs.backup("a")).err(),
                    String::from_utf8_lossy(&fs::read(&file).unwrap())
                ));
                break;
            }
        }
    }
    let rated = load(&file).map(|a| a.ratings.len()).unwrap_or(0);
    eprintln!(
        "kill -9 long run (seed {seed}): {cycles} cycles in {:.0?}; {damaged} started on a damaged \
         file, {recovered} of those killed after the restore; {checked} ratings on the last \
         screen checked against the file, {lost} lost ({stale} already saved with a newer value \
         than drawn: killed between a save and its frame); {rated} ratings saved at the end; \
         {linked} kills left a.toml and a.toml.bak as one file (two hard links)",
        started.elapsed()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Writing into `dir` fails until dropped: a read-only folder, or as root (whom permissions do
/// not stop) the lock file of `file` replaced by a folder, which no one can open for writing.
struct WritesBlocked {
    dir: PathBuf,
    lock: Option<PathBuf>,
}

#[cfg(unix)]
fn block_writes(dir: &Path, file: &Path) -> WritesBlocked {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o500)).unwrap();
    let probe = dir.join("probe");
    if fs::write(&probe, "x").is_err() {
        return WritesBlocked {
            dir: dir.to_path_buf(),
            lock: None,
        };
    }
    fs::remove_file(&probe).unwrap();
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).unwrap();
    let lock = PathBuf::from(format!("{}.lock", file.display()));
    let _ = fs::remove_file(&lock);
    fs::create_dir(&lock).unwrap();
    WritesBlocked {
        dir: dir.to_path_buf(),
        lock: Some(lock),
    }
}

#[cfg(unix)]
impl Drop for WritesBlocked {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700));
        if let Some(lock) = &self.lock {
            let _ = fs::remove_dir(lock);
        }
    }
}

/// A save fails: the banner, a confirmation before quitting, and quitting anyway exits non-zero
/// with a copy of the answers in the temp folder.
#[cfg(unix)]
#[test]
fn quitting_with_a_failed_save_asks_and_leaves_a_rescue_copy() {
    let dirs = Dirs::with_assessment(Some(demo_profile().as_bytes()), None);
    let tmp = dirs.data.parent().unwrap().join("tmp");
    fs::create_dir(&tmp).unwrap();
    let mut vars = dirs.env(EN);
    vars.push(("TMPDIR".into(), tmp.display().to_string()));
    let mut t = Pty::spawn(BIN, (80, 24), &vars);
    t.wait_for("the assessment", |s| {
        header(s).contains("zizhen 自诊 · 无锡")
    });
    press(&mut t, RIGHT);

    let _blocked = block_writes(&dirs.assessments(), &dirs.file("a"));
    t.send("2");
    t.wait_for("the banner", |s| {
        s.contains("NOT SAVED") && s.contains("[PI* strategy.1.1")
    });
    t.send("q");
    t.wait_text("Changes not saved");
    t.send(pty_harness::ESC);
    t.wait_for("the dialog to close", |s| !s.contains("Changes not saved"));
    t.send("q");
    t.wait_text("Changes not saved");
    t.send("y");
    let code = t.wait_exit();
    assert_ne!(code, 0, "quitting with unsaved changes is not a success");
    let output = t.output();
    assert!(output.contains("A copy of the answers is at"), "{output}");

    let copies: Vec<PathBuf> = fs::read_dir(&tmp)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("zizhen-unsaved-") && name.ends_with(".toml")
        })
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let rescued = load(&copies[0]).expect("the rescue copy loads");
    assert_eq!(
        rescued.rating("strategy.1.1"),
        Some(zizhen::model::Rating::PI)
    );
    assert!(
        !load(&dirs.file("a"))
            .unwrap()
            .ratings
            .contains_key("strategy.1.1"),
        "the data folder was not written"
    );
}

/// Whatever the umask, what zizhen keeps in its data folder is the user's alone: folders 0700,
/// files 0600 — also the trash folder a rename makes for a stray backup, and what a delete
/// moves there.
#[cfg(unix)]
#[test]
fn the_data_folder_stays_private_under_umask_000() {
    use std::os::unix::fs::PermissionsExt;
    let dirs = Dirs::new();
    let script = dirs.data.parent().unwrap().join("umask000.sh");
    fs::write(
        &script,
        format!("#!/bin/sh\numask 000\nexec '{BIN}' \"$@\"\n"),
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    let mut t = Pty::spawn(&script.display().to_string(), (80, 24), &dirs.env(EN));
    to_main_screen(&mut t, "q quit", "(•) discrete");
    rate(&mut t, &[("strategy.1.1", "FI"), ("strategy.1.2", "LI")]);

    // A stray backup under the name we will rename to, and another assessment to delete.
    let plant = |name: &str, age: u64| {
        let path = dirs.assessments().join(name);
        fs::write(&path, demo_profile()).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        let time = std::time::SystemTime::now() - std::time::Duration::from_secs(age);
        fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(time)
            .unwrap();
    };
    plant("B.toml.bak", 500);
    plant("Other.toml", 1000);

    t.send("o");
    t.wait_text("Saved assessments");
    t.send("r");
    t.wait_text("New name for");
    t.send(&"\x7f".repeat(80));
    t.send("B");
    t.send(ENTER);
    t.wait_for("the rename", |s| {
        s.contains("Opened “B”") || s.contains("Renamed to “B”")
    });
    t.send("\x1b[F"); // End: the oldest, Other
    t.send("d");
    t.wait_text("Delete “Other”?");
    t.send("y");
    t.wait_text("Moved to the trash folder");
    t.send(CTRL_C);
    assert_eq!(t.wait_exit(), 0);

    let trash = dirs.assessments().join("trash");
    let trashed: Vec<String> = fs::read_dir(&trash)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        trashed.iter().any(|n| n.starts_with("stray-"))
            && trashed.iter().any(|n| n.starts_with("Other-")),
        "{trashed:?}"
    );
    let mut wrong = Vec::new();
    let mut seen = 0;
    let mut stack = vec![dirs.data.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            let mode = meta.permissions().mode() & 0o777;
            let expected = if meta.is_dir() { 0o700 } else { 0o600 };
            seen += 1;
            if mode != expected {
                wrong.push(format!("{} {mode:o}", path.display()));
            }
            if meta.is_dir() {
                stack.push(path);
            }
        }
    }
    let data_mode = fs::metadata(&dirs.data).unwrap().permissions().mode() & 0o777;
    assert_eq!(data_mode, 0o700, "the data folder");
    assert!(seen >= 8, "{seen} entries");
    assert!(wrong.is_empty(), "not private:\n{}", wrong.join("\n"));
}

/// A config file that is a FIFO must not block the start.
#[cfg(unix)]
#[test]
fn a_fifo_as_config_file_does_not_hang_the_start() {
    let dirs = Dirs::new();
    fs::create_dir_all(&dirs.config).unwrap();
    let status = Command::new("mkfifo")
        .arg(dirs.config.join("config.toml"))
        .status()
        .expect("run mkfifo");
    assert!(status.success());
    let mut t = dirs.spawn(EN);
    let screen = t.wait_text(WELCOME);
    assert!(
        screen.contains("config"),
        "the config problem is reported:\n{screen}"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// Without HOME and without the ZIZHEN_* overrides, the start says which variable to set.
#[test]
fn without_home_the_start_asks_for_zizhen_data_dir() {
    let dirs = Dirs::new();
    let root = dirs.data.parent().unwrap();
    let vars: Vec<(String, String)> = dirs
        .env(EN)
        .into_iter()
        .filter(|(k, _)| !matches!(k.as_str(), "HOME" | "ZIZHEN_DATA_DIR" | "ZIZHEN_CONFIG_DIR"))
        // Only so that a zizhen that still looked for a home would stay in this folder.
        .chain([
            (
                "XDG_DATA_HOME".to_string(),
                root.join("xdg-data").display().to_string(),
            ),
            (
                "XDG_CONFIG_HOME".to_string(),
                root.join("xdg-config").display().to_string(),
            ),
        ])
        .collect();
    let mut t = Pty::spawn(BIN, (80, 24), &vars);
    let code = t.wait_exit();
    let output = t.output();
    assert_eq!(code, 2, "{output}");
    assert!(output.contains("ZIZHEN_DATA_DIR"), "{output}");
    assert!(!root.join("xdg-data").exists(), "nothing created");
}

/// TERM=dumb (or no TERM) gets the commands and exit 2, never a raw-mode screen.
#[test]
fn a_dumb_terminal_is_told_the_commands() {
    for term in [Some("dumb"), None] {
        let dirs = Dirs::new();
        let mut vars: Vec<(String, String)> = dirs
            .env(EN)
            .into_iter()
            .filter(|(k, _)| k != "TERM")
            .collect();
        if let Some(term) = term {
            vars.push(("TERM".into(), term.into()));
        }
        let mut t = Pty::spawn(BIN, (80, 24), &vars);
        let code = t.wait_exit();
        assert_eq!(code, 2, "{term:?}");
        let screen = t.screen();
        assert!(screen.contains("zizhen score ANSWERS.toml"), "{screen}");
        assert!(!t.alternate_screen(), "never entered the interface");
    }
}

/// A data folder that cannot be made or written: the TUI names it and the three ways out,
/// never a bare OS error, and never enters the interface.
#[test]
fn an_unusable_data_folder_is_named_with_the_ways_out() {
    let dirs = Dirs::new();
    fs::create_dir_all(dirs.data.parent().unwrap()).unwrap();
    fs::write(&dirs.data, "a file where the data folder should be").unwrap();
    let mut t = dirs.spawn(EN);
    let code = t.wait_exit();
    assert_eq!(code, 2);
    let screen = t.screen();
    for way in [
        "Three ways out",
        "zizhen-data",
        "--data-dir",
        "ZIZHEN_DATA_DIR",
    ] {
        assert!(screen.contains(way), "{way}: {screen}");
    }
    assert!(!screen.contains("os error"), "{screen}");
    assert!(!t.alternate_screen(), "never entered the interface");
}

/// The colour parameters of every SGR sequence (ESC [ … m) the program sent: 30–37 and 40–47
/// are the eight colours, 39/49 the defaults; 90–97/100–107 are bright, 38/48 start 256-colour
/// or RGB colours (reported as 38/48).
fn sgr_colours(output: &str) -> Vec<u16> {
    let mut found = Vec::new();
    for part in output.split("\u{1b}[").skip(1) {
        let Some(end) = part.find(|c: char| c.is_ascii_alphabetic()) else {
            continue;
        };
        if !part[end..].starts_with('m') {
            continue;
        }
        for param in part[..end].split(';').filter_map(|p| p.parse::<u16>().ok()) {
            if (30..=49).contains(&param) || (90..=107).contains(&param) {
                found.push(param);
            }
            if param == 38 || param == 48 {
                found.push(param);
                break;
            }
        }
    }
    found
}

/// The Linux text console (TERM=linux): eight colours only, and, with a Chinese locale but no
/// font for it, English with a word of why — unless Chinese was asked for (ZIZHEN_LANG).
#[test]
fn the_linux_console_gets_english_and_eight_colours() {
    let dirs = Dirs::new();
    let console = |extra: &[(&str, &str)]| {
        let mut vars = dirs.env(ZH);
        vars.retain(|(k, _)| k != "TERM");
        vars.push(("TERM".into(), "linux".into()));
        vars.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        Pty::spawn(BIN, (80, 24), &vars)
    };
    let mut t = console(&[]);
    let screen = t.wait_text("open a saved one");
    assert!(screen.contains("cannot show Chinese"), "{screen}");
    let colours = sgr_colours(&t.output());
    assert!(
        colours.iter().any(|c| (31..=37).contains(c)),
        "colours were drawn, in classic codes: {colours:?}"
    );
    let beyond: Vec<_> = colours.iter().filter(|c| !(30..=49).contains(*c)).collect();
    assert_eq!(
        beyond,
        [] as [&u16; 0],
        "colours an 8-colour console does not have"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);

    let mut t = console(&[("ZIZHEN_LANG", "zh-CN")]);
    let screen = t.wait_text("智能制造能力成熟度自诊断");
    assert!(!screen.contains("cannot show Chinese"), "{screen}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_demo_company_read_only_then_copied() {
    let dirs = Dirs::new();
    let mut t = dirs.spawn(ZH);
    t.wait_text("示例企业");
    t.send("d");
    t.wait_text("东莞示例智能终端股份有限公司");
    // The electronics maker (the fourth), read only.
    t.send(&format!("{DOWN}{DOWN}{DOWN}"));
    t.send(ENTER);
    let screen = t.wait_for("the demo read only", |s| {
        header(s).contains("示例·只读 · 东莞示例智能终端股份有限公司")
    });
    assert!(screen.contains("C 复制"), "{screen}");
    // A rating is refused, and says how to copy.
    t.send(&format!("{RIGHT}4"));
    t.wait_text("示例企业为只读");
    assert!(
        !dirs.assessments().exists() || fs::read_dir(dirs.assessments()).unwrap().next().is_none(),
        "nothing written for a read-only demo"
    );
    // C: a copy of one's own, opened to edit.
    t.send("C");
    t.wait_for("the copy open", |s| {
        header(s).contains("zizhen 自诊 · 东莞示例智能终端股份有限公司")
    });
    let saved = dirs.saved();
    let demo: toml::Table = include_str!("../examples/demo-electronics.toml")
        .parse()
        .unwrap();
    assert_eq!(saved.get("ratings"), demo.get("ratings"));
    assert!(
        dirs.saved_file()
            .ends_with("东莞示例智能终端股份有限公司.toml"),
        "{:?}",
        dirs.saved_file()
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// `P` chooses the collection to compare X with: the score panel says where X stands, the choice
/// is kept in the settings for the next start, a collection that has gone away is said at the
/// start (not fatal), and an empty line stops comparing and forgets it.
#[test]
fn the_collection_to_compare_with_is_chosen_kept_and_put_away() {
    let dirs = Dirs::new();
    let root = dirs.data.parent().unwrap().to_path_buf();
    let population = root.join("population");
    let store = root.join("class.zizhen");
    let run = |args: &[&str]| {
        let out = Command::new(BIN).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
    };
    run(&[
        "demo",
        "--population",
        "40",
        "--seed",
        "11",
        "--out",
        population.to_str().unwrap(),
    ]);
    run(&[
        "collect",
        store.to_str().unwrap(),
        population.to_str().unwrap(),
    ]);
    // What the panel should count, from the files themselves: the other enterprises of the
    // demo company's division (33, metal products) when there are at least 5, else all of them.
    let industries: Vec<String> = fs::read_dir(&population)
        .unwrap()
        .map(|e| {
            let v: serde_json::Value =
                serde_json::from_slice(&fs::read(e.unwrap().path()).unwrap()).unwrap();
            v["profile"]["industry"].as_str().unwrap_or("").to_string()
        })
        .collect();
    let same = industries.iter().filter(|i| i.starts_with("33")).count();
    let counted = if same >= 5 { same } else { industries.len() };
    let config = dirs.config.join("config.toml");

    let open_demo = |t: &mut Pty| {
        t.wait_text("demo companies");
        t.send("d");
        t.wait_text("常州示例五金制品有限公司");
        t.send(ENTER);
        t.wait_text("DEMO");
    };
    let mut t = Pty::spawn(BIN, (100, 30), &dirs.env(EN));
    open_demo(&mut t);
    assert!(!t.screen().contains("Collection:"));
    t.send("P");
    t.wait_text("Compare the score with a collection");
    t.send("\x15");
    t.send(store.to_str().unwrap());
    t.send(ENTER);
    let screen = t.wait_text("Comparing the score with");
    assert!(screen.contains("(40 enterprises)"), "{screen}");
    assert!(screen.contains("Collection: ahead of"), "{screen}");
    assert!(
        screen.contains(&format!("of {counted}")),
        "{counted}: {screen}"
    );
    assert!(
        fs::read_to_string(&config)
            .unwrap()
            .contains("class.zizhen")
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);

    // Kept for the next start.
    let mut t = Pty::spawn(BIN, (100, 30), &dirs.env(EN));
    open_demo(&mut t);
    t.wait_text("Collection: ahead of");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);

    // Gone (the stick was pulled out): said, and the rest works.
    let moved = root.join("moved.zizhen");
    fs::rename(&store, &moved).unwrap();
    let mut t = Pty::spawn(BIN, (100, 30), &dirs.env(EN));
    t.wait_text("cannot be read");
    open_demo(&mut t);
    assert!(!t.screen().contains("Collection:"));
    // An empty line stops comparing, and forgets the collection.
    fs::rename(&moved, &store).unwrap();
    t.send("P");
    t.wait_text("Compare the score with a collection");
    t.send("\x15");
    t.send(ENTER);
    t.wait_text("No longer comparing");
    assert!(!fs::read_to_string(&config).unwrap().contains("peers"));
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
