//! The driver of the interactive self-diagnosis: sets up the terminal, turns key presses into
//! actions through the key table, runs `update`, and performs its effects (saving, opening,
//! listing) with the storage layer, feeding the results back as actions.
//!
//! Every change is saved (atomically, with a backup) before the next frame is drawn, so what is
//! on screen is on disk. The loop is generic over the terminal backend and the event source, so
//! tests drive it headless with scripted keys.

use std::collections::VecDeque;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event, KeyEvent};

use crate::app::{Action, App, Effect, Notice, update_at};
use crate::config::Config;
use crate::exit::Exit;
use crate::i18n::{Lang, Strings};
use crate::messages::Problem;
use crate::model::diagnostic::{Code, Diagnostic};
use crate::model::{Answers, FileError, Questionnaire};
use crate::storage::{Dirs, LoadFailure, Session, Store, StoreError};
use crate::ui::{self, Theme, Ui};

pub(crate) mod console;

/// How often an idle loop looks for changes another window saved.
const TICK: Duration = Duration::from_millis(1000);

/// Where key presses come from: the terminal, or a script in tests.
pub trait Events {
    /// The next event, or `None` when `timeout` passed without one.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;
}

/// The real terminal's events.
pub struct TerminalEvents;

impl Events for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if event::poll(timeout)? {
            event::read().map(Some)
        } else {
            Ok(None)
        }
    }
}

/// Starts the interactive self-diagnosis. `lang` from the command line wins over the config,
/// and so do `peers` (`--peers STORE`, already read) over the collection kept there.
pub fn run(
    q: Questionnaire,
    lang: Option<Lang>,
    peers: Option<(PathBuf, crate::collection::peers::Peers)>,
) -> Exit {
    let env_lang = lang.unwrap_or_else(Lang::from_env);
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        eprint!("{}", Strings::of(env_lang).get("tui.not_a_terminal"));
        return Exit::BadInput;
    }
    // A terminal that cannot place the cursor or draw (TERM=dumb, or no TERM at all, as under
    // some service managers and serial consoles) gets the commands instead of a garbled screen.
    if !drawable(std::env::var("TERM").ok().as_deref()) {
        eprint!("{}", Strings::of(env_lang).get("tui.dumb_terminal"));
        return Exit::BadInput;
    }
    let dirs = match Dirs::from_env() {
        Ok(dirs) => dirs,
        Err(e) => {
            eprintln!("{}", e.render(Strings::of(env_lang)));
            return Exit::BadInput;
        }
    };
    let config = Config::load(&dirs.config_file());
    let (lang, console_english) = interface_lang(lang, config.lang);
    let store = match Store::open(dirs.assessments_dir()).and_then(|store| {
        store.check_writable()?;
        Ok(store)
    }) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("{}", e.render(Strings::of(lang)));
            return Exit::BadInput;
        }
    };
    let theme = Theme::from_env();
    let ui = Ui::new(config.keymap.clone(), theme);
    let mut app = App::new(Arc::new(q), lang);
    app.export_dir = dirs.exports_dir();
    let mut driver = Driver::new(store, dirs.state_file()).remembering(dirs.config_file());
    let mut startup = driver.startup(&app);
    // The collection kept in the settings may have moved (a USB stick): said, not fatal.
    let peers = match peers {
        Some(given) => Some(given),
        None => config.peers.and_then(|path| match read_peers(&path) {
            Ok(peers) => Some((path, peers)),
            Err(e) => {
                let problem = Problem::Collection(Arc::new(e));
                startup.push(Action::Notice(Notice::PeersNotLoaded(problem)));
                None
            }
        }),
    };
    if let Some((path, peers)) = peers {
        app.peers = Some(Arc::new(peers));
        app.peers_path = Some(path);
    }
    if console_english {
        startup.push(Action::Notice(Notice::ConsoleEnglish));
    }
    if let Some(problem) = &config.problem {
        let text = problem.render(Strings::of(lang));
        startup.push(Action::Notice(Notice::ConfigProblem {
            problem: first_line(&text),
        }));
    }

    let mut terminal = match console::start(theme.palette) {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            let error = e.to_string();
            eprint!(
                "{}",
                Strings::of(lang).fmt("tui.init_failed", &[("error", &error)])
            );
            return Exit::BadInput;
        }
    };
    let result = {
        for action in startup {
            dispatch(&mut app, &mut driver, action);
        }
        run_loop(
            &mut terminal,
            &mut TerminalEvents,
            &mut app,
            &mut driver,
            &ui,
        )
    };
    ratatui::restore();
    match result {
        Ok(()) => rescue_unsaved(&app),
        Err(e) => {
            let error = e.to_string();
            eprint!(
                "{}",
                Strings::of(lang).fmt("tui.terminal_lost", &[("error", &error)])
            );
            match rescue_unsaved(&app) {
                Exit::Ok => Exit::Failed,
                other => other,
            }
        }
    }
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").to_string()
}

