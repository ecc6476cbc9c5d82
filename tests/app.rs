//! Layer 1: the state machine on its own — no terminal, no files. Each test feeds actions to
//! `update` and checks the state and the effects it asks for.

use std::sync::Arc;

use zizhen::app::notice::{Notice, Touched};
use zizhen::app::state::{ListPrompt, Status, TextPrompt};
use zizhen::app::tree::{Node, RowIx};
use zizhen::app::{Action, App, Effect, Focus, Overlay, Screen, update};
use zizhen::i18n::Lang;
use zizhen::model::profile::Coverage;
use zizhen::model::questionnaire::{RequirementIx, SubdomainIx};
use zizhen::model::{Answers, IndustryType, Questionnaire, Rating};

fn opened(profile_type: Option<IndustryType>) -> App {
    let q = Arc::new(Questionnaire::embedded());
    let mut app = App::new(q.clone(), Lang::En);
    let mut answers = Answers::new(&q);
    answers.profile.industry_type = profile_type;
    update(
        &mut app,
        Action::Opened {
            name: "t".into(),
            answers: Box::new(answers),
        },
    );
    app
}

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) -> Vec<Effect> {
    actions.into_iter().flat_map(|a| update(app, a)).collect()
}

/// Selects the tree row of a sub-domain.
fn select_subdomain(app: &mut App, key: &str) {
    let s = app.q.subdomain_index(key).unwrap();
    let row = app
        .rows
        .iter()
        .position(|n| *n == Node::Subdomain(SubdomainIx(s)))
        .unwrap();
    app.select_row(RowIx(row));
}

fn id(app: &App) -> String {
    app.q.requirements[app.requirement].id.clone()
}

/// Exactly one effect: saving the answers as they now are.
fn saves(app: &App, effects: &[Effect]) -> bool {
    matches!(effects, [Effect::Save { answers }] if **answers == app.answers)
}

fn status_key(app: &App) -> Option<&'static str> {
    app.status.as_ref().map(|Status(notice)| notice.key())
}

#[test]
fn opening_without_an_industry_type_asks_for_the_profile() {
    let app = opened(None);
    assert!(matches!(app.screen, Screen::Profile(_)));
    let app = opened(Some(IndustryType::Discrete));
    assert_eq!(app.screen, Screen::Main);
}

#[test]
fn rating_saves_moves_on_and_scores_live() {
    let mut app = opened(Some(IndustryType::Discrete));
    assert_eq!(id(&app), "strategy.1.1");
    let effects = run(&mut app, [Action::Right, Action::Rate(Rating::FI)]);
    assert!(saves(&app, &effects), "every change is saved");
    assert_eq!(app.answers.ratings["strategy.1.1"].rating, Rating::FI);
    assert_eq!(
        id(&app),
        "strategy.1.2",
        "answering moves to the next requirement"
    );
    assert_eq!(app.score.completeness.rated, 1);
    assert!(app.score.overall > num_rational::Ratio::new(0, 1));
    assert_eq!(app.focus, Focus::Requirements);
}

#[test]
fn undo_and_redo_restore_exactly() {
    let mut app = opened(Some(IndustryType::Discrete));
    run(
        &mut app,
        [Action::Rate(Rating::LI), Action::Rate(Rating::NI)],
    );
    let both = app.answers.clone();
    let effects = run(&mut app, [Action::Undo]);
    assert!(saves(&app, &effects));
    assert!(!app.answers.ratings.contains_key("strategy.1.2"));
    assert_eq!(id(&app), "strategy.1.2", "undo shows where the change was");
    assert_eq!(
        app.status,
        Some(Status(Notice::Undone {
            what: Touched::Requirements {
                first: "strategy.1.2".into(),
                count: 1
            }
        })),
        "undo says what it took back"
    );
    run(&mut app, [Action::Undo]);
    assert!(app.answers.ratings.is_empty());
    assert!(run(&mut app, [Action::Undo]).is_empty());
    assert_eq!(status_key(&app), Some("status.nothing_to_undo"));
    run(&mut app, [Action::Redo, Action::Redo]);
    assert_eq!(status_key(&app), Some("status.redone"));
    assert_eq!(app.answers, both);
    assert_eq!(app.score.completeness.rated, 2);
}

#[test]
fn a_new_change_clears_redo() {
    let mut app = opened(Some(IndustryType::Discrete));
    run(
        &mut app,
        [
            Action::Rate(Rating::LI),
            Action::Undo,
            Action::Rate(Rating::PI),
        ],
    );
    assert!(run(&mut app, [Action::Redo]).is_empty());
}

