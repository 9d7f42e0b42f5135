//! The search index behind `/tim-kiem/`, written as small JavaScript files so
//! the page also works from `file://` (the kiosk build), where `fetch()` of
//! JSON is refused. `themes/default/static/search.js` reads it.
//!
//! Words are split on anything that is not a letter, digit or mark, lower-cased
//! (the *form*, `đường`) and folded (the *term*, `duong`: NFD, marks dropped,
//! `đ` → `d`). The index maps each term to its forms and each form to the
//! documents that contain it, so a query typed without marks finds every form
//! and a query typed with marks can rank the exact form first.
//!
//! Files under [`INDEX_DIR`] (format [`FORMAT`]; see `docs/dev/search.md` and the guide's `reference/search.md`):
//! - `meta.js`: `congxaSearch.meta({"format":2,"v":"<hash>","n":<docs>,"keys":[...],"prefixes":[...],"title":[8.1,7.9,11.2,16]})`,
//!   the shard keys and the prefixes with a prefix table, in sorted order.
//! - `t/<key>.js`: `congxaSearch.shard("<key>",{"<term>":[["<form or empty if = term>",[d,w,d,w,...]],...],...})`
//!   where `d` is the document number as a delta from the previous one in that list and
//!   `w` the weight [`rank::weight`]: BM25's length-normalised term frequency in the body
//!   (1–9) and, for title words, the title's length class (10–63); `meta.js`'s `"title"` holds
//!   the mean title length and that of the classes of long titles. A term lives in the shard of
//!   the longest key that is a prefix of it; keys start at two characters and grow
//!   (up to [`MAX_KEY_CHARS`]) where a shard would be larger than [`SHARD_BYTES`].
//! - `p/<prefix>.js`: `congxaSearch.prefix("<prefix>",[d,w,...])`, the documents with a word
//!   starting with a 2- or 3-letter prefix whose words span many shards ([`rank::prefix_tables`]).
//! - `d/<n>.js`: `congxaSearch.doc(<n>,{"t":title,"u":href,"d":date,"x":text})`, loaded only
//!   for the results shown. Document numbers put newer articles first, so ties rank by date.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use std::hash::{Hash, Hasher};

use jiff::Timestamp;
use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::feeds::is_public;
use crate::model::{self, Site};
use crate::render::{OutputFile, RenderedDocs};
use crate::urls::UrlMaker;

pub mod rank;
use rank::DocLen;

/// Site path of the directory holding the index files.
pub const INDEX_DIR: &str = "/tim-kiem/chi-muc/";
/// Version of the file format; `search.js` checks it.
pub const FORMAT: u32 = 2;
/// A shard larger than this (JSON bytes) is split by a longer key.
pub const SHARD_BYTES: usize = 24 * 1024;
/// Longest shard key, in characters.
pub const MAX_KEY_CHARS: usize = 4;
/// Text kept per document for snippets, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// One searchable document: an article, a section or an index area. Text is
/// borrowed from the model and the Markdown stage, never copied.
#[derive(Debug, Clone)]
pub struct SearchDoc<'a> {
    pub title: &'a str,
    /// Link from the search page (relative in the kiosk build).
    pub href: String,
    /// `2024-07-16`, for articles with a date (shown as `16/7/2024`).
    pub date: Option<String>,
    /// Shown and indexed: a summary or description written in front matter.
    pub lead: &'a str,
    /// Shown and indexed: the body text (at most [`MAX_TEXT_CHARS`] are kept).
    pub body: &'a str,
    /// Indexed, not shown: tags, document number, type and issuer.
    pub extra: String,
}

impl SearchDoc<'_> {
    /// The text shown in snippets, lead and body on lines of their own, as a
    /// JSON string literal appended to `out`.
    fn push_text_json(&self, out: &mut Vec<u8>) {
        let mut parts = [self.lead, self.body].into_iter().filter(|s| !s.is_empty());
        push_json_string(out, parts.next().unwrap_or(""));
        for part in parts {
            // `…lead"` + `"body…"` → `…lead\nbody…"`: one literal.
            out.pop();
            out.extend_from_slice(b"\\n");
            let start = out.len();
            push_json_string(out, part);
            out.remove(start);
        }
    }
}

