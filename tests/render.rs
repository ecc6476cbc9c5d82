//! Layer 2: what the screen shows, on ratatui's TestBackend, snapshotted (insta) in both
//! languages at 80×24 and 40×12, plus the wide layout, the too-small message and colours.

mod common;

use std::path::Path;
use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use zizhen::app::{Action, App, update};
use zizhen::i18n::{Lang, Strings};
use zizhen::keymap::Keymap;
use zizhen::model::questionnaire::RequirementIx;
use zizhen::model::{Answers, Questionnaire};
use zizhen::ui::{self, Theme, Ui};

fn demo(lang: Lang) -> App {
    let q = Arc::new(Questionnaire::embedded());
    let answers = Answers::load(Path::new("examples/demo-machinery.toml"), &q).unwrap();
    let mut app = App::new(q, lang);
    update(
        &mut app,
        Action::Opened {
            name: "demo".into(),
            answers: Box::new(answers),
        },
    );
    app.status = None;
    app
}

fn draw(app: &App, width: u16, height: u16, color: bool) -> Terminal<TestBackend> {
    let ui = Ui::new(Keymap::default(), Theme::new(color));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::render(frame, app, &ui)).unwrap();
    terminal
}

const SIZES: [(u16, u16); 2] = [(80, 24), (40, 12)];

fn snapshot_all(name: &str, build: impl Fn(Lang) -> App) {
    for lang in Lang::ALL {
        let app = build(lang);
        for (w, h) in SIZES {
            let terminal = draw(&app, w, h, false);
            assert_sane(&screen_text(&terminal), &format!("{name} {lang} {w}x{h}"));
            insta::assert_snapshot!(
                format!("{name}__{}__{w}x{h}", lang.tag()),
                terminal.backend()
            );
        }
    }
}

#[test]
fn welcome() {
    snapshot_all("welcome", |lang| {
        App::new(Arc::new(Questionnaire::embedded()), lang)
    });
}

#[test]
fn profile_form_with_a_search_and_an_error() {
    snapshot_all("profile", |lang| {
        let q = Arc::new(Questionnaire::embedded());
        let mut app = App::new(q.clone(), lang);
        update(
            &mut app,
            Action::Opened {
                name: "new".into(),
                answers: Box::new(Answers::new(&q)),
            },
        );
        for c in "无锡机械".chars() {
            update(&mut app, Action::Input(c));
        }
        update(&mut app, Action::Down);
        for c in "9132".chars() {
            update(&mut app, Action::Input(c));
        }
        update(&mut app, Action::Down);
        update(&mut app, Action::Input('3'));
        app
    });
}

#[test]
fn main_screen_with_the_demo_company() {
    snapshot_all("main", |lang| {
        let mut app = demo(lang);
        // planning, its second requirement, focus on the requirements
        let planning = app.q.subdomain_index("planning").unwrap();
        let first = app.q.subdomain_requirements(planning).start;
        app.select_requirement(RequirementIx(first + 1));
        app
    });
}

#[test]
fn explanation() {
    snapshot_all("explain", |lang| {
        let mut app = demo(lang);
        update(&mut app, Action::Explain);
        app
    });
}

#[test]
fn help_is_generated_from_the_key_table() {
    let mut app = demo(Lang::En);
    update(&mut app, Action::Help);
    let terminal = draw(&app, 80, 24, false);
    insta::assert_snapshot!("help__en__80x24", terminal.backend());
    // every main-screen description appears somewhere in the scrolled help
    let keymap = Keymap::default();
    let strings = zizhen::i18n::Strings::load(Lang::En);
    let mut seen = String::new();
    for scroll in 0..8u16 {
        app.overlay = Some(zizhen::app::Overlay::Help(scroll * 10));
        seen.push_str(&format!("{}", draw(&app, 120, 40, false).backend()));
    }
    for b in keymap.bindings(zizhen::keymap::Context::Main) {
        let text = strings.get(&zizhen::keymap::describe(&b.action));
        let probe: String = text.chars().take(20).collect();
        assert!(seen.contains(&probe), "help lacks {probe:?}");
    }
}

