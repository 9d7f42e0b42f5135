//! The broadcast script `/<page>/truyen-thanh.txt`: an article as plain text
//! for the commune loudspeaker announcer. It walks pulldown-cmark events (no
//! regular expressions over Markdown), so no mark survives: headings and
//! paragraphs become plain paragraphs, ordered list items are read `Một là, …`,
//! table rows become sentences (`Cột: ô, Cột: ô.`), images, raw HTML and
//! struck-through text are left out. Dates (`16/7/2024`) are written out in
//! words and every abbreviation of `site.yaml` is spelled out (whole words).

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::words::{date_words, number_words};

/// Syllables ("chữ") an announcer reads in a minute over loudspeakers: slower than
/// conversation, for clarity. An assumption, used only for the time estimate.
pub const SYLLABLES_PER_MINUTE: usize = 130;

/// Everything the script needs from a page.
pub struct ScriptInput<'a> {
    pub title: &'a str,
    /// Local calendar date of the article, if it has one.
    pub date: Option<jiff::civil::Date>,
    /// The body's paragraphs, one per line (none holds a line break): from
    /// [`body_paragraphs`] or the Markdown stage.
    pub paragraphs: &'a str,
    pub abbreviations: &'a BTreeMap<String, String>,
}

/// The script text: UTF-8 with a byte-order mark (so browsers and Notepad read
/// the Vietnamese correctly even when the server sends no charset), LF line ends.
pub fn script(input: &ScriptInput<'_>) -> String {
    let abbr = Abbreviations::new(input.abbreviations);
    let mut syllables = 0;
    let mut say = |text: &str| {
        let (spoken, words) = speakable(text, &abbr);
        syllables += words;
        spoken
    };
    let title = say(&collapse(input.title));
    let paragraphs: Vec<String> = input
        .paragraphs
        .split('\n')
        .map(|p| capitalise_first(say(p)))
        .filter(|p| !p.is_empty())
        .collect();
    let date = input
        .date
        .map(|d| capitalise_first(date_words(d.year(), d.month(), d.day(), true)));
    syllables += date.as_deref().map_or(0, |d| d.split_whitespace().count());
    let minutes = syllables.div_ceil(SYLLABLES_PER_MINUTE).max(1);
    let body_len: usize = paragraphs.iter().map(|p| p.len() + 2).sum();
    let mut out = String::with_capacity(body_len + title.len() + 256);
    out.push('\u{feff}');
    out.push_str(&title);
    out.push('\n');
    if let Some(d) = date {
        out.push_str(&d);
        out.push_str(".\n");
    }
    out.push_str(&format!(
        "[Ghi chú cho người đọc, không đọc lên: thời lượng đọc ước tính khoảng {} phút, {} chữ.]\n",
        minutes, syllables
    ));
    for p in &paragraphs {
        out.push('\n');
        out.push_str(p);
        out.push('\n');
    }
    out.push_str("\nHết.\n");
    out
}

/// The body as plain paragraphs (whitespace collapsed), before abbreviations and
/// dates; a control character a reference (`&#27;`) made is U+FFFD, as in the
/// Markdown stage.
pub fn body_paragraphs(body: &str) -> Vec<String> {
    let mut w = Walker::default();
    for ev in Parser::new_ext(body, crate::markdown::options()) {
        w.event(&ev);
    }
    let mut paragraphs = w.finish();
    if memchr::memmem::find(body.as_bytes(), b"&#").is_some() {
        let clean = crate::text::controls::replace_owned;
        paragraphs = paragraphs.into_iter().map(clean).collect();
    }
    paragraphs
}

#[derive(Default)]
struct Table {
    head: Vec<String>,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: String,
}

