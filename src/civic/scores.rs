//! Scores of a governance index drawn at build time: the template function
//! `score_chart(scores=index.scores)` returns the geometry of a bar chart
//! (years along the bottom, values up the side, Vietnamese decimal comma) and
//! the rows of its data table; `partials/scores.html` draws them as inline SVG
//! beside a `<table>`, with no JavaScript. The numbers are computed here so a
//! theme only decides the markup.

use serde::{Deserialize, Serialize};
use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::templating::number_vi;

/// Size of the drawing (SVG user units); it scales with CSS.
const WIDTH: f64 = 480.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 32.0;
/// Horizontal grid lines (and labelled ticks) above the zero line.
const TICKS: usize = 4;

/// A score as the templates hold it (`index.scores[i]`).
#[derive(Debug, Clone, Deserialize)]
pub struct ScoreIn {
    pub year: i32,
    pub value: f64,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub rank: Option<String>,
    #[serde(default)]
    pub source: String,
}

#[derive(Deserialize)]
struct Args {
    scores: Vec<ScoreIn>,
}

/// What `score_chart()` returns.
#[derive(Debug, Serialize, PartialEq)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    /// Plot area: left and right x, top y and the zero line's y.
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub baseline: f64,
    /// The top of the value axis, as a number and as Vietnamese text.
    pub max: f64,
    pub ticks: Vec<Tick>,
    /// One bar (and one table row) per score, oldest year first.
    pub bars: Vec<Bar>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Tick {
    pub y: f64,
    /// `62,5`
    pub label: String,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Bar {
    pub year: i32,
    pub value: f64,
    /// `84,75` with the unit: `84,75%`, `42,1 điểm`.
    pub value_text: String,
    pub unit: String,
    pub scope: String,
    pub rank: Option<String>,
    pub source: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// Centre of the bar, for the year and value labels.
    pub center: f64,
}

/// Register `score_chart` with Tera.
pub fn register(tera: &mut Tera) {
    tera.register_function(
        "score_chart",
        |kwargs: Kwargs, _: &State| -> TeraResult<Value> {
            let args: Args = kwargs.deserialize()?;
            Ok(Value::from_serializable(&chart(&args.scores)))
        },
    );
}

/// Lay out the bar chart of `scores`.
pub fn chart(scores: &[ScoreIn]) -> Chart {
    let mut scores: Vec<&ScoreIn> = scores.iter().collect();
    scores.sort_by_key(|s| s.year);
    let all_percent = !scores.is_empty() && scores.iter().all(|s| s.unit.trim() == "%");
    let top_value = scores.iter().map(|s| s.value).fold(0.0_f64, f64::max);
    let max = if all_percent && top_value <= 100.0 {
        100.0
    } else {
        nice_ceiling(top_value)
    };
    let (right, baseline) = (WIDTH - RIGHT, HEIGHT - BOTTOM);
    let plot_h = baseline - TOP;
    let slot = (right - LEFT) / scores.len().max(1) as f64;
    let bar_w = (slot * 0.6).min(64.0);
    let bars = scores
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let h = (s.value.max(0.0) / max * plot_h).min(plot_h);
            let center = LEFT + slot * (i as f64 + 0.5);
            Bar {
                year: s.year,
                value: s.value,
                value_text: with_unit(&number_vi(s.value, 2), &s.unit),
                unit: s.unit.clone(),
                scope: s.scope.clone(),
                rank: s.rank.clone(),
                source: s.source.clone(),
                x: round1(center - bar_w / 2.0),
                y: round1(baseline - h),
                width: round1(bar_w),
                height: round1(h),
                center: round1(center),
            }
        })
        .collect();
    let ticks = (0..=TICKS)
        .map(|k| {
            let v = max * k as f64 / TICKS as f64;
            Tick {
                y: round1(baseline - plot_h * k as f64 / TICKS as f64),
                label: number_vi(v, 2),
            }
        })
        .collect();
    Chart {
        width: WIDTH,
        height: HEIGHT,
        left: LEFT,
        right,
        top: TOP,
        baseline,
        max,
        ticks,
        bars,
    }
}

/// `84,75` + `%` → `84,75%`; `42` + `điểm` → `42 điểm`.
fn with_unit(number: &str, unit: &str) -> String {
    let unit = unit.trim();
    match unit {
        "" => number.to_string(),
        "%" => format!("{number}%"),
        u => format!("{number} {u}"),
    }
}

/// Smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `v` (at least 1), so ticks are round.
fn nice_ceiling(v: f64) -> f64 {
    if !v.is_finite() || v <= 0.0 {
        return 1.0;
    }
    let exp = 10f64.powf(v.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * exp >= v {
            return m * exp;
        }
    }
    10.0 * exp
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(year: i32, value: f64, unit: &str) -> ScoreIn {
        ScoreIn {
            year,
            value,
            unit: unit.into(),
            scope: String::new(),
            rank: None,
            source: "nguồn".into(),
        }
    }

    #[test]
    fn percent_scores_use_a_zero_to_hundred_axis() {
        let c = chart(&[score(2024, 84.75, "%"), score(2023, 80.1, "%")]);
        assert_eq!(c.max, 100.0);
        assert_eq!(c.bars[0].year, 2023, "oldest first");
        assert_eq!(c.bars[1].value_text, "84,75%");
        assert_eq!(c.bars[0].value_text, "80,1%");
        // Taller bar for the larger value, both standing on the zero line.
        assert!(c.bars[1].height > c.bars[0].height);
        assert_eq!(c.bars[1].y + c.bars[1].height, c.baseline);
        assert_eq!(c.ticks.len(), 5);
        assert_eq!(c.ticks[2].label, "50");
        assert!(c.bars[0].center < c.bars[1].center);
    }

    #[test]
    fn other_units_get_a_round_axis() {
        let c = chart(&[score(2023, 42.3, "điểm")]);
        assert_eq!(c.max, 50.0);
        assert_eq!(c.bars[0].value_text, "42,3 điểm");
        assert_eq!(c.ticks[1].label, "12,5");
        assert_eq!(nice_ceiling(0.7), 1.0);
        assert_eq!(nice_ceiling(180.0), 200.0);
        assert_eq!(nice_ceiling(0.0), 1.0);
    }
}
