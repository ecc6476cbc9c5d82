//! How a run of zizhen ends, as its exit status: 0 done, 1 a check did not pass, 2 bad input
//! or usage (or a failure that left something undone).

use std::process::ExitCode;

/// Exit status of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    /// A check ran and did not pass.
    Failed = 1,
    /// Could not run: bad input or usage, or a file that could not be read at all.
    BadInput = 2,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}
