//! The binary as a user runs it, made hermetic: no language and no data folder taken from the
//! developer's environment unless a test gives one.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// `zizhen`, with no language from the environment (`LANG`, `LC_ALL`, `LC_MESSAGES`,
/// `ZIZHEN_LANG` removed): English unless `--lang` says otherwise.
pub fn zizhen() -> Command {
    let mut cmd = Command::cargo_bin("zizhen").unwrap();
    cmd.env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("ZIZHEN_LANG");
    cmd
}

/// [`zizhen`] with its data and config directories in `dir` (`dir/data`, `dir/config`).
pub fn zizhen_in(dir: &Path) -> Command {
    let mut cmd = zizhen();
    cmd.env("ZIZHEN_DATA_DIR", dir.join("data"))
        .env("ZIZHEN_CONFIG_DIR", dir.join("config"));
    cmd
}

/// What a command that must succeed printed, read as JSON.
pub fn json_of(cmd: &mut Command) -> Value {
    let output = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&output).expect("valid JSON")
}
