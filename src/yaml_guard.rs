//! The one guard in front of every YAML text congxa reads (page and section
//! front matter, `site.yaml`, a theme's `theme.yaml` and `i18n/*.yaml`):
//! [`check`] runs before the text is deserialised and refuses
//!
//! - `[`/`{` nested more than [`MAX_FLOW_DEPTH`] deep (the YAML scanner takes
//!   time quadratic in the nesting);
//! - aliases that expand too much: a 1 MB scalar anchored once (`&a`) and
//!   repeated by 3,000 aliases (`*a`) is 3 GB of strings once deserialised,
//!   and nested anchors (billion laughs) far more. With its aliases replaced
//!   by what they name, a document may hold at most [`MAX_EXPANDED_NODES`]
//!   values and [`MAX_EXPANDED_TEXT`] bytes of scalar text more than the file
//!   itself could (one value per byte, two bytes of text per byte), whatever
//!   the number of aliases;
//! - a control character in a value, which only a YAML escape can make
//!   (`"\e"`, `"\x07"`, `"\0"`, `"\u009b"`): raw ones are replaced on load
//!   (see [`crate::text::controls`]).
//!
//! How: yaml_serde (libyaml's parser) has no public event API, so the guard
//! walks the document with yaml_serde itself and a visitor that keeps nothing:
//! it counts values and scalar bytes as yaml_serde hands them over (aliases
//! are replayed by yaml_serde, the very expansion deserialising would do) and
//! stops at the budget, so the walk costs at most the budget, never the
//! expansion. The alias where the budget runs out is then found by walking
//! prefixes of the text cut after each alias (a binary search).
//!
//! A document without `*` has no alias and one without `\` no escape: the
//! walk is skipped (the usual case; a 10k-page build pays one byte scan per
//! front matter).

use std::cell::Cell;
use std::fmt;
use std::path::Path;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

use crate::diagnostics::Diagnostic;
pub use crate::frontmatter::MAX_FLOW_DEPTH;

/// Values (scalars, lists, maps) a document may gain from its aliases.
pub const MAX_EXPANDED_NODES: usize = 1_000_000;
/// Bytes of scalar text a document may gain from its aliases: 16 MiB.
pub const MAX_EXPANDED_TEXT: usize = 16 << 20;

/// Why a YAML text is refused, at a 1-based line and column of that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub line: usize,
    pub col: usize,
    pub message: crate::messages::Msg,
    pub hint: crate::messages::Msg,
}

impl Refusal {
    /// As a diagnostic in the file `path` whose text is `file_text`, the YAML
    /// starting after `line_offset` lines of it (front matter: 1).
    pub fn diagnostic(self, path: &Path, file_text: &str, line_offset: usize) -> Diagnostic {
        Diagnostic::new(path, self.line + line_offset, self.col, self.message)
            .with_source(file_text)
            .with_hint(self.hint)
    }
}

/// Check a YAML text before deserialising it (see the module's documentation).
pub fn check(yaml: &str) -> Result<(), Refusal> {
    if let Some((line, col)) = crate::frontmatter::too_deep(yaml) {
        return Err(Refusal {
            line,
            col,
            message: crate::msg!("yaml-too-deep", max = MAX_FLOW_DEPTH),
            hint: crate::msg!("yaml-too-deep-hint"),
        });
    }
    let b = yaml.as_bytes();
    if !crate::text::any_byte(b, |c| (c == b'*') | (c == b'\\')) {
        return Ok(());
    }
    let budget = Budget::for_text(yaml);
    // Only an escape makes a control character (raw ones are gone on load).
    budget.controls.set(memchr::memchr(b'\\', b).is_some());
    match walk(yaml, &budget) {
        Outcome::Passes => Ok(()),
        Outcome::Control { line, col, c } => Err(Refusal {
            line,
            col,
            message: crate::msg!("yaml-control", code = format!("U+{:04X}", u32::from(c))),
            hint: crate::msg!("yaml-control-hint"),
        }),
        Outcome::OverBudget => Err(over_budget(yaml, &budget)),
    }
}

