//! Which groups an index may show: none that is, or that would give away by subtraction, a
//! group of fewer than k enterprises.

use std::collections::{HashMap, HashSet};

use super::query::{Dim, Tally};

/// Groups to suppress so that no suppressed group can be recovered by subtraction.
///
/// Primary: every group under `k`. Secondary: in each dimension, the enterprises in no shown
/// group (`total` minus the shown groups: the suppressed ones and those that do not say) must be
/// none or at least `k`, else the smallest shown groups are suppressed too until they are. A
/// province minus its shown cities is held to the same rule (cities are parts of provinces).
pub(super) fn hidden_groups(
    groups: &HashMap<(Dim, String), Tally>,
    total: u64,
    k: u64,
) -> HashSet<(Dim, String)> {
    let mut hidden = HashSet::new();
    // `whole` = 0: hide every member (a hidden parent).
    let settle =
        |hidden: &mut HashSet<(Dim, String)>, members: Vec<(Dim, String, u64)>, whole: u64| {
            let mut shown: Vec<(Dim, String, u64)> = Vec::new();
            let mut rest = whole;
            for (dim, key, n) in members {
                if n < k || whole == 0 || hidden.contains(&(dim, key.clone())) {
                    hidden.insert((dim, key));
                } else {
                    rest = rest.saturating_sub(n);
                    shown.push((dim, key, n));
                }
            }
            shown.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.1.cmp(&b.1)));
            let mut shown = shown.into_iter();
            while rest > 0 && rest < k {
                let Some((dim, key, n)) = shown.next() else {
                    break;
                };
                rest += n;
                hidden.insert((dim, key));
            }
        };
    let members = |dim: Dim, parent: Option<&str>| -> Vec<(Dim, String, u64)> {
        groups
            .iter()
            .filter(|((d, key), _)| *d == dim && parent.is_none_or(|p| key.starts_with(p)))
            .map(|((d, key), t)| (*d, key.clone(), t.enterprises))
            .collect()
    };
    for dim in [Dim::Province, Dim::Industry, Dim::Type, Dim::Size] {
        settle(&mut hidden, members(dim, None), total);
    }
    // Cities within each shown province, then all cities against the whole.
    let provinces: Vec<(String, u64)> = groups
        .iter()
        .filter(|((d, _), _)| *d == Dim::Province)
        .map(|((_, key), t)| (key.clone(), t.enterprises))
        .collect();
    // A province hidden for its own sake or for another's hides its cities too (their sum
    // would give it back).
    let hidden_provinces: Vec<String> = provinces
        .iter()
        .filter(|(p, n)| *n < k || hidden.contains(&(Dim::Province, p.clone())))
        .map(|(p, _)| p.clone())
        .collect();
    for (province, n) in provinces {
        let whole = if hidden_provinces.contains(&province) {
            0
        } else {
            n
        };
        settle(&mut hidden, members(Dim::City, Some(&province)), whole);
    }
    settle(&mut hidden, members(Dim::City, None), total);
    hidden
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::query::{Dim, Tally};

    fn groups(list: &[(Dim, &str, u64)]) -> HashMap<(Dim, String), Tally> {
        list.iter()
            .map(|(d, key, n)| {
                let t = Tally {
                    enterprises: *n,
                    ..Tally::default()
                };
                ((*d, key.to_string()), t)
            })
            .collect()
    }

    fn hidden(list: &[(Dim, &str, u64)], total: u64) -> Vec<String> {
        let mut out: Vec<String> = hidden_groups(&groups(list), total, 5)
            .into_iter()
            .map(|(_, key)| key)
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_group_that_would_give_a_small_one_away_is_suppressed_too() {
        // Everything minus 32 would be 33 exactly.
        assert_eq!(
            hidden(&[(Dim::Province, "32", 5), (Dim::Province, "33", 4)], 9),
            ["32", "33"]
        );
        // 33 and 35 together are not fewer than 5: 32 can be shown.
        let three = [
            (Dim::Province, "32", 5),
            (Dim::Province, "33", 4),
            (Dim::Province, "35", 4),
        ];
        assert_eq!(hidden(&three, 13), ["33", "35"]);
        // Enterprises that do not say their size count with the hidden ones.
        assert_eq!(
            hidden(&[(Dim::Size, "sme", 27), (Dim::Size, "large", 3)], 30),
            ["large", "sme"]
        );
        assert_eq!(
            hidden(&[(Dim::Size, "sme", 27), (Dim::Size, "large", 3)], 33),
            ["large"]
        );
        // Nothing hidden: nothing more to hide.
        assert!(hidden(&[(Dim::Type, "discrete", 8), (Dim::Type, "process", 6)], 14).is_empty());
    }

    #[test]
    fn a_province_minus_its_shown_cities_is_not_one_small_city() {
        let list = [
            (Dim::Province, "32", 10),
            (Dim::Province, "33", 10),
            (Dim::City, "320100", 7),
            (Dim::City, "320200", 3),
            (Dim::City, "330100", 10),
        ];
        assert_eq!(hidden(&list, 20), ["320100", "320200"]);
        // A province hidden for another's sake hides its cities.
        let list = [
            (Dim::Province, "32", 6),
            (Dim::Province, "33", 3),
            (Dim::City, "320100", 6),
        ];
        assert_eq!(hidden(&list, 9), ["32", "320100", "33"]);
    }
}