#[test]
fn wide_layout_shows_the_score_panel() {
    let app = demo(Lang::ZhCn);
    let terminal = draw(&app, 120, 30, false);
    insta::assert_snapshot!("main__zh-CN__120x30", terminal.backend());
}

#[test]
fn too_small_says_so() {
    for lang in Lang::ALL {
        let terminal = draw(&demo(lang), 30, 10, false);
        insta::assert_snapshot!(format!("too_small__{}", lang.tag()), terminal.backend());
    }
}

#[test]
fn ratings_are_coloured() {
    let mut app = demo(Lang::En);
    let planning = app.q.subdomain_index("planning").unwrap();
    app.select_requirement(RequirementIx(app.q.subdomain_requirements(planning).start));
    let terminal = draw(&app, 40, 12, true);
    insta::assert_debug_snapshot!("colours__en__40x12", terminal.backend().buffer());
}

/// The colours a Linux text console (TERM=linux) can show: the eight basic ones.
fn basic_colour(color: ratatui::style::Color) -> bool {
    use ratatui::style::Color::*;
    matches!(
        color,
        Reset | Black | Red | Green | Yellow | Blue | Magenta | Cyan | Gray
    )
}

/// Cells drawn in a colour outside the eight, as (x, y, colour).
fn beyond_eight_colours(
    terminal: &Terminal<TestBackend>,
) -> Vec<(u16, u16, ratatui::style::Color)> {
    let buffer = terminal.backend().buffer();
    let mut found = Vec::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            for color in [cell.fg, cell.bg] {
                if !basic_colour(color) {
                    found.push((x, y, color));
                }
            }
        }
    }
    found
}

#[test]
fn the_linux_console_gets_eight_colours() {
    use zizhen::ui::Palette;
    let mut app = demo(Lang::En);
    let planning = app.q.subdomain_index("planning").unwrap();
    app.select_requirement(RequirementIx(app.q.subdomain_requirements(planning).start));
    let draw_with = |app: &App, palette| {
        let ui = Ui::new(Keymap::default(), Theme::with(palette));
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal.draw(|frame| ui::render(frame, app, &ui)).unwrap();
        terminal
    };
    // The full palette uses grey and bright white: the check below can fail.
    assert!(!beyond_eight_colours(&draw_with(&app, Palette::Full)).is_empty());
    for focus_moves in 0..2 {
        if focus_moves == 1 {
            update(&mut app, Action::SwitchFocus);
        }
        let terminal = draw_with(&app, Palette::Basic);
        assert_eq!(
            beyond_eight_colours(&terminal),
            [],
            "focus moved {focus_moves}"
        );
        // The selection still stands out: a blue bar, or reversed where the focus is not.
        let buffer = terminal.backend().buffer();
        let marked = buffer.content().iter().filter(|c| {
            c.bg == ratatui::style::Color::Blue
                || c.modifier.contains(ratatui::style::Modifier::REVERSED)
        });
        assert!(
            marked.count() >= 20,
            "no visible selection (focus moved {focus_moves})"
        );
        if focus_moves == 1 {
            insta::assert_debug_snapshot!("linux_console__en__80x24", buffer);
        }
    }
}

/// What every screen must show beside its snapshot: intact borders (corners in pairs, every
/// frame's sides on each row — a popup over Chinese text must not break them), and a footer
/// that keeps the way to help and the way out, whatever the width.
fn assert_sane(text: &str, what: &str) {
    for (row, line) in text.lines().enumerate() {
        let count = |c: char| line.chars().filter(|&x| x == c).count();
        assert_eq!(count('┌'), count('┐'), "{what}, row {row}: {line}");
        assert_eq!(count('└'), count('┘'), "{what}, row {row}: {line}");
        assert_eq!(count('│') % 2, 0, "{what}, row {row}: {line}");
    }
    let footer = text.lines().last().unwrap_or_default();
    // On a screen: help (? or F1) and quit; in a popup: the way back (Esc).
    let screen_keys = (footer.contains("? ") || footer.contains("F1 ")) && footer.contains("q ");
    let popup_keys = footer.contains("Esc ");
    assert!(
        screen_keys || popup_keys,
        "{what}: the footer keeps help and quit, or Esc: {footer}"
    );
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    common::screen::text(terminal.backend().buffer())
}

