//! zizhen (自诊): an offline self-diagnosis of intelligent-manufacturing capability maturity
//! (GB/T 39116-2020), scored by the assessment method of GB/T 39117-2020.

pub mod cli;
pub mod commands;
pub mod i18n;
pub mod model;
pub mod report;
pub mod width;
