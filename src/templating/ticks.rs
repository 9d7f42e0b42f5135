//! Make every loop of a theme interruptible: each `{% for %}` tag (and each
//! component definition) of a template gets a call of [`TICK`] at the start
//! of its body, so every turn of every loop reads the render's clock
//! ([`super::limits::check`]). Tera 2 has no hook of its own for this: its
//! loops run inside its interpreter, and a loop that neither writes nor calls
//! a function (`{% for i in r %}{% for j in r %}{% endfor %}{% endfor %}`)
//! could otherwise only be abandoned, its thread spinning on.
//!
//! The call prints nothing and keeps the tag's whitespace control (`-%}`
//! stays `-%}` in effect). Only the text after a rewritten tag on its line
//! moves; [`Moves::original`] moves positions back, so errors point at the
//! theme file as written.
//!
//! Still out of reach: list comprehensions (`[x for x in r]`, a loop inside
//! one expression) and built-in filters over large lists; the watchdog
//! ([`super::limits::overdue`]) remains for them.

/// The helper the rewritten templates call; registered by `build_tera`.
pub const TICK: &str = "__congxa_tick";

/// A template's source with the calls added, and where they went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ticked {
    pub source: String,
    pub moves: Moves,
}

/// Where the calls went in a rewritten template.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Moves(Vec<Insert>);

/// One added call: on `line` (1-based), starting at character `col`
/// (0-based, in the rewritten source), `len` characters long, after the
/// tag that starts at `tag` (line, column) in the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Insert {
    line: usize,
    col: usize,
    len: usize,
    tag: (usize, usize),
}

impl Moves {
    /// The position in the original template of `(line, col)` (as Tera
    /// reports it: 1-based line, 0-based column) in the rewritten one. A
    /// position inside a call (the loop's time ran out there) is the loop's
    /// `{% for %}` tag.
    pub fn original(&self, line: usize, col: usize) -> (usize, usize) {
        let mut moved = 0;
        for i in self.0.iter().filter(|i| i.line == line) {
            if col >= i.col + i.len {
                moved += i.len;
            } else if col >= i.col {
                return i.tag;
            }
        }
        (line, col - moved)
    }
}

/// `source` with a [`TICK`] call after every `{% for … %}` and
/// `{% component … %}` tag. Text, comments, `{% raw %}` blocks and string
/// literals are left as they are; a template Tera would refuse stays
/// refused (the calls only follow tags that are complete).
pub fn add_ticks(source: &str) -> Ticked {
    let mut out = String::with_capacity(source.len() + 64);
    let mut inserts = Vec::new();
    let mut rest = source;
    let (mut line, mut col) = (1usize, 0usize);
    let copy = |s: &str, out: &mut String, line: &mut usize, col: &mut usize| {
        for c in s.chars() {
            if c == '\n' {
                *line += 1;
                *col = 0;
            } else {
                *col += 1;
            }
        }
        out.push_str(s);
    };
    while let Some(start) = next_marker(rest) {
        let (before, from) = rest.split_at(start);
        copy(before, &mut out, &mut line, &mut col);
        let Some(len) = construct_len(from) else {
            // Unclosed: Tera reports it; nothing to rewrite after it.
            rest = from;
            break;
        };
        let (construct, after) = from.split_at(len);
        let tag = (line, col - moved_on_line(&inserts, line));
        copy(construct, &mut out, &mut line, &mut col);
        rest = after;
        if let Some(trim_after) = opens_loop(construct) {
            let call = if trim_after {
                format!("{{{{- {TICK}() -}}}}")
            } else {
                format!("{{{{ {TICK}() }}}}")
            };
            let n = call.chars().count();
            inserts.push(Insert {
                line,
                col,
                len: n,
                tag,
            });
            out.push_str(&call);
            col += n;
        }
        if is_tag_named(construct, "raw") {
            // Everything up to the closing `{% endraw %}` is text.
            let end = endraw(rest).unwrap_or(rest.len());
            let (raw, after) = rest.split_at(end);
            copy(raw, &mut out, &mut line, &mut col);
            rest = after;
        }
    }
    copy(rest, &mut out, &mut line, &mut col);
    Ticked {
        source: out,
        moves: Moves(inserts),
    }
}

/// Characters added so far on `line`.
fn moved_on_line(inserts: &[Insert], line: usize) -> usize {
    inserts
        .iter()
        .filter(|i| i.line == line)
        .map(|i| i.len)
        .sum()
}

/// Byte offset of the next `{{`, `{%` or `{#`.
fn next_marker(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    memchr::memchr_iter(b'{', b).find(|&i| matches!(b.get(i + 1), Some(b'{' | b'%' | b'#')))
}

