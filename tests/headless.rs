//! Layer 3: the real loop and driver, headless — scripted key events on a TestBackend, with the
//! real storage in a temporary directory; assertions on the files written.

use std::collections::VecDeque;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use zizhen::app::{Action, App, Overlay, Screen, update};
use zizhen::i18n::Lang;
use zizhen::keymap::Keymap;
use zizhen::model::{Answers, Questionnaire, Rating};
use zizhen::storage::{Store, backup_path};
use zizhen::tui::{Driver, Events, dispatch, run_loop};
use zizhen::ui::{Theme, Ui};

/// Scripted events; when the script ends, Ctrl-C (quit).
struct Script(VecDeque<Event>);

impl Script {
    fn new(keys: &[Key]) -> Script {
        Script(keys.iter().map(|k| Event::Key(k.event())).collect())
    }
}

impl Events for Script {
    fn next(&mut self, _timeout: Duration) -> io::Result<Option<Event>> {
        Ok(Some(
            self.0
                .pop_front()
                .unwrap_or_else(|| Event::Key(Key::CtrlC.event())),
        ))
    }
}

#[derive(Clone, Copy)]
enum Key {
    Char(char),
    Code(KeyCode),
    CtrlC,
}

impl Key {
    fn event(self) -> KeyEvent {
        match self {
            Key::Char(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            Key::Code(code) => KeyEvent::new(code, KeyModifiers::NONE),
            Key::CtrlC => KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        }
    }
}

fn text(s: &str) -> Vec<Key> {
    s.chars().map(Key::Char).collect()
}

const ENTER: Key = Key::Code(KeyCode::Enter);
const DOWN: Key = Key::Code(KeyCode::Down);
const RIGHT: Key = Key::Code(KeyCode::Right);

struct Place {
    _dir: tempfile::TempDir,
    data: PathBuf,
}

impl Place {
    fn new() -> Place {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        Place { _dir: dir, data }
    }

    fn assessments(&self) -> PathBuf {
        self.data.join("assessments")
    }

    fn state(&self) -> PathBuf {
        self.data.join("state.toml")
    }

    fn config(&self) -> PathBuf {
        self.data.join("config").join("config.toml")
    }

    /// Runs the loop over `keys` like `zizhen` would, returning the app and the last screen.
    fn run(&self, keys: &[Key]) -> (App, String) {
        let q = Arc::new(Questionnaire::embedded());
        let store = Store::open(self.assessments()).unwrap();
        let mut driver = Driver::new(store, self.state()).remembering(self.config());
        let mut app = App::new(q, Lang::En);
        for action in driver.startup(&app) {
            dispatch(&mut app, &mut driver, action);
        }
        let ui = Ui::new(Keymap::default(), Theme::new(false));
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        run_loop(
            &mut terminal,
            &mut Script::new(keys),
            &mut app,
            &mut driver,
            &ui,
        )
        .unwrap();
        let screen = format!("{}", terminal.backend());
        (app, screen)
    }

    fn saved(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.assessments())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        files
    }
}

fn load(path: &Path) -> Answers {
    Answers::load(path, &Questionnaire::embedded()).unwrap()
}

/// Welcome → profile (name, industry 36, continue) → main.
fn first_run_keys() -> Vec<Key> {
    let mut keys = vec![ENTER];
    keys.extend(text("Acme 精密"));
    keys.extend([DOWN, DOWN]);
    keys.extend(text("36"));
    keys.push(ENTER); // takes "36", suggests discrete, moves to the type
    keys.extend([DOWN; 5]);
    keys.push(ENTER); // Continue
    keys
}

