//! `zizhen index STORE`: the index report of a collection, or (`--export DIR`) its tidy tables.

use std::io::IsTerminal;

use super::{Exit, deliver};
use crate::cli::{IndexArgs, IndexFormat, SizeArg, TypeArg};
use crate::collection::Store;
use crate::collection::export::{ExportError, FILES};
use crate::collection::query::{Filters, Size};
use crate::i18n::{Lang, Strings};
use crate::model::Questionnaire;
use crate::model::reference;
use crate::report::index;

/// `lang`: the language asked for with `--lang` (the interactive view also heeds the settings
/// and the Linux text console).
pub fn run(q: &Questionnaire, args: &IndexArgs, lang: Option<Lang>, s: &Strings) -> Exit {
    let filters = match filters(args, s) {
        Ok(f) => f,
        Err(message) => {
            eprintln!("{message}");
            return Exit::BadInput;
        }
    };
    let store = match Store::open_existing(&args.store) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("{}", e.render(s));
            return Exit::BadInput;
        }
    };
    // `--export DIR` is not a document to deliver: several tables written into a folder by the
    // store itself, each file named on standard error.
    if let Some(dir) = &args.export {
        return match store.export(dir, &filters, args.list) {
            Ok(()) => {
                let files: Vec<String> = FILES
                    .iter()
                    .map(|f| dir.join(f).display().to_string())
                    .collect();
                eprintln!(
                    "{}",
                    s.fmt("index.exported", &[("files", &files.join(", "))])
                );
                Exit::Ok
            }
            Err(ExportError::Store(e)) => {
                eprintln!("{}", e.render(s));
                Exit::BadInput
            }
            Err(ExportError::Write { path, error }) => super::write_failed(&path, error, s),
        };
    }
    // On a terminal, without a format or a file asked for: the interactive view (nothing is
    // written, so there is nothing to deliver).
    if args.index_format.is_none()
        && args.output.is_none()
        && std::io::stdout().is_terminal()
        && std::io::stdin().is_terminal()
        && crate::tui::drawable(std::env::var("TERM").ok().as_deref())
    {
        return interactive(&store, filters, args, lang);
    }
    let report = match store.index(&filters, args.min_group, args.list) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("{}", e.render(s));
            return Exit::BadInput;
        }
    };
    let format = args
        .index_format
        .or_else(|| args.output.as_deref().and_then(IndexFormat::from_path))
        .unwrap_or(IndexFormat::Txt);
    let text = match format {
        IndexFormat::Json => {
            let mut json = serde_json::to_string_pretty(&report).unwrap_or_default();
            json.push('\n');
            json
        }
        other => {
            let view = index::view(&report, q, s, args.top);
            match other {
                IndexFormat::Md => index::markdown(&view),
                IndexFormat::Html => index::html::page(&view, s),
                IndexFormat::Csv => index::csv(&view),
                _ => index::text(&view),
            }
        }
    };
    deliver(args.output.as_deref(), text.as_bytes(), "index.html", s)
}

/// `zizhen index STORE` on a terminal: the level distribution and the groups, drilled into
/// with Enter, refreshed when the store changes.
fn interactive(store: &Store, filters: Filters, args: &IndexArgs, lang: Option<Lang>) -> Exit {
    let settings = crate::storage::Dirs::from_env()
        .ok()
        .and_then(|dirs| crate::config::Config::load(&dirs.config_file()).lang);
    let (lang, console_english) = crate::tui::interface_lang(lang, settings);
    let s = Strings::of(lang);
    let (k, list) = (args.min_group, args.list);
    let compute = |store: &Store, f: &Filters| store.index(f, k, list).map_err(|e| e.render(s));
    let index = match compute(store, &filters) {
        Ok(index) => index,
        Err(e) => {
            eprintln!("{e}");
            return Exit::BadInput;
        }
    };
    let name = args
        .store
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| args.store.display().to_string());
    let mut state = crate::index_view::State::new(name, filters, list, index);
    state.updated = crate::index_view::term::now();
    state.top = args.top;
    if console_english {
        state.notice = Some(s.get("index_view.console_english").to_string());
    }
    crate::index_view::term::run(&args.store, store, state, s, compute)
}

/// The filters of the command line, checked against the reference lists.
fn filters(args: &IndexArgs, s: &Strings) -> Result<Filters, String> {
    let bad =
        |what: &str, value: &str| s.fmt("index.bad_filter", &[("option", what), ("value", value)]);
    let province = match args.province.as_deref().map(str::trim) {
        None => None,
        Some(p) => {
            let found = reference::PROVINCES.iter().find(|entry| {
                entry.code.to_string() == p || entry.zh == p || entry.en.eq_ignore_ascii_case(p)
            });
            Some(
                found
                    .map(|e| e.code.to_string())
                    .ok_or_else(|| bad("--province", p))?,
            )
        }
    };
    // A city by its code (a district's or county's code counts as its city's) or its name.
    let city = match args.city.as_deref().map(str::trim) {
        None => None,
        Some(c) => {
            let by_code = c.parse().ok().and_then(reference::city_of);
            let by_name = || {
                reference::cities()
                    .iter()
                    .find(|city| city.zh == c || city.en.eq_ignore_ascii_case(c))
            };
            match by_code.or_else(by_name) {
                Some(city) => Some(city.code.to_string()),
                None => return Err(bad("--city", c)),
            }
        }
    };
    let industry = match args.industry.as_deref().map(str::trim) {
        None => None,
        Some(i) => {
            let code: Option<u8> = i.get(..2).and_then(|d| d.parse().ok());
            match code.and_then(reference::division) {
                Some(d) if i.len() == 2 || i.len() == 4 => Some(d.code.to_string()),
                _ => return Err(bad("--industry", i)),
            }
        }
    };
    Ok(Filters {
        province,
        city,
        industry,
        industry_type: args.industry_type.map(|t| {
            match t {
                TypeArg::Discrete => "discrete",
                TypeArg::Process => "process",
            }
            .to_string()
        }),
        size: args.size.map(|z| match z {
            SizeArg::Sme => Size::Sme,
            SizeArg::Large => Size::Large,
        }),
        year: args.year,
    })
}
