//! Layer 1, property-based: random sequences of user actions on a small questionnaire. Whatever
//! the sequence, nothing panics, every save writes answers that load back to the same state,
//! and an undo followed by a redo changes nothing.

mod common;

use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;
use zizhen::app::{Action, App, Effect, update};
use zizhen::i18n::Lang;
use zizhen::model::{Answers, Questionnaire, Rating};

fn questionnaire() -> Arc<Questionnaire> {
    let mut source = common::questionnaire_source(&[
        common::cell("a", 1.0, [2, 1, 1, 1, 1]),
        common::cell("b", 2.0, [1, 2, 1, 1, 1]),
        common::cell("c", 1.0, [1, 1, 2, 1, 1]),
    ]);
    source = source.replacen(
        "id = \"b.2.2\"\n",
        "id = \"b.2.2\"\nconditional = { zh-CN = \"仅适用于有锅炉的工厂\", en = \"Only with a boiler\" }\n",
        1,
    );
    Arc::new(Questionnaire::from_source(Path::new("mini.toml"), &source).unwrap())
}

fn opened(q: &Arc<Questionnaire>) -> App {
    let mut app = App::new(q.clone(), Lang::En);
    let mut answers = Answers::new(q);
    answers.profile.industry_type = Some(zizhen::model::IndustryType::Discrete);
    update(
        &mut app,
        Action::Opened {
            name: "p".into(),
            answers: Box::new(answers),
        },
    );
    app
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::Up),
        Just(Action::Down),
        Just(Action::Left),
        Just(Action::Right),
        Just(Action::PageDown),
        Just(Action::Rate(Rating::NI)),
        Just(Action::Rate(Rating::PI)),
        Just(Action::Rate(Rating::LI)),
        Just(Action::Rate(Rating::FI)),
        Just(Action::ClearRating),
        Just(Action::Undo),
        Just(Action::Redo),
        Just(Action::Tailor),
        Just(Action::NotApplicable),
        Just(Action::Estimate),
        Just(Action::EditNote),
        Just(Action::SetTarget),
        Just(Action::Weights),
        Just(Action::NextUnrated),
        Just(Action::Confirm),
        Just(Action::Cancel),
        Just(Action::Backspace),
        prop::sample::select(vec!['1', '2', '3', 'x', 'a', '=', ' ', '中']).prop_map(Action::Input),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_sequence_keeps_the_state_sound(actions in proptest::collection::vec(action(), 0..60)) {
        let q = questionnaire();
        let mut app = opened(&q);
        for a in actions {
            for effect in update(&mut app, a) {
                if let Effect::Save { answers } = effect {
                    // What is saved is what is on screen, and it loads back as it was.
                    prop_assert_eq!(&*answers, &app.answers);
                    let text = answers.to_toml();
                    let back = Answers::from_source(Path::new("p.toml"), &text, &q);
                    prop_assert!(back.is_ok(), "{:?}\n{}", back.err(), text);
                    prop_assert_eq!(back.unwrap(), *answers);
                }
            }
            // The score always follows the answers.
            let fresh = zizhen::model::scoring::score(&q, &app.answers);
            prop_assert_eq!(&fresh, &app.score);
        }
        // An undo followed by a redo changes nothing.
        let before = app.answers.clone();
        if !app.undo.is_empty() {
            update(&mut app, Action::Cancel);
            app.overlay = None;
            update(&mut app, Action::Undo);
            update(&mut app, Action::Redo);
            prop_assert_eq!(&app.answers, &before);
        }
    }
}