/// `r` shows what every rating means, with the level's examples of PI, LI and FI, in both
/// languages; the unsaved banner says "not saved" in words, so it survives NO_COLOR.
#[test]
fn the_rating_guide_and_the_unsaved_banner_say_what_they_must() {
    for lang in Lang::ALL {
        let mut app = demo(lang);
        update(&mut app, Action::Right);
        update(&mut app, Action::Guidance);
        let text = screen_text(&draw(&app, 100, 40, false));
        let level = app.q.level(app.q.requirements[app.requirement].level);
        for step in &app.q.scale {
            let name = step.name.get(lang);
            assert!(text.contains(name), "{lang}: {name} in\n{text}");
        }
        let example = level.examples.as_ref().unwrap().li.get(lang);
        let start: String = example.chars().take(8).collect();
        assert!(text.contains(&start), "{lang}: the LI example in\n{text}");

        let mut app = demo(lang);
        let on_disk = Box::new(app.answers.clone());
        update(
            &mut app,
            Action::SaveFailed {
                error: zizhen::messages::Problem::Text("disk full".into()),
                on_disk,
            },
        );
        let text = screen_text(&draw(&app, 80, 24, false));
        let first = text.lines().next().unwrap();
        let word = if lang == Lang::En {
            "NOT SAVED"
        } else {
            "未保存"
        };
        assert!(first.contains(word) && text.contains("disk full"), "{text}");
    }
}

/// A message about a failure is said in the language of the moment: switching language after
/// it redraws it in the other one (the driver hands over the problem, not its text).
#[test]
fn a_failure_follows_a_language_switch() {
    let mut app = demo(Lang::En);
    let problem = zizhen::storage::StoreError::NotFound {
        name: "旧的".into(),
    };
    update(
        &mut app,
        Action::Failed(zizhen::messages::Problem::store(problem)),
    );
    let en = screen_text(&draw(&app, 80, 24, false));
    let english = Strings::of(Lang::En).fmt("store.not_found", &[("name", "旧的")]);
    let start: String = english.chars().take(16).collect();
    assert!(en.contains(&start), "{en}");
    update(&mut app, Action::SwitchLanguage);
    let zh = screen_text(&draw(&app, 80, 24, false));
    let chinese = Strings::of(Lang::ZhCn).fmt("store.not_found", &[("name", "旧的")]);
    let start: String = chinese.chars().take(6).collect();
    assert!(zh.contains(&start), "{zh}");
}

/// A search in the profile that finds nothing says so, with what to type instead; a common word
/// ("机械") finds the divisions whose names do not contain it.
#[test]
fn a_profile_search_that_finds_nothing_says_so() {
    for lang in [Lang::ZhCn, Lang::En] {
        let q = Arc::new(Questionnaire::embedded());
        let mut app = App::new(q.clone(), lang);
        update(
            &mut app,
            Action::Opened {
                name: "new".into(),
                answers: Box::new(Answers::new(&q)),
            },
        );
        update(&mut app, Action::Down);
        update(&mut app, Action::Down);
        for c in "机械".chars() {
            update(&mut app, Action::Input(c));
        }
        let text = screen_text(&draw(&app, 100, 30, false));
        assert!(text.contains("34 "), "{text}");
        assert!(text.contains("35 "), "{text}");
        // Region: a city is found by its name, with its province.
        for _ in 0..2 {
            update(&mut app, Action::Down);
        }
        for c in "无锡".chars() {
            update(&mut app, Action::Input(c));
        }
        let text = screen_text(&draw(&app, 100, 30, false));
        let found = match lang {
            Lang::ZhCn => "320200 无锡 · 江苏",
            Lang::En => "320200 Wuxi · Jiangsu",
        };
        assert!(text.contains(found), "{text}");
        // A place that is neither finds nothing, and the form says what to give instead.
        update(&mut app, Action::DeleteToStart);
        for c in "火星".chars() {
            update(&mut app, Action::Input(c));
        }
        let text = screen_text(&draw(&app, 100, 30, false));
        let said = match lang {
            Lang::ZhCn => "没有与“火星”匹配的省份或城市",
            Lang::En => "No province or city matches “火星”",
        };
        assert!(text.contains(said), "{text}");
        assert_sane(&text, "no match");
    }
}

