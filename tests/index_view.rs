//! The interactive index (`zizhen index STORE` on a terminal): its state (drilling down,
//! going back, switching the dimension, no class list without --list) and what it draws, on
//! ratatui's TestBackend at 80×24 in both languages, from a small store built here.

mod common;
#[path = "../benches/support/population.rs"]
mod population;
mod pty_harness;

use std::path::Path;

use assert_cmd::Command;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use zizhen::collection::Store;
use zizhen::collection::query::{Filters, Index};
use zizhen::i18n::{Lang, Strings};
use zizhen::index_view::{Dim, Effect, Key, State, render};
use zizhen::model::answers::Meta;
use zizhen::model::profile::Profile;
use zizhen::model::{IndustryType, Questionnaire, Rating};
use zizhen::ui::Theme;

/// The enterprises: (reached level, province or city, industry).
const CLASS: [(u8, &str, &str); 14] = [
    (0, "320200", "36"),
    (1, "320200", "36"),
    (1, "320200", "36"),
    (2, "320200", "36"),
    (2, "320500", "13"),
    (3, "320500", "13"),
    (4, "320500", "13"),
    (5, "320500", "13"),
    (1, "33", "36"),
    (2, "33", "36"),
    (3, "33", "13"),
    (1, "33", "13"),
    (2, "44", "36"),
    (3, "44", "36"),
];

fn store(dir: &Path) -> std::path::PathBuf {
    let q = Questionnaire::embedded();
    let files = dir.join("in");
    std::fs::create_dir_all(&files).unwrap();
    for (n, (reached, region, industry)) in CLASS.iter().enumerate() {
        let mut a = population::ratings_to(&q, *reached, Rating::LI, Rating::NI);
        a.profile = Profile {
            name: Some(format!("Enterprise {n}")),
            credit_code: Some(population::credit_code(&format!("91320200MA{n:07}"))),
            industry: Some(industry.to_string()),
            industry_type: Some(IndustryType::Discrete),
            province: Some(region.to_string()),
            employees: Some(300),
            revenue: Some(50_000.0),
            covers: None,
        };
        a.meta = Meta {
            created: Some("2021-06-01T08:00:00Z".to_string()),
            updated: Some("2021-06-01T08:00:00Z".to_string()),
            target_level: None,
        };
        population::write(&q, &a, &files.join(format!("e{n}.json")));
    }
    let store = dir.join("class.zizhen");
    Command::cargo_bin("zizhen")
        .unwrap()
        .args(["--lang", "en", "collect"])
        .arg(&store)
        .arg(&files)
        .assert()
        .success();
    store
}

fn index(store: &Path, f: &Filters, list: bool) -> Index {
    Store::open_existing(store)
        .unwrap()
        .index(f, 5, list)
        .unwrap()
}

fn state(store: &Path, list: bool) -> State {
    let mut s = State::new(
        "class.zizhen".to_string(),
        Filters::default(),
        list,
        index(store, &Filters::default(), list),
    );
    s.updated = "12:00:00".to_string();
    s
}

fn screen(state: &State, lang: Lang, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| render::render(f, state, Strings::of(lang), &Theme::new(false)))
        .unwrap();
    common::screen::text(terminal.backend().buffer())
}

/// Recomputes as the terminal loop does.
fn apply(state: &mut State, store: &Path, key: Key) -> Effect {
    let effect = state.update(key);
    if effect == Effect::Recompute {
        let list = state.list_allowed;
        state.set_index(index(store, &state.filters(), list), "12:00:01".to_string());
    }
    effect
}