#[test]
fn quick_estimate_fills_estimates_and_keeps_user_ratings() {
    let mut app = opened(Some(IndustryType::Discrete));
    run(&mut app, [Action::Rate(Rating::PI)]); // strategy.1.1 set by the user
    let effects = run(&mut app, [Action::Estimate, Action::Input('2')]);
    assert!(saves(&app, &effects));
    let a = &app.answers;
    assert_eq!(
        a.ratings["strategy.1.1"].rating,
        Rating::PI,
        "the user's rating stays"
    );
    assert!(!a.ratings["strategy.1.1"].estimate);
    assert_eq!(a.ratings["strategy.2.3"].rating, Rating::FI);
    assert_eq!(a.ratings["strategy.3.1"].rating, Rating::NI);
    assert!(a.ratings["strategy.2.3"].estimate && a.ratings["strategy.5.3"].estimate);
    assert_eq!(
        app.q.subdomains[app.subdomain().unwrap()].key,
        "skills",
        "on to the next"
    );
    // Rating an estimate confirms it.
    let index = app.q.requirement_index("strategy.2.3").unwrap();
    app.select_requirement(RequirementIx(index));
    run(&mut app, [Action::Rate(Rating::LI)]);
    assert!(!app.answers.ratings["strategy.2.3"].estimate);
    // One undo takes the whole estimate back... after the confirmation is undone.
    run(&mut app, [Action::Undo, Action::Undo]);
    assert_eq!(app.answers.ratings.len(), 1);
    assert_eq!(app.answers.estimate_count(), 0);
}

#[test]
fn tailoring_needs_a_reason_and_untailoring_restores_ratings() {
    let mut app = opened(Some(IndustryType::Discrete));
    select_subdomain(&mut app, "logistics");
    run(&mut app, [Action::Rate(Rating::FI)]);
    let total = app.score.completeness.total;
    run(&mut app, [Action::Tailor]);
    assert!(matches!(app.overlay, Some(Overlay::TailorReason { .. })));
    assert!(
        run(&mut app, [Action::Confirm]).is_empty(),
        "an empty reason is refused"
    );
    assert_eq!(status_key(&app), Some("status.reason_required"));
    let effects = run(
        &mut app,
        "outsourced"
            .chars()
            .map(Action::Input)
            .chain([Action::Confirm]),
    );
    assert!(saves(&app, &effects));
    assert_eq!(app.answers.tailoring["logistics"], "outsourced");
    let logistics = app.q.subdomain_index("logistics").unwrap();
    let in_logistics = app.q.subdomain_requirements(logistics).len();
    assert_eq!(app.score.completeness.total, total - in_logistics);
    assert!(
        run(&mut app, [Action::Rate(Rating::NI)]).is_empty(),
        "no rating while tailored"
    );
    run(&mut app, [Action::Tailor]);
    assert!(app.answers.tailoring.is_empty());
    assert_eq!(app.score.completeness.total, total);
    let logistics = app.q.subdomain_index("logistics").unwrap();
    let first = &app.q.requirements[app.q.subdomain_requirements(logistics).start].id;
    assert_eq!(
        app.answers.ratings[first].rating,
        Rating::FI,
        "ratings come back"
    );
}

#[test]
fn locked_subdomains_say_why() {
    let mut app = opened(Some(IndustryType::Process));
    select_subdomain(&mut app, "process-design");
    run(&mut app, [Action::Tailor]);
    assert!(app.overlay.is_none());
    assert_eq!(status_key(&app), Some("status.locked_process"));
    app.select_row(RowIx(1)); // strategy
    run(&mut app, [Action::Tailor]);
    assert_eq!(status_key(&app), Some("status.locked"));
}

#[test]
fn coverage_suggests_a_reason() {
    let mut app = opened(Some(IndustryType::Discrete));
    app.answers.profile.covers = Some(vec![Coverage::Design, Coverage::Sales, Coverage::Service]);
    select_subdomain(&mut app, "logistics");
    run(&mut app, [Action::Tailor]);
    let Some(Overlay::TailorReason { input, .. }) = &app.overlay else {
        panic!("tailoring dialog expected")
    };
    assert!(input.text().contains("logistics"), "{}", input.text());
}

