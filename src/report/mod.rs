//! Representations of a questionnaire and a scored assessment, for machines (JSON) and people
//! (text, and the reports a manager forwards). They read the model and the engine; they never
//! score on their own.

pub mod csv;
pub mod data;
pub mod html;
pub mod json;
pub mod markdown;
pub mod migration;
pub mod plain;
pub mod text;
