//! The directories zizhen keeps its files in.
//!
//! The data folder is, first found first: `--data-dir DIR`, `ZIZHEN_DATA_DIR`, a folder named
//! `zizhen-data` next to the executable (portable mode: a USB stick carries the program and its
//! assessments together), else the platform's folder (`~/.local/share/zizhen`). When the data
//! folder was chosen (any of the first three), the settings live in it too, unless
//! `ZIZHEN_CONFIG_DIR` says otherwise, and the TUI's exports go to its `exports/` folder.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use directories::ProjectDirs;

use super::error::StoreError;

/// Overrides the configuration directory (tests set it to stay away from the real home).
pub const CONFIG_DIR_VAR: &str = "ZIZHEN_CONFIG_DIR";
/// Overrides the data directory.
pub const DATA_DIR_VAR: &str = "ZIZHEN_DATA_DIR";
/// The folder next to the executable that turns on portable mode.
pub const PORTABLE_DIR: &str = "zizhen-data";

/// `--data-dir`, set once by the command line before anything looks for a folder.
static DATA_DIR_FLAG: OnceLock<PathBuf> = OnceLock::new();

/// Records `--data-dir DIR` for the rest of the run.
pub fn choose_data_dir(dir: PathBuf) {
    let _ = DATA_DIR_FLAG.set(dir);
}

/// How the data folder was found: it decides where settings and exports go, and what an error
/// about the folder says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataSource {
    Flag,
    Env,
    Portable,
    Platform,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dirs {
    pub config: PathBuf,
    pub data: PathBuf,
    pub source: DataSource,
}

impl Dirs {
    /// The folders of this run (see the module documentation for the order).
    pub fn from_env() -> Result<Dirs, StoreError> {
        Dirs::locate(
            DATA_DIR_FLAG.get().map(PathBuf::as_path),
            portable_dir().as_deref(),
            |key| std::env::var(key).ok(),
        )
    }

    /// [`Dirs::from_env`] with the environment given as a function and no flag or portable
    /// folder.
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Result<Dirs, StoreError> {
        Dirs::locate(None, None, get)
    }

    /// The folders given the `--data-dir` flag, a `zizhen-data` folder next to the executable
    /// (when there is one) and the environment.
    pub fn locate(
        flag: Option<&Path>,
        portable: Option<&Path>,
        get: impl Fn(&str) -> Option<String>,
    ) -> Result<Dirs, StoreError> {
        let var = |key: &str| get(key).filter(|v| !v.is_empty()).map(PathBuf::from);
        let chosen = flag
            .filter(|dir| !dir.as_os_str().is_empty())
            .map(|dir| (dir.to_path_buf(), DataSource::Flag))
            .or_else(|| var(DATA_DIR_VAR).map(|dir| (dir, DataSource::Env)))
            .or_else(|| portable.map(|dir| (dir.to_path_buf(), DataSource::Portable)));
        // Asked only when a folder is missing, so fully chosen runs never look at the home.
        // Without HOME the platform library would ask the user database (NSS), which may
        // contact a local daemon (and cannot work in a static binary): zizhen never does that,
        // and says how to choose a folder instead.
        let home_set = cfg!(not(unix)) || var("HOME").is_some();
        let project = || {
            home_set
                .then(|| ProjectDirs::from("cn", "zizhen", "zizhen"))
                .flatten()
                .ok_or(StoreError::NoHome)
        };
        let (data, source) = match chosen {
            Some(found) => found,
            None => (project()?.data_dir().to_path_buf(), DataSource::Platform),
        };
        let config = match (var(CONFIG_DIR_VAR), source) {
            (Some(dir), _) => dir,
            (None, DataSource::Platform) => project()?.config_dir().to_path_buf(),
            (None, _) => data.clone(),
        };
        Ok(Dirs {
            config,
            data,
            source,
        })
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

    /// Where the TUI suggests exports: in a chosen data folder (the USB stick), its `exports/`;
    /// otherwise the current folder.
    pub fn exports_dir(&self) -> Option<PathBuf> {
        match self.source {
            DataSource::Platform => std::env::current_dir().ok(),
            _ => Some(self.data.join("exports")),
        }
    }
}

/// `zizhen-data` next to the executable, when it is a folder. The executable is found through
/// the OS (`/proc/self/exe`), else through the path it was started by.
fn portable_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok().or_else(|| {
        let arg0 = PathBuf::from(std::env::args_os().next()?);
        (arg0.components().count() > 1).then_some(arg0)
    })?;
    let dir = exe.parent()?.join(PORTABLE_DIR);
    dir.is_dir().then_some(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        |key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_flag_wins_then_the_variable_then_the_portable_folder_then_home() {
        let env = vars(&[("HOME", "/home/u"), (DATA_DIR_VAR, "/env")]);
        let flag = Path::new("/flag");
        let usb = Path::new("/media/usb/zizhen-data");
        let found = |f, p| Dirs::locate(f, p, &env).unwrap();
        assert_eq!(found(Some(flag), Some(usb)).data, flag);
        assert_eq!(found(Some(flag), Some(usb)).source, DataSource::Flag);
        assert_eq!(found(None, Some(usb)).data, Path::new("/env"));
        let no_env = vars(&[("HOME", "/home/u")]);
        let portable = Dirs::locate(None, Some(usb), &no_env).unwrap();
        assert_eq!(
            (portable.data.as_path(), portable.source),
            (usb, DataSource::Portable)
        );
        let platform = Dirs::locate(None, None, &no_env).unwrap();
        // (The platform folder itself comes from the real environment's HOME.)
        assert_eq!(platform.source, DataSource::Platform);
    }

    #[test]
    fn a_chosen_data_folder_holds_the_settings_and_exports_too() {
        let usb = Path::new("/media/usb/zizhen-data");
        let dirs = Dirs::locate(None, Some(usb), vars(&[])).unwrap();
        assert_eq!(dirs.config_file(), usb.join("config.toml"));
        assert_eq!(dirs.exports_dir(), Some(usb.join("exports")));
        let apart = Dirs::locate(None, Some(usb), vars(&[(CONFIG_DIR_VAR, "/etc/zz")])).unwrap();
        assert_eq!(apart.config, Path::new("/etc/zz"));
    }

    #[test]
    fn without_home_or_a_chosen_folder_nothing_is_looked_up() {
        assert!(matches!(
            Dirs::locate(None, None, vars(&[])),
            Err(StoreError::NoHome)
        ));
    }
}