/// Length of the construct starting at `s` (`{{ … }}`, `{% … %}` or
/// `{# … #}`), string literals skipped; `None` if it never closes.
fn construct_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let close: &[u8] = match b.get(1) {
        Some(b'#') => return memchr::memmem::find(&b[2..], b"#}").map(|i| i + 4),
        Some(b'{') => b"}}",
        _ => b"%}",
    };
    let mut i = 2;
    while i < b.len() {
        match b[i] {
            q @ (b'"' | b'\'' | b'`') => {
                i += 1;
                while i < b.len() && b[i] != q {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            _ if b[i..].starts_with(close) => return Some(i + 2),
            _ => i += 1,
        }
    }
    None
}

/// The words of a tag `{% name … %}`: its name, and whether it ends in `-%}`.
fn tag_parts(construct: &str) -> Option<(&str, bool)> {
    let inner = construct.strip_prefix("{%")?.strip_suffix("%}")?;
    let trim_after = inner.ends_with('-');
    let inner = inner.strip_prefix('-').unwrap_or(inner).trim_start();
    let name_len = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(inner.len());
    Some((&inner[..name_len], trim_after))
}

fn is_tag_named(construct: &str, name: &str) -> bool {
    tag_parts(construct).is_some_and(|(n, _)| n == name)
}

/// For a tag opening a loop body: whether it trims the whitespace after it.
fn opens_loop(construct: &str) -> Option<bool> {
    tag_parts(construct)
        .filter(|(name, _)| matches!(*name, "for" | "component"))
        .map(|(_, trim)| trim)
}

/// Offset of the `{% endraw %}` tag closing a raw block in `s`.
fn endraw(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&s.as_bytes()[from..], b"{%") {
        let at = from + i;
        if let Some(len) = construct_len(&s[at..])
            && is_tag_named(&s[at..at + len], "endraw")
        {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticked(s: &str) -> String {
        add_ticks(s).source
    }

    #[test]
    fn loops_and_components_get_a_call_keeping_whitespace_control() {
        assert_eq!(
            ticked("a{% for x in l %}b{% endfor %}"),
            "a{% for x in l %}{{ __congxa_tick() }}b{% endfor %}"
        );
        assert_eq!(
            ticked("{%- for x in l -%}\n b\n{%- endfor %}"),
            "{%- for x in l -%}{{- __congxa_tick() -}}\n b\n{%- endfor %}"
        );
        assert_eq!(
            ticked("{% component Card(t) %}x{% endcomponent %}"),
            "{% component Card(t) %}{{ __congxa_tick() }}x{% endcomponent %}"
        );
    }

    #[test]
    fn text_comments_strings_and_raw_blocks_are_left_alone() {
        for s in [
            "for x in l %}",
            "{# {% for x in l %} #}",
            "{{ \"{% for x in l %}\" }}",
            "{% set s = '%}{% for x in l %}' %}",
            "{% raw %}{% for x in l %}{% endraw %}",
            "{%- raw -%} {% for x %} {%- endraw %}",
            "{% format %}{% forx %}",
            "{% for x in l",
        ] {
            assert_eq!(ticked(s), s, "{s}");
        }
        // After a raw block, loops count again.
        assert_eq!(
            ticked("{% raw %}{% for %}{% endraw %}{% for x in l %}{% endfor %}"),
            "{% raw %}{% for %}{% endraw %}{% for x in l %}{{ __congxa_tick() }}{% endfor %}"
        );
    }

    #[test]
    fn positions_move_back_to_the_original() {
        let src = "<ul>\n{% for x in l %}<li>{{ x | uppr }}</li>{% endfor %}{% for y in l %}{{ y }}{% endfor %}\nđ {{ z }}";
        let t = add_ticks(src);
        let find = |s: &str, needle: &str| {
            let (l, line) = s
                .lines()
                .enumerate()
                .find(|(_, l)| l.contains(needle))
                .unwrap();
            let byte = line.find(needle).unwrap();
            (l + 1, line[..byte].chars().count())
        };
        for needle in ["uppr", "{{ y }}", "{% endfor %}{% for", "z }}"] {
            let (line, col) = find(&t.source, needle);
            assert_eq!(t.moves.original(line, col), find(src, needle), "{needle}");
        }
        // Positions before the first call, and on other lines, stay.
        assert_eq!(t.moves.original(2, 3), (2, 3));
        // Inside the second call: the second loop's tag.
        let (line, col) = find(&t.source, "{{ __congxa_tick() }}{{ y }}");
        assert_eq!(t.moves.original(line, col + 3), find(src, "{% for y"));
        assert_eq!(t.moves.original(3, 2), (3, 2));
    }
}
