//! zizhen (自诊): an offline self-diagnosis of intelligent-manufacturing capability maturity
//! (GB/T 39116-2020), scored by the assessment method of GB/T 39117-2020.
//!
//! The library is what the `zizhen` binary is built from: [`model`] holds the questionnaire,
//! the answers and the score; [`report`] turns them into JSON and text.
//!
//! ```
//! use std::path::Path;
//! use zizhen::model::{Answers, Questionnaire, scoring};
//!
//! let q = Questionnaire::embedded();
//! let text = r#"
//! questionnaire = "gbt39116-2020"
//! [ratings]
//! "planning.1.1" = "FI"
//! "#;
//! let answers = Answers::from_source(Path::new("answers.toml"), text, &q).unwrap();
//! let score = scoring::score(&q, &answers);
//! assert_eq!(score.level, 0);
//! assert_eq!(score.completeness.rated, 1);
//! ```

pub mod app;
pub mod certification;
pub mod cli;
pub mod collection;
pub mod commands;
pub mod config;
pub mod exit;
pub mod figures;
pub mod i18n;
pub mod index_view;
pub mod keymap;
pub mod messages;
pub mod model;
pub mod report;
pub mod result;
pub mod storage;
pub mod tui;
pub mod ui;
pub mod width;