/// Is `c` part of a word? Letters, digits and combining marks; the same test
/// as `search.js` (`[\p{Alphabetic}\p{N}\p{M}]`).
pub fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7f => c.is_ascii_alphanumeric(),
        // Latin-1 letters, Latin Extended-A/B, combining marks, Latin Extended
        // Additional (ạ ả ấ … ỹ): the Vietnamese alphabet, without table lookups.
        0xc0..=0x24f => c != '×' && c != '÷',
        0x300..=0x36f | 0x1e00..=0x1eff => true,
        _ => c.is_alphabetic() || c.is_numeric() || is_combining_mark(c),
    }
}

/// The words of `text`, as written: the runs of [`is_word_char`] characters.
///
/// The index reads every word of every document (50 MB at 10,000 articles), so
/// the text is classified 64 bytes at a time into a bit mask of word bytes
/// (loops the compiler turns into vector instructions) and words are read off
/// the mask's edges; characters outside Vietnamese's alphabet are decoded one
/// by one ([`word_mask`]). Equal to [`words_by_char`], the plain definition.
pub fn words(text: &str) -> Words<'_> {
    Words {
        text,
        base: 0,
        mask: word_mask(text, 0),
        at: 0,
        start: None,
    }
}

/// [`words`] by decoding every character (the reference for tests).
pub fn words_by_char(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// Iterator of [`words`].
pub struct Words<'a> {
    text: &'a str,
    /// Byte offset of the current 64-byte block.
    base: usize,
    /// Which bytes of the block belong to word characters.
    mask: u64,
    /// Bits of the block already read.
    at: u32,
    /// Where the word being read began (it may span blocks).
    start: Option<usize>,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            if self.at == 64 {
                self.base += 64;
                if self.base >= self.text.len() {
                    let start = self.start.take()?;
                    self.at = 64;
                    return Some(&self.text[start..]);
                }
                self.mask = word_mask(self.text, self.base);
                self.at = 0;
            }
            let rest = self.mask >> self.at;
            match self.start {
                None if rest == 0 => self.at = 64,
                None => {
                    self.at += rest.trailing_zeros();
                    self.start = Some(self.base + self.at as usize);
                }
                Some(start) => {
                    // The bits shifted in at the top are 0: a word ends there at the latest.
                    self.at += rest.trailing_ones();
                    if self.at < 64 {
                        self.start = None;
                        return Some(&self.text[start..self.base + self.at as usize]);
                    }
                }
            }
        }
    }
}

/// The word-byte mask of the 64-byte block of `text` at `base`: bit `i` is set
/// when byte `base + i` is part of a word character (bytes past the end are not).
fn word_mask(text: &str, base: usize) -> u64 {
    let bytes = text.as_bytes();
    let mut padded = [0u8; 65];
    // The block and the byte after it (for the two-byte tests); zeros past
    // the end are not word bytes and start no character.
    let window: &[u8; 65] = match bytes.get(base..base + 65) {
        Some(w) => w.try_into().unwrap_or(&padded),
        None => {
            let tail = bytes.get(base..).unwrap_or_default();
            padded[..tail.len()].copy_from_slice(tail);
            &padded
        }
    };
    let mut flags = [0u8; 64];
    let mut unknown = 0u8;
    for (i, flag) in flags.iter_mut().enumerate() {
        let (b, next) = (window[i], window[i + 1]);
        *flag = u8::from(b.is_ascii_alphanumeric() | (b >= 0x80));
        unknown |= u8::from(unknown_lead(b, next));
    }
    if unknown != 0 {
        return word_mask_by_char(text, base);
    }
    let mut mask = pack_flags(&flags);
    // Continuation bytes at the start belong to a character begun in the
    // block before, which may not be a word character.
    if (0x80..0xc0).contains(&window[0]) {
        let lead = text.floor_char_boundary(base);
        if let Some(c) = text[lead..].chars().next().filter(|&c| !is_word_char(c)) {
            mask &= !((1u64 << (lead + c.len_utf8() - base)) - 1);
        }
    }
    mask
}

