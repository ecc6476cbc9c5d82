//! The user's config file (`config.toml` in the config directory): the language and key
//! overrides. A missing file is the defaults; a broken one is reported and the defaults used, so
//! a typo in a key binding never locks anyone out of their answers.
//!
//! ```toml
//! lang = "en"
//! [keys]                 # main-screen key = action (see the README for the action names)
//! "ctrl-s" = "next_unrated"
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::i18n::Lang;
use crate::keymap::Keymap;
use crate::model::diagnostic::{Code, Diagnostic, FileError};
use crate::model::source;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    lang: Option<Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<String>>,
}

pub struct Config {
    pub lang: Option<Lang>,
    pub keymap: Keymap,
    /// What was wrong with the file, if anything (the defaults stand in for what was wrong).
    pub problem: Option<FileError>,
}

impl Config {
    pub fn load(path: &Path) -> Config {
        let defaults = Config {
            lang: None,
            keymap: Keymap::default(),
            problem: None,
        };
        if !path.exists() {
            return defaults;
        }
        let text = match source::read_text(path) {
            Ok(text) => text,
            Err(e) => {
                return Config {
                    problem: Some(e),
                    ..defaults
                };
            }
        };
        let raw: RawConfig = match source::parse_toml(path, &text) {
            Ok(raw) => raw,
            Err(e) => {
                return Config {
                    problem: Some(e),
                    ..defaults
                };
            }
        };
        let mut problems = Vec::new();
        let lang = raw.lang.as_ref().and_then(|l| {
            Lang::parse(l.get_ref()).or_else(|| {
                problems.push(
                    Diagnostic::new(Code::WrongType)
                        .arg("detail", format!("lang = {:?} (zh-CN | en)", l.get_ref()))
                        .at(l.span()),
                );
                None
            })
        });
        let (keymap, key_problems) = Keymap::with_overrides(
            raw.keys
                .iter()
                .map(|(k, a)| (k.get_ref().as_str(), a.get_ref().as_str(), k.span())),
        );
        problems.extend(key_problems);
        let problem = (!problems.is_empty()).then(|| FileError::new(path, Some(text), problems));
        Config {
            lang,
            keymap,
            problem,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_is_the_defaults() {
        let c = Config::load(Path::new("/nonexistent/zizhen/config.toml"));
        assert!(c.problem.is_none() && c.lang.is_none());
    }

    #[test]
    fn problems_are_located_and_the_rest_applies() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "lang = \"en\"\n[keys]\n\"ctrl-s\" = \"next_unrated\"\n\"x\" = \"fly\"\n",
        )
        .unwrap();
        let c = Config::load(&path);
        assert_eq!(c.lang, Some(Lang::En));
        let problem = c.problem.unwrap();
        assert_eq!(problem.codes(), [Code::UnknownAction]);
        assert_eq!(
            problem.line_col(problem.diagnostics[0].span.clone().unwrap().start),
            Some((4, 1))
        );
    }
}
