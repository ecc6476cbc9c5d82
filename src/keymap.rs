//! Keys: one table of (context, key, action), with each action's description in the locales
//! (`keys.<action>`). The `?` help and the footer hints are generated from this table, so they
//! cannot drift from what the keys do. A user's `[keys]` table in config.toml adds or replaces
//! main-screen bindings (`"ctrl-s" = "next_unrated"`).

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::state::{ListPrompt, Overlay, Screen};
use crate::app::{Action, App};
use crate::model::Rating;
use crate::model::diagnostic::{Code, Diagnostic};

/// A key with its modifiers, written like `ctrl-r`, `shift-tab`, `f2`, `pagedown`, `?`, `j`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    pub const fn alt(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: true,
        }
    }

    /// The key of a terminal event (shift is part of the character, or of BackTab).
    pub fn of(event: &KeyEvent) -> Key {
        Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    pub fn parse(text: &str) -> Option<Key> {
        let lower = text.trim().to_ascii_lowercase();
        let (mut ctrl, mut alt) = (false, false);
        let mut rest = lower.as_str();
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "backspace" => KeyCode::Backspace,
            "delete" => KeyCode::Delete,
            "space" => KeyCode::Char(' '),
            f if f.starts_with('f') && f.len() > 1 => KeyCode::F(f[1..].parse().ok()?),
            _ => {
                // A single character keeps its case as written ("T" is shift-t).
                let original = &text.trim()[text.trim().len() - rest.len()..];
                let mut chars = original.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(c)
            }
        };
        Some(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Which key table applies now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    Welcome,
    Main,
    /// The profile form: printable keys type into the focused field.
    Form,
    /// The list of saved assessments.
    List,
    /// A popup that is read and scrolled (help, explanation, gap list).
    Popup,
    /// A one-line text field (note, tailoring reason, search, a name).
    Text,
    /// A question answered with one key (a level, y/n, a recovery choice).
    Dialog,
    /// The list of demo companies.
    Demos,
}

/// Which key table applies now: the popup's, else the screen's.
pub fn context(app: &App) -> Context {
    match &app.overlay {
        Some(
            Overlay::Help(_)
            | Overlay::Explain(_)
            | Overlay::Guidance(_)
            | Overlay::Gaps { .. }
            | Overlay::Problem { .. }
            | Overlay::Certification { .. }
            | Overlay::Migrated { .. }
            | Overlay::Merged { .. },
        ) => {
            return Context::Popup;
        }
        Some(
            Overlay::Note { .. }
            | Overlay::TailorReason { .. }
            | Overlay::NotApplicableReason { .. }
            | Overlay::Weights(_)
            | Overlay::WeightsReason { .. }
            | Overlay::Search { .. }
            | Overlay::ExportPath(_)
            | Overlay::SaveCopyPath(_)
            | Overlay::MergePath(_)
            | Overlay::PeersPath(_),
        ) => {
            return Context::Text;
        }
        Some(Overlay::Estimate { .. } | Overlay::Target | Overlay::ConfirmQuit) => {
            return Context::Dialog;
        }
        None => {}
    }
    screen_context(app)
}

/// The key table of the screen itself, whatever popup is over it (the `?` help lists the
/// screen's keys).
pub fn screen_context(app: &App) -> Context {
    match &app.screen {
        Screen::Welcome => Context::Welcome,
        Screen::Main => Context::Main,
        Screen::Profile(_) => Context::Form,
        Screen::Assessments(list) => match list.prompt {
            Some(ListPrompt::Delete(_)) => Context::Dialog,
            Some(_) => Context::Text,
            None => Context::List,
        },
        Screen::Recovery(_) => Context::Dialog,
        Screen::Demos(_) => Context::Demos,
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    pub context: Context,
    pub key: Key,
    pub action: Action,
    /// Shown in the footer of its context.
    pub hint: bool,
}

#[derive(Clone, Debug)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

use KeyCode as K;

/// (key, action, footer hint) for each context.
fn defaults() -> Vec<Binding> {
    let nav = |keys: &mut Vec<(Key, Action, bool)>| {
        keys.extend([
            (Key::plain(K::Up), Action::Up, false),
            (Key::ch('k'), Action::Up, false),
            (Key::plain(K::Down), Action::Down, false),
            (Key::ch('j'), Action::Down, false),
            (Key::plain(K::PageUp), Action::PageUp, false),
            (Key::plain(K::PageDown), Action::PageDown, false),
            (Key::plain(K::Home), Action::Home, false),
            (Key::plain(K::End), Action::End, false),
        ]);
    };
    let common = |keys: &mut Vec<(Key, Action, bool)>| {
        keys.extend([
            (Key::ch('?'), Action::Help, true),
            (Key::ch('L'), Action::SwitchLanguage, true),
            (Key::plain(K::F(2)), Action::SwitchLanguage, false),
            (Key::ch('q'), Action::Quit, true),
        ]);
    };
    let mut out = Vec::new();
    let mut add = |context: Context, keys: Vec<(Key, Action, bool)>| {
        out.extend(keys.into_iter().map(|(key, action, hint)| Binding {
            context,
            key,
            action,
            hint,
        }));
    };

    let mut main = Vec::new();
    nav(&mut main);
    main.extend([
        (Key::plain(K::Left), Action::Left, false),
        (Key::ch('h'), Action::Left, false),
        (Key::plain(K::Right), Action::Right, false),
        (Key::ch('l'), Action::Right, false),
        (Key::plain(K::Tab), Action::SwitchFocus, false),
        (Key::ch('1'), Action::Rate(Rating::NI), true),
        (Key::ch('2'), Action::Rate(Rating::PI), true),
        (Key::ch('3'), Action::Rate(Rating::LI), true),
        (Key::ch('4'), Action::Rate(Rating::FI), true),
        (Key::ch('0'), Action::ClearRating, false),
        (Key::plain(K::Delete), Action::ClearRating, false),
        (Key::ch('u'), Action::Undo, true),
        (Key::ctrl('r'), Action::Redo, false),
        (Key::plain(K::Enter), Action::Confirm, false),
        (Key::ch('m'), Action::EditNote, true),
        (Key::ch('n'), Action::NextUnrated, true),
        (Key::ch('e'), Action::Estimate, true),
        (Key::ch('t'), Action::Tailor, true),
        (Key::ch('a'), Action::NotApplicable, false),
        (Key::ch('g'), Action::Gaps, true),
        (Key::ch('v'), Action::Explain, true),
        (Key::ch('r'), Action::Guidance, false),
        (Key::ch('s'), Action::ToggleScore, false),
        (Key::ch('/'), Action::Search, true),
        (Key::ch('p'), Action::EditProfile, false),
        (Key::ch('o'), Action::Assessments, false),
        (Key::ch('T'), Action::SetTarget, false),
        (Key::ch('W'), Action::Weights, false),
        (Key::ch('c'), Action::Certification, false),
        (Key::ch('x'), Action::Export, false),
        (Key::ch('M'), Action::MergeFile, false),
        (Key::ch('P'), Action::ChoosePeers, false),
        (Key::ctrl('s'), Action::SaveNow, false),
        (Key::ch('w'), Action::SaveCopy, false),
        (Key::ch('D'), Action::Demos, false),
        // In the footer only while a demo company is open read only (and then first).
        (Key::ch('C'), Action::CopyDemo, true),
        (Key::plain(K::Esc), Action::Cancel, false),
    ]);
    common(&mut main);
    add(Context::Main, main);

    let mut welcome = vec![
        (Key::plain(K::Enter), Action::Confirm, true),
        (Key::ch('o'), Action::Assessments, true),
        (Key::ch('d'), Action::Demos, true),
        (Key::plain(K::Esc), Action::Cancel, false),
    ];
    common(&mut welcome);
    add(Context::Welcome, welcome);

    let mut demos = Vec::new();
    nav(&mut demos);
    demos.extend([
        (Key::plain(K::Enter), Action::Confirm, true),
        (Key::ch('c'), Action::CopyDemo, true),
        (Key::plain(K::Esc), Action::Cancel, true),
    ]);
    common(&mut demos);
    add(Context::Demos, demos);

    let mut list = Vec::new();
    nav(&mut list);
    list.extend([
        (Key::plain(K::Enter), Action::Confirm, true),
        (Key::ch('n'), Action::New, true),
        (Key::ch('r'), Action::Rename, true),
        (Key::ch('c'), Action::Duplicate, true),
        (Key::ch('d'), Action::Delete, true),
        (Key::ch('i'), Action::Import, true),
        (Key::plain(K::Esc), Action::Cancel, true),
    ]);
    common(&mut list);
    add(Context::List, list);

    let mut popup = Vec::new();
    nav(&mut popup);
    popup.extend([
        (Key::plain(K::Enter), Action::Confirm, true),
        (Key::plain(K::Esc), Action::Cancel, true),
        (Key::ch('q'), Action::Cancel, false),
        (Key::ch('?'), Action::Help, false),
        (Key::ch('v'), Action::Explain, false),
        (Key::ch('g'), Action::Gaps, false),
        (Key::ch('c'), Action::Certification, false),
        (Key::ch('+'), Action::Raise, false),
        (Key::ch('='), Action::Raise, false),
        (Key::ch('-'), Action::Lower, false),
        (Key::ch('a'), Action::AllPlaces, false),
        (Key::ch('L'), Action::SwitchLanguage, false),
        (Key::plain(K::F(2)), Action::SwitchLanguage, false),
    ]);
    add(Context::Popup, popup);

    let editing = [
        (Key::plain(K::Left), Action::Left, false),
        (Key::plain(K::Right), Action::Right, false),
        (Key::plain(K::Home), Action::Home, false),
        (Key::plain(K::End), Action::End, false),
        (Key::plain(K::Backspace), Action::Backspace, false),
        (Key::plain(K::Delete), Action::DeleteChar, false),
        (Key::ctrl('a'), Action::Home, false),
        (Key::ctrl('e'), Action::End, false),
        (Key::ctrl('u'), Action::DeleteToStart, false),
        (Key::ctrl('k'), Action::DeleteToEnd, false),
        (Key::ctrl('w'), Action::DeleteWord, false),
        (Key::alt(K::Backspace), Action::DeleteWord, false),
        (Key::plain(K::Enter), Action::Confirm, true),
        (Key::plain(K::Esc), Action::Cancel, true),
        (Key::plain(K::F(2)), Action::SwitchLanguage, false),
    ];
    let mut form = editing.to_vec();
    form.extend([
        (Key::plain(K::Up), Action::Up, false),
        (Key::plain(K::Down), Action::Down, false),
        (Key::plain(K::Tab), Action::SwitchFocus, true),
        (Key::plain(K::BackTab), Action::Up, false),
        (Key::ctrl('n'), Action::NextSuggestion, true),
        (Key::ctrl('p'), Action::PreviousSuggestion, false),
        (Key::plain(K::F(1)), Action::Help, true),
    ]);
    add(Context::Form, form);

    let mut text = editing.to_vec();
    text.extend([
        (Key::plain(K::Up), Action::Up, false),
        (Key::plain(K::Down), Action::Down, false),
    ]);
    add(Context::Text, text);

    add(
        Context::Dialog,
        vec![
            (Key::plain(K::Enter), Action::Confirm, false),
            (Key::plain(K::Esc), Action::Cancel, true),
            (Key::plain(K::F(2)), Action::SwitchLanguage, false),
        ],
    );
    // Ctrl-C quits from every screen and popup (asking first only when a save failed).
    let contexts: Vec<Context> = out.iter().map(|b| b.context).collect();
    for context in contexts {
        if !out
            .iter()
            .any(|b| b.context == context && b.key == Key::ctrl('c'))
        {
            out.push(Binding {
                context,
                key: Key::ctrl('c'),
                action: Action::Quit,
                hint: false,
            });
        }
    }
    out
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: defaults(),
        }
    }
}

