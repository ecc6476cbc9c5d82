//! The four-step rating of a requirement (GB/T 39117): how far it is met.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// NI 不满足, PI 部分满足, LI 大部分满足, FI 全部满足 — ordered from worst to best.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Rating {
    NI,
    PI,
    LI,
    FI,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::NI, Rating::PI, Rating::LI, Rating::FI];

    pub fn code(self) -> &'static str {
        match self {
            Rating::NI => "NI",
            Rating::PI => "PI",
            Rating::LI => "LI",
            Rating::FI => "FI",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Rating {
    type Err = ();

    /// Accepts the codes in any case (`fi`, `FI`).
    fn from_str(s: &str) -> Result<Rating, ()> {
        Rating::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(s.trim()))
            .ok_or(())
    }
}
