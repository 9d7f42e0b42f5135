//! Vietnamese text rules: NFC normalisation, slugs, search folding and
//! alphabetical order (a ă â b c d đ e ê ...).

pub mod controls;

use std::cmp::Ordering;
use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Normalise an editor's file text: drop a UTF-8 BOM, turn CRLF and a lone CR
/// into LF, replace control characters by U+FFFD (one for one, so columns stay;
/// see [`controls`]) and compose to NFC, so that NFD text from macOS or Windows
/// tools compares equal.
pub fn normalize_source(text: &str) -> String {
    normalize_source_owned(text.to_string())
}

/// [`normalize_source`] of an owned text, copied only when something changes
/// (a file that is already BOM-less, LF and NFC, the usual case, is kept as is).
pub fn normalize_source_owned(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    text = controls::replace_owned(text);
    match nfc_cow(&text) {
        std::borrow::Cow::Owned(normalized) => normalized,
        std::borrow::Cow::Borrowed(_) => text,
    }
}

/// Does any byte of `b` pass `test`? Blocks of 32 bytes are tested whole (no
/// exit inside a block), which the compiler turns into vector instructions.
#[inline]
pub fn any_byte(b: &[u8], test: impl Fn(u8) -> bool) -> bool {
    let (blocks, rest) = b.as_chunks::<32>();
    blocks.iter().any(|block| {
        block
            .iter()
            .map(|&c| u8::from(test(c)))
            .fold(0, |a, t| a | t)
            != 0
    }) || rest.iter().any(|&c| test(c))
}

/// Does any two neighbouring bytes of `b` pass `test(before, at)`? Like [`any_byte`],
/// a block of 32 pairs at a time.
#[inline]
pub fn any_pair(b: &[u8], test: impl Fn(u8, u8) -> bool) -> bool {
    let Some(n) = b.len().checked_sub(1) else {
        return false;
    };
    let (before_blocks, before_rest) = b[..n].as_chunks::<32>();
    let (at_blocks, at_rest) = b[1..].as_chunks::<32>();
    before_blocks.iter().zip(at_blocks).any(|(p, c)| {
        p.iter()
            .zip(c)
            .map(|(&p, &c)| u8::from(test(p, c)))
            .fold(0, |a, t| a | t)
            != 0
    }) || before_rest.iter().zip(at_rest).any(|(&p, &c)| test(p, c))
}

/// Might `b` hold white space other than ASCII's (`\t \n \x0b \x0c \r` and
/// space)? Checks the lead bytes of U+0085, U+00A0, U+2000–U+205F and U+3000,
/// and the `9A` of U+1680 (so `Ú` also answers yes: the answer may be a false
/// yes, never a false no).
pub fn may_hold_unicode_space(b: &[u8]) -> bool {
    any_byte(b, may_start_unicode_space)
}

/// The byte test of [`may_hold_unicode_space`].
#[inline]
pub fn may_start_unicode_space(c: u8) -> bool {
    (c == 0xc2) | (c == 0xe2) | (c == 0xe3) | (c == 0x9a)
}

/// Number of words of `s` separated by white space: `s.split_whitespace().count()`,
/// counted over bytes when only ASCII white space can occur.
pub fn count_words(s: &str) -> usize {
    let b = s.as_bytes();
    if may_hold_unicode_space(b) {
        return s.split_whitespace().count();
    }
    let space = |c: u8| (c == b' ') | (c.wrapping_sub(b'\t') < 5);
    let starts = |before: u8, at: u8| u8::from(space(before) & !space(at));
    // A word starts at every non-space byte after a space (or at the start);
    // counted in byte lanes a block at a time (a block's count fits a `u8`).
    let Some(&first) = b.first() else {
        return 0;
    };
    let (before, at) = (&b[..b.len() - 1], &b[1..]);
    let (before_blocks, before_rest) = before.as_chunks::<128>();
    let (at_blocks, at_rest) = at.as_chunks::<128>();
    let in_blocks: usize = before_blocks
        .iter()
        .zip(at_blocks)
        .map(|(p, c)| {
            let n: u8 = p.iter().zip(c).map(|(&p, &c)| starts(p, c)).sum();
            usize::from(n)
        })
        .sum();
    let in_rest: usize = before_rest
        .iter()
        .zip(at_rest)
        .map(|(&p, &c)| usize::from(starts(p, c)))
        .sum();
    in_blocks + in_rest + usize::from(!space(first))
}

