//! Layer 3 for "merge another file into this one": the real loop and driver on a TestBackend,
//! scripted keys, the real storage in a temporary directory; assertions on the screen, the state
//! and the assessment file written.

use std::collections::{BTreeMap, VecDeque};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use zizhen::app::{App, Overlay};
use zizhen::i18n::Lang;
use zizhen::keymap::Keymap;
use zizhen::model::answers::Rated;
use zizhen::model::{Answers, Questionnaire, Rating};
use zizhen::storage::Store;
use zizhen::tui::{Driver, Events, dispatch, run_loop};
use zizhen::ui::{Theme, Ui};

/// Scripted key presses; when they end, Ctrl-C.
struct Script(VecDeque<Event>);

impl Events for Script {
    fn next(&mut self, _timeout: Duration) -> io::Result<Option<Event>> {
        Ok(Some(self.0.pop_front().unwrap_or_else(|| {
            Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL))
        })))
    }
}

fn keys(text: &str) -> Vec<KeyEvent> {
    text.chars()
        .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
        .collect()
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

const SUBDOMAINS_OF_PRODUCTION: [&str; 7] = [
    "procurement",
    "planning",
    "operations",
    "maintenance",
    "warehousing",
    "ehs",
    "energy",
];

/// A saved assessment "prod" holding production's ratings (and one of IT's, differently), opened
/// last; and a file it.toml with the rest and the notes.
struct Place {
    dir: tempfile::TempDir,
    prod: Answers,
    it: Answers,
    conflict: String,
}

impl Place {
    fn new() -> Place {
        let q = Questionnaire::embedded();
        let demo = Answers::load(Path::new("examples/demo-machinery.toml"), &q).unwrap();
        let production =
            |id: &str| SUBDOMAINS_OF_PRODUCTION.contains(&id.split('.').next().unwrap());
        let mut prod = demo.clone();
        prod.ratings.retain(|id, _| production(id));
        prod.notes.clear();
        let mut it = demo.clone();
        it.ratings.retain(|id, _| !production(id));
        let conflict = it.ratings.keys().next().unwrap().clone();
        let theirs = it.ratings[&conflict].rating;
        let ours = Rating::ALL[(theirs.index() + 1) % 4];
        prod.ratings.insert(conflict.clone(), Rated::given(ours));
        prod.profile.employees = it.profile.employees.map(|e| e + 10);
        let dir = tempfile::tempdir().unwrap();
        let place = Place {
            dir,
            prod,
            it,
            conflict,
        };
        std::fs::create_dir_all(place.assessments()).unwrap();
        std::fs::write(place.assessments().join("prod.toml"), place.prod.to_toml()).unwrap();
        std::fs::write(place.data().join("state.toml"), "last = \"prod\"\n").unwrap();
        std::fs::write(place.it_file(), place.it.to_toml()).unwrap();
        place
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn assessments(&self) -> PathBuf {
        self.data().join("assessments")
    }

    fn it_file(&self) -> PathBuf {
        self.dir.path().join("it.toml")
    }

    fn saved(&self) -> Answers {
        Answers::load(
            &self.assessments().join("prod.toml"),
            &Questionnaire::embedded(),
        )
        .unwrap()
    }

    fn run(&self, lang: Lang, script: Vec<KeyEvent>) -> (App, String) {
        let q = Arc::new(Questionnaire::embedded());
        let store = Store::open(self.assessments()).unwrap();
        let mut driver = Driver::new(store, self.data().join("state.toml"));
        let mut app = App::new(q, lang);
        for action in driver.startup(&app) {
            dispatch(&mut app, &mut driver, action);
        }
        let ui = Ui::new(Keymap::default(), Theme::new(false));
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut events = Script(script.into_iter().map(Event::Key).collect());
        run_loop(&mut terminal, &mut events, &mut app, &mut driver, &ui).unwrap();
        (app, format!("{}", terminal.backend()))
    }

    /// M, the path, Enter: then `after`.
    fn merge_keys(&self, after: &[KeyEvent]) -> Vec<KeyEvent> {
        let mut script = keys("M");
        script.extend(keys(&self.it_file().display().to_string()));
        script.push(key(KeyCode::Enter));
        script.extend_from_slice(after);
        script
    }
}

fn ratings(a: &Answers) -> BTreeMap<String, Rating> {
    a.ratings
        .iter()
        .map(|(k, r)| (k.clone(), r.rating))
        .collect()
}

#[test]
fn merging_a_file_adds_its_answers_keeps_ours_on_conflicts_and_says_so() {
    let place = Place::new();
    let (app, screen) = place.run(Lang::En, place.merge_keys(&[]));
    // The popup: what was added and every conflict.
    let added = place.it.ratings.len() - 1; // all of IT's but the one in conflict
    assert!(
        screen.contains(&format!(
            "Added: {added} ratings, {} notes",
            place.it.notes.len()
        )),
        "{screen}"
    );
    assert!(screen.contains("Conflicts: 2 (0 left open)"), "{screen}");
    assert!(screen.contains(&place.conflict), "{screen}");
    assert!(screen.contains("Employees: prod: "), "{screen}");
    assert!(matches!(app.overlay, Some(Overlay::Merged { .. })));
    // Saved: IT's answers with ours where we disagree.
    let mut expected = ratings(&place.it);
    expected.extend(ratings(&place.prod));
    let saved = place.saved();
    assert_eq!(ratings(&saved), expected);
    assert_eq!(saved.notes, place.it.notes);
    assert_eq!(saved.profile.employees, place.prod.profile.employees);
    assert_eq!(ratings(&app.answers), expected);
}

#[test]
fn one_undo_takes_the_whole_merge_back() {
    let place = Place::new();
    let (app, screen) = place.run(
        Lang::ZhCn,
        place.merge_keys(&[key(KeyCode::Esc), key(KeyCode::Char('u'))]),
    );
    assert!(app.overlay.is_none(), "{screen}");
    let saved = place.saved();
    assert_eq!(ratings(&saved), ratings(&place.prod));
    assert!(saved.notes.is_empty());
    assert_eq!(app.redo.len(), 1, "the merge is one step to redo");
}

#[test]
fn a_file_that_cannot_be_read_is_shown_and_nothing_changes() {
    let place = Place::new();
    let missing = place.dir.path().join("missing.toml");
    let mut script = keys("M");
    script.extend(keys(&missing.display().to_string()));
    script.push(key(KeyCode::Enter));
    let (app, screen) = place.run(Lang::En, script);
    assert!(
        matches!(app.overlay, Some(Overlay::Problem { .. })),
        "{screen}"
    );
    assert!(screen.contains("missing.toml"), "{screen}");
    assert_eq!(ratings(&place.saved()), ratings(&place.prod));
}