/// Turns Markdown events into the script's paragraphs. The Markdown stage
/// feeds it the events it parses anyway (see `markdown::render`), so a
/// build parses each article once.
#[derive(Default)]
pub(crate) struct Walker {
    /// The paragraphs so far, one per line (none holds a line break).
    lines: String,
    buf: String,
    /// Said before the next paragraph (`Một là, `, `Chú thích: `).
    prefix: Option<String>,
    /// Next item number of each open list; `None` for bullet lists.
    lists: Vec<Option<u64>>,
    table: Option<Table>,
    /// Inside an image, raw HTML block, metadata or struck-through text: say nothing.
    silent: usize,
}

impl Walker {
    /// A walker whose lines have room for `bytes` (the Markdown's length: the
    /// paragraphs are about as long), so they are not copied as they grow.
    pub(crate) fn with_capacity(bytes: usize) -> Walker {
        Walker {
            lines: String::with_capacity(bytes),
            ..Walker::default()
        }
    }

    /// The paragraphs, once every event was given.
    pub(crate) fn finish(self) -> Vec<String> {
        let lines = self.finish_lines();
        if lines.is_empty() {
            return Vec::new();
        }
        lines.split('\n').map(String::from).collect()
    }

    /// The paragraphs one per line, in one string of about their size (kept
    /// until the script is made).
    pub(crate) fn finish_lines(mut self) -> String {
        self.flush();
        if self.lines.capacity() - self.lines.len() > self.lines.len() / 8 {
            self.lines.as_str().to_owned()
        } else {
            self.lines
        }
    }

    /// Adds one paragraph, said after `prefix`.
    fn push_line(&mut self, prefix: Option<&str>, paragraph: &str) {
        if !self.lines.is_empty() {
            self.lines.push('\n');
        }
        self.lines.push_str(prefix.unwrap_or(""));
        self.lines.push_str(paragraph);
    }

    fn text(&mut self, t: &str) {
        if self.silent > 0 {
            return;
        }
        match &mut self.table {
            Some(tb) => tb.cell.push_str(t),
            None => self.buf.push_str(t),
        }
    }

    /// Ends the paragraph being collected (with the prefix waiting for it),
    /// its white space collapsed; an empty one is left out.
    fn flush(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        let mut buf = std::mem::take(&mut self.buf);
        if !is_collapsed(buf.as_bytes()) {
            buf = collapse(&buf);
        }
        if !buf.is_empty() {
            let prefix = self.prefix.take();
            self.push_line(prefix.as_deref(), &buf);
        }
        buf.clear();
        self.buf = buf;
    }