#[test]
fn a_suggested_text_is_replaced_by_typing_and_lines_are_edited_by_word() {
    let mut app = opened(Some(IndustryType::Discrete));
    app.answers.profile.covers = Some(vec![Coverage::Design, Coverage::Sales, Coverage::Service]);
    select_subdomain(&mut app, "logistics");
    run(&mut app, [Action::Tailor]);
    run(
        &mut app,
        "outsourced to ACME ltd".chars().map(Action::Input),
    );
    let reason = |app: &App| match &app.overlay {
        Some(Overlay::TailorReason { input, .. }) => input.text().to_string(),
        _ => panic!("tailoring dialog expected"),
    };
    assert_eq!(
        reason(&app),
        "outsourced to ACME ltd",
        "typing replaces the suggestion"
    );
    run(&mut app, [Action::DeleteWord]);
    assert_eq!(reason(&app), "outsourced to ACME ");
    run(&mut app, [Action::Left, Action::DeleteToEnd]);
    assert_eq!(reason(&app), "outsourced to ACME");
    run(&mut app, [Action::DeleteToStart]);
    assert_eq!(reason(&app), "");
    run(&mut app, "by 3PL".chars().map(Action::Input));
    run(&mut app, [Action::Confirm]);
    assert_eq!(app.answers.tailoring["logistics"], "by 3PL");
}

#[test]
fn the_industry_type_follows_the_industry_until_the_user_chooses() {
    use zizhen::model::fields::Field;
    let mut app = opened(None);
    let form = |app: &App| match &app.screen {
        Screen::Profile(form) => form.clone(),
        _ => panic!("profile form expected"),
    };
    run(&mut app, [Action::Down, Action::Down]);
    assert_eq!(form(&app).field, Field::Industry);
    run(&mut app, "3459".chars().map(Action::Input));
    assert_eq!(form(&app).industry_type, Some(IndustryType::Discrete));
    run(&mut app, [Action::DeleteToStart]);
    run(&mut app, "26".chars().map(Action::Input));
    assert_eq!(
        form(&app).industry_type,
        Some(IndustryType::Process),
        "chemicals: the type follows the new industry"
    );
    // The user chooses discrete: it stays, whatever the industry becomes.
    run(&mut app, [Action::Down, Action::Right]);
    assert_eq!(form(&app).industry_type, Some(IndustryType::Discrete));
    run(&mut app, [Action::Up, Action::DeleteToStart]);
    run(&mut app, "25".chars().map(Action::Input));
    assert_eq!(form(&app).industry_type, Some(IndustryType::Discrete));

    // Reopened: a saved type that differs from the suggestion counts as chosen; one that
    // matches it keeps following.
    let chosen = zizhen::app::form::ProfileForm::new(&form(&app).to_profile(), false);
    assert!(chosen.type_chosen);
    let mut profile = form(&app).to_profile();
    profile.industry_type = Some(IndustryType::Process);
    assert!(!zizhen::app::form::ProfileForm::new(&profile, false).type_chosen);
}

#[test]
fn the_profile_needs_only_the_industry_type() {
    let mut app = opened(None);
    let Screen::Profile(_) = &app.screen else {
        panic!()
    };
    // Straight to Continue without a type: refused.
    run(&mut app, std::iter::repeat_n(Action::Down, 8));
    assert!(run(&mut app, [Action::Confirm]).is_empty());
    assert_eq!(status_key(&app), Some("status.industry_type_required"));
    let Screen::Profile(form) = &app.screen else {
        panic!()
    };
    assert_eq!(form.field, zizhen::model::fields::Field::IndustryType);
    // Space chooses; on to Continue.
    run(&mut app, [Action::Input(' ')]);
    run(&mut app, std::iter::repeat_n(Action::Down, 5));
    let effects = run(&mut app, [Action::Confirm]);
    assert!(saves(&app, &effects));
    assert_eq!(app.screen, Screen::Main);
    assert_eq!(
        app.answers.profile.industry_type,
        Some(IndustryType::Discrete)
    );
}

#[test]
fn the_profile_form_searches_and_validates_as_you_type() {
    let mut app = opened(None);
    run(&mut app, "Acme".chars().map(Action::Input));
    run(&mut app, [Action::Down]);
    run(&mut app, "123".chars().map(Action::Input)); // a bad credit code
    run(&mut app, [Action::Down]);
    run(&mut app, "auto".chars().map(Action::Input));
    run(&mut app, [Action::Confirm]); // takes "36 automobiles", moves on
    let Screen::Profile(form) = &app.screen else {
        panic!()
    };
    assert_eq!(form.industry.text(), "36");
    assert_eq!(form.industry_type, Some(IndustryType::Discrete));
    assert!(
        form.problem(zizhen::model::fields::Field::CreditCode)
            .is_some()
    );
    run(&mut app, std::iter::repeat_n(Action::Down, 2));
    run(&mut app, "320人".chars().map(Action::Input)); // employees, as people write them
    run(&mut app, [Action::Down]);
    run(&mut app, "1.85亿".chars().map(Action::Input)); // revenue
    run(&mut app, std::iter::repeat_n(Action::Down, 2));
    // Continue with an invalid credit code: nothing is lost, the form says which field.
    let effects = run(&mut app, [Action::Confirm]);
    assert!(effects.is_empty(), "not saved while a field is invalid");
    assert_eq!(status_key(&app), Some("status.profile_invalid"));
    let Screen::Profile(form) = &app.screen else {
        panic!("the form stays open")
    };
    assert_eq!(form.field, zizhen::model::fields::Field::CreditCode);
    assert_eq!(form.credit_code.text(), "123", "what was typed is kept");
    // Cleared, it goes on.
    run(&mut app, [Action::DeleteToStart]);
    run(&mut app, std::iter::repeat_n(Action::Down, 7));
    let effects = run(&mut app, [Action::Confirm]);
    assert!(saves(&app, &effects));
    let p = &app.answers.profile;
    assert_eq!(p.name.as_deref(), Some("Acme"));
    assert_eq!(p.industry.as_deref(), Some("36"));
    assert_eq!(p.credit_code, None);
    assert_eq!(p.employees, Some(320));
    assert_eq!(p.revenue, Some(18_500.0));
}