/// Draw, wait for a key (or a tick), update, perform effects; until the user quits.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    events: &mut impl Events,
    app: &mut App,
    driver: &mut Driver,
    ui: &Ui,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    loop {
        terminal
            .draw(|frame| ui::render(frame, app, ui))
            .map_err(io::Error::other)?;
        let Some(event) = events.next(TICK)? else {
            for action in driver.tick(app) {
                dispatch(app, driver, action);
            }
            continue;
        };
        let Event::Key(key) = event else {
            // Resizes and the rest: the next draw adapts.
            continue;
        };
        let Some(key) = key.is_press().then_some(key) else {
            continue;
        };
        test_panic_hook(&key);
        let action = ui.keymap.resolve(crate::keymap::context(app), &key);
        if let Some(action) = action
            && dispatch(app, driver, action) == Flow::Quit
        {
            return Ok(());
        }
    }
}

/// For the panic test: with ZIZHEN_TEST_PANIC set, F12 panics (to show that the terminal is
/// restored and the saved answers are intact). Only in debug builds, which the tests run.
#[cfg(debug_assertions)]
fn test_panic_hook(key: &KeyEvent) {
    use ratatui::crossterm::event::KeyCode;
    if key.code == KeyCode::F(12) && std::env::var_os("ZIZHEN_TEST_PANIC").is_some() {
        panic!("test panic requested with ZIZHEN_TEST_PANIC");
    }
}

#[cfg(not(debug_assertions))]
fn test_panic_hook(_key: &KeyEvent) {}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

/// Runs an action and every effect it leads to, feeding results back, until all settle.
pub fn dispatch(app: &mut App, driver: &mut Driver, action: Action) -> Flow {
    let mut queue = VecDeque::from([action]);
    while let Some(action) = queue.pop_front() {
        for effect in update_at(app, action, Some(now())) {
            if effect == Effect::Quit {
                return Flow::Quit;
            }
            queue.extend(driver.perform(app, effect));
        }
    }
    Flow::Continue
}

/// Performs effects with the storage layer.
pub struct Driver {
    store: Store,
    state_file: PathBuf,
    /// Where a language switched with `L` is remembered (none: not remembered).
    config_file: Option<PathBuf>,
    session: Option<Session>,
}

impl Driver {
    pub fn new(store: Store, state_file: PathBuf) -> Driver {
        Driver {
            store,
            state_file,
            config_file: None,
            session: None,
        }
    }

    /// Remembers a language switch in this config file.
    pub fn remembering(self, config_file: PathBuf) -> Driver {
        Driver {
            config_file: Some(config_file),
            ..self
        }
    }

    /// What to do first: tidy up after interrupted saves, then reopen the assessment last worked
    /// on, if there is one (also when only its backup is left: the recovery screen offers it).
    pub fn startup(&mut self, app: &App) -> Vec<Action> {
        let tidied = self.store.tidy(&app.q);
        let mut actions = match Store::last_opened(&self.state_file) {
            Some(name) if self.store.exists(&name) || self.store.has_backup(&name) => {
                self.open(app, &name)
            }
            _ => Vec::new(),
        };
        if !tidied.restored.is_empty() {
            actions.push(Action::Notice(Notice::TempRestored {
                names: tidied.restored.join(", "),
            }));
        }
        actions
    }

