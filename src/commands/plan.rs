//! `zizhen plan`: the formal assessment planned from a self-diagnosis, the readiness checklist
//! and what a level is worth where the enterprise is.

use std::path::Path;

use super::report::check_extension;
use super::results::answers_of;
use super::{Exit, deliver, fail};
use crate::certification::incentives::Incentives;
use crate::certification::{self};
use crate::cli::{PlanArgs, ReportFormat};
use crate::i18n::Strings;
use crate::model::{FileError, Questionnaire};
use crate::report::certification::{self as view, Places, View};

/// The incentive file given with `--incentives`, checked, else the bundled one.
pub(crate) fn incentives_of(path: Option<&Path>) -> Result<Incentives, FileError> {
    match path {
        Some(path) => Incentives::load(path),
        None => Ok(Incentives::embedded()),
    }
}

pub fn run(q: &Questionnaire, args: &PlanArgs, s: &Strings) -> Exit {
    if let Some(path) = &args.output
        && let Err(message) = check_extension(path, s)
    {
        eprint!("{message}");
        return Exit::BadInput;
    }
    let incentives = match incentives_of(args.incentives.as_deref()) {
        Ok(incentives) => incentives,
        Err(e) => return fail(&e, s),
    };
    let answers = match answers_of(&args.answers, q, s) {
        Ok(answers) => answers,
        Err(message) => {
            eprint!("{message}");
            return Exit::BadInput;
        }
    };
    let plan = certification::plan(q, &answers, args.target);
    let places = if args.all_incentives {
        Places::All
    } else {
        Places::Own
    };
    let v = View::build(q, &answers, &plan, &incentives, places, s);
    let format = args
        .report_format
        .or_else(|| args.output.as_deref().and_then(ReportFormat::from_path))
        .unwrap_or(ReportFormat::Txt);
    let bytes = match format {
        ReportFormat::Txt => view::plain(&v, s).into_bytes(),
        ReportFormat::Md => view::markdown(&v, s).into_bytes(),
        ReportFormat::Html => crate::report::html::certification::document(&v, s).into_bytes(),
        ReportFormat::Csv => view::csv(&v, s),
    };
    deliver(args.output.as_deref(), &bytes, "plan.html", s)
}