/// Does the character starting with byte `b` (followed by `next`) fall
/// outside what [`word_mask`]'s byte test knows to be word characters: ASCII,
/// U+00C0–U+027F but `×` and `÷`, U+0300–U+033F and U+1E00–U+1EFF?
#[inline]
fn unknown_lead(b: u8, next: u8) -> bool {
    (b >= 0xc0 && !matches!(b, 0xc3..=0xc9 | 0xcc | 0xe1))
        | ((b == 0xc3) & ((next == 0x97) | (next == 0xb7)))
        | ((b == 0xe1) & !(0xb8..=0xbb).contains(&next))
}

/// [`word_mask`] worked out character by character.
fn word_mask_by_char(text: &str, base: usize) -> u64 {
    let end = (base + 64).min(text.len());
    let from = text.floor_char_boundary(base);
    let mut mask = 0u64;
    for (i, c) in text[from..].char_indices() {
        let at = from + i;
        if at >= end {
            break;
        }
        if is_word_char(c) {
            for byte in at.max(base)..(at + c.len_utf8()).min(base + 64) {
                mask |= 1 << (byte - base);
            }
        }
    }
    mask
}

/// Bit `i` of the result is `flags[i]` (each 0 or 1): eight flags at a time,
/// gathered into one byte by a multiplication.
fn pack_flags(flags: &[u8; 64]) -> u64 {
    let mut mask = 0u64;
    for (k, eight) in flags.as_chunks::<8>().0.iter().enumerate() {
        let x = u64::from_le_bytes(*eight);
        mask |= (x.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k);
    }
    mask
}

/// The form of a word: NFC, lower case (`Đường` → `đường`).
pub fn form(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        crate::text::nfc(word).to_lowercase()
    }
}

/// The term of a form: marks dropped, `đ` → `d`, lower case (`đường` → `duong`).
/// Unlike [`crate::text::fold`] nothing is transliterated, so `search.js` can
/// do exactly the same with `normalize('NFD')`.
pub fn term(form: &str) -> String {
    if form.is_ascii() {
        return form.to_ascii_lowercase();
    }
    let stripped: String = form
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' | 'ð' | 'Ð' => 'd',
            c => c,
        })
        .collect();
    stripped.to_lowercase()
}

/// The documents to index: public articles (newest first, then undated ones by
/// path), then sections with text, then index areas. Drafts, future pages and
/// `404` never appear.
pub fn documents<'a>(
    site: &'a Site,
    docs: &'a RenderedDocs,
    urls: &UrlMaker,
    now: Timestamp,
) -> Vec<SearchDoc<'a>> {
    let href = |path: &str| urls.href(model::SEARCH_PATH, path);
    let mut out = Vec::new();
    let mut undated: Vec<&model::Page> = site.pages.iter().filter(|p| p.date.is_none()).collect();
    undated.sort_by(|a, b| a.path.cmp(&b.path));
    let pages = site
        .latest
        .iter()
        .map(|&id| &site.pages[id])
        .chain(undated)
        .filter(|p| is_public(p, now));
    for p in pages {
        let mut extra = String::new();
        for &t in &p.tags {
            extra.push_str(&site.tags[t].name);
            extra.push('\n');
        }
        if let Some(d) = &p.document {
            for s in [&d.number, &d.kind, &d.issuer] {
                extra.push_str(s);
                extra.push('\n');
            }
        }
        out.push(SearchDoc {
            title: &p.title,
            href: href(&p.path),
            date: p.date.map(|d| d.iso_date()),
            lead: p.summary.as_deref().unwrap_or("").trim(),
            body: cut(docs.pages[p.id].plain_text.trim()),
            extra,
        });
    }
    for s in site.sections.iter().filter(|s| !s.dir.is_empty()) {
        let Some(md) = docs.sections[s.id].as_ref() else {
            continue;
        };
        let extra = s
            .index
            .map(|ix| {
                let i = &site.indices[ix];
                format!("{}\n{}\n{}", i.code, i.name, i.publisher)
            })
            .unwrap_or_default();
        out.push(SearchDoc {
            title: &s.title,
            href: href(&s.path),
            date: None,
            lead: s.description.trim(),
            body: cut(md.plain_text.trim()),
            extra,
        });
    }
    for ix in &site.indices {
        for a in &ix.areas {
            out.push(SearchDoc {
                title: &a.title,
                href: href(&a.path),
                date: None,
                lead: a.summary.trim(),
                body: "",
                extra: format!("{}\n{}", ix.code, ix.name),
            });
        }
    }
    out
}

