//! Answers made on an earlier questionnaire version, carried over.

#[derive(Clone, Debug, PartialEq)]
pub struct Migrated;
