use super::{Exit, emit, fail};
use crate::cli::{Format, ScoreArgs};
use crate::i18n::Strings;
use crate::model::{Answers, Questionnaire};
use crate::report;

pub fn run(q: &Questionnaire, args: &ScoreArgs, s: &Strings) -> Exit {
    let answers = match Answers::load_reporting(&args.answers, q) {
        Ok((answers, migrated)) => {
            if let Some(m) = migrated {
                let file = args.answers.display().to_string();
                eprint!("{}", report::migration::warning(&m, &file, s));
            }
            answers
        }
        Err(e) => return fail(&e, s),
    };
    match args.format {
        Format::Text => emit(&report::summary::score(q, &answers, s)),
        Format::Json => emit(&crate::result::canonical::pretty(
            &serde_json::to_value(report::json::assessment(q, &answers)).unwrap_or_default(),
        )),
    }
}
