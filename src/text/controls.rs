//! Control characters: C0 (U+0000–U+001F) but tab and newline, DEL (U+007F)
//! and C1 (U+0080–U+009F). A terminal acts on them (`ESC [2J` clears the
//! screen, U+009B is a one-character `ESC [`), HTML forbids them, and a
//! loudspeaker announcer's program may choke on them. congxa never publishes
//! or prints one:
//!
//! - files it reads (content, `site.yaml`, theme templates and YAML) have each
//!   replaced by U+FFFD on load ([`crate::text::normalize_source_owned`]): one
//!   character for one, so line and column numbers and carets stay right;
//! - Markdown character references (`&#27;`) decoded into one are replaced the
//!   same way, and so is a CR a template makes with Tera's `"\r"` ([`without_cr`]);
//!   debug builds check every generated file (`render::OutputFile::bytes`);
//! - a YAML escape that makes one (`"\e"`, `"\x07"`, `"\u009b"`) is an error
//!   (`crate::yaml_guard`);
//! - diagnostics print them as `\u{1b}` ([`escape`]).

use std::borrow::Cow;

/// The replacement character, U+FFFD, in UTF-8.
const REPLACEMENT: &[u8] = "\u{fffd}".as_bytes();

/// Is `c` a control character congxa never publishes or prints? A carriage
/// return is one: text is LF-only after load, so a CR left is a lone one.
pub fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// Is the byte a C0 control (but tab and newline) or DEL?
#[inline]
pub(crate) fn c0_or_del(c: u8) -> bool {
    (c < 0x20) & (c != b'\t') & (c != b'\n') | (c == 0x7f)
}

/// Is the byte `at` after `before` a control character: C0 or DEL, or the
/// second byte of a C1 control (`C2 80`–`C2 9F`; `C2` only ever starts a
/// character)?
#[inline]
pub(crate) fn control_at(before: u8, at: u8) -> bool {
    c0_or_del(at) | ((before == 0xc2) & (0x80..=0x9f).contains(&at))
}

/// Does the UTF-8 text `b` hold a control character? Exact, a block of bytes
/// at a time (a plain `windows(2)` scan cost 6.7 % of a 1k-page build's
/// instructions: it runs over every file read and every file written).
pub fn any_control(b: &[u8]) -> bool {
    b.first().is_some_and(|&c| c0_or_del(c)) || crate::text::any_pair(b, control_at)
}

/// `s` with every control character replaced by U+FFFD; borrowed when it has none.
pub fn replace(s: &str) -> Cow<'_, str> {
    if any_control(s.as_bytes()) {
        Cow::Owned(
            s.chars()
                .map(|c| if is_control(c) { '\u{fffd}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// [`replace`] of an owned text, copied only when it holds a control character.
pub fn replace_owned(s: String) -> String {
    match replace(&s) {
        Cow::Owned(o) => o,
        Cow::Borrowed(_) => s,
    }
}

/// [`replace`] on the bytes of a generated file (UTF-8 text; other bytes are
/// left as they are): the last step before a file is written or served.
pub fn replace_bytes(b: Vec<u8>) -> Vec<u8> {
    if !any_control(&b) {
        return b;
    }
    let mut out = Vec::with_capacity(b.len() + 16);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c0_or_del(c) {
            out.extend_from_slice(REPLACEMENT);
        } else if c == 0xc2 && b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)) {
            out.extend_from_slice(REPLACEMENT);
            i += 1;
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

/// `b` with [`replace_bytes`] if it holds a CR: the one control character a
/// template can make (Tera's string escape `"\r"`); the rest of what it prints
/// is clean already. A vectorised search, far cheaper than [`any_control`].
pub fn without_cr(b: Vec<u8>) -> Vec<u8> {
    if memchr::memchr(b'\r', &b).is_some() {
        replace_bytes(b)
    } else {
        b
    }
}

/// `s` for a terminal: each control character written as `\u{1b}` (so a file
/// name holding one can still be found), the rest as it is.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !any_control(s.as_bytes()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every control character, and the characters next to the ranges.
    const CONTROLS: &[char] = &[
        '\0', '\u{7}', '\u{8}', '\u{b}', '\u{c}', '\r', '\u{1b}', '\u{1f}', '\u{7f}', '\u{80}',
        '\u{85}', '\u{9b}', '\u{9f}',
    ];
    const KEPT: &[char] = &[
        '\t', '\n', ' ', '~', '\u{a0}', 'Â', 'ệ', '\u{2028}', '\u{fffd}',
    ];

    #[test]
    fn the_control_characters_are() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let expected =
                (c < ' ' && c != '\t' && c != '\n') || ('\u{7f}'..='\u{9f}').contains(&c);
            assert_eq!(is_control(c), expected, "{c:?}");
            let mut buf = [0; 4];
            let alone = c.encode_utf8(&mut buf);
            assert_eq!(any_control(alone.as_bytes()), expected, "{c:?}");
        }
        for &c in CONTROLS {
            assert!(is_control(c), "{c:?}");
        }
        for &c in KEPT {
            assert!(!is_control(c), "{c:?}");
        }
    }

    #[test]
    fn found_wherever_they_fall_against_the_blocks() {
        for pad in 0..70 {
            for &c in CONTROLS {
                let s = format!("{}{c}{}", "ă".repeat(pad), "b".repeat(pad));
                assert!(any_control(s.as_bytes()), "{pad} {c:?}");
                let r = replace(&s);
                assert_eq!(r.chars().count(), s.chars().count(), "one for one");
                assert!(!any_control(r.as_bytes()));
                assert_eq!(
                    String::from_utf8(replace_bytes(s.clone().into_bytes())).unwrap(),
                    r
                );
            }
            let clean = format!("{}\t\n{}", "Ủy ban ©°½ ".repeat(pad), "x".repeat(pad));
            assert!(!any_control(clean.as_bytes()), "{pad}");
            assert!(matches!(replace(&clean), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn replaced_and_escaped() {
        let s = "a\u{1b}[2Jb\u{7}c\u{8}d\0e\u{7f}f\u{9b}g\th\ni\rj";
        assert_eq!(
            replace(s),
            "a\u{fffd}[2Jb\u{fffd}c\u{fffd}d\u{fffd}e\u{fffd}f\u{fffd}g\th\ni\u{fffd}j"
        );
        assert_eq!(
            escape(s),
            "a\\u{1b}[2Jb\\u{7}c\\u{8}d\\u{0}e\\u{7f}f\\u{9b}g\th\ni\\u{d}j"
        );
        assert_eq!(escape("Hòa Phú"), "Hòa Phú");
        // Bytes that are not UTF-8 are kept; controls among them still go.
        assert_eq!(
            replace_bytes(b"\xff\x1b\xc2\x9b\xc2\xa0".to_vec()),
            b"\xff\xef\xbf\xbd\xef\xbf\xbd\xc2\xa0"
        );
    }
}