/// At most [`MAX_TEXT_CHARS`] characters, cut at a space when there is one.
fn cut(text: &str) -> &str {
    if text.len() <= MAX_TEXT_CHARS {
        return text;
    }
    let end = text
        .char_indices()
        .nth(MAX_TEXT_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    match head.rfind(char::is_whitespace) {
        Some(i) if i > end / 2 => &head[..i],
        _ => head,
    }
}

/// Form → list of (document, weight), for one term.
pub type Forms = BTreeMap<String, Vec<(u32, u32)>>;

/// Term → its forms, for the whole site, with the stored weights ([`rank::weight`]).
pub fn build_index(docs: &[SearchDoc<'_>]) -> BTreeMap<String, Forms> {
    build_index_and_lengths(docs).0
}

/// [`build_index`], and the documents' lengths.
pub fn build_index_and_lengths(docs: &[SearchDoc<'_>]) -> (BTreeMap<String, Forms>, Vec<DocLen>) {
    // Word as written → postings `(doc, count << 1 | in title)`, in document
    // order; no string is copied. Each thread reads a run of consecutive
    // documents in order, so a word's postings grow at their end: a word seen
    // again in the same document adds to its last posting. The runs' lists
    // are then joined in run order. Each run also counts its documents' words.
    type Run<'a> = (HashMap<&'a str, Vec<(u32, u32)>>, Vec<DocLen>);
    let run = docs.len().div_ceil(rayon::current_num_threads()).max(64);
    let runs: Vec<Run<'_>> = docs
        .par_chunks(run)
        .enumerate()
        .map(|(run_no, chunk)| {
            let mut by_word: HashMap<&str, Vec<(u32, u32)>> = HashMap::default();
            let mut lens = Vec::with_capacity(chunk.len());
            for (i, d) in chunk.iter().enumerate() {
                let n = u32::try_from(run_no * run + i).unwrap_or(u32::MAX);
                let mut len = DocLen::default();
                let mut add = |w, flag: u32, count: u32| {
                    let postings = by_word.entry(w).or_default();
                    match postings.last_mut() {
                        Some(last) if last.0 == n => last.1 = (last.1 | flag).saturating_add(count),
                        _ => postings.push((n, flag + count)),
                    }
                };
                for w in words(d.title) {
                    add(w, 1, 0);
                    len.title += 1;
                }
                for w in words(d.lead).chain(words(d.body)).chain(words(&d.extra)) {
                    add(w, 0, 2);
                    len.body += 1;
                }
                lens.push(len);
            }
            (by_word, lens)
        })
        .collect();
    let mut runs = runs.into_iter();
    let (mut by_word, mut lens) = runs.next().unwrap_or_default();
    for (later, later_lens) in runs {
        for (w, postings) in later {
            by_word.entry(w).or_default().extend(postings);
        }
        lens.extend(later_lens);
    }
    let avg_body = rank::average_body(&lens);
    // Words that differ only in case or normalisation share a form.
    let mut by_form: HashMap<String, Vec<Vec<(u32, u32)>>> = HashMap::default();
    for (w, postings) in by_word {
        by_form.entry(form(w)).or_default().push(postings);
    }
    let mut index: BTreeMap<String, Forms> = BTreeMap::new();
    for (f, mut lists) in by_form {
        let first = lists.pop().unwrap_or_default();
        let merged = lists.into_iter().fold(first, |a, b| merge_postings(&a, &b));
        let postings = merged
            .into_iter()
            .map(|(d, packed)| {
                let len = lens.get(d as usize).copied().unwrap_or_default();
                (d, rank::weight(packed >> 1, packed & 1 == 1, len, avg_body))
            })
            .collect();
        index.entry(term(&f)).or_default().insert(f, postings);
    }
    (index, lens)
}

/// Two postings lists (each in document order, a document at most once) as
/// one in document order: a document in both gets the sum of its counts and
/// either's title flag. A merge of sorted lists, linear (the common words of a
/// site have a list per spelling, "Quả" and "quả", of thousands of documents).
fn merge_postings(a: &[(u32, u32)], b: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        match x.0.cmp(&y.0) {
            std::cmp::Ordering::Less => {
                out.push(x);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(y);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                let tf = (x.1 >> 1).saturating_add(y.1 >> 1);
                out.push((x.0, (tf << 1) | ((x.1 | y.1) & 1)));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// JSON of one term's forms: `[["đường",[0,3,2,2]],["",[5,1]]]`.
fn term_json(term: &str, forms: &Forms, out: &mut String) {
    out.push('[');
    for (i, (f, postings)) in forms.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        out.push_str(&json_string(if f == term { "" } else { f }));
        out.push_str(",[");
        let mut prev = 0u32;
        for (j, (d, w)) in postings.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            crate::text::push_decimal(out, (d - prev) as usize);
            out.push(',');
            crate::text::push_decimal(out, *w as usize);
            prev = *d;
        }
        out.push_str("]]");
    }
    out.push(']');
}

/// A JSON string literal for the index's script files. `<`, `>` and `&` are
/// written as `\u003c`, `\u003e`, `\u0026` (the same string to JavaScript),
/// so front-matter markup never appears raw in any output, and a copy of the
/// data inlined in an HTML `<script>` could not close it.
fn json_string(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len() + 2);
    push_json_string(&mut out, s);
    String::from_utf8(out).expect("JSON of a string is UTF-8")
}

/// [`json_string`] appended to `out`, without a string in between (this runs
/// over every document's text, 52 MB at 10k articles). The bytes that need an
/// escape (all ASCII: a line break, quote, `<` …, a few in a hundred) are
/// found as bit masks of 64-byte blocks, in loops the compiler turns into
/// vector instructions, and the text between them is copied; each is escaped
/// by serde_json, as the whole string was before ([`push_json_string_by_serde`],
/// which a test compares this with).
fn push_json_string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut from = 0;
    let (blocks, tail) = bytes.as_chunks::<64>();
    let masks = blocks
        .iter()
        .map(escape_mask)
        .chain(std::iter::once(escape_mask_of_tail(tail)));
    for (k, mut mask) in masks.enumerate() {
        while mask != 0 {
            let at = 64 * k + mask.trailing_zeros() as usize;
            mask &= mask - 1;
            out.extend_from_slice(&bytes[from..at]);
            from = at + 1;
            // Most are the line breaks between paragraphs.
            if bytes[at] == b'\n' {
                out.extend_from_slice(b"\\n");
                continue;
            }
            // An ASCII byte, so a whole character: `"\t"`, written without its quotes.
            let mut one = [0u8; 8];
            let mut w = std::io::Cursor::new(&mut one[..]);
            push_json_string_by_serde(&mut w, &s[at..=at]);
            let len = w.position() as usize;
            out.extend_from_slice(&one[1..len - 1]);
        }
    }
    out.extend_from_slice(&bytes[from..]);
    out.push(b'"');
}

/// Bit `i` set when `block[i]` needs an escape ([`needs_json_escape`]).
fn escape_mask(block: &[u8; 64]) -> u64 {
    let mut flags = [0u8; 64];
    for (flag, &b) in flags.iter_mut().zip(block) {
        *flag = u8::from(needs_json_escape(b));
    }
    pack_flags(&flags)
}

/// [`escape_mask`] of the last, shorter block.
fn escape_mask_of_tail(tail: &[u8]) -> u64 {
    let mut block = [b' '; 64];
    block[..tail.len()].copy_from_slice(tail);
    escape_mask(&block)
}

/// Does `b` need escaping in a JSON string inside a script: control
/// characters, `"` and `\` (JSON), `<`, `>` and `&` ([`ScriptSafeJson`])?
/// (Without short cuts, so that a loop over bytes becomes vector code.)
#[inline]
fn needs_json_escape(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\') | (b == b'<') | (b == b'>') | (b == b'&')
}

/// [`push_json_string`] through serde_json alone, byte by byte.
fn push_json_string_by_serde(out: &mut impl std::io::Write, s: &str) {
    let mut ser = serde_json::Serializer::with_formatter(out, ScriptSafeJson);
    serde::Serialize::serialize(s, &mut ser).expect("writing to memory cannot fail");
}

/// serde_json's compact output, with `<`, `>` and `&` escaped as well.
struct ScriptSafeJson;

impl serde_json::ser::Formatter for ScriptSafeJson {
    /// A run of characters serde_json leaves as they are.
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let bytes = fragment.as_bytes();
        let mut from = 0;
        for at in memchr::memchr3_iter(b'<', b'>', b'&', bytes) {
            w.write_all(&bytes[from..at])?;
            w.write_all(match bytes[at] {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                _ => b"\\u0026",
            })?;
            from = at + 1;
        }
        w.write_all(&bytes[from..])
    }
}

