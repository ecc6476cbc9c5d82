//! The domain, free of I/O beyond reading the files it is given: the questionnaire, the
//! enterprise profile, the answers and the GB/T 39117 score.

pub mod answers;
pub mod compare;
pub mod demos;
pub mod diagnostic;
pub mod fields;
pub mod gaps;
pub mod merge;
pub mod national;
pub mod population;
pub mod profile;
pub mod questionnaire;
pub mod rating;
pub mod reference;
pub mod scoring;
pub mod source;
pub mod text;
pub mod weights;

pub use answers::Answers;
pub use diagnostic::{Code, Diagnostic, FileError};
pub use questionnaire::{IndustryType, Questionnaire};
pub use rating::Rating;
pub use scoring::{Score, Sheet};
pub use text::Text;
