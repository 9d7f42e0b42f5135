//! Tera set-up: templates parsed once, the helper functions and filters the
//! templates get (`url`, `abs_url`, `date_vi`, `slugify`, `filesize`,
//! `number_vi`), and template errors turned into `path:line:col` diagnostics.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::tz::Offset;
use tera::{Kwargs, State, Tera};

use crate::diagnostics::Diagnostic;
use crate::messages::Lang;
use crate::theme::ThemeFiles;
use crate::urls::UrlMaker;

pub mod limits;
pub mod ticks;

/// Name of the context variable holding the site path being rendered; `url()` reads it.
pub const CURRENT_PATH: &str = "current_path";

/// Built-in template for alias redirect pages (not overridable).
const ALIAS_TEMPLATE: &str = r#"<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{{ title }}</title>
<link rel="canonical" href="{{ target | abs_url }}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{ target | url }}">
</head>
<body>
<p>Trang đã chuyển tới <a href="{{ target | url }}">{{ title }}</a>.</p>
</body>
</html>
"#;
pub const ALIAS_TEMPLATE_NAME: &str = "__congxa_alias.html";

/// For each template name: the path shown in errors, and where the loop
/// ticks ([`ticks`]) moved its text, to report positions as written.
#[derive(Debug, Clone, Default)]
pub struct TemplatePaths {
    files: BTreeMap<String, PathBuf>,
    moves: BTreeMap<String, ticks::Moves>,
    sources: BTreeMap<String, Arc<str>>,
}

impl TemplatePaths {
    pub fn new() -> TemplatePaths {
        TemplatePaths::default()
    }

    /// The file of template `name`, as shown to the user.
    pub fn get(&self, name: &str) -> Option<&PathBuf> {
        self.files.get(name)
    }

    /// Tera's `(line, col)` (1-based line, 0-based column) in template
    /// `name` as congxa gave it to Tera, in the theme file as written.
    pub fn original(&self, name: &str, line: usize, col: usize) -> (usize, usize) {
        self.moves
            .get(name)
            .map_or((line, col), |m| m.original(line, col))
    }

    /// Line `line` (1-based) of template `name` as written.
    fn source_line(&self, name: &str, line: usize) -> Option<&str> {
        self.sources.get(name)?.lines().nth(line.checked_sub(1)?)
    }
}

/// Parse every template once. All syntax errors are reported, not just the
/// first. `features` registers the helpers of the features the pipeline wires
/// in (civic's `score_chart`). `lang` is the language of the texts congxa's
/// helpers hand Tera when a template misuses them.
pub fn build_tera(
    theme: &ThemeFiles,
    urls: &UrlMaker,
    offset: Offset,
    lang: Lang,
    features: fn(&mut Tera),
) -> Result<(Tera, TemplatePaths), Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml", ".htm", ".svg"]);
    register_helpers(&mut tera, urls, offset, lang);
    features(&mut tera);
    let mut paths = TemplatePaths::new();
    let mut ticked = BTreeMap::new();
    for (name, (path, source)) in &theme.templates {
        let t = ticks::add_ticks(source);
        paths.files.insert(name.clone(), path.clone());
        paths.moves.insert(name.clone(), t.moves);
        paths
            .sources
            .insert(name.clone(), Arc::from(source.as_str()));
        ticked.insert(name.as_str(), t.source);
    }
    let mut pending: BTreeMap<&str, &str> = ticked.iter().map(|(n, s)| (*n, s.as_str())).collect();
    pending.insert(ALIAS_TEMPLATE_NAME, ALIAS_TEMPLATE);
    let mut problems = Vec::new();
    loop {
        match tera.add_raw_templates(pending.iter().map(|(n, s)| (*n, *s))) {
            Ok(()) => break,
            Err(e) => {
                if let tera::ErrorKind::Msg(m) = e.kind()
                    && let Some(found) = validation_errors(m, &paths)
                {
                    // Found after parsing, with every template in: nothing to retry.
                    problems.extend(found);
                    break;
                }
                let d = template_error(&e, &paths, None);
                let culprit = match e.kind() {
                    tera::ErrorKind::SyntaxError(r) => Some(r.filename().to_string()),
                    tera::ErrorKind::MissingParent { current, .. } => Some(current.clone()),
                    tera::ErrorKind::CircularExtend { tpl, .. } => Some(tpl.clone()),
                    _ => None,
                };
                problems.push(d);
                match culprit.and_then(|c| pending.keys().find(|k| **k == c).copied()) {
                    Some(k) => {
                        pending.remove(k);
                    }
                    None => break,
                }
            }
        }
    }
    if problems.is_empty() {
        Ok((tera, paths))
    } else {
        Err(problems)
    }
}