#[test]
fn switching_to_process_industry_reassesses_process_design() {
    let mut app = opened(Some(IndustryType::Discrete));
    app.answers
        .tailoring
        .insert("process-design".into(), "no process design".into());
    app.reindex();
    run(&mut app, [Action::EditProfile]);
    run(&mut app, std::iter::repeat_n(Action::Down, 3));
    run(&mut app, [Action::Right]); // discrete → process
    run(&mut app, std::iter::repeat_n(Action::Down, 5));
    run(&mut app, [Action::Confirm]);
    assert_eq!(
        app.answers.profile.industry_type,
        Some(IndustryType::Process)
    );
    assert!(
        app.answers.tailoring.is_empty(),
        "a locked sub-domain cannot stay tailored"
    );
    assert_eq!(status_key(&app), Some("status.untailored_locked"));
    run(&mut app, [Action::Undo]);
    assert_eq!(
        app.answers.profile.industry_type,
        Some(IndustryType::Discrete)
    );
    assert!(app.answers.tailoring.contains_key("process-design"));
}

#[test]
fn next_unrated_skips_rated_and_tailored() {
    let mut app = opened(Some(IndustryType::Discrete));
    run(
        &mut app,
        [Action::Rate(Rating::FI), Action::Rate(Rating::FI)],
    );
    app.select_row(RowIx(1));
    assert_eq!(
        id(&app),
        "strategy.1.3",
        "a sub-domain opens at its first unrated"
    );
    run(&mut app, [Action::Rate(Rating::FI)]);
    app.select_row(RowIx(1));
    assert_eq!(id(&app), "strategy.2.1");
    // From the last requirement of skills, the next unrated skips tailored logistics…
    let last_skills = app.q.subdomain_requirements(1).end - 1;
    app.answers
        .tailoring
        .insert("product-design".into(), "no design".into());
    app.reindex();
    app.select_requirement(RequirementIx(app.q.subdomain_requirements(6).end - 1)); // last of network
    run(&mut app, [Action::NextUnrated]);
    assert_eq!(
        id(&app),
        "process-design.1.1",
        "tailored product design is skipped"
    );
    app.select_requirement(RequirementIx(last_skills));
    run(&mut app, [Action::NextUnrated]);
    let data = app.q.subdomain_index("data").unwrap();
    let first_of_data = app.q.requirements[app.q.subdomain_requirements(data).start]
        .id
        .clone();
    assert_eq!(id(&app), first_of_data);
}

#[test]
fn notes_are_saved_and_removed() {
    let mut app = opened(Some(IndustryType::Discrete));
    run(&mut app, [Action::EditNote]);
    let effects = run(
        &mut app,
        "见文件 A-12"
            .chars()
            .map(Action::Input)
            .chain([Action::Confirm]),
    );
    assert!(saves(&app, &effects));
    assert_eq!(app.answers.notes["strategy.1.1"], "见文件 A-12");
    run(&mut app, [Action::EditNote]);
    run(
        &mut app,
        std::iter::repeat_n(Action::Backspace, 20).chain([Action::Confirm]),
    );
    assert!(app.answers.notes.is_empty());
    // Esc discards.
    run(
        &mut app,
        [Action::EditNote, Action::Input('x'), Action::Cancel],
    );
    assert!(app.answers.notes.is_empty());
}

#[test]
fn search_jumps_to_a_requirement() {
    let mut app = opened(Some(IndustryType::Discrete));
    run(&mut app, [Action::Search]);
    run(
        &mut app,
        "Master Production Schedule".chars().map(Action::Input),
    );
    run(&mut app, [Action::Down, Action::Confirm]);
    assert_eq!(id(&app), "planning.2.1", "the second match");
    assert_eq!(app.focus, Focus::Requirements);
}