/// NFC form of `s`. ICU4X's normaliser: already-NFC text (the common case) is
/// only scanned, and far faster than a char-by-char quick check.
pub fn nfc(s: &str) -> String {
    nfc_cow(s).into_owned()
}

/// `s` itself when it is already NFC (the usual case), else its NFC form.
fn nfc_cow(s: &str) -> std::borrow::Cow<'_, str> {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(s)
}

/// URL slug of Vietnamese text: `Cải cách thủ tục hành chính` → `cai-cach-thu-tuc-hanh-chinh`,
/// `Đường` → `duong`. NFC and NFD input give the same slug.
pub fn slugify(s: &str) -> String {
    fold(s)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Search folding: lower case, no tone or vowel marks (NFD, marks dropped),
/// `đ` → `d`, other scripts transliterated. `Đường dây nóng` → `duong day nong`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            // Anything not Vietnamese: transliterate so slugs stay ASCII.
            c if !c.is_alphanumeric() => out.push(' '),
            c => match deunicode::deunicode_char(c) {
                Some(m) => out.push_str(&m.to_lowercase()),
                None => out.extend(c.to_lowercase()),
            },
        }
    }
    out
}

/// Collation sort keys kept between builds (`serve`): a title's key is made
/// once, not at every rebuild (the collator was a tenth of a rebuild at 10k).
#[derive(Debug, Default)]
pub struct SortKeys(std::sync::Mutex<rustc_hash::FxHashMap<String, std::sync::Arc<[u8]>>>);

/// Compares strings in Vietnamese alphabetical order.
pub struct VietnameseOrder {
    collator: icu_collator::CollatorBorrowed<'static>,
    memo: Option<std::sync::Arc<SortKeys>>,
}

impl VietnameseOrder {
    pub fn new() -> Self {
        let locale: icu_locale_core::Locale = "vi".parse().expect("`vi` is a valid locale");
        let collator = icu_collator::Collator::try_new(locale.into(), Default::default())
            .expect("Vietnamese collation data is compiled into icu_collator");
        VietnameseOrder {
            collator,
            memo: None,
        }
    }

    /// The same order, with sort keys kept in (and taken from) `memo`.
    pub fn with_memo(memo: Option<std::sync::Arc<SortKeys>>) -> Self {
        VietnameseOrder {
            memo,
            ..Self::new()
        }
    }

    fn sort_key(&self, t: &str) -> std::sync::Arc<[u8]> {
        let mut key = Vec::with_capacity(2 * t.len() + 8);
        let Ok(()) = self.collator.write_sort_key_to(t, &mut key);
        key.into()
    }

    /// Each text's sort key: from the memo when it has one, made otherwise
    /// (and kept; the memo is emptied when it holds over twice the texts).
    fn sort_keys(&self, nfc: &[std::borrow::Cow<'_, str>]) -> Vec<std::sync::Arc<[u8]>> {
        use rayon::prelude::*;
        let Some(memo) = &self.memo else {
            return nfc.par_iter().map(|t| self.sort_key(t)).collect();
        };
        let mut map = memo.0.lock().unwrap_or_else(|e| e.into_inner());
        let known = &*map;
        let keys: Vec<(std::sync::Arc<[u8]>, bool)> = nfc
            .par_iter()
            .map(|t| match known.get(t.as_ref()) {
                Some(k) => (k.clone(), false),
                None => (self.sort_key(t), true),
            })
            .collect();
        let refill = map.len() > 2 * nfc.len();
        if refill {
            map.clear();
        }
        for (t, (k, new)) in nfc.iter().zip(&keys) {
            if refill || *new {
                map.insert(t.to_string(), k.clone());
            }
        }
        keys.into_iter().map(|(k, _)| k).collect()
    }

    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        // Text is NFC on load, but YAML escapes (`"\u0340"`) can bring back
        // non-NFC text, on which icu_collator 2.4.0 can trip a debug assertion.
        self.compare_nfc(&nfc_cow(a), &nfc_cow(b))
    }