/// What a walk found.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// Within budget, no control character; or a YAML error deserialising
    /// will report (reached before anything else was wrong).
    Passes,
    OverBudget,
    Control {
        line: usize,
        col: usize,
        c: char,
    },
}

/// The limits of one document and the walk's counts against them.
struct Budget {
    max_nodes: usize,
    max_text: usize,
    /// Bytes a number or boolean counts for: its text is not handed over,
    /// and a string field deserialises it as written (`0x000…01` is a number).
    number_len: usize,
    /// Whether to look for control characters in values.
    controls: Cell<bool>,
    nodes: Cell<usize>,
    text: Cell<usize>,
    stop: Cell<Option<Stop>>,
}

#[derive(Debug, Clone, Copy)]
enum Stop {
    OverBudget,
    Control(char),
}

impl Budget {
    fn for_text(yaml: &str) -> Budget {
        Budget {
            max_nodes: MAX_EXPANDED_NODES.saturating_add(yaml.len()),
            max_text: MAX_EXPANDED_TEXT.saturating_add(yaml.len().saturating_mul(2)),
            number_len: number_len(yaml),
            controls: Cell::new(false),
            nodes: Cell::new(0),
            text: Cell::new(0),
            stop: Cell::new(None),
        }
    }

    fn reset(&self) {
        self.nodes.set(0);
        self.text.set(0);
        self.stop.set(None);
    }

    /// Count one value of `len` bytes of text; an error stops the walk.
    fn count<E: de::Error>(&self, len: usize) -> Result<(), E> {
        let nodes = self.nodes.get() + 1;
        let text = self.text.get().saturating_add(len);
        self.nodes.set(nodes);
        self.text.set(text);
        if nodes > self.max_nodes || text > self.max_text {
            return self.halt(Stop::OverBudget);
        }
        Ok(())
    }

    fn halt<E: de::Error>(&self, why: Stop) -> Result<(), E> {
        self.stop.set(Some(why));
        Err(E::custom("congxa: YAML guard stop"))
    }
}

/// The longest text a number scalar can have in `yaml`. A plain scalar holds
/// no white space when it is a number, so it fits in the longest run without
/// any; a tagged one (`!!int "…"`) could fold lines: then the whole text.
fn number_len(yaml: &str) -> usize {
    let b = yaml.as_bytes();
    let tag = b
        .iter()
        .enumerate()
        .any(|(i, &c)| c == b'!' && (i == 0 || b" \t\n[{,".contains(&b[i - 1])));
    if tag {
        return yaml.len();
    }
    b.split(|c| c.is_ascii_whitespace())
        .map(<[u8]>::len)
        .max()
        .unwrap_or(0)
}

/// Walk `yaml` as yaml_serde deserialises it, against `budget`.
fn walk(yaml: &str, budget: &Budget) -> Outcome {
    budget.reset();
    let result = Walk(budget).deserialize(yaml_serde::Deserializer::from_str(yaml));
    match (budget.stop.get(), result) {
        (Some(Stop::OverBudget), _) => Outcome::OverBudget,
        (Some(Stop::Control(c)), Err(e)) => {
            let (line, col) = e
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((1, 1));
            Outcome::Control { line, col, c }
        }
        // yaml_serde's own limit on alias replays (100 per event).
        (None, Err(e)) if e.to_string().starts_with("repetition limit exceeded") => {
            Outcome::OverBudget
        }
        _ => Outcome::Passes,
    }
}