#[test]
fn a_first_run_saves_every_answer() {
    let place = Place::new();
    let mut keys = first_run_keys();
    keys.extend([
        RIGHT,
        Key::Char('4'),
        Key::Char('4'),
        Key::Char('3'),
        Key::Char('q'),
    ]);
    let (app, screen) = place.run(&keys);
    assert_eq!(app.screen, Screen::Main);
    assert!(screen.contains("[FI] strategy.1.1"), "{screen}");

    let files = place.saved();
    assert_eq!(files.len(), 1);
    let answers = load(&files[0]);
    assert_eq!(answers.profile.name.as_deref(), Some("Acme 精密"));
    assert_eq!(answers.profile.industry.as_deref(), Some("36"));
    assert_eq!(
        answers.profile.industry_type,
        Some(zizhen::model::IndustryType::Discrete)
    );
    let ratings: Vec<(&str, Rating)> = answers
        .ratings
        .iter()
        .map(|(k, r)| (k.as_str(), r.rating))
        .collect();
    assert_eq!(
        ratings,
        [
            ("strategy.1.1", Rating::FI),
            ("strategy.1.2", Rating::FI),
            ("strategy.1.3", Rating::LI)
        ]
    );
    assert!(answers.meta.created.is_some() && answers.meta.updated.is_some());
    assert!(
        backup_path(&files[0]).exists(),
        "the previous version is kept"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let name = files[0].file_stem().unwrap().to_string_lossy().into_owned();
    assert_eq!(
        Store::last_opened(&place.state()).as_deref(),
        Some(name.as_str())
    );
    // It is an answers file: `zizhen score` reads it.
    let report = zizhen::report::summary::score(
        &Questionnaire::embedded(),
        &answers,
        &zizhen::i18n::Strings::load(Lang::En),
    );
    let expected = format!(
        "3 of {} requirements rated",
        Questionnaire::embedded().requirements.len()
    );
    assert!(report.contains(&expected), "{report}");
}

#[test]
fn a_restart_resumes_where_it_was() {
    let place = Place::new();
    let mut keys = first_run_keys();
    keys.extend([RIGHT, Key::Char('2')]);
    place.run(&keys);
    // Second run: straight back into the assessment; undo history is per session.
    let (app, screen) = place.run(&[Key::Char('u'), RIGHT, Key::Char('1'), Key::Char('q')]);
    assert_eq!(app.screen, Screen::Main);
    assert!(screen.contains("[PI] strategy.1.1"), "{screen}");
    let answers = load(&place.saved()[0]);
    assert_eq!(answers.ratings["strategy.1.1"].rating, Rating::PI);
    assert_eq!(answers.ratings["strategy.1.2"].rating, Rating::NI);
}

#[test]
fn ctrl_c_quits_from_a_dialog_after_saving() {
    let place = Place::new();
    let mut keys = first_run_keys();
    keys.extend([Key::Char('4'), Key::Char('m')]);
    keys.extend(text("half-typed note"));
    keys.push(Key::CtrlC);
    let (app, _) = place.run(&keys);
    assert!(app.overlay.is_some(), "quit from inside the note dialog");
    let answers = load(&place.saved()[0]);
    assert_eq!(answers.ratings.len(), 1, "what was confirmed is saved");
    assert!(answers.notes.is_empty(), "an unconfirmed note is not");
}

#[test]
fn two_windows_on_one_assessment_lose_nothing() {
    let place = Place::new();
    place.run(&first_run_keys());
    let name = place.saved()[0]
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let q = Arc::new(Questionnaire::embedded());
    let open = || {
        let mut driver = Driver::new(Store::open(place.assessments()).unwrap(), place.state());
        let mut app = App::new(q.clone(), Lang::En);
        for action in driver.startup(&app) {
            dispatch(&mut app, &mut driver, action);
        }
        assert_eq!(driver.session_name(), Some(name.as_str()));
        (app, driver)
    };
    let (mut a, mut da) = open();
    let (mut b, mut db) = open();
    // A rates strategy.1.1, B (not knowing) rates strategy.1.2 after moving down.
    dispatch(&mut a, &mut da, Action::Rate(Rating::FI));
    dispatch(&mut b, &mut db, Action::Right);
    dispatch(&mut b, &mut db, Action::Down);
    dispatch(&mut b, &mut db, Action::Rate(Rating::LI));
    // B's save merged A's answer in; A picks up B's at its next tick.
    assert_eq!(b.answers.rating("strategy.1.1"), Some(Rating::FI));
    for action in da.tick(&a) {
        dispatch(&mut a, &mut da, action);
    }
    assert_eq!(a.answers.rating("strategy.1.2"), Some(Rating::LI));
    let on_disk = load(&place.saved()[0]);
    assert_eq!(on_disk.ratings.len(), 2);
    assert_eq!(a.answers.ratings, b.answers.ratings);
}

#[test]
fn a_corrupt_save_is_kept_aside_and_the_backup_offered() {
    let place = Place::new();
    let mut keys = first_run_keys();
    keys.extend([RIGHT, Key::Char('4'), Key::Char('3')]);
    place.run(&keys);
    let file = place.saved()[0].clone();
    let garbage = b"questionnaire = \"gbt39116-2020\"\n[ratings\n\x00\xff broken";
    std::fs::write(&file, garbage).unwrap();

    // Start: the recovery screen, nothing overwritten.
    let (app, screen) = place.run(&[]);
    assert!(matches!(app.screen, Screen::Recovery(_)), "{screen}");
    assert!(screen.contains("could not be opened"), "{screen}");
    assert_eq!(std::fs::read(&file).unwrap(), garbage);

    // b opens the backup (the state before the last key); the broken file is kept.
    let (app, _) = place.run(&[Key::Char('b'), Key::Char('q')]);
    assert_eq!(app.screen, Screen::Main);
    let answers = load(&file);
    assert_eq!(answers.rating("strategy.1.1"), Some(Rating::FI));
    let kept: Vec<PathBuf> = std::fs::read_dir(place.assessments())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read(&kept[0]).unwrap(), garbage);
}

