//! Saves that fail: the interface keeps the changes on screen, says so in a banner that stays,
//! marks the ratings that are not on disk, retries every tick and on Ctrl-S, offers a copy
//! elsewhere, and does not quit without asking. Headless: the real driver and storage on a
//! temporary folder, keys resolved through the real key table, screens drawn on a TestBackend.

use std::collections::VecDeque;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use zizhen::app::{App, Overlay, Screen};
use zizhen::i18n::Lang;
use zizhen::keymap::Keymap;
use zizhen::model::{Answers, Questionnaire, Rating};
use zizhen::storage::Store;
use zizhen::tui::{Driver, Events, Flow, dispatch, run_loop};
use zizhen::ui::{self, Theme, Ui};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Scripted keys for `run_loop`; Ctrl-C when they run out.
struct Script(VecDeque<KeyEvent>);

impl Events for Script {
    fn next(&mut self, _timeout: Duration) -> io::Result<Option<Event>> {
        Ok(Some(Event::Key(self.0.pop_front().unwrap_or(ctrl('c')))))
    }
}

struct Place {
    root: tempfile::TempDir,
}

impl Place {
    fn new() -> Place {
        Place {
            root: tempfile::tempdir().unwrap(),
        }
    }

    fn assessments(&self) -> PathBuf {
        self.root.path().join("data/assessments")
    }

    fn state(&self) -> PathBuf {
        self.root.path().join("data/state.toml")
    }

    /// The interface as `zizhen` starts it, on this place.
    fn start(&self) -> Tui {
        let q = Arc::new(Questionnaire::embedded());
        let store = Store::open(self.assessments()).unwrap();
        let mut driver = Driver::new(store, self.state());
        let mut app = App::new(q, Lang::En);
        for action in driver.startup(&app) {
            dispatch(&mut app, &mut driver, action);
        }
        let mut tui = Tui {
            app,
            driver,
            ui: Ui::new(Keymap::default(), Theme::new(false)),
            terminal: Terminal::new(TestBackend::new(100, 30)).unwrap(),
            quit: false,
        };
        tui.draw();
        tui
    }
}

/// The loop of `run_loop`, one step at a time, so that each screen can be looked at.
struct Tui {
    app: App,
    driver: Driver,
    ui: Ui,
    terminal: Terminal<TestBackend>,
    quit: bool,
}

impl Tui {
    fn draw(&mut self) {
        let (app, ui) = (&self.app, &self.ui);
        self.terminal.draw(|f| ui::render(f, app, ui)).unwrap();
    }

    fn press(&mut self, key: KeyEvent) {
        assert!(!self.quit, "a key after quitting");
        let action = if key.code == KeyCode::Char('c') && key.modifiers == KeyModifiers::CONTROL {
            Some(zizhen::app::Action::Quit)
        } else {
            self.ui
                .keymap
                .resolve(zizhen::keymap::context(&self.app), &key)
        };
        if let Some(action) = action {
            self.quit = dispatch(&mut self.app, &mut self.driver, action) == Flow::Quit;
        }
        self.draw();
    }

    fn keys(&mut self, keys: &[KeyEvent]) {
        for &k in keys {
            self.press(k);
        }
    }

    fn text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(ch(c));
        }
    }

    /// A second passes without a key.
    fn tick(&mut self) {
        for action in self.driver.tick(&self.app) {
            dispatch(&mut self.app, &mut self.driver, action);
        }
        self.draw();
    }

    fn screen(&self) -> String {
        format!("{}", self.terminal.backend())
    }

    /// Presses a rating key; the id of the requirement it rated (the list then moves on).
    fn rate(&mut self, key: char) -> String {
        let before = self.app.answers.ratings.clone();
        self.press(ch(key));
        let changed: Vec<&String> = self
            .app
            .answers
            .ratings
            .iter()
            .filter(|(id, r)| before.get(*id) != Some(r))
            .map(|(id, _)| id)
            .collect();
        assert_eq!(changed.len(), 1, "{}", self.screen());
        changed[0].clone()
    }
}

/// Makes writing into the assessments folder fail until dropped. A read-only folder where
/// that stops writes; as root (whom permissions do not stop) the assessment's lock file is
/// replaced by a folder, which no one can open for writing.
struct WritesBlocked {
    dir: PathBuf,
    lock: Option<PathBuf>,
}

fn block_writes(dir: &Path, file: &Path) -> WritesBlocked {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o500)).unwrap();
    let probe = dir.join("probe");
    if std::fs::write(&probe, "x").is_err() {
        return WritesBlocked {
            dir: dir.to_path_buf(),
            lock: None,
        };
    }
    std::fs::remove_file(&probe).unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    let mut lock = file.as_os_str().to_owned();
    lock.push(".lock");
    let lock = PathBuf::from(lock);
    let _ = std::fs::remove_file(&lock);
    std::fs::create_dir(&lock).unwrap();
    WritesBlocked {
        dir: dir.to_path_buf(),
        lock: Some(lock),
    }
}

impl Drop for WritesBlocked {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&self.dir, std::fs::Permissions::from_mode(0o700));
        if let Some(lock) = &self.lock {
            let _ = std::fs::remove_dir(lock);
        }
    }
}

fn load(path: &Path) -> Answers {
    Answers::load(path, &Questionnaire::embedded()).unwrap()
}

