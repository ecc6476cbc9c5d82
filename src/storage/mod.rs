//! Where assessments live on disk, and how they are written so that nothing is ever lost.
//!
//! ```text
//! <config>/config.toml                 settings (Dirs::config_file)
//! <data>/state.toml                    `last = "name"`: the assessment opened last
//! <data>/assessments/<name>.toml       one assessment, an ordinary answers file
//! <data>/assessments/<name>.toml.bak   its previous content, kept by every write
//! <data>/assessments/<name>.toml.lock  held while a save reads, merges and writes; removed after
//! <data>/assessments/<name>.corrupt-<UTC time>.toml   a file that did not load, set aside
//! <data>/assessments/trash/            deleted assessments (delete never destroys)
//! ```
//!
//! Every write goes through [`write_atomic`]: the file is always either the old or the new
//! complete content, even after a crash or a full disk. Two processes may edit the same
//! assessment; a [`Session`] merges their answers on every save instead of overwriting.
//!
//! `atomic` crash-safe writes · `paths` the directories · `store` the folder (list, create,
//! rename, trash, restore, tidy) · `names` which names and files are assessments · `session`
//! an open assessment and its saves · `state` the last-opened file · `error` what goes wrong.

pub mod atomic;
mod error;
mod file;
mod names;
pub mod paths;
mod session;
mod state;
pub mod store;

pub use atomic::{backup_path, write_atomic, write_shared};
pub use error::{NameProblem, StoreError};
pub use paths::Dirs;
pub use session::{Saved, Session};
pub use store::{Entry, LoadFailure, Store, Tidied, write_private};