    pub fn session_name(&self) -> Option<&str> {
        self.session.as_ref().map(Session::name)
    }

    fn strings(app: &App) -> &'static Strings {
        Strings::of(app.lang)
    }

    fn failed(error: StoreError) -> Action {
        Action::Failed(Problem::store(error))
    }

    pub fn perform(&mut self, app: &App, effect: Effect) -> Vec<Action> {
        match effect {
            Effect::Save { answers } => self.save(app, &answers),
            Effect::Create { name, answers } => self.create(app, name, *answers),
            Effect::CreateCopy { wanted, answers } => {
                let name = self.store.free_name(&wanted);
                self.create(app, Some(name), *answers)
            }
            Effect::Close => {
                self.session = None;
                Vec::new()
            }
            Effect::Open(name) => self.open(app, &name),
            Effect::OpenBackup(name) => self.open_backup(app, &name),
            Effect::Rename { old, new } => match self.store.rename(&old, &new) {
                Ok(()) => {
                    let mut actions = Vec::new();
                    if self.session_name() == Some(old.as_str()) {
                        // Open again under the new name; the notice says it was renamed.
                        actions = self.open(app, &new);
                        actions.retain(|a| !matches!(a, Action::Notice(Notice::Opened { .. })));
                    }
                    actions.push(Action::Notice(Notice::Renamed { name: new }));
                    actions
                }
                Err(e) => vec![Driver::failed(e)],
            },
            Effect::Duplicate { source, target } => match self.store.duplicate(&source, &target) {
                Ok(()) => vec![Action::Notice(Notice::Duplicated { name: target })],
                Err(e) => vec![Driver::failed(e)],
            },
            Effect::Delete(name) => match self.store.delete(&name) {
                Ok(path) => vec![Action::Notice(Notice::Deleted {
                    path: path.display().to_string(),
                })],
                Err(e) => vec![Driver::failed(e)],
            },
            Effect::List => match self.store.list() {
                Ok(entries) => {
                    let only_backup = Driver::strings(app).get("ui.backup_only").to_string();
                    vec![Action::Listed(
                        entries
                            .into_iter()
                            .map(|e| {
                                let mut when = e.modified.map(format_time).unwrap_or_default();
                                if e.backup_only {
                                    when = format!("{when}  {only_backup}");
                                }
                                (e.name, when)
                            })
                            .collect(),
                    )]
                }
                Err(e) => vec![Driver::failed(e)],
            },
            Effect::Export(path) => self.export(app, &path),
            Effect::Import(path) => self.import(app, &path),
            Effect::ReadForMerge(path) => read_for_merge(&app.q, &path),
            Effect::SaveCopy(path) => save_copy(app, &path),
            Effect::RememberLanguage(lang) => match &self.config_file {
                Some(path) => match crate::config::remember_lang(path, lang) {
                    Ok(()) => Vec::new(),
                    Err(e) => vec![Action::Notice(Notice::LanguageNotKept(Problem::File(
                        Arc::new(e),
                    )))],
                },
                None => Vec::new(),
            },
            Effect::LoadPeers(path) => self.load_peers(&path),
            Effect::Quit => Vec::new(),
        }
    }

    /// Opens the collection at `path` to compare X with, and keeps the choice in the settings
    /// (an empty path puts the comparison away, and forgets it).
    fn load_peers(&mut self, path: &str) -> Vec<Action> {
        let chosen = if path.is_empty() {
            None
        } else {
            let path = PathBuf::from(path);
            match read_peers(&path) {
                // Kept as a whole path: the next start may be in another folder.
                Ok(peers) => Some((std::fs::canonicalize(&path).unwrap_or(path), peers)),
                Err(e) => return vec![Action::Failed(Problem::Collection(Arc::new(e)))],
            }
        };
        let mut actions = Vec::new();
        if let Some(config) = &self.config_file
            && let Err(e) =
                crate::config::remember_peers(config, chosen.as_ref().map(|c| c.0.as_path()))
        {
            actions.push(Action::Notice(Notice::PeersNotKept(Problem::file(e))));
        }
        let (path, peers) = chosen.map_or((None, None), |(path, peers)| {
            (Some(path), Some(Arc::new(peers)))
        });
        actions.insert(0, Action::PeersChosen { path, peers });
        actions
    }

    /// Writes the open assessment's result file (with a backup of a file already there).
    fn export(&mut self, app: &App, path: &str) -> Vec<Action> {
        let path = PathBuf::from(path);
        let file = crate::result::build(&app.q, &app.answers, Some(&app.name));
        match crate::storage::write_shared(&path, &crate::result::to_bytes(&file)) {
            Ok(()) => {
                let shown = std::fs::canonicalize(&path).unwrap_or(path);
                vec![Action::Notice(Notice::Exported {
                    path: shown.display().to_string(),
                    level: file.score.level.to_string(),
                })]
            }
            Err(e) => {
                let problem = Diagnostic::new(Code::WriteFailed).io_error(&e);
                let error = FileError::single(&path, None, problem);
                vec![Action::Failed(Problem::file(error))]
            }
        }
    }

    /// Verifies a result file and opens it as a new assessment.
    fn import(&mut self, app: &App, path: &str) -> Vec<Action> {
        let path = PathBuf::from(path);
        let verified = crate::result::load(&path)
            .and_then(|f| crate::result::verify_answers(&path, f, &crate::result::known(&app.q)));
        match verified {
            Ok(v) => match self.store.holding(&v.answers, &app.q) {
                // The same result again: open the one already imported.
                Some(name) => {
                    let mut actions = self.open(app, &name);
                    actions.retain(|a| !matches!(a, Action::Notice(Notice::Opened { .. })));
                    actions.push(Action::Notice(Notice::AlreadyImported { name }));
                    actions
                }
                None => {
                    let wanted = crate::result::suggested_name(&v.file, &path);
                    let name = self.store.free_name(&wanted);
                    self.create(app, Some(name), v.answers)
                }
            },
            Err(e) => vec![Action::Failed(Problem::file(e))],
        }
    }

    /// Saves `ours`; reports back only what changes the state: answers merged in from another
    /// window, a save that failed or succeeded again, a damaged file set aside.
    fn save(&mut self, app: &App, ours: &Answers) -> Vec<Action> {
        let Some(session) = self.session.as_mut() else {
            return Vec::new();
        };
        match session.save(ours, &app.q) {
            Ok(saved) => {
                let mut actions = Vec::new();
                if app.unsaved.is_some() {
                    actions.push(Action::SaveRecovered);
                }
                if saved.answers != *ours {
                    actions.push(Action::Synced(Box::new(saved.answers)));
                }
                if let Some(path) = saved.quarantined {
                    actions.push(Action::Notice(Notice::Quarantined {
                        path: path.display().to_string(),
                    }));
                }
                actions
            }
            Err(e) => {
                let error = Problem::store(e);
                vec![
                    Action::SaveFailed {
                        error: error.clone(),
                        on_disk: Box::new(session.base().clone()),
                    },
                    Action::Notice(Notice::SaveFailed(error)),
                ]
            }
        }
    }

    fn create(&mut self, app: &App, name: Option<String>, answers: Answers) -> Vec<Action> {
        let name = match name {
            Some(name) => name,
            None => self.free_default_name(app),
        };
        match Session::create(&self.store, &name, &answers) {
            Ok(session) => {
                let name = session.name().to_string();
                self.session = Some(session);
                let _ = Store::set_last_opened(&self.state_file, &name);
                vec![
                    Action::Opened {
                        name: name.clone(),
                        answers: Box::new(answers),
                    },
                    Action::Notice(Notice::Created { name }),
                ]
            }
            Err(e) => vec![Driver::failed(e)],
        }
    }

    /// "自诊 2026-11-21" (or "assessment 2026-11-21"), with " (2)", " (3)" … when taken.
    fn free_default_name(&self, app: &App) -> String {
        let date = humantime::format_rfc3339_seconds(SystemTime::now()).to_string();
        let base = Driver::strings(app).fmt("tui.default_name", &[("date", &date[..10])]);
        self.store.free_name(&base)
    }

    fn open(&mut self, app: &App, name: &str) -> Vec<Action> {
        match Session::open(&self.store, name, &app.q) {
            Ok((session, answers)) => {
                let migrated = session.migrated().cloned();
                self.session = Some(session);
                let _ = Store::set_last_opened(&self.state_file, name);
                let mut actions = vec![
                    Action::Opened {
                        name: name.to_string(),
                        answers: Box::new(answers),
                    },
                    Action::Notice(Notice::Opened {
                        name: name.to_string(),
                    }),
                ];
                actions.extend(migrated.map(|m| Action::Migrated(Box::new(m))));
                actions
            }
            Err(LoadFailure { error, backup }) => {
                self.session = None;
                vec![Action::OpenFailed {
                    name: name.to_string(),
                    problem: Problem::store(error),
                    backup: backup.map(Box::new),
                }]
            }
        }
    }

    /// Makes the backup the assessment again (the damaged file kept aside), then opens it.
    fn open_backup(&mut self, app: &App, name: &str) -> Vec<Action> {
        self.session = None;
        let kept = match self.store.restore_backup(name, &app.q) {
            Ok(kept) => kept,
            Err(e) => return vec![Driver::failed(e)],
        };
        let mut actions = self.open(app, name);
        actions.retain(|a| !matches!(a, Action::Notice(Notice::Opened { .. })));
        actions.push(match kept {
            Some(path) => Action::Notice(Notice::Recovered {
                path: path.display().to_string(),
            }),
            None => Action::Notice(Notice::RecoveredMissing {
                name: name.to_string(),
            }),
        });
        actions
    }

    /// Retries a failed save; otherwise adopts what another window saved meanwhile.
    pub fn tick(&mut self, app: &App) -> Vec<Action> {
        if app.unsaved.is_some() {
            let mut actions = self.save(app, &app.answers.clone());
            // A retry that fails again changes nothing on screen: no new message each second.
            actions.retain(|a| !matches!(a, Action::Notice(Notice::SaveFailed(_))));
            return actions;
        }
        let Some(session) = self.session.as_mut() else {
            return Vec::new();
        };
        match session.refresh(&app.answers, &app.q) {
            Ok(Some(merged)) if merged != app.answers => vec![
                Action::Synced(Box::new(merged)),
                Action::Notice(Notice::Merged),
            ],
            Ok(_) => Vec::new(),
            Err(e) => vec![Action::Notice(Notice::SaveFailed(Problem::store(e)))],
        }
    }
}