    pub(crate) fn event(&mut self, ev: &Event<'_>) {
        match ev {
            Event::Text(t) | Event::Code(t) => self.text(t),
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => {}
            Event::Rule => self.flush(),
            Event::Start(tag) => match tag {
                Tag::Image { .. } | Tag::HtmlBlock | Tag::MetadataBlock(_) | Tag::Strikethrough => {
                    self.silent += 1
                }
                Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::BlockQuote(_) => {
                    self.flush()
                }
                Tag::List(start) => {
                    self.flush();
                    self.lists.push(*start);
                }
                Tag::Item => {
                    self.flush();
                    if let Some(Some(n)) = self.lists.last_mut() {
                        self.prefix = Some(format!("{} là, ", capitalise_first(number_words(*n))));
                        *n += 1;
                    }
                }
                Tag::FootnoteDefinition(_) => {
                    self.flush();
                    self.prefix = Some("Chú thích: ".into());
                }
                Tag::Table(_) => {
                    self.flush();
                    self.table = Some(Table::default());
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Image
                | TagEnd::HtmlBlock
                | TagEnd::MetadataBlock(_)
                | TagEnd::Strikethrough => self.silent = self.silent.saturating_sub(1),
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::Item
                | TagEnd::FootnoteDefinition => self.flush(),
                TagEnd::List(_) => {
                    self.flush();
                    self.lists.pop();
                }
                TagEnd::TableCell => {
                    if let Some(tb) = &mut self.table {
                        let cell = collapse(&std::mem::take(&mut tb.cell));
                        tb.row.push(cell);
                    }
                }
                TagEnd::TableHead => {
                    if let Some(tb) = &mut self.table {
                        tb.head = std::mem::take(&mut tb.row);
                    }
                }
                TagEnd::TableRow => {
                    if let Some(tb) = &mut self.table {
                        let row = std::mem::take(&mut tb.row);
                        tb.rows.push(row);
                    }
                }
                TagEnd::Table => {
                    if let Some(tb) = self.table.take() {
                        for sentence in table_sentences(&tb) {
                            self.push_line(None, &sentence);
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
}

/// Each body row as a sentence: `Họ tên: Nguyễn Văn A, Chức vụ: Chủ tịch.`
fn table_sentences(tb: &Table) -> Vec<String> {
    tb.rows
        .iter()
        .filter_map(|row| {
            let parts: Vec<String> = row
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.is_empty())
                .map(|(i, c)| match tb.head.get(i).filter(|h| !h.is_empty()) {
                    Some(h) => format!("{h}: {c}"),
                    None => c.clone(),
                })
                .collect();
            if parts.is_empty() {
                return None;
            }
            let mut s = parts.join(", ");
            if !s.ends_with(['.', '!', '?']) {
                s.push('.');
            }
            Some(s)
        })
        .collect()
}

/// `s` with every run of white space made one space, none at the ends.
fn collapse(s: &str) -> String {
    if is_collapsed(s.as_bytes()) {
        return s.to_owned();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Is `b` surely collapsed already: single ASCII spaces between words, none at
/// the ends, no other white space? Most paragraphs are, and this test runs a
/// block of bytes at a time. It may say no to collapsed text (a `9A` byte, as
/// in `Ú`, could belong to U+1680): [`collapse`] then splits the text.
fn is_collapsed(b: &[u8]) -> bool {
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let other_space = |c: u8| (c.wrapping_sub(b'\t') < 5) | crate::text::may_start_unicode_space(c);
    // One pass over neighbouring bytes: another space, or two spaces in a row.
    !b.first().is_some_and(|&c| other_space(c))
        && !crate::text::any_pair(b, |before, at| {
            other_space(at) | ((before == b' ') & (at == b' '))
        })
}

/// `s` with its first letter in upper case (in place when that keeps its length).
fn capitalise_first(mut s: String) -> String {
    let Some(c) = s.chars().next() else {
        return s;
    };
    if c.is_uppercase() || !c.is_alphabetic() {
        return s;
    }
    let upper: String = c.to_uppercase().collect();
    s.replace_range(..c.len_utf8(), &upper);
    s
}

/// `site.yaml` abbreviations, longest first so `HĐND` wins over a shorter key.
struct Abbreviations<'a> {
    list: Vec<(&'a str, &'a str)>,
    /// The first bytes of the keys: a word without any cannot hold one.
    first_bytes: [bool; 256],
    /// `first_bytes` and the ASCII digits (of dates): a word without any is said as written.
    may_start_change: [bool; 256],
    /// The distinct first bytes when there are at most eight (padded with
    /// repeats), for the block-wise test of a whole paragraph.
    few_first_bytes: Option<[u8; 8]>,
}

impl<'a> Abbreviations<'a> {
    fn new(map: &'a BTreeMap<String, String>) -> Self {
        let mut list: Vec<(&str, &str)> = map
            .iter()
            .filter(|(k, _)| !k.is_empty())
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
        let mut first_bytes = [false; 256];
        for (k, _) in &list {
            first_bytes[usize::from(k.as_bytes()[0])] = true;
        }
        let mut may_start_change = first_bytes;
        for d in b'0'..=b'9' {
            may_start_change[usize::from(d)] = true;
        }
        let distinct: Vec<u8> = (0..=255u8)
            .filter(|&b| first_bytes[usize::from(b)])
            .collect();
        let few_first_bytes = match distinct.as_slice() {
            [] => Some([b'0'; 8]),
            d if d.len() <= 8 => Some(std::array::from_fn(|i| d[i.min(d.len() - 1)])),
            _ => None,
        };
        Abbreviations {
            list,
            first_bytes,
            may_start_change,
            few_first_bytes,
        }
    }

    /// Might a word of `text` change when said (a date, an abbreviation)?
    fn may_change(&self, text: &[u8]) -> bool {
        match self.few_first_bytes {
            Some(k) => crate::text::any_byte(text, |c| {
                (c.wrapping_sub(b'0') < 10)
                    | (c == k[0])
                    | (c == k[1])
                    | (c == k[2])
                    | (c == k[3])
                    | (c == k[4])
                    | (c == k[5])
                    | (c == k[6])
                    | (c == k[7])
            }),
            None => text.iter().any(|&c| self.may_start_change[usize::from(c)]),
        }
    }

    /// Might `w` contain an abbreviation?
    fn may_occur_in(&self, w: &str) -> bool {
        w.bytes().any(|b| self.first_bytes[usize::from(b)])
            && self.list.iter().any(|(k, _)| w.contains(k))
    }
}

/// One paragraph (white space collapsed) made ready to read aloud: dates in
/// words, abbreviations spelled out; with the number of words said. Words
/// without a digit or the first byte of an abbreviation are copied as they
/// stand, runs of them in one piece.
fn speakable(text: &str, abbr: &Abbreviations<'_>) -> (String, usize) {
    let bytes = text.as_bytes();
    if !abbr.may_change(bytes) {
        // Said as written. The text is collapsed: its words are its spaces
        // plus one.
        let words = if text.is_empty() {
            0
        } else {
            // Sums of 64 bytes at a time (in `u8`s, which the compiler makes vector code).
            bytes
                .chunks(64)
                .map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from(b == b' '))))
                .sum::<usize>()
                + 1
        };
        debug_assert_eq!(words, crate::text::count_words(text), "{text:?}");
        return (text.to_owned(), words);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut words = 0;
    let mut copied_to = 0; // `text[..copied_to]` is said
    let mut word_start = 0;
    let mut may_change = false; // does the current word need a closer look?
    let mut prev: &str = "";
    for i in 0..=bytes.len() {
        let c = bytes.get(i).copied().unwrap_or(b' ');
        if c != b' ' {
            may_change |= abbr.may_start_change[usize::from(c)];
            continue;
        }
        if i > word_start {
            let w = &text[word_start..i];
            if may_change {
                out.push_str(&text[copied_to..word_start]);
                words += say_word(w, prev, abbr, &mut out);
                copied_to = i;
            } else {
                words += 1;
            }
            prev = w;
        }
        word_start = i + 1;
        may_change = false;
    }
    out.push_str(&text[copied_to..]);
    (out, words)
}

/// Say one word `w` (after `prev`) onto `out`; the number of words said.
fn say_word(w: &str, prev: &str, abbr: &Abbreviations<'_>, out: &mut String) -> usize {
    let start = out.len();
    if let Some((lead, spoken, trail)) = date_token(w) {
        out.push_str(lead);
        if !(prev.eq_ignore_ascii_case("ngày") || prev == "NGÀY") {
            out.push_str("ngày ");
        }
        out.push_str(&spoken);
        out.push_str(trail);
    } else if !abbr.may_occur_in(w) || (w.contains('/') && is_document_symbol(w)) {
        // `93/KH-UBND` is a document number: read as written.
        out.push_str(w);
    } else {
        expand_abbreviations(w, abbr, out);
    }
    if out.len() - start == w.len() {
        1
    } else {
        out[start..].split_whitespace().count()
    }
}

/// `(16/7/2024),` → (`(`, `mười sáu tháng bảy năm hai nghìn không trăm hai mươi tư`, `),`).
fn date_token(w: &str) -> Option<(&str, String, &str)> {
    let start = w.bytes().position(|b| b.is_ascii_digit())?;
    let end = w.bytes().rposition(|b| b.is_ascii_digit())? + 1;
    let (lead, core, trail) = (&w[..start], &w[start..end], &w[end..]);
    if lead.chars().any(char::is_alphanumeric) || trail.chars().any(char::is_alphanumeric) {
        return None;
    }
    let mut parts = core.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || d.len() > 2 || m.len() > 2 || y.len() != 4 {
        return None;
    }
    let (d, m, y): (i8, i8, i16) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    jiff::civil::Date::new(y, m, d).ok()?;
    Some((lead, date_words(y, m, d, false), trail))
}

/// A token like `93/KH-UBND`: a `/` between characters, with letters in it.
fn is_document_symbol(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    w.contains('/') && w.chars().any(char::is_alphabetic)
}

/// Spell out every abbreviation that stands as a whole word in `w`, onto `out`.
fn expand_abbreviations(w: &str, abbr: &Abbreviations<'_>, out: &mut String) {
    let mut i = 0;
    let mut prev_alnum = false;
    'outer: while i < w.len() {
        if !prev_alnum {
            for (k, v) in &abbr.list {
                if w[i..].starts_with(k) {
                    let next = w[i + k.len()..].chars().next();
                    if !next.is_some_and(char::is_alphanumeric) {
                        out.push_str(v);
                        i += k.len();
                        prev_alnum = true;
                        continue 'outer;
                    }
                }
            }
        }
        let c = w[i..].chars().next().expect("in bounds");
        out.push(c);
        prev_alnum = c.is_alphanumeric();
        i += c.len_utf8();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn abbr() -> BTreeMap<String, String> {
        [
            ("UBND", "Ủy ban nhân dân"),
            ("HĐND", "Hội đồng nhân dân"),
            ("TTHC", "thủ tục hành chính"),
            ("DVC", "dịch vụ công"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    fn say(s: &str) -> String {
        let m = abbr();
        speakable(s, &Abbreviations::new(&m)).0
    }

    #[test]
    fn text_said_collapsed_is_collapsed() {
        // `is_collapsed` may say no to collapsed text, never yes to text that
        // `split_whitespace` would change.
        let pieces = [
            "a",
            "Ú",
            "đường",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{a0}",
            "\u{2009}",
            "\u{3000}",
            ".",
            "\u{1680}",
        ];
        let mut next = crate::text::test_numbers(0x0123_4567_89ab_cdefu64);
        let mut said_yes = 0;
        for _ in 0..20_000 {
            let s: String = (0..next(8)).map(|_| pieces[next(pieces.len())]).collect();
            let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
            if is_collapsed(s.as_bytes()) {
                said_yes += 1;
                assert_eq!(s, collapsed);
            }
            assert_eq!(collapse(&s), collapsed);
        }
        assert!(said_yes > 1_000, "{said_yes}");
    }

    #[test]
    fn abbreviations_are_whole_words() {
        assert_eq!(say("UBND xã"), "Ủy ban nhân dân xã");
        assert_eq!(
            say("(HĐND, UBND)."),
            "(Hội đồng nhân dân, Ủy ban nhân dân)."
        );
        assert_eq!(say("UBNDX TTHCs DVC"), "UBNDX TTHCs dịch vụ công");
        assert_eq!(say("HĐND-UBND"), "Hội đồng nhân dân-Ủy ban nhân dân");
        assert_eq!(say("Kế hoạch số 93/KH-UBND"), "Kế hoạch số 93/KH-UBND");
    }

    #[test]
    fn block_test_finds_every_word_that_may_change() {
        // Few keys (the block-wise test) and many (the table), against the table.
        let many: BTreeMap<String, String> = "ABCDEFGHIJKLM"
            .chars()
            .map(|c| (format!("{c}X"), "x".to_string()))
            .collect();
        let few = abbr();
        let none = BTreeMap::new();
        let texts = [
            String::new(),
            "một hai ba".into(),
            "Ủy ban xã".into(),
            format!("{}UBND", "ạ ".repeat(40)),
            format!("{}9", "ạ ".repeat(40)),
            format!("{}Đ{}", "ạ ".repeat(17), "ơ ".repeat(30)),
            format!("{}M", "x".repeat(64)),
        ];
        for map in [&many, &few, &none] {
            let a = Abbreviations::new(map);
            for t in &texts {
                let by_table = t.bytes().any(|c| a.may_start_change[usize::from(c)]);
                assert_eq!(a.may_change(t.as_bytes()), by_table, "{t:?}");
            }
        }
        assert!(Abbreviations::new(&many).few_first_bytes.is_none());
        assert_eq!(speakable("một hai ba", &Abbreviations::new(&few)).1, 3);
    }

    #[test]
    fn dates_in_text_are_read_out() {
        assert_eq!(
            say("Ngày 16/7/2024, UBND"),
            "Ngày mười sáu tháng bảy năm hai nghìn không trăm hai mươi tư, Ủy ban nhân dân"
        );
        assert_eq!(
            say("(13/6/2024)"),
            "(ngày mười ba tháng sáu năm hai nghìn không trăm hai mươi tư)"
        );
        assert_eq!(say("31/2/2024 16/7"), "31/2/2024 16/7");
    }

    #[test]
    fn markdown_marks_are_gone() {
        let md = "# Tiêu đề *nghiêng*\n\nĐoạn **đậm** với [liên kết](/a/) và `mã`.\n\n\
                  1. Thứ nhất\n2. Thứ hai\n   - con\n\n> Trích dẫn\n\n![ảnh](a.jpg)\n\n\
                  <div>html</div>\n\nCó ~~bỏ~~ chữ.[^1]\n\n[^1]: Ghi chú.\n";
        let ps = body_paragraphs(md);
        assert_eq!(
            ps,
            [
                "Tiêu đề nghiêng",
                "Đoạn đậm với liên kết và mã.",
                "Một là, Thứ nhất",
                "Hai là, Thứ hai",
                "con",
                "Trích dẫn",
                "Có chữ.",
                "Chú thích: Ghi chú.",
            ]
        );
    }

    #[test]
    fn tables_are_read_as_sentences() {
        let md =
            "| Họ tên | Chức vụ |\n|---|---|\n| Nguyễn Văn A | Chủ tịch |\n| | Phó Chủ tịch |\n";
        assert_eq!(
            body_paragraphs(md),
            [
                "Họ tên: Nguyễn Văn A, Chức vụ: Chủ tịch.",
                "Chức vụ: Phó Chủ tịch."
            ]
        );
    }

    #[test]
    fn collapse_equals_split_whitespace() {
        for s in [
            "",
            "   ",
            "a",
            " Một  hai\tba\r\nbốn ",
            "x\u{a0}y\u{2003}z\u{3000}w\u{1680}v\u{85}u",
            "ạ\u{1ea1} ỹ\u{2028}đ",
            "a b c",
            " a b ",
            "a  b c\n",
            "\u{3000}x",
            "Úc ạ ở",
            "ạ  ở",
            "ạ ở ",
        ] {
            let expected = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse(s), expected, "{s:?}");
        }
    }

    #[test]
    fn whole_script() {
        let m = abbr();
        let s = script(&ScriptInput {
            title: "UBND xã ban hành kế hoạch",
            date: Some(jiff::civil::date(2024, 7, 16)),
            paragraphs: &body_paragraphs("Nội dung **chính**.\n").join("\n"),
            abbreviations: &m,
        });
        assert_eq!(
            s,
            "\u{feff}Ủy ban nhân dân xã ban hành kế hoạch\n\
             Ngày mười sáu tháng bảy năm hai nghìn không trăm hai mươi tư.\n\
             [Ghi chú cho người đọc, không đọc lên: thời lượng đọc ước tính khoảng 1 phút, 25 chữ.]\n\
             \nNội dung chính.\n\nHết.\n"
        );
    }
}