/// A Tera error as a diagnostic at the template's file position.
pub fn template_error(
    e: &tera::Error,
    paths: &TemplatePaths,
    rendering: Option<&crate::messages::Msg>,
) -> Diagnostic {
    let shown = |name: &str| {
        paths
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(format!("templates/{name}")))
    };
    if let Some(hit) = limits::hit(e) {
        return limits::diagnostic(hit, paths, rendering);
    }
    let mut d = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            let mut msg = r.message().to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                msg.push_str(": ");
                msg.push_str(&s.to_string());
                source = s.source();
            }
            let message = if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
                crate::msg!("template-syntax-error", detail = msg)
            } else {
                crate::msg!("template-error", detail = msg)
            };
            let (line, col) = paths.original(r.filename(), span.start_line, span.start_col);
            Diagnostic::new(shown(r.filename()), line, col + 1, message)
        }
        tera::ErrorKind::MissingParent { current, parent } => Diagnostic::file(
            shown(current),
            crate::msg!("template-missing-parent", parent = parent.as_str()),
        ),
        tera::ErrorKind::TemplateNotFound(name) => Diagnostic::file(
            format!("templates/{name}"),
            crate::msg!("template-not-found", name = name.as_str()),
        ),
        _ => Diagnostic::file(
            "templates",
            crate::msg!("template-error", detail = e.to_string()),
        ),
    };
    if let Some(src) = paths.get(d.path.to_string_lossy().as_ref()) {
        d.path = src.clone();
    }
    match rendering {
        Some(what) => {
            d.rendering = Some(Box::new(crate::diagnostics::Rendering {
                what: what.clone(),
                also: 0,
            }));
            d.hint = Some(crate::msg!("template-context-hint"));
        }
        None => d.hint = Some(crate::msg!("template-syntax-hint")),
    }
    d
}

/// Tera checks the templates as a set (unknown filters, functions and tests,
/// blocks missing from the parent) and returns every finding in one message
/// of reports like `error: Unknown filter `uppr`\n --> base.html:1:68\n…`.
/// Each report becomes its own diagnostic at the theme file's position; a
/// message in another shape stays one diagnostic.
fn validation_errors(message: &str, paths: &TemplatePaths) -> Option<Vec<Diagnostic>> {
    let mut out = Vec::new();
    for report in message.split("\n\n") {
        let mut lines = report.lines();
        let what = lines.next()?.trim().strip_prefix("error: ")?;
        let place = lines.next()?.trim().strip_prefix("--> ")?;
        let mut parts = place.rsplitn(3, ':');
        let col: usize = parts.next()?.parse().ok()?;
        let line: usize = parts.next()?.parse().ok()?;
        let name = parts.next()?;
        let path = paths
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(format!("templates/{name}")));
        let (line, col0) = paths.original(name, line, col.saturating_sub(1));
        let mut d = Diagnostic::new(
            path,
            line,
            col0 + 1,
            crate::msg!("template-error", detail = what),
        );
        // The offending line as written (Tera quotes the rewritten one).
        if let Some(src) = paths.source_line(name, line) {
            d = d.with_source_line(src);
        }
        d.hint = Some(validation_hint(what));
        out.push(d);
    }
    (!out.is_empty()).then_some(out)
}