/// Writes the answers to `path` as well (the assessment itself stays where it is).
fn save_copy(app: &App, path: &str) -> Vec<Action> {
    let path = PathBuf::from(path);
    match crate::storage::write_atomic(&path, app.answers.to_toml().as_bytes()) {
        Ok(()) => {
            let shown = std::fs::canonicalize(&path).unwrap_or(path);
            vec![Action::Notice(Notice::CopySaved {
                path: shown.display().to_string(),
            })]
        }
        Err(e) => {
            let problem = Diagnostic::new(Code::WriteFailed).io_error(&e);
            let error = FileError::single(&path, None, problem);
            vec![Action::Failed(Problem::file(error))]
        }
    }
}

/// When the user quits with changes that could not be saved: a last attempt to keep them in
/// the temp folder, and a message on standard error either way.
fn rescue_unsaved(app: &App) -> Exit {
    let Some(unsaved) = &app.unsaved else {
        return Exit::Ok;
    };
    let s = Strings::of(app.lang);
    let stamp = humantime::format_rfc3339_seconds(SystemTime::now())
        .to_string()
        .replace([':', '-'], "");
    let file = std::env::temp_dir().join(format!("zizhen-unsaved-{}-{stamp}.toml", app.name));
    match crate::storage::write_atomic(&file, app.answers.to_toml().as_bytes()) {
        Ok(()) => eprintln!(
            "{}",
            s.fmt(
                "tui.unsaved_rescued",
                &[
                    ("error", &unsaved.error.first_line(s)),
                    ("path", &file.display().to_string())
                ]
            )
        ),
        Err(e) => eprintln!(
            "{}",
            s.fmt(
                "tui.unsaved_lost",
                &[
                    ("error", &unsaved.error.first_line(s)),
                    ("detail", &e.to_string())
                ]
            )
        ),
    }
    Exit::Failed
}