#[test]
fn the_gap_list_jumps_to_what_lifts_most() {
    let mut app = opened(Some(IndustryType::Discrete));
    run(&mut app, [Action::Gaps]);
    let Some(Overlay::Gaps { target, items, .. }) = &app.overlay else {
        panic!()
    };
    assert_eq!(*target, 1);
    assert!(
        items
            .iter()
            .all(|i| app.q.requirements[i.requirement].level == 1)
    );
    let first = items[0].requirement;
    run(&mut app, [Action::Confirm]);
    assert_eq!(app.requirement, RequirementIx(first));
    assert!(app.overlay.is_none());
}

#[test]
fn target_level_is_set_and_undoable() {
    let mut app = opened(Some(IndustryType::Discrete));
    let effects = run(&mut app, [Action::SetTarget, Action::Input('3')]);
    assert!(saves(&app, &effects));
    assert_eq!(app.answers.meta.target_level, Some(3));
    run(&mut app, [Action::Gaps]);
    let Some(Overlay::Gaps { target, .. }) = &app.overlay else {
        panic!()
    };
    assert_eq!(*target, 3, "the gap list aims at the target");
    run(&mut app, [Action::Cancel, Action::Undo]);
    assert_eq!(app.answers.meta.target_level, None);
}

#[test]
fn language_switches_anywhere() {
    let mut app = opened(None);
    let effects = run(&mut app, [Action::SwitchLanguage]);
    assert_eq!(app.lang, Lang::ZhCn);
    assert_eq!(
        effects,
        [Effect::RememberLanguage(Lang::ZhCn)],
        "kept for the next start"
    );
    run(&mut app, [Action::Estimate]); // ignored in the form, nothing breaks
    run(&mut app, [Action::SwitchLanguage]);
    assert_eq!(app.lang, Lang::En);
}

#[test]
fn quit_asks_nothing() {
    let mut app = opened(Some(IndustryType::Discrete));
    assert_eq!(run(&mut app, [Action::Quit]), [Effect::Quit]);
}

#[test]
fn assessments_list_prompts() {
    let mut app = opened(Some(IndustryType::Discrete));
    assert_eq!(run(&mut app, [Action::Assessments]), [Effect::List]);
    update(
        &mut app,
        Action::Listed(vec![
            ("t".into(), "today".into()),
            ("other".into(), "".into()),
        ]),
    );
    assert!(matches!(app.screen, Screen::Assessments(_)));
    run(&mut app, [Action::Delete]);
    assert_eq!(
        status_key(&app),
        Some("status.delete_open"),
        "the open one is not deleted"
    );
    run(&mut app, [Action::Down, Action::Delete]);
    let effects = run(&mut app, [Action::Input('y')]);
    assert_eq!(effects, [Effect::Delete("other".into()), Effect::List]);
    run(&mut app, [Action::Rename]);
    let Screen::Assessments(list) = &app.screen else {
        panic!()
    };
    assert!(matches!(
        list.prompt,
        Some(ListPrompt::Text(TextPrompt::Rename(_), _))
    ));
    // The old name is selected: End keeps it and types after it.
    let effects = run(&mut app, [Action::End, Action::Input('2'), Action::Confirm]);
    assert_eq!(
        effects,
        [
            Effect::Rename {
                old: "other".into(),
                new: "other2".into()
            },
            Effect::List
        ]
    );
    let effects = run(&mut app, [Action::New, Action::Confirm]);
    assert!(effects.is_empty(), "a name is required");
    let effects = run(
        &mut app,
        "B".chars().map(Action::Input).chain([Action::Confirm]),
    );
    assert!(matches!(&effects[..], [Effect::Create { name: Some(n), .. }] if n == "B"));
    run(&mut app, [Action::Cancel]);
    assert_eq!(app.screen, Screen::Main);
}

#[test]
fn a_merge_from_elsewhere_is_adopted_in_place() {
    let mut app = opened(Some(IndustryType::Discrete));
    run(&mut app, [Action::Down, Action::Right]);
    let selected = app.requirement;
    let mut theirs = app.answers.clone();
    theirs.ratings.insert(
        "data.1.2".into(),
        zizhen::model::answers::Rated::given(Rating::LI),
    );
    update(&mut app, Action::Synced(Box::new(theirs)));
    assert_eq!(
        app.rating(RequirementIx(app.q.requirement_index("data.1.2").unwrap())),
        Some(Rating::LI)
    );
    assert_eq!(app.requirement, selected);
    assert_eq!(app.score.completeness.rated, 1);
}