    /// [`VietnameseOrder::compare`] of two texts already in NFC (see [`nfc`]).
    pub fn compare_nfc(&self, a: &str, b: &str) -> Ordering {
        self.collator.compare(a, b).then_with(|| a.cmp(b))
    }

    /// Each text's place among `texts` in Vietnamese order, equal texts sharing
    /// one: sorting many lists by these numbers runs the collator once per site
    /// (a third of the model stage at 100k articles went to comparisons).
    pub fn ranks(&self, texts: &[&str]) -> Vec<u32> {
        use rayon::prelude::*;
        let nfc: Vec<std::borrow::Cow<'_, str>> = texts.par_iter().map(|t| nfc_cow(t)).collect();
        // Sort keys compare bytewise as the collator compares the texts; made
        // once per text, they spare the collator's work in every comparison.
        let keys = self.sort_keys(&nfc);
        let mut sorted: Vec<usize> = (0..texts.len()).collect();
        sorted.par_sort_by(|&a, &b| keys[a].cmp(&keys[b]).then_with(|| nfc[a].cmp(&nfc[b])));
        let mut rank = vec![0u32; texts.len()];
        let mut current = 0u32;
        for (i, pair) in sorted.windows(2).enumerate() {
            if nfc[pair[0]] != nfc[pair[1]] {
                current = u32::try_from(i + 1).unwrap_or(u32::MAX);
            }
            rank[pair[1]] = current;
        }
        rank
    }
}

impl Default for VietnameseOrder {
    fn default() -> Self {
        Self::new()
    }
}

/// Plain-text truncation at a word boundary, with an ellipsis when cut.
pub fn truncate_words(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max_chars / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ', '.']))
}