/// First `n` characters of `s` (all of it when shorter).
fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Shard key → JSON body (`{"term":[...],...}`), split where a shard grows past
/// [`SHARD_BYTES`].
pub fn shards(index: &BTreeMap<String, Forms>) -> BTreeMap<String, String> {
    shards_and_prefixes(index).0
}

/// [`shards`] and the prefix tables ([`rank::prefix_tables`]).
pub fn shards_and_prefixes(
    index: &BTreeMap<String, Forms>,
) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let entries: Vec<(&str, String)> = index
        .iter()
        .map(|(t, forms)| {
            let mut s = json_string(t);
            s.push(':');
            term_json(t, forms, &mut s);
            (t.as_str(), s)
        })
        .collect();
    let mut out = BTreeMap::new();
    split(&entries, 2, &mut out);
    let keys = out.keys().map(String::as_str).collect();
    let prefixes = rank::prefix_tables(index, &keys);
    (out, prefixes)
}

fn split(entries: &[(&str, String)], key_chars: usize, out: &mut BTreeMap<String, String>) {
    let mut groups: BTreeMap<&str, Vec<&(&str, String)>> = BTreeMap::new();
    for e in entries {
        groups.entry(prefix(e.0, key_chars)).or_default().push(e);
    }
    for (key, group) in groups {
        let size: usize = group.iter().map(|(_, s)| s.len() + 1).sum();
        let short = key.chars().count() < key_chars;
        if size <= SHARD_BYTES || key_chars >= MAX_KEY_CHARS || short || group.len() == 1 {
            out.insert(
                key.to_string(),
                object(group.iter().map(|(_, s)| s.as_str())),
            );
            continue;
        }
        // Terms equal to the key stay in this shard; longer ones go one level down.
        let (exact, longer): (Vec<_>, Vec<_>) = group.into_iter().partition(|(t, _)| *t == key);
        if !exact.is_empty() {
            out.insert(
                key.to_string(),
                object(exact.iter().map(|(_, s)| s.as_str())),
            );
        }
        let longer: Vec<(&str, String)> = longer.into_iter().cloned().collect();
        split(&longer, key_chars + 1, out);
    }
}