/// The current time as the answers record it (RFC 3339, UTC, seconds).
fn now() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}

/// A file's time as the user's clock shows it (the system time zone); in UTC, and saying so,
/// where the system does not tell its zone.
fn format_time(time: SystemTime) -> String {
    format_time_in(time, jiff::tz::TimeZone::try_system().ok())
}

fn format_time_in(time: SystemTime, zone: Option<jiff::tz::TimeZone>) -> String {
    let Ok(at) = jiff::Timestamp::try_from(time) else {
        return String::new();
    };
    match zone {
        Some(zone) => at.to_zoned(zone).strftime("%Y-%m-%d %H:%M").to_string(),
        None => format!("{} UTC", at.strftime("%Y-%m-%d %H:%M")),
    }
}

/// Whether a terminal of this `TERM` can show the interface.
pub(crate) fn drawable(term: Option<&str>) -> bool {
    !matches!(term.map(str::trim), None | Some("" | "dumb" | "unknown"))
}

/// The language of an interface on this terminal, and whether it is English only because the
/// terminal is the Linux text console, which has no font for Chinese characters (to be said).
/// A language the user chose (`flag`, the `settings`, `ZIZHEN_LANG`) always wins.
pub fn interface_lang(flag: Option<Lang>, settings: Option<Lang>) -> (Lang, bool) {
    let system = flag.unwrap_or_else(Lang::from_env);
    let console = std::env::var("TERM").is_ok_and(|t| t == "linux");
    let chosen = flag
        .or(settings)
        .or_else(|| Lang::parse(&std::env::var("ZIZHEN_LANG").ok()?));
    let console_english = console && chosen.is_none() && system == Lang::ZhCn;
    let lang = match chosen {
        Some(lang) => lang,
        None if console_english => Lang::En,
        None => system,
    };
    (lang, console_english)
}

