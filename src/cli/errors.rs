//! clap's own errors (an unknown argument, a value that is not allowed, a missing argument) in
//! the user's language, from the locale files (`cli.error.*`). clap gives the facts (the kind
//! and its context: the argument, the value, the suggestions); the words are ours.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::Strings;

/// The error as it is printed: help and version texts as they are (already localized), every
/// other error as "error: what is wrong", a tip where clap has one, the usage line and the
/// pointer to `--help`.
pub fn render_error(error: &clap::Error, s: &Strings) -> String {
    if !error.use_stderr() || error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        return error.render().to_string();
    }
    let context = Context(error);
    let problem = problem(error.kind(), &context, s).unwrap_or_else(|| fallback(error));
    let mut text = format!("{}{problem}\n", s.get("cli.error.prefix"));
    let tips = [
        (ContextKind::SuggestedSubcommand, "cli.error.tip_command"),
        (ContextKind::SuggestedArg, "cli.error.tip_argument"),
        (ContextKind::SuggestedValue, "cli.error.tip_value"),
    ];
    let mut tipped = false;
    for (kind, key) in tips {
        if let Some(suggestion) = context.list(kind) {
            text.push_str(&format!(
                "\n  {}\n",
                s.fmt(key, &[("suggestion", &suggestion)])
            ));
            tipped = true;
        }
    }
    // clap's other tip: an argument starting with '-' meant as a value.
    if !tipped
        && error.kind() == ErrorKind::UnknownArgument
        && let Some(arg) = context.string(ContextKind::InvalidArg)
        && arg.starts_with('-')
    {
        text.push_str(&format!(
            "\n  {}\n",
            s.fmt("cli.error.tip_dash", &[("arg", &arg)])
        ));
    }
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let line = usage.lines().next().unwrap_or_default();
        let line = line.split_once(": ").map_or(line, |(_, rest)| rest);
        text.push_str(&format!("\n{} {line}\n", s.get("cli.heading.usage")));
    }
    text.push_str(&format!("\n{}\n", s.get("cli.error.try_help")));
    text
}

struct Context<'a>(&'a clap::Error);