#[test]
fn a_marks_a_conditional_requirement_not_applicable_with_a_reason_and_back() {
    let mut app = opened(Some(IndustryType::Process));
    let index = app
        .q
        .requirements
        .iter()
        .position(|r| r.condition.is_some() && app.q.subdomains[r.subdomain].key == "ehs")
        .expect("a conditional ehs requirement");
    let rid = app.q.requirements[index].id.clone();
    app.select_requirement(RequirementIx(index));
    run(&mut app, [Action::Rate(Rating::PI)]);
    app.select_requirement(RequirementIx(index));
    let total = app.score.completeness.total;
    run(&mut app, [Action::NotApplicable]);
    assert!(matches!(
        app.overlay,
        Some(Overlay::NotApplicableReason { .. })
    ));
    assert!(
        run(&mut app, [Action::Confirm]).is_empty(),
        "a reason is required"
    );
    let effects = run(
        &mut app,
        "no outlet"
            .chars()
            .map(Action::Input)
            .chain([Action::Confirm]),
    );
    assert!(saves(&app, &effects));
    assert_eq!(app.answers.not_applicable[&rid], "no outlet");
    assert!(!app.answers.ratings.contains_key(&rid), "the rating goes");
    assert!(
        app.answers.tailoring.is_empty(),
        "the sub-domain stays assessed"
    );
    assert_eq!(app.score.completeness.total, total - 1);
    // Undo brings back the rating and the requirement; t again makes it applicable.
    run(&mut app, [Action::Undo]);
    assert_eq!(app.answers.ratings[&rid].rating, Rating::PI);
    assert!(app.answers.not_applicable.is_empty());
    run(&mut app, [Action::Redo]);
    app.select_requirement(RequirementIx(index));
    run(&mut app, [Action::NotApplicable]);
    assert!(app.answers.not_applicable.is_empty());
    assert_eq!(app.score.completeness.total, total);
}

#[test]
fn an_unconditional_requirement_cannot_be_marked_not_applicable() {
    let mut app = opened(Some(IndustryType::Discrete));
    select_subdomain(&mut app, "strategy");
    run(&mut app, [Action::Right]);
    assert!(app.q.requirements[app.requirement].condition.is_none());
    assert!(run(&mut app, [Action::NotApplicable]).is_empty());
    assert_eq!(app.overlay, None);
    assert_eq!(status_key(&app), Some("status.not_conditional"));
    assert!(app.answers.not_applicable.is_empty());
}

#[test]
fn weights_for_the_assessment_need_a_valid_table_and_a_reason() {
    let mut app = opened(Some(IndustryType::Process));
    run(&mut app, [Action::Weights]);
    assert!(matches!(app.overlay, Some(Overlay::Weights(_))));
    run(
        &mut app,
        "production = 2, planning = 3"
            .chars()
            .map(Action::Input)
            .chain([Action::Confirm]),
    );
    assert_eq!(status_key(&app), Some("status.weights_invalid"), "mixed");
    assert!(
        matches!(app.overlay, Some(Overlay::Weights(_))),
        "kept open"
    );
    // Clear the line and type a good table.
    run(&mut app, std::iter::repeat_n(Action::Backspace, 40));
    run(
        &mut app,
        "production：2"
            .chars()
            .map(Action::Input)
            .chain([Action::Confirm]),
    );
    assert!(matches!(app.overlay, Some(Overlay::WeightsReason { .. })));
    assert!(
        run(&mut app, [Action::Confirm]).is_empty(),
        "a reason is required"
    );
    let effects = run(
        &mut app,
        "预评估商定"
            .chars()
            .map(Action::Input)
            .chain([Action::Confirm]),
    );
    assert!(saves(&app, &effects));
    let weights = app.answers.weights.as_ref().unwrap();
    assert_eq!(weights.reason, "预评估商定");
    assert_eq!(app.sheet.weights, weights.table.per_subdomain(&app.q));
    // Emptied, the assessment goes back to the questionnaire's weights.
    run(&mut app, [Action::Weights]);
    run(&mut app, std::iter::repeat_n(Action::Backspace, 40));
    run(&mut app, [Action::Confirm]);
    assert!(app.answers.weights.is_none());
}

/// The time comes in with the action: a change made at a given time stamps the answers'
/// `updated` (and `created` once), and the save carries exactly those answers.
#[test]
fn a_change_is_stamped_with_the_time_the_driver_gives() {
    let mut app = opened(Some(IndustryType::Discrete));
    select_subdomain(&mut app, "strategy");
    let effects = zizhen::app::update_at(
        &mut app,
        Action::Rate(Rating::FI),
        Some("2026-12-02T08:00:00Z".into()),
    );
    assert!(saves(&app, &effects));
    assert_eq!(
        app.answers.meta.updated.as_deref(),
        Some("2026-12-02T08:00:00Z")
    );
    assert_eq!(
        app.answers.meta.created.as_deref(),
        Some("2026-12-02T08:00:00Z")
    );
    let effects = zizhen::app::update_at(
        &mut app,
        Action::Rate(Rating::LI),
        Some("2026-12-02T09:00:00Z".into()),
    );
    assert!(saves(&app, &effects));
    assert_eq!(
        app.answers.meta.updated.as_deref(),
        Some("2026-12-02T09:00:00Z")
    );
    assert_eq!(
        app.answers.meta.created.as_deref(),
        Some("2026-12-02T08:00:00Z"),
        "created stays"
    );
    // Moving changes nothing and saves nothing.
    assert!(
        zizhen::app::update_at(&mut app, Action::Down, Some("2026-12-02T10:00:00Z".into()))
            .is_empty()
    );
    assert_eq!(
        app.answers.meta.updated.as_deref(),
        Some("2026-12-02T09:00:00Z")
    );
}

