//! Which assessment was opened last (`<data>/state.toml`, `last = "name"`).

use std::io;
use std::path::Path;

use super::atomic::{parent, write_atomic};
use super::error::{StoreError, io_error};
use super::store::{Store, create_private_dir};
use crate::model::source;

impl Store {
    /// The name last opened (`last = "name"` in the state file); None on any problem, since a
    /// missing or broken state file only means the app starts on the list.
    pub fn last_opened(state_file: &Path) -> Option<String> {
        let (bytes, _) = source::read_limited(state_file).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let table: toml::Table = toml::from_str(&text).ok()?;
        let last = table.get("last")?.as_str()?.trim();
        (!last.is_empty()).then(|| last.to_string())
    }

    /// Records `name` as the assessment opened last, keeping any other keys of the state file.
    pub fn set_last_opened(state_file: &Path, name: &str) -> Result<(), StoreError> {
        let mut table: toml::Table = source::read_limited(state_file)
            .ok()
            .and_then(|(bytes, _)| String::from_utf8(bytes).ok())
            .and_then(|text| toml::from_str(&text).ok())
            .unwrap_or_default();
        table.insert("last".into(), toml::Value::from(name));
        let text =
            toml::to_string(&table).map_err(|e| io_error(state_file, io::Error::other(e)))?;
        create_private_dir(parent(state_file))?;
        write_atomic(state_file, text.as_bytes()).map_err(|e| io_error(state_file, e))
    }
}