#[test]
fn drilling_down_adds_the_filter_and_back_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let mut s = state(&store, false);
    assert_eq!(s.index.enterprises, CLASS.len() as u64);
    assert_eq!(s.dim, Dim::Province);
    // Province 32 has the most at L2 or above, so it comes first.
    let in_32 = CLASS.iter().filter(|c| c.1.starts_with("32")).count() as u64;
    assert_eq!(apply(&mut s, &store, Key::Enter), Effect::Recompute);
    assert_eq!(s.filters().province.as_deref(), Some("32"));
    assert_eq!(s.index.enterprises, in_32);
    // Inside a province, the cities.
    assert_eq!(s.dim, Dim::City);
    assert_eq!(s.index.by_city.len(), 2);
    assert_eq!(apply(&mut s, &store, Key::Back), Effect::Recompute);
    assert_eq!(s.filters(), Filters::default());
    assert_eq!(s.index.enterprises, CLASS.len() as u64);
    assert_eq!(s.dim, Dim::Province);
    // Every enterprise of the class is discrete: the type filter, then back.
    s.update(Key::Number(4));
    assert_eq!(s.dim, Dim::Type);
    assert_eq!(apply(&mut s, &store, Key::Enter), Effect::Recompute);
    assert_eq!(s.filters().industry_type.as_deref(), Some("discrete"));
    assert_eq!(s.index.enterprises, CLASS.len() as u64);
    assert_eq!(apply(&mut s, &store, Key::Back), Effect::Recompute);
    assert_eq!(s.filters(), Filters::default());
    assert_eq!(s.dim, Dim::Type);
    // Nothing more to go back to.
    assert_eq!(apply(&mut s, &store, Key::Back), Effect::None);
    assert_eq!(apply(&mut s, &store, Key::Quit), Effect::Quit);
}

#[test]
fn a_suppressed_group_is_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let mut s = state(&store, false);
    // The provinces in order: 32 (8), then 33 (4) and 44 (2), both under k = 5.
    s.update(Key::Down);
    assert_eq!(s.update(Key::Enter), Effect::None);
    assert!(s.path.is_empty());
}

#[test]
fn dimensions_switch_and_the_class_list_needs_list() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let mut s = state(&store, false);
    let seen: Vec<Dim> = (0..6)
        .map(|_| {
            s.update(Key::Tab);
            s.dim
        })
        .collect();
    assert_eq!(
        seen,
        [
            Dim::City,
            Dim::Industry,
            Dim::Type,
            Dim::Size,
            Dim::Province,
            Dim::City
        ]
    );
    s.update(Key::Number(6));
    assert_ne!(s.dim, Dim::List);
    s.update(Key::Number(3));
    assert_eq!(s.dim, Dim::Industry);
    assert!(!screen(&s, Lang::En, 80, 24).contains("Class list"));

    let mut s = state(&store, true);
    s.update(Key::Number(6));
    assert_eq!(s.dim, Dim::List);
    let text = screen(&s, Lang::En, 80, 24);
    assert!(text.contains("Class list"), "{text}");
    assert!(text.contains("Enterprise 0"), "{text}");
    // The last name (in the list's order) is reached with End.
    s.update(Key::End);
    let text = screen(&s, Lang::En, 80, 24);
    assert!(text.contains("Enterprise 9"), "{text}");
    // The class list is not a group: Enter does nothing.
    assert_eq!(s.update(Key::Enter), Effect::None);
}

#[test]
fn the_distribution_and_the_suppressed_groups_are_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let s = state(&store, false);
    let text = screen(&s, Lang::En, 80, 24);
    // Each level's count, computed from the class here.
    for level in 1..=5u8 {
        let n = CLASS.iter().filter(|c| c.0 == level).count();
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("L{level} ")))
            .unwrap_or_else(|| panic!("L{level} in\n{text}"));
        assert!(
            line.split_whitespace().any(|w| w == n.to_string()),
            "{line}"
        );
    }
    // A suppressed province says so and shows no number.
    let row = text
        .lines()
        .find(|l| l.contains("Guangdong"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(row.contains("fewer than 5"), "{row}");
    let after = row.split("fewer than 5").collect::<Vec<_>>();
    let figures = format!("{}{}", after[0].trim_start_matches("44"), after[1]);
    assert!(!figures.chars().any(|c| c.is_ascii_digit()), "{row}");
    insta::assert_snapshot!("index_view_en", text);
    insta::assert_snapshot!("index_view_zh", screen(&s, Lang::ZhCn, 80, 24));
}

#[test]
fn a_small_terminal_gets_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let s = state(&store, false);
    let text = screen(&s, Lang::En, 30, 8);
    assert!(text.contains("30×8"), "{text}");
    // Small, large and narrow terminals draw without trouble in both languages.
    for (w, h) in [(40, 12), (41, 13), (60, 20), (200, 60)] {
        for lang in [Lang::En, Lang::ZhCn] {
            let text = screen(&s, lang, w, h);
            assert!(text.contains("12:00:00"), "{w}×{h}\n{text}");
        }
    }
    // 80×12 still draws the grouping and the list.
    let text = screen(&s, Lang::En, 80, 12);
    assert!(text.contains("≥ L4"), "{text}");
    assert!(text.contains("updated 12:00:00"), "{text}");
}