/// The refusal of a document over budget, at the alias where it goes over.
fn over_budget(yaml: &str, budget: &Budget) -> Refusal {
    let aliases = alias_tokens(yaml);
    budget.controls.set(false);
    // The first alias whose prefix of the text (cut right after it) is over
    // budget: prefixes before it are not, prefixes from it on are.
    let over = |i: usize| walk(&yaml[..aliases[i].1], budget) == Outcome::OverBudget;
    let (mut lo, mut hi) = (0, aliases.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if over(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    let (line, col, name) = match aliases.get(lo) {
        Some(&(start, end)) => {
            let (line, col) = line_col(yaml, start);
            (line, col, yaml[start..end].to_string())
        }
        None => (1, 1, String::new()),
    };
    let nodes = group_thousands(MAX_EXPANDED_NODES);
    let mib = (MAX_EXPANDED_TEXT >> 20).to_string();
    Refusal {
        line,
        col,
        message: if name.is_empty() {
            crate::msg!("yaml-aliases", nodes = nodes, mib = mib)
        } else {
            crate::msg!("yaml-aliases-at", alias = name, nodes = nodes, mib = mib)
        },
        hint: crate::msg!("yaml-aliases-hint"),
    }
}

/// Byte ranges of what looks like an alias (`*name` where a value can start):
/// where to cut the text in [`over_budget`]'s search. Only the place of the
/// message depends on it, not the decision.
fn alias_tokens(yaml: &str) -> Vec<(usize, usize)> {
    let b = yaml.as_bytes();
    let name_byte = |c: u8| !c.is_ascii_whitespace() && !b",[]{}".contains(&c);
    memchr::memchr_iter(b'*', b)
        .filter(|&i| i == 0 || b" \t\n[{,".contains(&b[i - 1]))
        .filter_map(|i| {
            let len = b[i + 1..].iter().take_while(|&&c| name_byte(c)).count();
            (len > 0).then_some((i, i + 1 + len))
        })
        .collect()
}

/// 1-based line and column (in characters) of byte `at` of `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// The walk's visitor and seed: counts every value, keeps none.
#[derive(Clone, Copy)]
struct Walk<'b>(&'b Budget);

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
        use crate::text::controls::{any_control, is_control};
        self.0.count(s.len())?;
        if self.0.controls.get()
            && any_control(s.as_bytes())
            && let Some(c) = s.chars().find(|&c| is_control(c))
        {
            return self.0.halt(Stop::Control(c));
        }
        Ok(())
    }
    fn visit_bytes<E: de::Error>(self, b: &[u8]) -> Result<(), E> {
        self.0.count(b.len())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.0.count(self.0.number_len)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.0.count(self.0.number_len)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.0.count(self.0.number_len)
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.0.count(self.0.number_len)
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.0.count(self.0.number_len)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.0.count(self.0.number_len)
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.count(4)
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.count(4)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.count(0)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.0.count(0)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    /// A tagged value (`!tag value`): the tag, then the value.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` aliases of a scalar of `len` bytes, in a flow list on one line.
    fn bomb(len: usize, n: usize) -> String {
        format!(
            "title: A\nx: &a {}\ntags: [{}]\n",
            "x".repeat(len),
            vec!["*a"; n].join(", ")
        )
    }

    /// Billion laughs: each level a list of ten aliases of the level before.
    fn laughs(levels: usize) -> String {
        let mut y = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n".to_string();
        for i in 1..=levels {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            y.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        y
    }

    #[test]
    fn a_big_scalar_repeated_is_refused_at_the_alias_going_over() {
        // (The 1 MB × 3,000 is in the test suite: slow in a debug build.)
        let y = bomb(1 << 18, 3000);
        let r = check(&y).unwrap_err();
        assert_eq!(r.line, 3, "{r:?}");
        // The text read so far is the anchored 256 KiB and 11 bytes of keys
        // and `A`; each alias adds 256 KiB: the k-th alias goes over 16 MiB +
        // twice the file. The first is at column 8 (after `tags: [`), then every 4.
        let k = (MAX_EXPANDED_TEXT + 2 * y.len() - 11) >> 18;
        assert_eq!(r.col, 8 + 4 * (k - 1), "{r:?}");
        assert!(
            r.message
                .render(crate::messages::Lang::En)
                .contains("at `*a`"),
            "{r:?}"
        );
        assert!(
            r.message
                .render(crate::messages::Lang::En)
                .contains("1,000,000 values or 16 MiB"),
            "{r:?}"
        );
        // A few aliases of it pass.
        assert_eq!(check(&bomb(1 << 18, 10)), Ok(()));
    }

    #[test]
    fn nested_aliases_are_refused_without_expanding_them() {
        let t = std::time::Instant::now();
        let r = check(&laughs(9)).unwrap_err();
        assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
        // yaml_serde's own limit (100 alias replays per event of the text read
        // so far) runs out first, inside level 4 or 5.
        assert!((5..=6).contains(&r.line), "{r:?}");
        assert!(
            r.message
                .render(crate::messages::Lang::En)
                .contains("at `*a3`")
                || r.message
                    .render(crate::messages::Lang::En)
                    .contains("at `*a4`"),
            "{r:?}"
        );
        assert_eq!(check(&laughs(3)), Ok(()));
        // In block style too.
        let block = "a: &a\n  - x\n  - x\n".to_string()
            + &(1..=8)
                .map(|i| {
                    let prev = if i == 1 {
                        "a".to_string()
                    } else {
                        format!("a{}", i - 1)
                    };
                    format!("a{i}: &a{i}\n{}", format!("  - *{prev}\n").repeat(10))
                })
                .collect::<String>();
        assert!(check(&block).is_err());
    }

    #[test]
    fn numbers_count_for_their_text() {
        // `0x000…01` is the number 1, but a string field holds all its digits.
        let y = format!("n: &n 0x{}1\ntags: [*n, *n, *n]\n", "0".repeat(500));
        let small = |max_text| Budget {
            max_text,
            ..Budget::for_text(&y)
        };
        assert_eq!(walk(&y, &small(4 * 503 + 10)), Outcome::Passes);
        assert_eq!(walk(&y, &small(3 * 503)), Outcome::OverBudget);
        assert_eq!(
            number_len("a: 12 b\nc: !!int '1'\n"),
            "a: 12 b\nc: !!int '1'\n".len()
        );
        assert_eq!(number_len("a: 12345 b\n"), 5);
    }

    #[test]
    fn ordinary_yaml_passes() {
        for y in [
            "title: A\ntags: [a, b]\n",
            "title: \"Giá *rẻ* 50%\"\nsummary: a * b = c\n",
            "title: 'C:\\Users\\anh.jpg'\n",
            "title: \"tab\\tnewline\\n\"\n",
            "base: &b {title: A}\nother: *b\n",
            "title: [unclosed\n",
            "title: *unknown\n",
        ] {
            assert_eq!(check(y), Ok(()), "{y}");
        }
    }

    #[test]
    fn control_characters_from_escapes_are_refused_where_they_are() {
        for (y, c) in [
            ("title: \"a\\eb\"\n", 0x1b),
            ("title: A\nsummary: \"x\\x07\"\n", 7),
            ("tags: [a, \"\\0\"]\n", 0),
            ("title: \"\\u009b2J\"\n", 0x9b),
            ("title: \"\\b\\x7f\"\n", 8),
            ("title: \"\\r\"\n", 0xd),
            ("? \"\\e\"\n: x\n", 0x1b),
        ] {
            let r = check(y).unwrap_err();
            assert!(
                r.message
                    .render(crate::messages::Lang::En)
                    .contains(&format!("U+{c:04X}")),
                "{y}: {r:?}"
            );
            assert!(
                r.hint.render(crate::messages::Lang::En).contains("escape"),
                "{r:?}"
            );
        }
        let r = check("title: A\nsummary: \"x\\x07\"\n").unwrap_err();
        assert_eq!((r.line, r.col), (2, 10), "{r:?}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let r = check(&format!("a: {}", "[".repeat(100))).unwrap_err();
        assert_eq!((r.line, r.col), (1, 4 + MAX_FLOW_DEPTH));
    }

    #[test]
    fn alias_tokens_are_found_where_values_start() {
        let y = "a: &x 1\nb: *x\nc: [*x,*x]\nd: a*x\n- *x\n";
        let found: Vec<&str> = alias_tokens(y).iter().map(|&(s, e)| &y[s..e]).collect();
        assert_eq!(found, ["*x", "*x", "*x", "*x"]);
        assert_eq!(line_col("ab\nçd*x", 6), (2, 3));
        assert_eq!(group_thousands(1_000_000), "1,000,000");
        assert_eq!(group_thousands(999), "999");
    }
}