/// Filters, functions and tests a template can call: Tera 2's built-ins (with
/// the features congxa builds it with) and congxa's own.
const FILTERS: &[&str] = &[
    "safe",
    "default",
    "upper",
    "lower",
    "wordcount",
    "escape",
    "escape_html",
    "escape_xml",
    "newlines_to_br",
    "pluralize",
    "trim",
    "trim_start",
    "trim_end",
    "replace",
    "capitalize",
    "title",
    "truncate",
    "indent",
    "str",
    "int",
    "float",
    "length",
    "reverse",
    "split",
    "abs",
    "round",
    "first",
    "last",
    "nth",
    "join",
    "sort",
    "unique",
    "get",
    "values",
    "keys",
    "pairs",
    "group_by",
    "date_vi",
    "slugify",
    "filesize",
    "number_vi",
    "url",
    "abs_url",
];
const FUNCTIONS: &[&str] = &["range", "throw", "url", "abs_url", "score_chart"];
const TESTS: &[&str] = &[
    "string",
    "number",
    "map",
    "bool",
    "array",
    "integer",
    "float",
    "none",
    "iterable",
    "defined",
    "undefined",
    "odd",
    "even",
    "divisible_by",
    "starting_with",
    "ending_with",
    "containing",
];

fn validation_hint(what: &str) -> crate::messages::Msg {
    let unknown = |kind: &str| {
        what.strip_prefix(&format!("Unknown {kind} `"))
            .and_then(|r| r.strip_suffix('`'))
    };
    let (name, known, kind) = if let Some(n) = unknown("filter") {
        (n, FILTERS, "filter")
    } else if let Some(n) = unknown("function") {
        (n, FUNCTIONS, "function")
    } else if let Some(n) = unknown("test") {
        (n, TESTS, "test")
    } else if what.contains("is not defined in any parent template") {
        return crate::msg!("template-block-hint");
    } else {
        return crate::msg!("template-syntax-hint");
    };
    match crate::diagnostics::did_you_mean(name, known.iter().copied()) {
        Some(s) => crate::msg!("did-you-mean", name = s),
        None => crate::msg!("template-unknown-hint", kind = kind),
    }
}

/// `path` as a link from the output being rendered (only relative links
/// depend on the page they are on).
fn url_from(urls: &UrlMaker, path: &str, state: &State) -> tera::TeraResult<String> {
    if !urls.relative {
        return Ok(urls.href("/", path));
    }
    let current: String = state
        .get::<String>(CURRENT_PATH)?
        .unwrap_or_else(|| "/".into());
    Ok(urls.href(&current, path))
}

/// The absolute URL of a site path; anything else (an outside address) as it is.
fn abs_url(urls: &UrlMaker, path: &str) -> String {
    if path.starts_with('/') {
        urls.absolute(path)
    } else {
        path.to_string()
    }
}