fn object<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let mut s = String::from("{");
    for (i, p) in parts.enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(p);
    }
    s.push('}');
    s
}

/// File name of a shard: the key when it is plain ASCII, else `_` and the hex
/// of its UTF-8 bytes (`search.js` does the same).
pub fn shard_file(key: &str) -> String {
    if key
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        format!("{key}.js")
    } else {
        let hex: String = key.bytes().map(|b| format!("{b:02x}")).collect();
        format!("_{hex}.js")
    }
}

/// The search index of a site, ready to be written.
pub struct SearchIndex<'a> {
    pub docs: Vec<SearchDoc<'a>>,
    /// Shard key → JSON body.
    pub shards: BTreeMap<String, String>,
    /// Prefix → JSON body of its prefix table ([`rank::prefix_tables`]).
    pub prefixes: BTreeMap<String, String>,
    /// [`rank::title_averages`], for `meta.js`.
    pub title_lengths: [f64; 4],
    /// Changes whenever any index file changes; appended to URLs as `?v=`.
    pub version: String,
}

impl<'a> SearchIndex<'a> {
    pub fn new(
        site: &'a Site,
        docs: &'a RenderedDocs,
        urls: &UrlMaker,
        now: Timestamp,
    ) -> SearchIndex<'a> {
        let docs = documents(site, docs, urls, now);
        let (index, lens) = build_index_and_lengths(&docs);
        let (shards, prefixes) = shards_and_prefixes(&index);
        let title_lengths = rank::title_averages(&lens);
        // Only tells versions apart (cache busting): a fast, unkeyed hash, of
        // each document's text on its own (in parallel: some 60 MB at 10,000
        // articles), then of those.
        let doc_hashes: Vec<u64> = docs
            .par_iter()
            .map(|d| {
                let mut h = rustc_hash::FxHasher::default();
                (d.title, &d.href, &d.date, d.lead, d.body).hash(&mut h);
                h.finish()
            })
            .collect();
        let mut h = rustc_hash::FxHasher::default();
        shards.hash(&mut h);
        prefixes.hash(&mut h);
        title_lengths.map(f64::to_bits).hash(&mut h);
        doc_hashes.hash(&mut h);
        SearchIndex {
            docs,
            shards,
            prefixes,
            title_lengths,
            version: format!("{:016x}", h.finish()),
        }
    }

    /// `meta.js` and the shards.
    pub fn index_files(&self) -> Vec<OutputFile> {
        let dir = INDEX_DIR.trim_start_matches('/');
        let mut files: Vec<OutputFile> = self
            .shards
            .iter()
            .map(|(key, body)| {
                let js = format!("congxaSearch.shard({},{body});\n", json_string(key));
                OutputFile::bytes(format!("{dir}t/{}", shard_file(key)), js.into_bytes())
            })
            .collect();
        files.extend(self.prefixes.iter().map(|(p, body)| {
            let js = format!("congxaSearch.prefix({},{body});\n", json_string(p));
            OutputFile::bytes(format!("{dir}p/{}", shard_file(p)), js.into_bytes())
        }));
        let meta = serde_json::json!({
            "format": FORMAT,
            "v": self.version,
            "n": self.docs.len(),
            "keys": self.shards.keys().collect::<Vec<_>>(),
            "prefixes": self.prefixes.keys().collect::<Vec<_>>(),
            "title": self.title_lengths,
        });
        files.push(OutputFile::bytes(
            format!("{dir}meta.js"),
            format!("congxaSearch.meta({meta});\n").into_bytes(),
        ));
        files
    }

    /// One `d/<n>.js` per document, made as they are written.
    pub fn doc_files(self) -> impl ParallelIterator<Item = OutputFile> + 'a {
        let dir = INDEX_DIR.trim_start_matches('/');
        self.docs.into_par_iter().enumerate().map(move |(n, d)| {
            let mut js = Vec::with_capacity(d.lead.len() + d.body.len() + 256);
            js.extend_from_slice(format!("congxaSearch.doc({n},{{\"t\":").as_bytes());
            push_json_string(&mut js, d.title);
            js.extend_from_slice(b",\"u\":");
            push_json_string(&mut js, &d.href);
            js.extend_from_slice(b",\"d\":");
            match &d.date {
                Some(date) => push_json_string(&mut js, date),
                None => js.extend_from_slice(b"null"),
            }
            js.extend_from_slice(b",\"x\":");
            d.push_text_json(&mut js);
            js.extend_from_slice(b"});\n");
            OutputFile::bytes(format!("{dir}d/{n}.js"), js)
        })
    }
}

#[cfg(test)]
mod tests;
