//! How scores are shown, on every surface (TUI, `score`, every report format, CSV): two
//! decimals, **rounded down**, so that a shown figure never contradicts a status — a level shown
//! as reached shows at least 0.80, and 0.797 shows 0.79, not 0.80. Shortfalls ("short by") are
//! **rounded up**, so a shortfall never shows as 0.00. Figures are formatted from exact values;
//! JSON keeps the exact values themselves.

use num_traits::Zero;

use crate::model::scoring::Exact;

/// A score (0–5) with two decimals, rounded down: 0.797 → "0.79", 0.8 → "0.80".
pub fn score(x: &Exact) -> String {
    hundredths(floor_hundredths(x))
}

/// A shortfall with two decimals, rounded up: 0.003 → "0.01", never "0.00" unless exactly 0.
pub fn shortfall(x: &Exact) -> String {
    let x = if *x < Exact::zero() {
        Exact::zero()
    } else {
        *x
    };
    let hundred = Exact::from_integer(100);
    hundredths((x * hundred).ceil().to_integer())
}

/// The change from `a` to `b` as the two shown figures differ (each rounded down first, so the
/// change always equals the difference of the figures beside it), signed: "+0.60", "-0.10",
/// "0.00".
pub fn delta(a: &Exact, b: &Exact) -> String {
    let n = floor_hundredths(b) - floor_hundredths(a);
    let sign = if n > 0 { "+" } else { "" };
    format!("{sign}{}", hundredths(n))
}

/// A score or "-" when there is none.
pub fn score_or_dash(x: Option<&Exact>) -> String {
    x.map_or_else(|| "-".to_string(), score)
}

/// A score for a CSV or a table cell: the same rule, no padding.
pub fn cell(x: Option<&Exact>) -> String {
    x.map(score).unwrap_or_default()
}

/// How many of `cells` cells a 0..=1 share fills, rounded down (bars never overstate).
pub fn tenths_down(share: &Exact, cells: usize) -> usize {
    let filled = (share * Exact::from_integer(cells as i128))
        .floor()
        .to_integer();
    filled.clamp(0, cells as i128) as usize
}

fn floor_hundredths(x: &Exact) -> i128 {
    (x * Exact::from_integer(100)).floor().to_integer()
}

fn hundredths(n: i128) -> String {
    let sign = if n < 0 { "-" } else { "" };
    let n = n.abs();
    format!("{sign}{}.{:02}", n / 100, n % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x(n: i128, d: i128) -> Exact {
        Exact::new(n, d)
    }

    #[test]
    fn scores_round_down() {
        assert_eq!(score(&x(797, 1000)), "0.79");
        assert_eq!(score(&x(4, 5)), "0.80");
        assert_eq!(score(&x(5, 1)), "5.00");
        assert_eq!(score(&x(0, 1)), "0.00");
        assert_eq!(score(&x(2, 3)), "0.66");
        assert_eq!(score(&x(29, 100)), "0.29");
        assert_eq!(score(&x(5, 2)), "2.50");
    }

    #[test]
    fn deltas_are_differences_of_the_shown_figures() {
        // 2.499 shows 2.49 and 2.601 shows 2.60: the change shown is 0.11, not ⌊0.102⌋.
        assert_eq!(delta(&x(2499, 1000), &x(2601, 1000)), "+0.11");
        assert_eq!(delta(&x(5, 2), &x(2, 1)), "-0.50");
        assert_eq!(delta(&x(4, 5), &x(4, 5)), "0.00");
        assert_eq!(delta(&x(797, 1000), &x(1, 1)), "+0.21");
    }

    #[test]
    fn shortfalls_round_up() {
        assert_eq!(shortfall(&x(3, 1000)), "0.01");
        assert_eq!(shortfall(&x(1, 10)), "0.10");
        assert_eq!(shortfall(&x(0, 1)), "0.00");
        assert_eq!(shortfall(&x(-1, 10)), "0.00");
        assert_eq!(shortfall(&x(1, 3)), "0.34");
    }
}
