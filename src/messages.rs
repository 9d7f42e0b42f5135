//! The message catalogue: every text congxa shows an editor, in Vietnamese
//! (the default, whatever the machine's locale) and in English (`--lang en`
//! or `CONGXA_LANG=en`).
//!
//! The texts live in Fluent files, `i18n/vi.ftl` and `i18n/en.ftl`, built into
//! the binary. Code never holds a sentence: it names a message (`msg!("id",
//! arg = value)`), and the message is put into words only when it is shown,
//! in the language the command line chose. A unit test fails when an id is in
//! one catalogue only, or used in code and in neither.

use std::fmt;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The Vietnamese catalogue, as built in.
pub const VI_FTL: &str = include_str!("../i18n/vi.ftl");
/// The English catalogue, as built in.
pub const EN_FTL: &str = include_str!("../i18n/en.ftl");

/// The language messages are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Vietnamese: the default.
    #[default]
    Vi,
    En,
}

impl Lang {
    /// `vi` or `en` (any case; `en-US`, `vi_VN.UTF-8` count as `en`, `vi`).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        match s.split(['-', '_', '.']).next().unwrap_or("") {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The command line's `--lang`, else `CONGXA_LANG`, else Vietnamese. The
    /// machine's locale (`LANG`, `LC_ALL`) is never consulted: a commune PC
    /// set to English still speaks Vietnamese to its editor.
    pub fn choose(flag: Option<&str>, env: Option<&str>) -> Lang {
        flag.and_then(Lang::parse)
            .or_else(|| env.and_then(Lang::parse))
            .unwrap_or_default()
    }

    /// The language chosen by `CONGXA_LANG` alone (tools without a command line).
    pub fn from_env() -> Lang {
        Lang::choose(None, std::env::var("CONGXA_LANG").ok().as_deref())
    }

    /// `vi` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The text of message `id` without arguments, in this language.
    pub fn text(self, id: &'static str) -> String {
        Msg::new(id).render(self)
    }
}

/// A value put into a message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    Text(String),
    /// A count: the catalogue may choose its words by it (`1 error`, `2 errors`).
    Num(i64),
    /// Another message, shown in the same language.
    Msg(Box<Msg>),
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<Msg> for Arg {
    fn from(m: Msg) -> Self {
        Arg::Msg(Box::new(m))
    }
}
macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
num_arg!(usize, u32, u64, i64, i32, u16);

/// A message: an id of the catalogue and its arguments, or (for a text that
/// is the editor's own, or not yet in the catalogue) a text as it is.
///
/// (Boxed, so that a message is as small as the `String` it replaced: a
/// [`crate::diagnostics::Diagnostic`] holds two.)
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Msg {
    Id(Box<IdMsg>),
    Raw(Box<str>),
}

/// A message of the catalogue and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IdMsg {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// `msg!("id", name = value, ...)`: message `id` of the catalogue with its arguments.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Msg::new($id)$(.arg(stringify!($name), $value))*
    };
}

/// `msg_id!("id")`: the id of a message kept as data (shown later with
/// `Msg::new`); the catalogue test finds it like `msg!`.
#[macro_export]
macro_rules! msg_id {
    ($id:literal) => {
        $id
    };
}

impl Msg {
    pub fn new(id: &'static str) -> Msg {
        Msg::Id(Box::new(IdMsg {
            id,
            args: Vec::new(),
        }))
    }

    /// The message with one more argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        if let Msg::Id(m) = &mut self {
            m.args.push((name, value.into()));
        }
        self
    }

    /// The message in words, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Msg::Raw(s) => s.to_string(),
            Msg::Id(m) => format(lang, m.id, &m.args),
        }
    }

    /// Whether the Vietnamese text holds `s` (for tests and merging).
    pub fn contains(&self, s: &str) -> bool {
        self.to_string().contains(s)
    }

    /// Whether the Vietnamese text starts with `s`.
    pub fn starts_with(&self, s: &str) -> bool {
        self.to_string().starts_with(s)
    }
}

/// Shown without a chosen language (tests, logs): Vietnamese.
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Vi))
    }
}

impl From<String> for Msg {
    fn from(s: String) -> Self {
        Msg::Raw(s.into_boxed_str())
    }
}
impl From<&String> for Msg {
    fn from(s: &String) -> Self {
        Msg::Raw(s.as_str().into())
    }
}
impl From<&str> for Msg {
    fn from(s: &str) -> Self {
        Msg::Raw(s.into())
    }
}

type Bundle = FluentBundle<FluentResource>;

static VI: LazyLock<Bundle> = LazyLock::new(|| bundle(VI_FTL, "vi"));
static EN: LazyLock<Bundle> = LazyLock::new(|| bundle(EN_FTL, "en"));

/// A bundle of one catalogue. A catalogue that does not parse keeps the
/// messages that do (the unit tests refuse any parse error).
fn bundle(ftl: &str, code: &str) -> Bundle {
    let resource = match FluentResource::try_new(ftl.to_string()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let langid = code.parse().unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![langid]);
    // Paths and values are shown as they are, without bidi isolation marks.
    b.set_use_isolating(false);
    let _ = b.add_resource(resource);
    b
}

/// Message `id` without arguments, if the catalogue of `lang` has it (ids
/// made at run time: the command line's help texts).
pub fn lookup(lang: Lang, id: &str) -> Option<String> {
    let b: &Bundle = match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    };
    let pattern = b.get_message(id)?.value()?;
    let mut errors = Vec::new();
    Some(b.format_pattern(pattern, None, &mut errors).into_owned())
}

fn format(lang: Lang, id: &str, args: &[(&'static str, Arg)]) -> String {
    let b: &Bundle = match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    };
    let Some(pattern) = b.get_message(id).and_then(|m| m.value()) else {
        // Unreachable while the catalogue test passes; the id beats a panic.
        return id.to_string();
    };
    let mut fargs = FluentArgs::new();
    for (name, value) in args {
        let v: FluentValue = match value {
            Arg::Text(s) => s.clone().into(),
            Arg::Num(n) => (*n).into(),
            Arg::Msg(m) => m.render(lang).into(),
        };
        fargs.set(*name, v);
    }
    let mut errors = Vec::new();
    b.format_pattern(pattern, Some(&fargs), &mut errors)
        .into_owned()
}

#[cfg(test)]
mod tests;
