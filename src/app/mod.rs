//! The application as a pure state machine (no I/O, no terminal): [`App`] is the state,
//! [`Action`] what can be asked of it, [`Effect`] what it asks the driver to do, and
//! [`update`] the only way the state changes.

pub mod action;
pub mod edit;
pub mod form;
pub mod input;
pub mod notice;
pub mod search;
pub mod state;
pub mod tree;
pub mod update;

pub use action::{Action, Effect};
pub use notice::Notice;
pub use state::{App, Focus, Overlay, Screen, Unsaved};
pub use update::{update, update_at};