fn register_helpers(tera: &mut Tera, urls: &UrlMaker, offset: Offset, lang: Lang) {
    // Tera's `range()`, checking the render's time limit at every call.
    tera.register_function("range", move |kwargs: Kwargs, state: &State| {
        limits::range(kwargs, state, lang)
    });
    // Called at every turn of every `{% for %}` loop (see `ticks`).
    tera.register_function(
        ticks::TICK,
        move |_: Kwargs, _: &State| -> tera::TeraResult<&'static str> {
            limits::check(8, lang)?;
            Ok("")
        },
    );
    let maker = Arc::new(urls.clone());
    // `url` and `abs_url` are functions (`url(path=…)`) and filters with the
    // same result (`{{ p.path | url }}`); a filter call skips building the
    // keyword-argument map a function call needs (~120 ns against ~290 ns).
    let m = maker.clone();
    tera.register_function(
        "url",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            limits::check(64, lang)?;
            url_from(&m, kwargs.must_get("path")?, state)
        },
    );
    let m = maker.clone();
    tera.register_filter(
        "url",
        move |path: &str, _: Kwargs, state: &State| -> tera::TeraResult<String> {
            limits::check(64, lang)?;
            url_from(&m, path, state)
        },
    );
    let m = maker.clone();
    tera.register_function(
        "abs_url",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            limits::check(64, lang)?;
            Ok(abs_url(&m, kwargs.must_get("path")?))
        },
    );
    let m = maker.clone();
    tera.register_filter(
        "abs_url",
        move |path: &str, _: Kwargs, _: &State| -> tera::TeraResult<String> {
            limits::check(64, lang)?;
            Ok(abs_url(&m, path))
        },
    );
    tera.register_filter(
        "date_vi",
        move |s: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            limits::check(64, lang)?;
            let weekday = kwargs.get::<bool>("weekday")?.unwrap_or(false);
            crate::dates::format_vi(s, weekday, offset)
                .map_err(|m| tera::Error::message(m.render(lang)))
        },
    );
    tera.register_filter("slugify", |s: &str, _: Kwargs, _: &State| {
        crate::text::slugify(s)
    });
    tera.register_filter("filesize", |n: u64, _: Kwargs, _: &State| filesize_vi(n));
    tera.register_filter(
        "number_vi",
        |n: f64, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let decimals = kwargs.get::<usize>("decimals")?.unwrap_or(2);
            Ok(number_vi(n, decimals))
        },
    );
}

/// `1536` → `1,5 KB` (Vietnamese decimal comma).
pub fn filesize_vi(n: u64) -> String {
    let units = ["B", "KB", "MB", "GB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < units.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{} {}", number_vi(v, 1), units[u])
    }
}

/// `84.75` → `84,75`; trailing zeros dropped: `80.10` → `80,1`.
pub fn number_vi(n: f64, decimals: usize) -> String {
    let s = format!("{n:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    s.replace('.', ",")
}

/// Stand-ins for the helpers of the features the pipeline wires in (for
/// tests of this stage alone): `score_chart` prints nothing.
#[cfg(test)]
pub(crate) fn feature_stubs(tera: &mut Tera) {
    tera.register_function(
        "score_chart",
        |_: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
            Ok(tera::Value::from(""))
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggested_helpers_exist() {
        // Every name a did-you-mean hint may offer is one Tera accepts.
        let mut tera = Tera::new();
        let urls = UrlMaker {
            base_path: "/".into(),
            base_url: "https://xa.example.vn/".into(),
            relative: false,
        };
        register_helpers(&mut tera, &urls, Offset::UTC, Lang::Vi);
        feature_stubs(&mut tera);
        let mut tpl = String::new();
        for f in FILTERS {
            tpl.push_str(&format!("{{{{ 1 | {f} }}}}"));
        }
        for f in FUNCTIONS {
            tpl.push_str(&format!("{{{{ {f}() }}}}"));
        }
        for t in TESTS {
            tpl.push_str(&format!("{{% if 1 is {t} %}}{{% endif %}}"));
        }
        tera.add_raw_template("all.html", &tpl).unwrap();
        let e = tera
            .add_raw_template("typo.html", "{{ 1 | uppr }}")
            .unwrap_err();
        let tera::ErrorKind::Msg(m) = e.kind() else {
            panic!("{e:?}")
        };
        let found = validation_errors(m, &TemplatePaths::new()).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].col), (1, 8));
        assert_eq!(
            found[0].hint.as_ref().map(ToString::to_string).as_deref(),
            Some("có phải là `upper`?")
        );
        // Messages of another shape are left whole; odd positions do not panic.
        assert!(validation_errors("Template not found", &TemplatePaths::new()).is_none());
        let odd = validation_errors("error: x\n --> a.html:0:0\n0 | y", &TemplatePaths::new());
        assert_eq!(odd.map(|d| d.len()), Some(1));
    }

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(number_vi(84.75, 2), "84,75");
        assert_eq!(number_vi(80.1, 2), "80,1");
        assert_eq!(number_vi(80.0, 2), "80");
        assert_eq!(filesize_vi(1536), "1,5 KB");
        assert_eq!(filesize_vi(12), "12 B");
    }
}