#[test]
fn export_suggests_the_enterprise_and_day_in_full_selected() {
    let mut app = opened(Some(IndustryType::Discrete));
    app.answers.profile.name = Some("Acme/精密".into());
    app.answers.meta.updated = Some("2026-12-02T08:00:00Z".into());
    app.export_dir = Some(std::path::PathBuf::from("/plant/usb"));
    app.focus = Focus::Requirements;
    run(&mut app, [Action::Export]);
    let Some(Overlay::ExportPath(input)) = &app.overlay else {
        panic!("export prompt expected")
    };
    assert_eq!(input.text(), "/plant/usb/Acme-精密 2026-12-02.json");
    assert!(input.is_selected(), "typing replaces it");
}

// --- demo companies (read only, or copied) ---

/// A demo's answers as the file on disk holds them (read independently of the embedded copy).
fn demo_file(q: &Questionnaire, key: &str) -> Answers {
    Answers::load(
        std::path::Path::new(&format!("examples/demo-{key}.toml")),
        q,
    )
    .unwrap()
}

/// The welcome screen's demo list, with the cursor on demo `key`.
fn demo_list(key: &str) -> App {
    let mut app = App::new(Arc::new(Questionnaire::embedded()), Lang::En);
    assert!(run(&mut app, [Action::Demos]).is_empty());
    let Screen::Demos(list) = &app.screen else {
        panic!("not the demo list: {:?}", app.screen);
    };
    let at = list.entries.iter().position(|e| e.key == key).unwrap();
    for _ in 0..at {
        update(&mut app, Action::Down);
    }
    app
}

/// Demo `key` open read only, a sub-domain selected and the focus on its requirements.
fn demo_open(key: &str) -> App {
    let mut app = demo_list(key);
    assert_eq!(update(&mut app, Action::Confirm), [Effect::Close]);
    select_subdomain(&mut app, "planning");
    app.focus = Focus::Requirements;
    app.status = None;
    app
}

#[test]
fn the_demo_list_shows_every_demo_file_scored_from_the_file() {
    let app = demo_list("jobshop");
    let Screen::Demos(list) = &app.screen else {
        panic!()
    };
    let mut files: Vec<String> = std::fs::read_dir("examples")
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter_map(|n| Some(n.strip_prefix("demo-")?.strip_suffix(".toml")?.to_string()))
        .collect();
    files.sort();
    let mut keys: Vec<String> = list.entries.iter().map(|e| e.key.to_string()).collect();
    keys.sort();
    assert_eq!(keys, files);
    for e in &list.entries {
        let answers = demo_file(&app.q, e.key);
        let score = zizhen::model::scoring::score(&app.q, &answers);
        assert_eq!(Some(&e.name), answers.profile.name.as_ref());
        assert_eq!(e.level, score.level, "{}", e.key);
        assert_eq!(e.overall, score.overall, "{}", e.key);
        assert_eq!(
            e.industry.as_ref().map(|(code, _)| code.to_string()),
            answers
                .profile
                .industry
                .as_ref()
                .map(|i| i[..2].to_string())
        );
    }
    // The six span the levels a course needs: below 1 up to 3 at least.
    assert!(list.entries.iter().any(|e| e.level == 0));
    assert!(list.entries.iter().any(|e| e.level >= 3));
}

#[test]
fn a_demo_opens_read_only_on_the_main_screen() {
    let mut app = demo_list("chemical");
    let effects = update(&mut app, Action::Confirm);
    // The assessment open before is left; nothing is created, opened or saved.
    assert_eq!(effects, [Effect::Close]);
    assert_eq!(app.screen, Screen::Main);
    assert_eq!(app.demo, Some("chemical"));
    assert_eq!(app.answers, demo_file(&app.q, "chemical"));
    assert_eq!(status_key(&app), Some("demos.opened"));
    // Esc from the list goes back to the demo, not the welcome.
    update(&mut app, Action::Demos);
    assert!(matches!(app.screen, Screen::Demos(_)));
    update(&mut app, Action::Cancel);
    assert_eq!(app.screen, Screen::Main);
    assert_eq!(app.demo, Some("chemical"));
}

