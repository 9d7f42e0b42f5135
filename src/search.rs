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
    /// `2024-07-16`, for articles with a date (shown as `16/07/2024`).
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
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
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
    for (f, lists) in by_form {
        let postings = combine_postings(lists)
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

/// The postings lists of a form's spellings ("Quả", "quả"; each in document
/// order, a document at most once) as one in document order: a document in
/// several gets the sum of its counts and any title flag.
fn combine_postings(mut lists: Vec<Vec<(u32, u32)>>) -> Vec<(u32, u32)> {
    if lists.len() == 1 {
        return lists.pop().unwrap_or_default();
    }
    let mut all = lists.concat();
    all.sort_unstable_by_key(|p| p.0);
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(all.len());
    for p in all {
        match out.last_mut() {
            Some(last) if last.0 == p.0 => {
                let tf = (last.1 >> 1).saturating_add(p.1 >> 1);
                last.1 = (tf << 1) | ((last.1 | p.1) & 1);
            }
            _ => out.push(p),
        }
    }
    out
}

/// JSON of one term's forms: `[["đường",[0,3,2,2]],["",[5,1]]]`.
fn term_json(term: &str, forms: &Forms, out: &mut String) {
    let mut num = itoa::Buffer::new();
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
            out.push_str(num.format(d - prev));
            out.push(',');
            out.push_str(num.format(*w));
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
/// over every document's text, 52 MB at 10k articles).
fn push_json_string(out: &mut Vec<u8>, s: &str) {
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
