//! Representations of a questionnaire and a scored assessment, for machines (JSON) and people
//! (the terminal summary, and the reports a manager forwards). They read the model and the
//! engine; they never score on their own.
//!
//! - [`data`]: what a report says, computed once; every format below only lays it out.
//! - [`pieces`]: what all formats share — figures, bars, level names, counts.
//! - [`plain`], [`markdown`], [`html`], [`csv`]: the report formats of `zizhen report`.
//! - [`summary`]: `zizhen score` and `zizhen questionnaire show` in the terminal.
//! - [`json`]: their JSON forms (`--format json`).
//! - [`compare`]: `zizhen compare A B` (text, Markdown, JSON; its HTML page is in [`html`]).
//! - [`merge`]: what `zizhen merge` (and the TUI's merge) did, in words.
//! - [`migration`]: what carrying answers to a newer questionnaire changed.

pub mod certification;
pub mod compare;
pub mod csv;
pub mod data;
pub mod html;
pub mod index;
pub mod json;
pub mod markdown;
pub mod merge;
pub mod migration;
pub mod peers;
pub mod pieces;
pub mod plain;
pub mod plan;
pub mod summary;