impl Keymap {
    /// The defaults with the user's main-screen bindings (key → action name) on top. Problems
    /// are returned as diagnostics (the caller places them in the config file).
    pub fn with_overrides<'a>(
        overrides: impl IntoIterator<Item = (&'a str, &'a str, std::ops::Range<usize>)>,
    ) -> (Keymap, Vec<Diagnostic>) {
        let mut keymap = Keymap::default();
        let mut problems = Vec::new();
        for (key_text, action_name, span) in overrides {
            let Some(key) = Key::parse(key_text) else {
                problems.push(Diagnostic::new(Code::BadKey).arg("key", key_text).at(span));
                continue;
            };
            let Some(action) = Action::by_name(action_name) else {
                problems.push(
                    Diagnostic::new(Code::UnknownAction)
                        .arg("action", action_name)
                        .at(span),
                );
                continue;
            };
            keymap
                .bindings
                .retain(|b| !(b.context == Context::Main && b.key == key));
            keymap.bindings.push(Binding {
                context: Context::Main,
                key,
                action,
                hint: false,
            });
        }
        (keymap, problems)
    }

    /// The action for a key press in a context. Where text is typed, a printable key that is
    /// not bound there types itself.
    pub fn resolve(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let key = Key::of(event);
        if let Some(b) = self
            .bindings
            .iter()
            .find(|b| b.context == context && b.key == key)
        {
            return Some(b.action.clone());
        }
        match (context, key.code) {
            (Context::Form | Context::Text | Context::Dialog, KeyCode::Char(c))
                if !key.ctrl && !key.alt =>
            {
                Some(Action::Input(c))
            }
            _ => None,
        }
    }

    pub fn bindings(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.context == context)
    }

    /// Every key bound to `action` in `context`, for display ("↑ k").
    pub fn keys_for(&self, context: Context, action: &Action) -> Vec<Key> {
        self.bindings(context)
            .filter(|b| &b.action == action)
            .map(|b| b.key)
            .collect()
    }
}

