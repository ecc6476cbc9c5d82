//! The directories zizhen keeps its files in.

use std::path::PathBuf;

use directories::ProjectDirs;

use super::error::StoreError;

/// Overrides the configuration directory (tests set it to stay away from the real home).
pub const CONFIG_DIR_VAR: &str = "ZIZHEN_CONFIG_DIR";
/// Overrides the data directory.
pub const DATA_DIR_VAR: &str = "ZIZHEN_DATA_DIR";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dirs {
    pub config: PathBuf,
    pub data: PathBuf,
}

impl Dirs {
    /// ZIZHEN_CONFIG_DIR and ZIZHEN_DATA_DIR override each directory; otherwise the platform's
    /// directories for the project (e.g. `~/.config/zizhen`, `~/.local/share/zizhen`).
    pub fn from_env() -> Result<Dirs, StoreError> {
        Dirs::from_vars(|key| std::env::var(key).ok())
    }

    /// [`Dirs::from_env`] with the environment given as a function.
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Result<Dirs, StoreError> {
        let var = |key: &str| get(key).filter(|v| !v.is_empty()).map(PathBuf::from);
        // Asked only when an override is missing, so fully overridden runs never look at the home.
        // Without HOME the platform library would ask the user database (NSS), which may
        // contact a local daemon: zizhen never does that, and asks for an override instead.
        let home_set = cfg!(not(unix)) || var("HOME").is_some();
        let project = || {
            home_set
                .then(|| ProjectDirs::from("cn", "zizhen", "zizhen"))
                .flatten()
                .ok_or(StoreError::NoHome)
        };
        let config = match var(CONFIG_DIR_VAR) {
            Some(dir) => dir,
            None => project()?.config_dir().to_path_buf(),
        };
        let data = match var(DATA_DIR_VAR) {
            Some(dir) => dir,
            None => project()?.data_dir().to_path_buf(),
        };
        Ok(Dirs { config, data })
    }

    pub fn config_file(&self) -> PathBuf {
        self.config.join("config.toml")
    }

    pub fn assessments_dir(&self) -> PathBuf {
        self.data.join("assessments")
    }

    pub fn state_file(&self) -> PathBuf {
        self.data.join("state.toml")
    }
}