#[test]
fn every_change_to_a_read_only_demo_is_refused_without_a_save() {
    let mut changes: Vec<Action> = Action::BINDABLE
        .iter()
        .map(|(_, a)| a.clone())
        .filter(Action::changes_answers)
        .collect();
    // Enter on a requirement writes its note.
    changes.push(Action::Confirm);
    for action in changes {
        let mut app = demo_open("machinery");
        let before = app.answers.clone();
        let effects = update(&mut app, action.clone());
        assert!(effects.is_empty(), "{action:?}: {effects:?}");
        assert_eq!(app.answers, before, "{action:?}");
        assert_eq!(app.overlay, None, "{action:?}");
        assert_eq!(app.screen, Screen::Main, "{action:?}");
        assert_eq!(
            status_key(&app),
            Some("demos.read_only_refused"),
            "{action:?}"
        );
    }
}

#[test]
fn no_key_sequence_saves_a_read_only_demo() {
    // Every bindable action, then whatever would answer a popup it opened: no save, ever, and
    // the answers stay the file's.
    let follow_ups = [
        Action::Input('3'),
        Action::Input('y'),
        Action::Input('r'),
        Action::Confirm,
        Action::Input('x'),
        Action::Confirm,
    ];
    for (name, action) in Action::BINDABLE {
        let mut app = demo_open("garment");
        let file = app.answers.clone();
        let mut effects = update(&mut app, action.clone());
        if app.demo.is_none() || !matches!(app.screen, Screen::Main) {
            continue; // left the demo (the lists), nothing of it to save
        }
        for f in &follow_ups {
            effects.extend(update(&mut app, f.clone()));
        }
        assert!(
            !effects
                .iter()
                .any(|e| matches!(e, Effect::Save { .. } | Effect::SaveCopy(_))),
            "{name}: {effects:?}"
        );
        if app.demo.is_some() {
            assert_eq!(app.answers, file, "{name}");
        }
    }
}

#[test]
fn a_copy_of_a_demo_is_created_with_its_answers_and_then_edited_normally() {
    for from_list in [true, false] {
        let mut app = if from_list {
            demo_list("autoparts")
        } else {
            demo_open("autoparts")
        };
        let file = demo_file(&app.q, "autoparts");
        let effects = zizhen::app::update_at(
            &mut app,
            Action::CopyDemo,
            Some("2026-12-03T08:00:00Z".into()),
        );
        let [Effect::CreateCopy { wanted, answers }] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        assert_eq!(Some(wanted), file.profile.name.as_ref());
        assert_eq!(answers.ratings, file.ratings);
        assert_eq!(answers.profile, file.profile);
        assert_eq!(answers.tailoring, file.tailoring);
        assert_eq!(answers.notes, file.notes);
        assert_eq!(
            answers.meta.created.as_deref(),
            Some("2026-12-03T08:00:00Z")
        );
        // The driver creates it and reports it open: an assessment like any other.
        update(
            &mut app,
            Action::Opened {
                name: wanted.clone(),
                answers: answers.clone(),
            },
        );
        assert_eq!(app.demo, None);
        select_subdomain(&mut app, "planning");
        let other = if app.rating(app.requirement) == Some(Rating::FI) {
            Rating::NI
        } else {
            Rating::FI
        };
        let effects = update(&mut app, Action::Rate(other));
        assert!(saves(&app, &effects), "{effects:?}");
    }
}

#[test]
fn the_copy_key_does_nothing_outside_a_demo() {
    let mut app = opened(Some(IndustryType::Discrete));
    assert!(update(&mut app, Action::CopyDemo).is_empty());
    assert_eq!(app.demo, None);
}

#[test]
fn a_demo_is_not_opened_over_changes_that_are_not_saved() {
    let mut app = opened(Some(IndustryType::Discrete));
    select_subdomain(&mut app, "planning");
    update(&mut app, Action::Rate(Rating::FI));
    let on_disk = Answers::new(&app.q);
    update(
        &mut app,
        Action::SaveFailed {
            error: zizhen::messages::Problem::Text("disk full".into()),
            on_disk: Box::new(on_disk),
        },
    );
    let mine = app.answers.clone();
    update(&mut app, Action::Demos);
    assert!(update(&mut app, Action::Confirm).is_empty());
    assert_eq!(app.demo, None);
    assert_eq!(app.answers, mine);
    assert_eq!(status_key(&app), Some("demos.unsaved"));
    // Esc goes back to the assessment, its changes still there.
    update(&mut app, Action::Cancel);
    assert_eq!(app.screen, Screen::Main);
}