/// The enterprises of the collection at `path`, to compare X with.
fn read_peers(
    path: &Path,
) -> Result<crate::collection::peers::Peers, crate::collection::StoreError> {
    crate::collection::Store::open_existing(path).and_then(|store| store.peers())
}

/// Reads a file to merge into the open assessment: a result file (`.json`, verified like an
/// import), else an answers file. Named for labels by its file name without extension.
fn read_for_merge(q: &Questionnaire, path: &str) -> Vec<Action> {
    let path = PathBuf::from(path);
    let is_result = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let read = if is_result {
        crate::result::load(&path)
            .and_then(|f| crate::result::verify_answers(&path, f, &crate::result::known(q)))
            .map(|verified| verified.answers)
    } else {
        Answers::load(&path, q)
    };
    match read {
        Ok(answers) => {
            let name = path
                .file_stem()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            vec![Action::MergeRead {
                name,
                answers: Box::new(answers),
            }]
        }
        Err(e) => vec![Action::Failed(Problem::file(e))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dumb_terminals_are_told_the_commands() {
        assert!(!drawable(None));
        assert!(!drawable(Some("dumb")));
        assert!(!drawable(Some("")));
        assert!(drawable(Some("linux")));
        assert!(drawable(Some("xterm-256color")));
        assert!(drawable(Some("screen")));
    }

    #[test]
    fn list_times_are_in_the_users_time_zone() {
        // 2026-12-02 04:30 UTC is 12:30 in Shanghai.
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_185_800);
        let shanghai = jiff::tz::TimeZone::get("Asia/Shanghai").ok();
        if shanghai.is_some() {
            assert_eq!(format_time_in(time, shanghai), "2026-12-02 12:30");
        }
        let fixed = jiff::tz::TimeZone::fixed(jiff::tz::offset(8));
        assert_eq!(format_time_in(time, Some(fixed)), "2026-12-02 12:30");
        assert_eq!(format_time_in(time, None), "2026-12-02 04:30 UTC");
    }
}