/// The locale key describing an action in the help.
pub fn describe(action: &Action) -> String {
    format!("keys.{}", action.name().unwrap_or("other"))
}

/// The locale key of the action's short label in the footer (`hint.<action>`).
pub fn hint(action: &Action) -> String {
    format!("hint.{}", action.name().unwrap_or("other"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: ratatui::crossterm::event::KeyEventState::NONE,
        }
    }

    #[test]
    fn keys_parse_and_print() {
        assert_eq!(Key::parse("ctrl-r"), Some(Key::ctrl('r')));
        assert_eq!(Key::parse("F2"), Some(Key::plain(KeyCode::F(2))));
        assert_eq!(Key::parse("T"), Some(Key::ch('T')));
        assert_eq!(Key::parse("pagedown"), Some(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("nonsense"), None);
        assert_eq!(Key::ctrl('r').to_string(), "Ctrl-r");
    }

    #[test]
    fn typing_contexts_type_unbound_characters() {
        let map = Keymap::default();
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(map.resolve(Context::Main, &q), Some(Action::Quit));
        assert_eq!(map.resolve(Context::Text, &q), Some(Action::Input('q')));
        assert_eq!(map.resolve(Context::Form, &q), Some(Action::Input('q')));
    }

    #[test]
    fn overrides_replace_main_bindings_and_report_problems() {
        let (map, problems) = Keymap::with_overrides([
            ("ctrl-s", "next_unrated", 0..1),
            ("q", "undo", 2..3),
            ("ctrl-x", "launch", 4..5),
            ("meta-?", "help", 6..7),
        ]);
        let ctrl_s = press(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(
            map.resolve(Context::Main, &ctrl_s),
            Some(Action::NextUnrated)
        );
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(map.resolve(Context::Main, &q), Some(Action::Undo));
        let codes: Vec<Code> = problems.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::UnknownAction, Code::BadKey]);
    }

    #[test]
    fn every_bound_action_is_named() {
        for b in Keymap::default().bindings {
            assert!(b.action.name().is_some(), "{:?}", b.action);
        }
    }
}