#[test]
fn assessments_can_be_created_renamed_copied_and_deleted() {
    let place = Place::new();
    place.run(&first_run_keys());
    let mut keys = vec![Key::Char('o'), Key::Char('n')];
    keys.extend(text("Second"));
    keys.push(ENTER); // creates and opens "Second" (profile form)
    keys.push(Key::Code(KeyCode::F(2))); // language switch works in the form
    keys.extend([DOWN, DOWN, DOWN, Key::Char(' ')]); // industry type
    keys.extend([DOWN; 5]);
    keys.push(ENTER);
    keys.extend([Key::Char('o'), Key::Char('c')]); // copy the selected ("Second")
    keys.push(ENTER);
    // Rename the last one: its name comes selected; End keeps it and types after it.
    keys.extend([
        Key::Code(KeyCode::End),
        Key::Char('r'),
        Key::Code(KeyCode::End),
    ]);
    keys.extend(text("-x"));
    keys.push(ENTER);
    let (app, screen) = place.run(&keys);
    let names: Vec<String> = place
        .saved()
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}\n{screen}");
    assert!(names.contains(&"Second".to_string()));
    assert!(
        names.iter().any(|n| n.ends_with("-x") && n != "-x"),
        "renamed by typing after the old name: {names:?}"
    );
    assert_eq!(app.lang, Lang::ZhCn);
    let config = std::fs::read_to_string(place.config()).unwrap();
    assert_eq!(
        config, "lang = \"zh-CN\"\n",
        "the switched language is kept"
    );

    // Renaming the open one says it was renamed (and it stays open under the new name).
    let (app, screen) = place.run(
        &[Key::Char('o'), Key::Char('r')]
            .into_iter()
            .chain(text("Renamed"))
            .chain([ENTER])
            .collect::<Vec<_>>(),
    );
    assert_eq!(app.name, "Renamed", "{screen}");
    assert!(screen.contains("Renamed to “Renamed”"), "{screen}");

    // Delete one that is not open: it goes to the trash folder.
    let (_, screen) = place.run(&[
        Key::Char('o'),
        Key::Code(KeyCode::End),
        Key::Char('d'),
        Key::Char('y'),
    ]);
    assert_eq!(place.saved().len(), 2, "{screen}");
    assert!(
        place
            .assessments()
            .join("trash")
            .read_dir()
            .unwrap()
            .count()
            >= 1
    );
    let _ = update; // (the pure layer is tested in tests/app.rs)
}