/// The score panel wraps what it says (the target line was cut at 80 columns), says how to
/// export; when everything is rated the footer leads with export; at 160 columns the tree shows
/// every English name whole.
#[test]
fn the_score_panel_wraps_and_export_is_found_where_the_user_finishes() {
    let mut app = demo(Lang::ZhCn);
    update(&mut app, Action::ToggleScore);
    app.answers.meta.target_level = Some(5);
    let text = screen_text(&draw(&app, 80, 24, false));
    let joined: String = text
        .lines()
        .filter_map(|l| l.split('│').nth(1))
        .map(str::trim_end)
        .collect();
    assert!(joined.contains("目标 5 级：X 差"), "{text}");
    assert!(
        joined.contains("条未达 FI"),
        "the target line is whole: {text}"
    );
    assert!(joined.contains("x 导出结果文件"), "{text}");
    assert_sane(&text, "score panel 80x24");

    // Export leads the footer once everything is rated, and not before.
    let footer = |app: &App| {
        let text = screen_text(&draw(app, 80, 24, false));
        text.lines().last().unwrap().to_string()
    };
    let mut answers = app.answers.clone();
    answers.ratings.clear();
    update(&mut app, Action::Synced(Box::new(answers.clone())));
    app.status = None;
    assert!(!footer(&app).starts_with("x "), "{}", footer(&app));
    for r in &app.q.requirements {
        answers.ratings.insert(
            r.id.clone(),
            zizhen::model::answers::Rated::given(zizhen::model::Rating::LI),
        );
    }
    update(&mut app, Action::Synced(Box::new(answers)));
    app.status = None;
    assert!(app.score.completeness.complete());
    assert!(footer(&app).starts_with("x 导出"), "{}", footer(&app));

    let app = demo(Lang::En);
    let text = screen_text(&draw(&app, 160, 45, false));
    assert!(
        text.contains("Production planning and scheduling "),
        "{text}"
    );
}

/// At 40×12 the welcome menu is on screen (it comes first when the introduction does not fit),
/// and the profile puts values under their labels so the industry type and the four business
/// boxes are whole.
#[test]
fn a_small_terminal_keeps_the_menu_and_whole_values() {
    for lang in Lang::ALL {
        let app = App::new(Arc::new(Questionnaire::embedded()), lang);
        let text = screen_text(&draw(&app, 40, 12, false));
        let (start, quit) = match lang {
            Lang::ZhCn => ("开始新的自诊", "退出"),
            Lang::En => ("start a new self-diagnosis", "quit"),
        };
        let body: String = text.lines().take(11).collect();
        assert!(body.contains(start) && body.contains(quit), "{text}");

        let q = Arc::new(Questionnaire::embedded());
        let mut app = App::new(q.clone(), lang);
        update(
            &mut app,
            Action::Opened {
                name: "new".into(),
                answers: Box::new(Answers::new(&q)),
            },
        );
        for _ in 0..7 {
            update(&mut app, Action::Down);
        }
        let text = screen_text(&draw(&app, 40, 12, false));
        let (process, service) = match lang {
            Lang::ZhCn => ("( ) 流程型", "[x] 服务"),
            Lang::En => ("( ) process", "[x] service"),
        };
        assert!(text.contains(service), "{text}");
        update(&mut app, Action::Up);
        update(&mut app, Action::Up);
        update(&mut app, Action::Up);
        update(&mut app, Action::Up);
        let text = screen_text(&draw(&app, 40, 12, false));
        assert!(text.contains(process), "{text}");
        assert_sane(&text, "profile 40x12");
    }
}

