//! The derived command in the user's language: every about, argument help, heading, usage line,
//! default and list of possible values comes from the locale files (`cli.*`), so `--help`, the
//! completions and the manual page speak the same language and cannot drift apart.

use clap::{Arg, ArgAction, Command, CommandFactory};

use super::Cli;
use crate::i18n::Strings;

/// The derived command with every about and help text taken from `strings`.
pub fn localized(strings: &Strings) -> Command {
    let mut command = localize(Cli::command(), "cli", strings);
    // Built first, so the usage lines know the full command names and the global options.
    command.build();
    with_localized_usage(command, strings)
}

fn with_localized_usage(mut command: Command, s: &Strings) -> Command {
    let usage = usage(&mut command, s);
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(name.as_str(), |c| with_localized_usage(c, s));
    }
    command.override_usage(usage)
}

fn localize(command: Command, path: &str, s: &Strings) -> Command {
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(s.get("cli.help").to_string())
        .help_heading(s.get("cli.heading.options").to_string());
    let mut command = command
        .about(s.get(&format!("{path}.about")).to_string())
        .disable_help_flag(true)
        .arg(help)
        .disable_help_subcommand(true)
        .subcommand_help_heading(s.get("cli.heading.commands").to_string())
        .help_template(format!(
            "{{about}}\n\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            s.get("cli.heading.usage")
        ));
    let is_root = path == "cli";
    if is_root {
        command = command
            .disable_version_flag(true)
            .arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help(s.get("cli.version").to_string())
                    .help_heading(s.get("cli.heading.options").to_string()),
            )
            .after_help(s.get("cli.after_help").to_string());
    }
    let arg_ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    for id in arg_ids {
        command = command.mut_arg(id.as_str(), |a| localize_arg(a, s));
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = format!("{path}.{name}");
        command = command.mut_subcommand(name.as_str(), |c| localize(c, &sub_path, s));
    }
    command
}

/// An argument's help from `cli.arg.<id>`, under the localized heading, with its default and
/// possible values said in the language (clap would add them in English).
fn localize_arg(arg: Arg, s: &Strings) -> Arg {
    let mut help = s.get(&format!("cli.arg.{}", arg.get_id())).to_string();
    let heading = if arg.is_positional() {
        "cli.heading.arguments"
    } else {
        "cli.heading.options"
    };
    // A flag (--all-incentives) has neither a value to default nor values to choose from.
    if !arg.get_action().takes_values() {
        return arg.help(help).help_heading(s.get(heading).to_string());
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().to_string())
        .collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        help.push_str(&s.fmt("cli.default", &[("value", &defaults.join(", "))]));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    // A long list (the shells) is already in the argument's own help.
    if !values.is_empty() && !arg.is_hide_possible_values_set() {
        help.push_str(&s.fmt("cli.possible_values", &[("values", &values.join(", "))]));
    }
    arg.help(help)
        .help_heading(s.get(heading).to_string())
        .hide_default_value(true)
        .hide_possible_values(true)
}

/// The usage line of a built command ("zizhen questionnaire show [OPTIONS]") with clap's
/// placeholders in the language.
fn usage(command: &mut Command, s: &Strings) -> String {
    let rendered = command.render_usage().to_string();
    let line = rendered.lines().next().unwrap_or_default();
    let line = line.split_once(": ").map_or(line, |(_, rest)| rest);
    line.replace("[OPTIONS]", s.get("cli.placeholder.options"))
        .replace("[COMMAND]", s.get("cli.placeholder.command"))
        .replace("<COMMAND>", s.get("cli.placeholder.command_required"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// Every command's help, walked from the root: its about and every argument's help from
    /// the locale, and none of clap's English words in Chinese.
    fn walk(command: &mut Command, path: &str, s: &Strings, seen: &mut usize) {
        let help = command.render_help().to_string();
        let about = s.get(&format!("{path}.about"));
        assert!(!about.is_empty() && help.contains(about), "{path}: {help}");
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            let text = s.get(&format!("cli.arg.{id}"));
            assert!(help.contains(text), "{path}: --{id} help missing:\n{help}");
        }
        if s.lang() == Lang::ZhCn {
            for english in [
                "Usage",
                "Options",
                "Arguments",
                "Commands",
                "[default:",
                "[possible values:",
                "[OPTIONS]",
                "[COMMAND]",
                "Print help",
            ] {
                assert!(!help.contains(english), "{path}: {english} in\n{help}");
            }
        }
        *seen += 1;
        let names: Vec<String> = command
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        for name in names {
            let sub = command.find_subcommand_mut(&name).unwrap();
            walk(sub, &format!("{path}.{name}"), s, seen);
        }
    }

    #[test]
    fn every_command_has_its_help_in_both_languages() {
        for lang in Lang::ALL {
            let s = Strings::of(lang);
            let mut seen = 0;
            walk(&mut localized(s), "cli", s, &mut seen);
            let expected = 1
                + Cli::command().get_subcommands().count()
                + Cli::command()
                    .get_subcommands()
                    .map(|c| c.get_subcommands().count())
                    .sum::<usize>();
            assert_eq!(seen, expected);
        }
    }

    #[test]
    fn defaults_and_possible_values_are_said_in_the_language() {
        let mut command = localized(Strings::of(Lang::ZhCn));
        let help = command
            .find_subcommand_mut("score")
            .unwrap()
            .render_help()
            .to_string();
        assert!(
            help.contains("（默认：text）（可选值：text, json）"),
            "{help}"
        );
        assert!(
            help.contains("用法： zizhen score [选项] <ASSESSMENT>"),
            "{help}"
        );
    }
}