/// Test inputs: a repeatable stream of numbers below the one asked for
/// (xorshift64 from `seed`, which must not be 0).
#[cfg(test)]
pub(crate) fn test_numbers(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_and_keeps_nfc_text() {
        let nfd: String = "Hòa Phú, Ứng Hòa".nfd().collect();
        assert_eq!(nfc(&nfd), "Hòa Phú, Ứng Hòa");
        let text = "Ủy ban nhân dân xã Hòa Phú — Đường";
        assert!(matches!(nfc_cow(text), std::borrow::Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn count_words_equals_split_whitespace() {
        let long = "Ủy ban nhân dân xã Hòa Phú ".repeat(20);
        for s in [
            "",
            " ",
            "một",
            " một  hai\tba\r\nbốn ",
            "a\u{a0}b",
            "x\u{2003}y\u{3000}z\u{1680}w\u{85}v",
            "Úc ạ",
            "\u{b}a\u{c}b",
            long.as_str(),
            "a  ",
            "x",
            &"ab c  ".repeat(300),
        ] {
            assert_eq!(count_words(s), s.split_whitespace().count(), "{s:?}");
        }
    }

    #[test]
    fn vietnamese_slugs() {
        assert_eq!(
            slugify("Cải cách thủ tục hành chính"),
            "cai-cach-thu-tuc-hanh-chinh"
        );
        assert_eq!(slugify("Đường"), "duong");
        assert_eq!(slugify("  Hướng dẫn: ĐĂNG KÝ!  "), "huong-dan-dang-ky");
        let nfd: String = "Cải cách".nfd().collect();
        assert_eq!(slugify(&nfd), slugify("Cải cách"));
        assert_eq!(slugify("PAR INDEX 2024"), "par-index-2024");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn folding_for_search() {
        assert_eq!(fold("Đường dây nóng"), "duong day nong");
        assert_eq!(fold("HÀI LÒNG"), "hai long");
    }

    #[test]
    fn source_normalisation() {
        let nfd: String = "Hòa Phú".nfd().collect();
        assert_eq!(
            normalize_source(&format!("\u{feff}a\r\n{nfd}\r\n")),
            "a\nHòa Phú\n"
        );
        // Control characters become U+FFFD one for one; a lone CR is a line end.
        assert_eq!(
            normalize_source("a\u{1b}[2J\rb\u{7}\0\u{8}\u{7f}\u{9b}\t\n"),
            "a\u{fffd}[2J\nb\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\t\n"
        );
    }

    #[test]
    fn vietnamese_alphabet_order() {
        let order = VietnameseOrder::new();
        let mut words = vec!["đường", "dương", "ăn", "âm", "an", "bé", "ê", "e"];
        words.sort_by(|a, b| order.compare(a, b));
        assert_eq!(words, ["an", "ăn", "âm", "bé", "dương", "đường", "e", "ê"]);
    }

    #[test]
    fn ranks_follow_the_alphabet_and_share_equal_texts() {
        let order = VietnameseOrder::new();
        // NFD `đường` ranks with its NFC twin.
        let nfd = "đường".nfd().collect::<String>();
        assert_ne!(nfd, "đường");
        let texts = ["đường", "ăn", "an", "dương", nfd.as_str(), "an"];
        assert_eq!(order.ranks(&texts), [4, 2, 0, 3, 4, 0]);
        assert!(order.ranks(&[]).is_empty());
    }

    #[test]
    fn remembered_sort_keys_give_the_same_ranks() {
        let memo = std::sync::Arc::new(SortKeys::default());
        let kept = VietnameseOrder::with_memo(Some(memo.clone()));
        let fresh = VietnameseOrder::new();
        let nfd = "đường".nfd().collect::<String>();
        let rounds: [&[&str]; 4] = [
            &["đường", "ăn", "an", "dương", &nfd, "an"],
            &["đường", "ăn", "Ân", "dương", "bờ"],
            &["z"],
            &["ăn", "an", "a", "đ", "d", "ân"],
        ];
        for texts in rounds {
            assert_eq!(kept.ranks(texts), fresh.ranks(texts), "{texts:?}");
        }
        // Emptied once it held over twice the texts of a call, then refilled.
        assert!(memo.0.lock().unwrap().len() <= 6 + 2);
    }

    #[test]
    fn ranks_order_texts_as_the_collator_compares_them() {
        // Ranks come from sort keys; they must agree with `compare` on every
        // pair: letters with every tone and case, `đ`, digits, spaces, marks.
        let alphabet: Vec<char> =
            "aAàáảãạăằắẳẵặâầấẩẫậbcdđĐeèéêềếểễệiíìỉĩịoóòôồốơờớợuúùưừứựyýỳ0129 -.,:"
                .chars()
                .collect();
        let mut next = crate::text::test_numbers(0x2545_f491_4f6c_dd1du64);
        let texts: Vec<String> = (0..400)
            .map(|_| {
                (0..1 + next(6))
                    .map(|_| alphabet[next(alphabet.len())])
                    .collect()
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let order = VietnameseOrder::new();
        let ranks = order.ranks(&refs);
        for (i, a) in refs.iter().enumerate() {
            for (j, b) in refs.iter().enumerate() {
                assert_eq!(
                    ranks[i].cmp(&ranks[j]),
                    order.compare(a, b),
                    "{a:?} vs {b:?}"
                );
            }
        }
    }

    #[test]
    fn collation_of_non_nfc_text() {
        // Found by the `fold` fuzz target: icu_collator 2.4.0 trips a debug
        // assertion on this non-NFC sequence (U+0340 has a singleton decomposition).
        let order = VietnameseOrder::new();
        let (a, b) = ("\u{1b43}\u{1c}", "\u{1b43}\u{340}\u{305}");
        assert_eq!(order.compare(a, b), order.compare(b, a).reverse());
        assert_eq!(order.compare(&nfc(a), &nfc(b)), order.compare(a, b));
    }

    #[test]
    fn truncation_at_word_boundary() {
        assert_eq!(truncate_words("một hai ba bốn năm", 9), "một hai…");
        assert_eq!(truncate_words("ngắn", 9), "ngắn");
    }
}