impl Context<'_> {
    fn string(&self, kind: ContextKind) -> Option<String> {
        match self.0.get(kind)? {
            ContextValue::String(value) => Some(value.clone()),
            ContextValue::Strings(values) => Some(values.join(", ")),
            ContextValue::StyledStr(value) => Some(value.to_string()),
            ContextValue::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// A list, each item quoted as the arguments are: 'a', 'b'.
    fn list(&self, kind: ContextKind) -> Option<String> {
        match self.0.get(kind)? {
            ContextValue::String(value) => Some(format!("'{value}'")),
            ContextValue::Strings(values) if !values.is_empty() => Some(
                values
                    .iter()
                    .map(|v| format!("'{v}'"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            _ => None,
        }
    }
}

fn problem(kind: ErrorKind, c: &Context, s: &Strings) -> Option<String> {
    let arg = || c.string(ContextKind::InvalidArg);
    let value = || c.string(ContextKind::InvalidValue);
    let text = match kind {
        ErrorKind::UnknownArgument => s.fmt("cli.error.unknown_argument", &[("arg", &arg()?)]),
        ErrorKind::InvalidSubcommand => s.fmt(
            "cli.error.unknown_command",
            &[("name", &c.string(ContextKind::InvalidSubcommand)?)],
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let (arg, value) = (arg()?, value()?);
            let mut text = if value.is_empty() {
                s.fmt("cli.error.missing_value", &[("arg", &arg)])
            } else {
                s.fmt(
                    "cli.error.invalid_value",
                    &[("arg", &arg), ("value", &value)],
                )
            };
            if let Some(values) = c.list(ContextKind::ValidValue) {
                text.push_str("\n ");
                text.push_str(&s.fmt("cli.possible_values", &[("values", &values)]));
            }
            text
        }
        ErrorKind::MissingRequiredArgument => {
            s.fmt("cli.error.missing_argument", &[("args", &arg()?)])
        }
        ErrorKind::MissingSubcommand => s.fmt(
            "cli.error.missing_command",
            &[
                ("name", &c.string(ContextKind::InvalidSubcommand)?),
                ("commands", &c.list(ContextKind::ValidSubcommand)?),
            ],
        ),
        ErrorKind::ArgumentConflict => {
            let arg = arg()?;
            match c.string(ContextKind::PriorArg) {
                Some(prior) if prior == arg => s.fmt("cli.error.twice", &[("arg", &arg)]),
                Some(prior) => s.fmt("cli.error.conflict", &[("arg", &arg), ("other", &prior)]),
                None => s.fmt("cli.error.conflict_any", &[("arg", &arg)]),
            }
        }
        ErrorKind::NoEquals => s.fmt("cli.error.no_equals", &[("arg", &arg()?)]),
        ErrorKind::TooManyValues => s.fmt(
            "cli.error.too_many_values",
            &[("arg", &arg()?), ("value", &value()?)],
        ),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            s.fmt("cli.error.number_of_values", &[("arg", &arg()?)])
        }
        ErrorKind::InvalidUtf8 => s.get("cli.error.not_utf8").to_string(),
        _ => return None,
    };
    Some(text)
}

/// An error this module has no words for: clap's own first line, without its "error: ".
fn fallback(error: &clap::Error) -> String {
    let text = error.render().to_string();
    let line = text.lines().next().unwrap_or_default();
    line.strip_prefix("error: ").unwrap_or(line).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::parse;
    use crate::i18n::Lang;

    fn error_of(args: &[&str], lang: Lang) -> String {
        let s = Strings::of(lang);
        let args = args.iter().map(std::ffi::OsString::from).collect();
        let error = parse(args, s).expect_err("a usage error");
        render_error(&error, s)
    }

    /// Every kind of mistake a user makes, in Chinese: no English word of clap's is left.
    #[test]
    fn usage_errors_in_chinese() {
        let cases: &[(&[&str], &str)] = &[
            (&["zizhen", "score", "--frmat", "json", "a"], "--format"),
            (&["zizhen", "scor"], "score"),
            (
                &["zizhen", "score", "a", "--format", "xml"],
                "'text', 'json'",
            ),
            (&["zizhen", "completions"], "<SHELL>"),
            (&["zizhen", "score", "a", "b"], "“b”"),
            (&["zizhen", "--lang", "fr", "score", "a"], "fr"),
            (&["zizhen", "score", "-x", "a"], "-- -x"),
        ];
        for (args, fact) in cases {
            let text = error_of(args, Lang::ZhCn);
            assert!(text.starts_with("错误："), "{args:?}: {text}");
            assert!(text.contains(fact), "{args:?} lost {fact}: {text}");
            for english in [
                "error:",
                "unexpected",
                "invalid value",
                "possible values",
                "tip:",
                "Usage:",
                "For more information",
                "[OPTIONS]",
                "required",
            ] {
                assert!(!text.contains(english), "{args:?}: {english} in {text}");
            }
        }
    }

    /// A command group without its command shows the group's help, in the language.
    #[test]
    fn a_group_without_its_command_shows_its_help() {
        let text = error_of(&["zizhen", "questionnaire"], Lang::ZhCn);
        assert!(text.contains("用法： zizhen questionnaire") && text.contains("validate"));
        assert!(!text.contains("Usage"), "{text}");
    }

    #[test]
    fn usage_errors_in_english_keep_the_facts() {
        let text = error_of(&["zizhen", "score", "--frmat", "json", "a"], Lang::En);
        assert!(
            text.starts_with("error: unexpected argument '--frmat'"),
            "{text}"
        );
        assert!(text.contains("'--format'") && text.contains("Usage: zizhen score"));
    }
}