/// `c`: from self-diagnosis to certificate. The level-1 demo firm in Wuxi, planned for level 3
/// with `+`: the title says the level, the first screen says that a self-diagnosis is not a
/// certificate, and scrolled down the level-3 effort and Wuxi's incentives appear.
#[test]
fn the_certification_plan() {
    snapshot_all("certification", |lang| {
        let mut app = demo(lang);
        update(&mut app, Action::Certification);
        update(&mut app, Action::Raise);
        app
    });
    for lang in Lang::ALL {
        let mut app = demo(lang);
        update(&mut app, Action::Certification);
        // Recommended first application for a level-1 firm: level 2; + − stay within 2–5.
        assert_eq!(
            app.overlay,
            Some(zizhen::app::Overlay::Certification {
                target: 2,
                scroll: 0,
                all: false,
            })
        );
        update(&mut app, Action::Lower);
        for _ in 0..5 {
            update(&mut app, Action::Raise);
        }
        assert!(matches!(
            app.overlay,
            Some(zizhen::app::Overlay::Certification { target: 5, .. })
        ));
        for _ in 0..2 {
            update(&mut app, Action::Lower);
        }
        let first = screen_text(&draw(&app, 80, 24, false));
        let (title, not_certificate) = match lang {
            Lang::En => ("certificate: level 3", "A self-diagnosis is not a"),
            Lang::ZhCn => ("评估证书：3 级", "自诊断不是证书"),
        };
        assert!(first.contains(title), "{lang}:\n{first}");
        assert!(first.contains(not_certificate), "{lang}:\n{first}");
        let mut seen = String::new();
        for _ in 0..6 {
            seen.push_str(&screen_text(&draw(&app, 130, 40, false)));
            update(&mut app, Action::PageDown);
        }
        let (effort, wuxi) = match lang {
            Lang::En => ("21 person-days", "Huishan District, Wuxi"),
            Lang::ZhCn => ("合计 21 人日", "江苏省无锡市惠山区"),
        };
        assert!(seen.contains(effort), "{lang}: {effort}");
        assert!(seen.contains(wuxi), "{lang}: {wuxi}");
        update(&mut app, Action::Cancel);
        assert_eq!(app.overlay, None);
    }
}

/// In the plan, `a` shows every place's incentives (Xiamen's, far from the Wuxi demo firm),
/// and `a` again only the firm's region.
#[test]
fn the_certification_plan_shows_every_place_on_request() {
    let seen = |app: &mut App| {
        let mut text = String::new();
        if let Some(zizhen::app::Overlay::Certification { scroll, .. }) = &mut app.overlay {
            *scroll = 0;
        }
        for _ in 0..8 {
            text.push_str(&screen_text(&draw(app, 130, 40, false)));
            update(app, Action::PageDown);
        }
        text
    };
    let mut app = demo(Lang::En);
    update(&mut app, Action::Certification);
    assert!(!seen(&mut app).contains("Xiamen"));
    update(&mut app, Action::AllPlaces);
    let all = seen(&mut app);
    assert!(all.contains("Torch Hi-tech Zone, Xiamen") && all.contains("Shaanxi"));
    update(&mut app, Action::AllPlaces);
    assert!(!seen(&mut app).contains("Xiamen"));
}

/// The demo merged with a copy that rates its first requirement otherwise, gives another
/// number of employees and adds a note.
fn merged_demo(lang: Lang) -> App {
    let mut app = demo(lang);
    let mut other = app.answers.clone();
    let first = app.q.requirements[0].id.clone();
    let mine = app.answers.ratings[&first].rating;
    other.ratings.insert(
        first.clone(),
        zizhen::model::answers::Rated::given(zizhen::model::Rating::ALL[(mine.index() + 1) % 4]),
    );
    other.profile.employees = Some(9999);
    other.notes.insert(first, "seen on site".into());
    update(
        &mut app,
        Action::MergeRead {
            name: "assessor".into(),
            answers: Box::new(other),
        },
    );
    app.status = None;
    app
}

