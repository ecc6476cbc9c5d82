//! The terminal loop of the interactive index: keys, and every two seconds a look at whether
//! the store changed (the database file and its write-ahead log), then the index again.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};

use super::{Effect, Key, State, render};
use crate::collection::Store;
use crate::collection::query::Index;
use crate::exit::Exit;
use crate::i18n::Strings;
use crate::ui::Theme;

const WATCH: Duration = Duration::from_secs(2);

/// What says the store changed: size and time of the file and of its `-wal` file.
fn signature(path: &Path) -> Vec<Option<(u64, SystemTime)>> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    [path.to_path_buf(), PathBuf::from(wal)]
        .iter()
        .map(|p| {
            let m = std::fs::metadata(p).ok()?;
            Some((m.len(), m.modified().ok()?))
        })
        .collect()
}

pub fn now() -> String {
    jiff::Zoned::now().strftime("%H:%M:%S").to_string()
}

fn key_of(code: KeyCode, modifiers: KeyModifiers) -> Option<Key> {
    Some(match code {
        KeyCode::Char('c') if modifiers.contains(KeyModifiers::CONTROL) => Key::Quit,
        KeyCode::Char('q') | KeyCode::Char('Q') => Key::Quit,
        KeyCode::Up | KeyCode::Char('k') => Key::Up,
        KeyCode::Down | KeyCode::Char('j') => Key::Down,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Char(c @ '1'..='6') => Key::Number(c as u8 - b'0'),
        KeyCode::Enter | KeyCode::Right => Key::Enter,
        KeyCode::Backspace | KeyCode::Esc | KeyCode::Left => Key::Back,
        _ => return None,
    })
}

/// Runs the view until the user quits. `compute` is the index of a set of filters.
pub fn run(
    path: &Path,
    store: &Store,
    mut state: State,
    s: &Strings,
    compute: impl Fn(&Store, &crate::collection::query::Filters) -> Result<Index, String>,
) -> Exit {
    let theme = Theme::from_env();
    let mut terminal = match crate::tui::console::start(theme.palette) {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            eprint!("{}", s.fmt("tui.init_failed", &[("error", &e.to_string())]));
            return Exit::BadInput;
        }
    };
    let result = (|| -> io::Result<Option<String>> {
        let mut seen = signature(path);
        let mut looked = Instant::now();
        loop {
            terminal
                .draw(|frame| render::render(frame, &state, s, &theme))
                .map_err(io::Error::other)?;
            if event::poll(Duration::from_millis(250))?
                && let Event::Key(key) = event::read()?
                && key.kind == KeyEventKind::Press
                && let Some(key) = key_of(key.code, key.modifiers)
            {
                match state.update(key) {
                    Effect::Quit => return Ok(None),
                    Effect::None => {}
                    Effect::Recompute => match compute(store, &state.filters()) {
                        Ok(index) => state.set_index(index, now()),
                        Err(e) => return Ok(Some(e)),
                    },
                }
            }
            if looked.elapsed() >= WATCH {
                looked = Instant::now();
                if signature(path) != seen {
                    // A collector writing at this moment: try again at the next look.
                    if let Ok(index) = compute(store, &state.filters()) {
                        state.set_index(index, now());
                        // Taken after the reading, so the reading itself is not a change.
                        seen = signature(path);
                    }
                }
            }
        }
    })();
    ratatui::restore();
    match result {
        Ok(None) => Exit::Ok,
        Ok(Some(error)) => {
            eprintln!("{error}");
            Exit::BadInput
        }
        Err(e) => {
            eprint!(
                "{}",
                s.fmt("tui.terminal_lost", &[("error", &e.to_string())])
            );
            Exit::Failed
        }
    }
}