/// A first run: welcome → profile → main, one rating (strategy.1.1 FI), quit. The file.
fn first_run(place: &Place) -> PathBuf {
    let mut keys = vec![key(KeyCode::Enter)];
    keys.extend("Acme".chars().map(ch));
    keys.extend([key(KeyCode::Down), key(KeyCode::Down)]);
    keys.extend("36".chars().map(ch));
    keys.push(key(KeyCode::Enter));
    keys.extend([key(KeyCode::Down); 5]);
    keys.push(key(KeyCode::Enter));
    keys.extend([key(KeyCode::Right), ch('4')]);
    let mut tui = place.start();
    run_loop(
        &mut tui.terminal,
        &mut Script(keys.into()),
        &mut tui.app,
        &mut tui.driver,
        &tui.ui,
    )
    .unwrap();
    let files: Vec<PathBuf> = std::fs::read_dir(place.assessments())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.into_iter().next().unwrap()
}

#[cfg(unix)]
#[test]
fn a_failed_save_stays_on_screen_until_a_save_succeeds() {
    let place = Place::new();
    let file = first_run(&place);
    let dir = place.assessments();
    let mut t = place.start();
    assert_eq!(t.app.screen, Screen::Main);
    // Reopened on the requirement after the one rated last.
    t.press(key(KeyCode::Right));
    assert!(t.screen().contains("[FI] strategy.1.1"), "{}", t.screen());

    let blocked = block_writes(&dir, &file);
    let first = t.rate('3'); // LI, not saved
    let screen = t.screen();
    let unsaved = t
        .app
        .unsaved
        .as_ref()
        .expect("the failed save is remembered");
    let said = unsaved
        .error
        .first_line(zizhen::i18n::Strings::of(zizhen::i18n::Lang::En));
    assert!(!said.is_empty(), "the failure says why");
    assert!(screen.contains("NOT SAVED"), "{screen}");
    assert!(screen.contains(&format!("[LI* {first}")), "{screen}");
    assert!(
        screen.contains("[FI] strategy.1.1"),
        "saved before: {screen}"
    );
    assert_eq!(
        t.app.answers.rating(&first),
        Some(Rating::LI),
        "the change stays on screen"
    );
    assert!(!load(&file).ratings.contains_key(&first), "not on disk");

    // Still failing: retried each tick, the banner stays.
    t.tick();
    assert!(t.app.unsaved.is_some() && t.screen().contains("NOT SAVED"));

    // q asks first; Esc goes back; Ctrl-C asks too.
    t.press(ch('q'));
    assert!(!t.quit, "q with unsaved changes does not quit");
    assert_eq!(t.app.overlay, Some(Overlay::ConfirmQuit));
    assert!(t.screen().contains("Changes not saved"), "{}", t.screen());
    t.press(key(KeyCode::Esc));
    assert!(!t.quit && t.app.overlay.is_none(), "{}", t.screen());
    t.press(ctrl('c'));
    assert!(!t.quit);
    assert_eq!(t.app.overlay, Some(Overlay::ConfirmQuit));
    t.press(key(KeyCode::Esc));

    // The banner says it in Chinese too.
    t.press(ch('L'));
    assert!(t.screen().contains("未保存"), "{}", t.screen());
    t.press(ch('L'));

    // w: a copy elsewhere, with the change in it; the assessment itself is still unsaved.
    let copy = place.root.path().join("copy.toml");
    t.press(ch('w'));
    assert!(matches!(t.app.overlay, Some(Overlay::SaveCopyPath(_))));
    t.keys(&[key(KeyCode::Backspace); 80]);
    t.text(&copy.display().to_string());
    t.press(key(KeyCode::Enter));
    assert_eq!(load(&copy).ratings[&first].rating, Rating::LI);
    assert!(t.app.unsaved.is_some());

    // Writable again: the next tick saves, the banner goes.
    drop(blocked);
    t.tick();
    assert!(t.app.unsaved.is_none(), "{}", t.screen());
    let screen = t.screen();
    assert!(!screen.contains("NOT SAVED"), "{screen}");
    assert!(screen.contains(&format!("[LI] {first}")), "{screen}");
    assert!(
        screen.contains("Saved: everything on screen is on disk again"),
        "{screen}"
    );
    assert_eq!(load(&file).ratings[&first].rating, Rating::LI);

    // Again, and Ctrl-S saves without waiting for the tick.
    let blocked = block_writes(&dir, &file);
    let second = t.rate('2'); // PI
    assert!(t.app.unsaved.is_some());
    assert!(
        t.screen().contains(&format!("[PI* {second}")),
        "{}",
        t.screen()
    );
    t.press(ctrl('s'));
    assert!(t.app.unsaved.is_some(), "still blocked");
    drop(blocked);
    t.press(ctrl('s'));
    assert!(t.app.unsaved.is_none());
    assert!(!t.screen().contains("NOT SAVED"));
    assert_eq!(load(&file).ratings[&second].rating, Rating::PI);

    // Once more, and quit anyway: the loop ends only after y.
    let _blocked = block_writes(&dir, &file);
    let third = t.rate('1'); // NI
    assert!(t.app.unsaved.is_some());
    let Tui {
        mut terminal,
        mut app,
        mut driver,
        ui,
        ..
    } = t;
    run_loop(
        &mut terminal,
        &mut Script(VecDeque::from([ch('q'), ch('y')])),
        &mut app,
        &mut driver,
        &ui,
    )
    .unwrap();
    assert!(app.unsaved.is_some(), "quit with the change unsaved");
    assert!(!load(&file).ratings.contains_key(&third));
}