#[test]
fn the_merge_popup_says_what_was_added_and_every_conflict() {
    snapshot_all("merged", merged_demo);
    for (lang, must) in [
        (
            Lang::En,
            [
                "Merged assessor",
                "Added: 0 ratings, 1 notes",
                "Conflicts: 2 (0 left open)",
                "demo kept (preferred)",
            ],
        ),
        (
            Lang::ZhCn,
            [
                "已合并 assessor",
                "已添加：评分 0 条，备注 1 条",
                "冲突 2 处（其中 0 处未决）",
                "采用 demo（优先）",
            ],
        ),
    ] {
        let text = screen_text(&draw(&merged_demo(lang), 100, 30, false));
        for m in must {
            assert!(text.contains(m), "{lang}: {m}\n{text}");
        }
    }
    // The prompt that asks for the file.
    let mut app = demo(Lang::En);
    update(&mut app, Action::MergeFile);
    let text = screen_text(&draw(&app, 80, 24, false));
    assert!(
        text.contains("Merge into this assessment the file"),
        "{text}"
    );
}

/// The welcome screen's list of demo companies, the cursor on the third.
fn demo_list(lang: Lang) -> App {
    let mut app = App::new(Arc::new(Questionnaire::embedded()), lang);
    update(&mut app, Action::Demos);
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    app
}

#[test]
fn demo_companies_list() {
    snapshot_all("demos", demo_list);
}

#[test]
fn a_demo_company_open_read_only() {
    snapshot_all("demo_read_only", |lang| {
        let mut app = demo_list(lang);
        update(&mut app, Action::Confirm);
        app.status = None;
        app
    });
}

#[test]
fn a_refused_change_to_a_demo_says_how_to_copy() {
    for lang in Lang::ALL {
        let mut app = demo_list(lang);
        update(&mut app, Action::Confirm);
        let planning = app.q.subdomain_index("planning").unwrap();
        let first = app.q.subdomain_requirements(planning).start;
        app.select_requirement(RequirementIx(first));
        update(&mut app, Action::Rate(zizhen::model::Rating::FI));
        let strings = Strings::load(lang);
        for (w, h) in SIZES {
            let text: String = screen_text(&draw(&app, w, h, false))
                .split_whitespace()
                .collect();
            let mark: String = strings.get("demos.mark").split_whitespace().collect();
            assert!(text.contains(&mark), "{lang} {w}x{h}: {text}");
            // The refusal names the copy key, as the key table binds it.
            let said: String = strings
                .get("demos.read_only_refused")
                .split_whitespace()
                .collect();
            let shown = text.contains(&said);
            assert!(shown || w < 80, "{lang} {w}x{h}: {text}");
            assert!(said.contains('C'));
        }
    }
}

/// Next to a requirement whose practice the 2021 national report measured, the pane says how
/// many enterprises had it (APS: 10.42 %), in both languages; other requirements say nothing.
#[test]
fn a_measured_practice_shows_its_national_share() {
    for (lang, expected) in [
        (
            Lang::En,
            "Nationally in 2021: advanced planning and scheduling (APS), 10.4 % of",
        ),
        (Lang::ZhCn, "2021 年全国：高级排产系统，10.4% 的企业"),
    ] {
        let mut app = demo(lang);
        let aps = app.q.requirement_index("planning.4.4").unwrap();
        app.select_requirement(RequirementIx(aps));
        let text = screen_text(&draw(&app, 120, 30, false));
        // The pane wraps the note: compare without the spaces wrapping moves.
        let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let pane: String = text.lines().filter_map(|l| l.split('│').nth(3)).collect();
        assert!(squeeze(&pane).contains(&squeeze(expected)), "{text}");
        assert_sane(&text, "practice note");
        let first = app.q.requirement_index("planning.1.1").unwrap();
        app.select_requirement(RequirementIx(first));
        let text = screen_text(&draw(&app, 120, 30, false));
        assert!(!text.contains("10.4"), "{text}");
    }
}