/// `zizhen index STORE` in a real terminal: the view, Enter into the first province, back, q;
/// piped, the same command prints the text report.
#[test]
fn on_a_terminal_the_index_is_interactive() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let env = pty_harness::env(
        &dir.path().join("data"),
        &dir.path().join("config"),
        "en_US.UTF-8",
    );
    let mut pty = pty_harness::Pty::spawn_args(
        env!("CARGO_BIN_EXE_zizhen"),
        &["--lang", "en", "index", store.to_str().unwrap()],
        (80, 24),
        &env,
    );
    let screen = pty.wait_text("updated");
    assert!(screen.contains("class.zizhen — 14 enterprises"), "{screen}");
    assert!(screen.contains("≥ L4"), "{screen}");
    pty.send(pty_harness::ENTER);
    let in_32 = CLASS.iter().filter(|c| c.1.starts_with("32")).count();
    pty.wait_text(&format!("class.zizhen — {in_32} enterprises"));
    pty.send("\x7f");
    pty.wait_text("class.zizhen — 14 enterprises");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    assert!(pty.modes_restored());

    let out = Command::cargo_bin("zizhen")
        .unwrap()
        .args(["--lang", "en", "index"])
        .arg(&store)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("Level distribution"), "{text}");
}

/// The industries as listed: their division codes.
fn industries(state: &State) -> Vec<String> {
    state
        .rows()
        .iter()
        .filter_map(|row| match row {
            zizhen::index_view::Row::Group { key, .. } => Some(key.to_string()),
            _ => None,
        })
        .collect()
}

/// `--top N` lists the N industries with the highest mean X, as the report does.
#[test]
fn top_limits_the_industries_listed() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let mut s = state(&store, false);
    s.dim = Dim::Industry;
    // Mean reached level by division, from the class itself: the higher one comes first.
    let mean = |division: &str| {
        let levels: Vec<f64> = CLASS
            .iter()
            .filter(|c| c.2 == division)
            .map(|c| c.0 as f64)
            .collect();
        levels.iter().sum::<f64>() / levels.len() as f64
    };
    let first = if mean("13") > mean("36") { "13" } else { "36" };
    assert_eq!(industries(&s).len(), 2);
    assert_eq!(industries(&s)[0], first);
    s.top = 1;
    assert_eq!(industries(&s), [first]);
    let other = if first == "13" { "36" } else { "13" };
    let text = screen(&s, Lang::En, 100, 24);
    let listed = |code: &str| text.lines().any(|l| l.starts_with(&format!("{code} ")));
    assert!(listed(first), "{text}");
    assert!(!listed(other), "{text}");
}

/// On the Linux text console with a Chinese locale and no language chosen, the view speaks
/// English and says why until the first key; `--lang zh-CN` keeps Chinese.
#[test]
fn the_linux_console_gets_the_index_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let mut env = pty_harness::env(
        &dir.path().join("data"),
        &dir.path().join("config"),
        "zh_CN.UTF-8",
    );
    env.retain(|(k, _)| k != "TERM" && k != "ZIZHEN_LANG");
    env.push(("TERM".into(), "linux".into()));
    let spawn = |args: &[&str]| {
        pty_harness::Pty::spawn_args(env!("CARGO_BIN_EXE_zizhen"), args, (100, 24), &env)
    };
    let store = store.to_str().unwrap();
    let mut pty = spawn(&["index", store]);
    let screen = pty.wait_text("updated");
    assert!(screen.contains("14 enterprises"), "{screen}");
    assert!(screen.contains("cannot show Chinese"), "{screen}");
    pty.send("j");
    pty.wait_text("↑↓ move");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);

    let mut pty = spawn(&["--lang", "zh-CN", "index", store]);
    let screen = pty.wait_text("更新");
    assert!(!screen.contains("cannot show Chinese"), "{screen}");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}