#[test]
fn export_and_import_from_the_interface() {
    let place = Place::new();
    let mut keys = first_run_keys();
    keys.extend([RIGHT, Key::Char('4'), Key::Char('2')]);
    place.run(&keys);
    let out = place.data.parent().unwrap().join("out.json");
    // x: the prompt offers NAME.json; replace it with a path of our own.
    let mut keys = vec![Key::Char('x')];
    keys.extend(std::iter::repeat_n(Key::Code(KeyCode::Backspace), 60));
    keys.extend(text(&out.display().to_string()));
    keys.push(ENTER);
    let (app, screen) = place.run(&keys);
    assert!(screen.contains("Result file written"), "{screen}");
    let q = Questionnaire::embedded();
    let file = zizhen::result::load(&out).unwrap();
    let verified = zizhen::result::verify(&out, file, &[&q]).unwrap();
    assert_eq!(verified.answers.ratings, app.answers.ratings);

    // o, i: importing it where it came from finds it already there: opened, nothing copied.
    let import = || {
        let mut keys = vec![Key::Char('o'), Key::Char('i')];
        keys.extend(text(&out.display().to_string()));
        keys.push(ENTER);
        keys
    };
    let original = app.name.clone();
    let (app, screen) = place.run(&import());
    assert_eq!(place.saved().len(), 1, "{screen}");
    assert_eq!(app.name, original);
    assert!(screen.contains("already here"), "{screen}");

    // Elsewhere (the original gone), it becomes an assessment named by the enterprise and day.
    std::fs::remove_file(&place.saved()[0]).unwrap();
    let (app, screen) = place.run(&import());
    assert_eq!(place.saved().len(), 1, "{screen}");
    assert!(app.name.starts_with("Acme 精密 20"), "{}", app.name);
    assert_eq!(app.answers.ratings, verified.answers.ratings);
    assert_eq!(app.screen, Screen::Main);

    // A broken file is refused with a message, nothing created.
    std::fs::copy(&out, place.data.parent().unwrap().join("good.json")).unwrap();
    std::fs::write(&out, b"{ not json").unwrap();
    let mut keys = vec![Key::Char('o'), Key::Char('i')];
    keys.extend(text(&out.display().to_string()));
    keys.push(ENTER);
    let (_, screen) = place.run(&keys);
    assert!(screen.contains("not valid JSON"), "{screen}");
    assert_eq!(place.saved().len(), 1);

    // A tampered file: the whole message in a popup, digests short enough to read.
    let text = std::fs::read_to_string(place.data.parent().unwrap().join("good.json"))
        .unwrap()
        .replacen("\"rating\": \"FI\"", "\"rating\": \"NI\"", 1);
    std::fs::write(&out, text).unwrap();
    let (app, screen) = place.run(&import());
    assert!(
        matches!(app.overlay, Some(Overlay::Problem { .. })),
        "{screen}"
    );
    assert!(screen.contains("What is wrong"), "{screen}");
    assert!(screen.contains("digest"), "{screen}");
    let longest_hex = screen
        .split(|c: char| !c.is_ascii_hexdigit())
        .map(str::len)
        .max()
        .unwrap_or(0);
    assert!(longest_hex < 20, "digests are shortened: {screen}");
    assert_eq!(place.saved().len(), 1);
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_assessment_left_only_as_its_backup_reopens_on_the_recovery_screen() {
    let place = Place::new();
    let mut keys = first_run_keys();
    keys.extend([RIGHT, Key::Char('4'), Key::Char('3')]);
    place.run(&keys);
    let file = place.saved()[0].clone();
    let name = file.file_stem().unwrap().to_string_lossy().into_owned();
    // Lost between two steps of something (the backup is the version before the last key).
    std::fs::remove_file(&file).unwrap();
    assert!(backup_path(&file).exists());

    let (app, screen) = place.run(&[]);
    assert!(matches!(app.screen, Screen::Recovery(_)), "{screen}");
    assert!(
        screen.contains("could not be opened") && screen.contains("b  open the backup"),
        "{screen}"
    );
    // The list shows it too, marked.
    let (_, screen) = place.run(&[Key::Char('o')]);
    assert!(screen.contains("only the backup is left"), "{screen}");

    let (app, _) = place.run(&[Key::Char('b'), Key::Char('q')]);
    assert_eq!(app.screen, Screen::Main);
    assert_eq!(app.name, name);
    let answers = load(&file);
    assert_eq!(answers.rating("strategy.1.1"), Some(Rating::FI));
    assert!(backup_path(&file).exists(), "the backup stays");
}

#[test]
fn startup_tidies_temp_files_of_interrupted_saves() {
    let place = Place::new();
    let mut keys = first_run_keys();
    keys.extend([RIGHT, Key::Char('4')]);
    place.run(&keys);
    let file = place.saved()[0].clone();
    let dir = place.assessments();
    let q = Questionnaire::embedded();
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let dead = gone.id();
    gone.wait().unwrap();

    // A stale copy beside the file it was to replace, and an assessment that a crash left only
    // as its complete temp file (it is the one to reopen).
    let stale = format!(
        ".{}.{dead}.3.tmp",
        file.file_name().unwrap().to_string_lossy()
    );
    std::fs::write(dir.join(&stale), "questionnaire = \"gbt39").unwrap();
    let mut other = Answers::new(&q);
    other.ratings.insert(
        "planning.2.1".into(),
        zizhen::model::answers::Rated::given(Rating::LI),
    );
    let temp = format!(".B.toml.{dead}.4.tmp");
    std::fs::write(dir.join(&temp), other.to_toml()).unwrap();
    Store::set_last_opened(&place.state(), "B").unwrap();

    let (app, screen) = place.run(&[]);
    assert!(
        screen.contains("Recovered after an interrupted save: B.toml"),
        "{screen}"
    );
    // Reopened (on its profile form: that profile is still empty).
    assert!(matches!(app.screen, Screen::Profile(_)), "{screen}");
    assert_eq!(app.name, "B");
    assert_eq!(app.answers.rating("planning.2.1"), Some(Rating::LI));
    let names = names_in(&dir);
    assert!(
        !names.iter().any(|n| n.ends_with(".tmp")),
        "temp files left: {names:?}"
    );
    assert_eq!(load(&dir.join("B.toml")).ratings, other.ratings);
    assert_eq!(
        load(&file).rating("strategy.1.1"),
        Some(Rating::FI),
        "the file beside the stale copy is untouched"
    );
}

/// An assessment saved on questionnaire 1.0.0 opens on 2.0.0: a popup says what was carried
/// over, dropped and is new; the file is written in 2.0.0 at once, the old one kept as backup.
#[test]
fn an_assessment_made_on_an_earlier_version_is_carried_over_and_says_so() {
    let place = Place::new();
    std::fs::create_dir_all(place.assessments()).unwrap();
    let old = "questionnaire = \"gbt39116-2020\"\nquestionnaire_version = \"1.0.0\"\n[profile]\nindustry_type = \"discrete\"\n[ratings]\n\"strategy.1.1\" = \"FI\"\n\"planning.3.1\" = \"LI\"\n\"data.1.1\" = \"PI\"\n";
    let file = place.assessments().join("old.toml");
    std::fs::write(&file, old).unwrap();
    std::fs::write(place.state(), "last = \"old\"\n").unwrap();

    let (app, screen) = place.run(&[]);
    assert!(
        matches!(app.overlay, Some(Overlay::Migrated { .. })),
        "{screen}"
    );
    assert!(screen.contains("The questionnaire was revised"), "{screen}");
    assert!(
        screen.contains("1.0.0") && screen.contains("2.0.0"),
        "{screen}"
    );
    // Written in the new version: the APS rating moved to planning.4.4, data.1.1 is gone.
    let saved = load(&file);
    assert_eq!(saved.questionnaire_version.as_deref(), Some("2.0.0"));
    assert_eq!(saved.rating("planning.4.4"), Some(Rating::LI));
    assert_eq!(saved.rating("strategy.1.1"), Some(Rating::FI));
    assert!(!saved.ratings.contains_key("data.1.1"));
    assert_eq!(
        std::fs::read_to_string(backup_path(&file)).unwrap(),
        old,
        "the file as it was is the backup"
    );
    // Opened again, nothing more to carry over.
    let (app, _) = place.run(&[]);
    assert!(app.overlay.is_none());
}

/// Every file under `dir` (none when it does not exist).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries {
        let path = e.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Every key that would change an assessment on the main screen, in both panes.
fn change_keys() -> Vec<Key> {
    let mut keys = vec![RIGHT];
    for round in 0..2 {
        keys.extend(text("12340utmaepTWw"));
        keys.extend([Key::Code(KeyCode::Delete), ENTER, Key::Code(KeyCode::Esc)]);
        // whatever a popup would take, in case one opened
        keys.extend(text("3y"));
        keys.extend([ENTER, Key::Code(KeyCode::Esc)]);
        if round == 0 {
            keys.push(Key::Code(KeyCode::Left)); // the tree
        }
    }
    keys
}

#[test]
fn a_demo_open_read_only_writes_nothing_and_its_copy_is_saved() {
    let place = Place::new();
    let q = Questionnaire::embedded();
    let file = load(Path::new("examples/demo-chemical.toml"));
    // The welcome's d, the third demo (chemical), Enter: read only; then every change key.
    let mut keys = vec![Key::Char('d'), DOWN, DOWN, ENTER];
    keys.extend(change_keys());
    let (app, screen) = place.run(&keys);
    assert_eq!(app.demo, Some("chemical"), "{screen}");
    assert_eq!(app.answers, file, "{screen}");
    assert_eq!(files_under(&place.data), Vec::<PathBuf>::new(), "{screen}");
    assert!(screen.contains("DEMO read-only"), "{screen}");

    // C on the main screen: a saved assessment of one's own, named after the enterprise,
    // holding the demo's ratings; the copy is what a restart opens.
    let mut keys = vec![Key::Char('d'), DOWN, DOWN, ENTER];
    keys.extend(change_keys());
    keys.push(Key::Char('C'));
    let (app, screen) = place.run(&keys);
    let name = file.profile.name.clone().unwrap();
    assert_eq!(app.demo, None, "{screen}");
    assert_eq!(app.name, name, "{screen}");
    let saved = place.saved();
    assert_eq!(saved, [place.assessments().join(format!("{name}.toml"))]);
    let copy = load(&saved[0]);
    assert_eq!(copy.ratings, file.ratings);
    assert_eq!(copy.profile, file.profile);
    assert_eq!(copy.tailoring, file.tailoring);
    assert_eq!(copy.not_applicable, file.not_applicable);

    // The copy is edited and saved like any assessment; a second copy gets a free name.
    let subdomain = q.subdomain_index("planning").unwrap();
    let first = &q.requirements[q.subdomain_requirements(subdomain).start].id;
    let before = copy.rating(first);
    let mut keys = vec![Key::Char('/')];
    keys.extend(text(first));
    keys.push(ENTER);
    keys.push(Key::Char(if before == Some(Rating::NI) {
        '4'
    } else {
        '1'
    }));
    keys.extend([Key::Char('D'), DOWN, DOWN, Key::Char('c')]);
    let (app, screen) = place.run(&keys);
    assert_eq!(app.name, format!("{name} (2)"), "{screen}");
    let edited = load(&place.assessments().join(format!("{name}.toml")));
    assert_ne!(edited.rating(first), before, "{screen}");
    assert_eq!(place.saved().len(), 2);
    let second = load(&place.assessments().join(format!("{name} (2).toml")));
    assert_eq!(second.ratings, file.ratings);
}

#[test]
fn opening_a_demo_leaves_the_open_assessment_untouched() {
    let place = Place::new();
    place.run(&first_run_keys());
    let [saved] = place.saved().try_into().unwrap();
    let bytes = std::fs::read(&saved).unwrap();
    let state = std::fs::read(place.state()).unwrap();
    let files = files_under(&place.data);
    // D from the main screen, the first demo, read only, then every change key.
    let mut keys = vec![Key::Char('D'), ENTER];
    keys.extend(change_keys());
    let (app, screen) = place.run(&keys);
    assert_eq!(app.demo, Some("jobshop"), "{screen}");
    assert_eq!(std::fs::read(&saved).unwrap(), bytes, "{screen}");
    assert_eq!(std::fs::read(place.state()).unwrap(), state, "{screen}");
    // (a restart rewrites state.toml, keeping the one before as its backup: not the demo's doing)
    let after: Vec<PathBuf> = files_under(&place.data)
        .into_iter()
        .filter(|p| !p.ends_with("state.toml.bak"))
        .collect();
    assert_eq!(after, files, "{screen}");
}

#[test]
fn a_demo_leaves_the_session_so_nothing_is_refreshed_or_saved_into_it() {
    let place = Place::new();
    place.run(&first_run_keys());
    let q = Arc::new(Questionnaire::embedded());
    let mut driver = Driver::new(Store::open(place.assessments()).unwrap(), place.state());
    let mut app = App::new(q, Lang::En);
    for action in driver.startup(&app) {
        dispatch(&mut app, &mut driver, action);
    }
    assert!(driver.session_name().is_some());
    dispatch(&mut app, &mut driver, Action::Demos);
    dispatch(&mut app, &mut driver, Action::Confirm);
    assert_eq!(app.demo, Some("jobshop"));
    assert_eq!(driver.session_name(), None);
    // Another window's change to the assessment left is not merged into the demo.
    let demo = app.answers.clone();
    assert!(driver.tick(&app).is_empty());
    assert_eq!(app.answers, demo);
}