/// `zizhen --peers STORE`: the score panel says where X stands in the collection, and follows X.
#[test]
fn the_score_panel_places_x_in_a_collection() {
    use zizhen::collection::peers::Peers;
    // Six other machinery firms (division 34) at X 0, 0.5 … 2.5; the demo firm is at 1.68.
    let rows: Vec<(String, Option<String>, f64)> = (0..6)
        .map(|i| {
            (
                format!("credit:{i}"),
                Some("34".to_string()),
                f64::from(i) * 0.5,
            )
        })
        .collect();
    let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for (lang, expected) in [
        (Lang::En, "Collection: ahead of 66% of 6 in your industry"),
        (Lang::ZhCn, "汇总库：高于本行业 6 家中的 66%"),
    ] {
        let mut app = demo(lang);
        let without = screen_text(&draw(&app, 120, 30, false));
        assert!(!squeeze(&without).contains(&squeeze(expected)));
        app.peers = Some(Arc::new(Peers::from_rows(rows.clone(), 5)));
        let text = screen_text(&draw(&app, 120, 30, false));
        // The panel is the right-most frame: its column, read line after line.
        let panel: String = text.lines().filter_map(|l| l.rsplit('│').nth(1)).collect();
        assert!(squeeze(&panel).contains(&squeeze(expected)), "{text}");
        assert_sane(&text, "peers");
    }
}

/// The demo with `P` pressed: the prompt for the collection to compare with.
fn peers_prompt(lang: Lang) -> App {
    let mut app = demo(lang);
    update(&mut app, Action::ChoosePeers);
    app
}

#[test]
fn the_peers_prompt_and_the_standing_it_brings() {
    snapshot_all("peers_prompt", peers_prompt);
    for (lang, title) in [
        (Lang::En, "Compare the score with a collection"),
        (Lang::ZhCn, "与汇总库比较得分"),
    ] {
        let text = screen_text(&draw(&peers_prompt(lang), 80, 24, false));
        assert!(text.contains(title), "{lang}\n{text}");
    }
    // Ten peers in the demo's division, X from 0 to 4.5: the panel counts them, and says how
    // many have a lower X than the demo's.
    let mut app = demo(Lang::En);
    let division = app.answers.profile.industry.clone().unwrap()[..2].to_string();
    let rows: Vec<(String, Option<String>, f64)> = (0..10)
        .map(|i| (format!("e{i}"), Some(division.clone()), i as f64 * 0.5))
        .collect();
    let x = zizhen::model::scoring::to_f64(
        &zizhen::model::scoring::score(&app.q, &app.answers).overall,
    );
    let below = rows.iter().filter(|r| r.2 < x).count();
    update(
        &mut app,
        Action::PeersChosen {
            path: Some("/srv/class.zizhen".into()),
            peers: Some(Arc::new(zizhen::collection::peers::Peers::from_rows(
                rows, 5,
            ))),
        },
    );
    let text = screen_text(&draw(&app, 120, 40, false));
    assert!(
        text.contains("Comparing the score with /srv/class.zizhen (10 enterprises)"),
        "{text}"
    );
    let percent = (100.0 * below as f64 / 10.0).round() as u32;
    // The panel is narrow: the line wraps after the percentage.
    assert!(
        text.contains(&format!("Collection: ahead of {percent}%"))
            && text.contains("of 10 in your industry"),
        "{below} below X {x}\n{text}"
    );
    // An empty line puts it away.
    update(
        &mut app,
        Action::PeersChosen {
            path: None,
            peers: None,
        },
    );
    let text = screen_text(&draw(&app, 120, 40, false));
    assert!(!text.contains("Collection:"), "{text}");
    assert!(text.contains("No longer comparing"), "{text}");
}
