//! What the index stores for ranking, worked out at build time: a
//! length-normalised weight per posting (BM25's term-frequency part) and the
//! length of the title, packed into the one number per posting the index
//! already had; and the prefix tables that complete a two- or three-letter
//! word while it is being typed when its words are spread over many shards.
//!
//! `search.js` decodes the same numbers (`bodyLevel`, `titleLevel`) and adds
//! the query-dependent part (how rare each word is) when it ranks.

use std::collections::{BTreeMap, BTreeSet};

use super::{Forms, prefix};

/// BM25's term-frequency saturation.
pub const K1: f64 = 1.2;
/// BM25's length normalisation (0 = none, 1 = full).
pub const B: f64 = 0.75;
/// Levels of the body weight: 1 (a word once in a long page) to 9, so that
/// a posting's weight is one digit (most are body words).
pub const BODY_LEVELS: u32 = 9;
/// Title lengths stored: 1 to 6 words exactly, then 7 for 7–9 words, 8 for
/// 10–13 and 9 for 14 and more; 0 = not in the title. `search.js` turns them
/// into BM25 title weights with the mean lengths in `meta.js` ([`title_averages`]).
pub const TITLE_LEVELS: u32 = 9;
/// A prefix whose words lie in more shards than this gets a prefix table.
pub const PREFIX_SHARDS: usize = 3;
/// Prefix tables are made for prefixes of 2 and 3 letters: the words of a
/// longer prefix always share one shard (keys are at most 4 letters).
pub const PREFIX_CHARS: std::ops::RangeInclusive<usize> = 2..=3;

/// Lengths of one document, in words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocLen {
    pub title: u32,
    /// Summary, body and the indexed extras.
    pub body: u32,
}

/// BM25's term-frequency part, `tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl))`,
/// scaled to 1..=[`BODY_LEVELS`] (0 when the word is not in the body).
pub fn body_level(tf: u32, body_len: u32, avg_len: f64) -> u32 {
    if tf == 0 {
        return 0;
    }
    let tf = f64::from(tf);
    let norm = if avg_len > 0.0 {
        1.0 - B + B * f64::from(body_len) / avg_len
    } else {
        1.0
    };
    let s = tf / (tf + K1 * norm); // (0, 1): the score over its limit k1+1
    ((s * f64::from(BODY_LEVELS)).round() as u32).clamp(1, BODY_LEVELS)
}

/// 0 when the word is not in the title, else its length class ([`TITLE_LEVELS`]).
pub fn title_level(in_title: bool, title_len: u32) -> u32 {
    match (in_title, title_len) {
        (false, _) => 0,
        (true, 0..=6) => title_len.max(1),
        (true, 7..=9) => 7,
        (true, 10..=13) => 8,
        (true, _) => 9,
    }
}

/// The number stored per posting: the body level alone (1–9) when the word is
/// not in the title, one digit; else `10 + ⌈body/2⌉·9 + title − 1` (10–63, two
/// digits: the title weighs most for these, so half the body's precision is enough).
pub fn pack(body: u32, title: u32) -> u32 {
    if title == 0 {
        body
    } else {
        BODY_LEVELS + 1 + body.div_ceil(2) * TITLE_LEVELS + title - 1
    }
}

/// `(body level, title level)` of a stored weight: the inverse of [`pack`]
/// (for title words, the body level rounded up to an even one).
pub fn unpack(w: u32) -> (u32, u32) {
    if w <= BODY_LEVELS {
        (w, 0)
    } else {
        let x = w - BODY_LEVELS - 1;
        ((x / TITLE_LEVELS) * 2, x % TITLE_LEVELS + 1)
    }
}

/// The stored weight of a word `count` times in the body of document `len`
/// (`in_title` when it is in its title).
pub fn weight(count: u32, in_title: bool, len: DocLen, avg_body: f64) -> u32 {
    pack(
        body_level(count, len.body, avg_body),
        title_level(in_title, len.title),
    )
}

/// Mean title length, then the mean length of the titles in classes 7, 8 and 9
/// ([`title_level`]; the length `search.js` assumes for them), in words, to one decimal.
pub fn title_averages(lens: &[DocLen]) -> [f64; 4] {
    let mean = |class: Option<u32>| {
        let (sum, n) = lens
            .iter()
            .filter(|l| class.is_none_or(|c| title_level(true, l.title) == c))
            .fold((0u64, 0u64), |(s, n), l| (s + u64::from(l.title), n + 1));
        if n == 0 {
            0.0
        } else {
            (sum as f64 / n as f64 * 10.0).round() / 10.0
        }
    };
    [mean(None), mean(Some(7)), mean(Some(8)), mean(Some(9))]
}

/// Mean body length, for [`body_level`].
pub fn average_body(lens: &[DocLen]) -> f64 {
    if lens.is_empty() {
        return 0.0;
    }
    lens.iter().map(|l| f64::from(l.body)).sum::<f64>() / lens.len() as f64
}

/// The shard key of `term`: the longest key that is a prefix of it (as `search.js`'s `keyOf`).
pub fn key_of<'k>(keys: &'k BTreeSet<&str>, term: &str) -> Option<&'k str> {
    let chars = term.chars().count().min(super::MAX_KEY_CHARS);
    (1..=chars)
        .rev()
        .find_map(|n| keys.get(prefix(term, n)).copied())
}

/// Prefix → JSON of its table (`[d,w,d,w,…]`): for each 2- and 3-letter
/// prefix whose terms lie in more than [`PREFIX_SHARDS`] shards, the documents
/// holding any word that starts with it, in order (document numbers as deltas),
/// each with the largest weight of those words. One list, whatever the number of
/// words: at most one posting per document, so a prefix costs at most one
/// postings list of the site's size, and finds every page a full search would.
pub fn prefix_tables(
    index: &BTreeMap<String, Forms>,
    keys: &BTreeSet<&str>,
) -> BTreeMap<String, String> {
    // Prefix → shard keys of its terms.
    let mut spread: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for term in index.keys() {
        let Some(key) = key_of(keys, term) else {
            continue;
        };
        for n in PREFIX_CHARS {
            let p = prefix(term, n);
            if p.chars().count() < n {
                break;
            }
            spread.entry(p).or_default().insert(key);
        }
    }
    let mut out = BTreeMap::new();
    for (p, shard_keys) in spread {
        if shard_keys.len() <= PREFIX_SHARDS {
            continue;
        }
        let mut best: BTreeMap<u32, u32> = BTreeMap::new();
        let terms = index
            .range::<str, _>((std::ops::Bound::Included(p), std::ops::Bound::Unbounded))
            .take_while(|(t, _)| t.starts_with(p));
        for (_, forms) in terms {
            for &(d, w) in forms.values().flatten() {
                let e = best.entry(d).or_default();
                *e = (*e).max(w);
            }
        }
        let mut json = String::from("[");
        let mut prev = 0;
        let mut num = itoa::Buffer::new();
        for (i, (d, w)) in best.into_iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            json.push_str(num.format(d - prev));
            json.push(',');
            json.push_str(num.format(w));
            prev = d;
        }
        json.push(']');
        out.insert(p.to_string(), json);
    }
    out
}
