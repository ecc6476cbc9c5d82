//! Representations of a questionnaire and a scored assessment, for machines (JSON) and people
//! (text). They read the model and the engine; they never score on their own.

pub mod json;
pub mod text;
