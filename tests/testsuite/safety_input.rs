//! Hostile input (issue 19, points 3, 4 and 9): YAML aliases that would
//! expand to gigabytes are refused before they expand, only web addresses and
//! site paths are published from front matter and `site.yaml`, and control
//! characters reach neither an output file nor the terminal.

use std::time::Instant;

use crate::support::*;

#[path = "../../fuzz/src/url_checks.rs"]
mod url_checks;

/// Control characters a page, a broadcast script or a terminal must never get:
/// C0 but tab and newline, DEL and C1. (Written out here, not congxa's own test.)
fn controls_in(bytes: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|&c| (c < ' ' && c != '\t' && c != '\n') || ('\u{7f}'..='\u{9f}').contains(&c))
        .collect()
}

/// Every file of the output, and every file name, is free of control characters.
fn assert_output_clean(f: &Fixture) {
    let files = snapshot(&f.out(""));
    assert!(files.len() > 10, "only {} output files", files.len());
    for (path, bytes) in &files {
        assert!(controls_in(path.as_bytes()).is_empty(), "{path:?}");
        // A photo's variants are binary, not text.
        if [".png", ".jpg", ".webp"].iter().any(|e| path.ends_with(e)) {
            continue;
        }
        let found = controls_in(bytes);
        assert!(
            found.is_empty(),
            "{path} holds {found:?}:\n{}",
            String::from_utf8_lossy(bytes)
        );
    }
}

fn stderr_of(out: &std::process::Output) -> String {
    assert!(
        controls_in(&out.stderr).is_empty(),
        "control characters on the terminal: {:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

// ---- YAML budget -----------------------------------------------------------

/// `n` aliases of a scalar of `len` bytes in a page's front matter (line 4).
fn alias_bomb(len: usize, n: usize) -> String {
    format!(
        "---\ntitle: Bom\nsummary: &a {}\ntags: [{}]\n---\nThân bài.\n",
        "x".repeat(len),
        vec!["*a"; n].join(", ")
    )
}

/// Billion laughs, flow style: ten levels of ten aliases of the level
/// before, keys and anchors named `p0` … `p9`.
fn laughs(p: &str) -> String {
    let mut y = format!("{p}0: &{p}0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..=9 {
        let refs = vec![format!("*{p}{}", i - 1); 10].join(", ");
        y.push_str(&format!("{p}{i}: &{p}{i} [{refs}]\n"));
    }
    y
}

#[test]
fn a_megabyte_repeated_by_3000_aliases_is_refused_by_check_build_and_serve() {
    let f = Fixture::new();
    f.file("content/tin-tuc/bom.md", &alias_bomb(1 << 20, 3000));
    let t = Instant::now();
    let out = f.cli_en(&["check"]);
    eprintln!("1 MB × 3,000 aliases: check took {:?}", t.elapsed());
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // The alias going over is on line 4: the anchored MiB and 18 more make
    // more than 16 MiB + twice the file's 1 MiB and 12 KB; the 18th alias is
    // at column 8 + 4 × 17.
    assert!(
        err.contains("content/tin-tuc/bom.md:4:76: YAML aliases expand too much at `*a`: with every `*alias` replaced by the value its `&anchor` names, the text would grow by more than 1,000,000 values or 16 MiB"),
        "{err}"
    );
    assert!(
        err.contains("hint: an alias (`*name`) repeats the value anchored as `&name`"),
        "{err}"
    );
    // The 1 MB source line is shown as an excerpt only.
    assert!(err.len() < 5_000, "{} bytes of messages", err.len());

    let out = f.cli_en(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("content/tin-tuc/bom.md:4:"));
    assert!(!f.exists(""), "nothing written");

    // `serve` builds with the same engine: refused there too.
    let mut engine = congxa::serve::incremental::Engine::new(f.opts());
    let e = engine
        .update(&Default::default())
        .map(|_| ())
        .expect_err("serve's first build fails");
    assert!(e.to_string().contains("content/tin-tuc/bom.md:4:"), "{e}");
}

#[test]
fn nested_aliases_are_refused_in_every_yaml_file() {
    let f = Fixture::new();
    // Front matter: the keys are unknown, but the guard comes first.
    f.file(
        "content/cuoi.md",
        &format!("---\ntitle: A\n{}---\n", laughs("a")),
    );
    // Block style.
    let mut block = "---\ntitle: B\nsummary: &b0\n  - x\n  - x\n".to_string();
    for i in 1..=9 {
        block.push_str(&format!(
            "b{i}: &b{i}\n{}",
            format!("  - *b{}\n", i - 1).repeat(10)
        ));
    }
    f.file("content/khoi.md", &(block + "---\n"));
    f.file("content/_index.md", "---\ntitle: Trang chủ\n---\n");
    f.file(
        "site.yaml",
        &format!("{SITE_YAML}theme: rieng\n{}", laughs("s")),
    );
    f.file(
        "themes/rieng/theme.yaml",
        &format!("extends: default\n{}", laughs("t")),
    );
    f.file("themes/rieng/i18n/vi.yaml", &laughs("k"));
    let t = Instant::now();
    let out = f.cli_en(&["check"]);
    eprintln!("billion laughs in 4 files: check took {:?}", t.elapsed());
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // site.yaml is read first; its error stops the run there.
    assert!(err.contains("site.yaml:"), "{err}");
    assert!(err.contains("YAML aliases expand too much at `*s"), "{err}");

    // Without the bomb in site.yaml, the theme's files and the pages are reached.
    f.file("site.yaml", &format!("{SITE_YAML}theme: rieng\n"));
    let err = stderr_of(&f.cli_en(&["check"]));
    assert!(err.contains("themes/rieng/theme.yaml:"), "{err}");
    assert!(err.contains("YAML aliases expand too much at `*t"), "{err}");
    f.file("themes/rieng/theme.yaml", "extends: default\n");
    let err = stderr_of(&f.cli_en(&["check"]));
    for (file, alias) in [
        ("themes/rieng/i18n/vi.yaml", "`*k"),
        ("content/cuoi.md", "`*a"),
        ("content/khoi.md", "`*b"),
    ] {
        let line = err
            .lines()
            .find(|l| l.starts_with(&format!("{file}:")))
            .unwrap_or_else(|| panic!("{file} not reported:\n{err}"));
        assert!(
            line.contains(&format!("YAML aliases expand too much at {alias}")),
            "{line}"
        );
        // The line of an alias of the bomb (levels start at line 2 or 3 of the file).
        let n: usize = line.split(':').nth(1).unwrap().parse().unwrap();
        assert!((2..=60).contains(&n), "{line}");
    }
    assert!(!f.exists(""));
}

#[test]
fn ordinary_anchors_and_stars_still_build() {
    let f = Fixture::new();
    f.file(
        "content/tin-tuc/bai.md",
        "---\ntitle: &t Giá *rẻ* 50% * 2\nsummary: *t\ntags: [&k một cửa, *k]\n---\nThân *bài*.\n",
    );
    f.build_ok();
    let page = f.read("tin-tuc/bai/index.html");
    assert!(page.contains("Giá *rẻ* 50% * 2"), "{page}");
}

// ---- URLs --------------------------------------------------------------------

/// What front matter and `site.yaml` may not publish, as YAML double-quoted
/// scalars (`\t`, `\n` and `\\` are YAML escapes).
const REFUSED: &[&str] = &[
    r#""javascript://%0aalert(1)""#,
    r#""JaVaScRiPt:alert(1)""#,
    r#"" javascript:alert(1)""#,
    r#""java\tscript:alert(1)""#,
    r#""java\nscript:alert(1)""#,
    r#""data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==""#,
    r#""vbscript:msgbox(1)""#,
    r#""file:///etc/passwd""#,
    r#""C:\\Users\\anh.jpg""#,
    r#""//evil.example/x.pdf""#,
    r#""/\\evil.example/x.pdf""#,
];

fn page_with(extra: &str) -> String {
    format!("---\ntitle: Bài\ndate: 2024-07-16\n{extra}---\nThân bài.\n")
}

#[test]
fn front_matter_urls_are_web_addresses_or_site_paths() {
    let f = Fixture::new();
    for (i, url) in REFUSED.iter().enumerate() {
        f.file(
            &format!("content/a/file-{i}.md"),
            &page_with(&format!(
                "document:\n  number: {i}/KH\n  issued: 2024-07-16\n  issuer: UBND\n  type: Kế hoạch\n  file: {url}\n"
            )),
        );
        f.file(
            &format!("content/a/image-{i}.md"),
            &page_with(&format!("image: {url}\nimage_alt: Ảnh\n")),
        );
        f.file(
            &format!("content/a/alias-{i}.md"),
            &page_with(&format!("aliases: [/cu-{i}/, {url}]\n")),
        );
    }
    let out = f.cli_en(&["check"]);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for (i, url) in REFUSED.iter().enumerate() {
        for (file, line, field) in [
            ("file", 9, "`document.file` is"),
            ("image", 4, "`image` is"),
            ("alias", 4, "`aliases` is"),
        ] {
            let at = format!("content/a/{file}-{i}.md:{line}:");
            let msg = err
                .lines()
                .find(|l| l.starts_with(&at))
                .unwrap_or_else(|| panic!("{at} ({url}) not reported:\n{err}"));
            assert!(msg.contains(field), "{msg}");
            let refused = msg.contains("address is not published")
                || msg.contains("starting with `//` leads to another site");
            assert!(refused, "{msg}");
            assert!(!msg.contains("does not exist"), "{msg}");
        }
    }
    assert!(err.contains("= hint: write a web address (`https://…`, `http://…`), a `mailto:` or `tel:` address, or a path inside the site"), "{err}");
    assert!(
        err.contains("= hint: write the full address with `https://`"),
        "{err}"
    );
    // Every problem at once: three per refused address.
    assert!(
        err.contains(&format!("{} errors", 3 * REFUSED.len())),
        "{err}"
    );
    let out = f.cli_en(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!f.exists(""), "nothing written");
}

#[test]
fn site_yaml_menu_and_link_urls_are_web_addresses_or_site_paths() {
    let f = Fixture::new();
    let mut menu = String::from("menu:\n");
    let mut links = String::from("links:\n");
    for url in REFUSED {
        menu.push_str(&format!("  - {{title: M, url: {url}}}\n"));
        links.push_str(&format!("  - {{title: L, url: {url}}}\n"));
    }
    f.file("site.yaml", &format!("{SITE_YAML}{menu}{links}"));
    let out = f.cli_en(&["build"]);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let n = REFUSED.len();
    for i in 0..n {
        for (line, field) in [(5 + i, "`menu[].url` is"), (6 + n + i, "`links[].url` is")] {
            let at = format!("site.yaml:{line}:");
            let msg = err
                .lines()
                .find(|l| l.starts_with(&at))
                .unwrap_or_else(|| panic!("{at} not reported:\n{err}"));
            assert!(msg.contains(field), "{msg}");
        }
    }
    assert!(err.contains(&format!("{} errors", 2 * n)), "{err}");
    assert!(!f.exists(""));
}

#[test]
fn web_addresses_mail_phone_and_site_paths_are_published() {
    let f = Fixture::new();
    f.file(
        "site.yaml",
        &format!(
            "{SITE_YAML}menu:\n  - {{title: Tin, url: /tin-tuc/}}\n  - {{title: Cổng, url: \"HTTPS://dichvucong.gov.vn/\"}}\nlinks:\n  - {{title: Thư, url: \"mailto:ubnd@hoaphu.gov.vn\"}}\n  - {{title: Gọi, url: \"tel:+84-24-3333\"}}\n  - {{title: Bộ, url: \"http://moha.gov.vn\"}}\n"
        ),
    );
    f.file("content/tin-tuc/_index.md", "---\ntitle: Tin tức\n---\n");
    f.file(
        "content/tin-tuc/bai.md",
        &page_with("image: \"https://anh.example.vn/a.jpg\"\nimage_alt: Ảnh\naliases: [tin-cu/bai]\ndocument: {number: 1/KH, issued: 2024-07-16, issuer: UBND, type: Kế hoạch, file: \"https://vanban.example.gov.vn/kh-1.pdf\"}\n"),
    );
    // A Markdown body is the editor's HTML: a `javascript:` link there stays (documented).
    f.file(
        "content/tin-tuc/than-bai.md",
        &page_with("").replace(
            "Thân bài.",
            "[Bấm](javascript:alert(1)) và [cổng](//dichvucong.gov.vn/).",
        ),
    );
    f.build_ok();
    let page = f.read("tin-tuc/bai/index.html");
    assert!(
        page.contains("href=\"https://vanban.example.gov.vn/kh-1.pdf\""),
        "{page}"
    );
    assert!(
        page.contains("content=\"https://anh.example.vn/a.jpg\""),
        "{page}"
    );
    for href in [
        "href=\"/tin-tuc/\"",
        "href=\"HTTPS://dichvucong.gov.vn/\"",
        "href=\"mailto:ubnd@hoaphu.gov.vn\"",
        "href=\"tel:+84-24-3333\"",
        "href=\"http://moha.gov.vn\"",
    ] {
        assert!(page.contains(href), "{href} missing");
    }
    assert!(f.read("tin-cu/bai/index.html").contains("/tin-tuc/bai/"));
    let body = f.read("tin-tuc/than-bai/index.html");
    assert!(
        body.contains("<a href=\"javascript:alert(1)\">Bấm</a>"),
        "{body}"
    );
    assert!(
        body.contains("<a href=\"//dichvucong.gov.vn/\">cổng</a>"),
        "{body}"
    );
    // Nowhere else: no `javascript:` in any other output.
    for (path, bytes) in snapshot(&f.out("")) {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        if !path.starts_with("tin-tuc/than-bai/") && !path.ends_with(".js") {
            assert!(!text.contains("javascript:"), "{path}");
        }
    }
}

/// Every input in `fuzz/corpus/url/` still passes the `url` fuzz target's checks.
#[test]
fn url_fuzz_corpus_replays() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/url");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 20, "{} seeds", files.len());
    for file in files {
        let data = std::fs::read(&file).unwrap();
        if std::panic::catch_unwind(|| url_checks::url(&data)).is_err() {
            panic!("fuzz input {} fails again", file.display());
        }
    }
    // The browser's reading the checks rely on.
    assert_eq!(
        url_checks::browser_scheme(" JaVa\tScRiPt:x").as_deref(),
        Some("javascript")
    );
    assert_eq!(url_checks::browser_scheme("1a:x"), None);
}

// ---- Control characters ------------------------------------------------------

/// The control characters tried everywhere: ESC with a screen-clearing
/// sequence, BEL, BS, NUL, DEL, and the C1 CSI with a colour sequence. (A lone
/// CR is a line end on load: it is tried where a line may end.)
const CONTROLS: &str = "\u{1b}[2J\u{7}\u{8}\0\u{7f}\u{9b}31m";

#[test]
fn control_characters_reach_no_output_file() {
    let f = Fixture::empty();
    f.file(
        "site.yaml",
        &format!(
            "title: Xã {CONTROLS}Thử\ndescription: Mô {CONTROLS}tả\nbase_url: https://xa.example.vn/\ntheme: rieng\norganization: {{name: \"UBND {CONTROLS}xã\"}}\nlinks:\n  - {{title: \"Cổng{CONTROLS}\", url: \"https://dichvucong.gov.vn/\"}}\nabbreviations:\n  UBND: Ủy ban{CONTROLS} nhân dân\n"
        ),
    );
    f.file(
        "content/_index.md",
        &format!("---\ntitle: Trang {CONTROLS}chủ\n---\nXin {CONTROLS}chào.\n"),
    );
    f.file(
        "content/tin-tuc/_index.md",
        &format!("---\ntitle: Tin {CONTROLS}tức\ndescription: Các {CONTROLS}tin\nmenu: 1\n---\n"),
    );
    // Every field and body text. (File names with control characters are
    // refused: `file_names_with_control_characters_are_refused`.)
    f.file(
        "content/tin-tuc/bai.md",
        &format!(
            "---\ntitle: Tiêu {CONTROLS}đề\ndate: 2024-07-16\nsummary: Tóm {CONTROLS}tắt\ntags: [\"Thẻ {CONTROLS}một\"]\nauthor: Tác {CONTROLS}giả\ndocument: {{number: \"1/KH{CONTROLS}\", issued: 2024-07-16, issuer: \"UBND{CONTROLS}\", type: \"Kế hoạch{CONTROLS}\"}}\n---\n## Mục {CONTROLS}một\n\nThân {CONTROLS}bài UBND,\rmột dòng, `mã {CONTROLS}`, ![ảnh {CONTROLS}](x.png \"chú {CONTROLS}\").\n\nTham chiếu &#27;[2J &#x1b; &#7; &#8; &#127; &#x9b; &#0; &#13; hết.\n\n| a{CONTROLS} | b |\n|---|---|\n| c{CONTROLS} | d |\n"
        ),
    );
    f.bytes("content/tin-tuc/x.png", &tiny_png(8, 6));
    // A theme is untrusted too: raw controls in a template and its strings,
    // and a Tera string escape that makes a CR.
    f.file("themes/rieng/theme.yaml", "extends: default\n");
    f.file(
        "themes/rieng/templates/404.html",
        &format!("{{% extends \"base.html\" %}}{{% block content %}}<p>Không {CONTROLS}thấy {{{{ \"a\\rb\" }}}}</p>{{% endblock content %}}"),
    );
    f.file(
        "themes/rieng/i18n/vi.yaml",
        &format!("go_home: Về {CONTROLS}trang chủ\n"),
    );
    f.build_ok();
    assert_output_clean(&f);
    // The text is there, each control shown as U+FFFD.
    let page = f.read("tin-tuc/bai/index.html");
    assert!(
        page.contains("Tiêu \u{fffd}[2J\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}31m"),
        "{page}"
    );
    let script = f.read("tin-tuc/bai/truyen-thanh.txt");
    assert!(script.contains("Thân \u{fffd}[2J"), "{script}");
    assert!(f.read("404.html").contains("a\u{fffd}b"));
}

#[test]
fn control_characters_from_yaml_escapes_are_errors_and_never_printed() {
    let f = Fixture::new();
    f.file(
        "content/tin-tuc/bai.md",
        "---\ntitle: \"Tiêu đề \\e[2J\"\nsummary: \"chuông \\a \\x08 \\0 \\x7f \\u009b \\r\"\ntags: [\"\\x1b[31m\"]\n---\nThân bài.\n",
    );
    f.file("content/b.md", "---\ntitle: B\nsummary: \"\\N\"\n---\n");
    f.file(
        "site.yaml",
        &format!("{SITE_YAML}organization: {{name: \"UBND \\e[2J\"}}\n"),
    );
    let out = f.cli_en(&["check"]);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("site.yaml:4:22: a control character (U+001B) in a value"),
        "{err}"
    );
    f.file("site.yaml", SITE_YAML);
    let out = f.cli_en(&["check"]);
    let err = stderr_of(&out);
    // The first escape of the file is reported, at its value.
    assert!(
        err.contains("content/tin-tuc/bai.md:2:8: a control character (U+001B) in a value"),
        "{err}"
    );
    assert!(err.contains("= hint: remove the escape sequence"), "{err}");
    // U+0085 (NEL, a C1 control) from `\N`.
    assert!(
        err.contains("content/b.md:3:10: a control character (U+0085)"),
        "{err}"
    );
    assert!(!f.exists(""));
}

#[test]
fn control_characters_in_a_source_line_keep_the_caret_in_place() {
    let f = Fixture::new();
    f.file(
        "content/tin-tuc/c.md",
        "---\ntitle: C\nareas: [\u{1b}\u{7}, khong-co]\n---\n",
    );
    let out = f.cli_en(&["check"]);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // The source line shows U+FFFD for each control, the caret under the value.
    let lines: Vec<&str> = err.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with("content/tin-tuc/c.md:3:13: unknown area `khong-co`"))
        .unwrap_or_else(|| panic!("{err}"));
    assert_eq!(lines[i + 1], " 3 | areas: [\u{fffd}\u{fffd}, khong-co]");
    let caret = lines[i + 2].chars().position(|c| c == '^').unwrap();
    assert_eq!(lines[i + 1].chars().nth(caret), Some('k'), "{err}");
}

/// A name is part of a published address (a folder is a section's URL, an
/// asset keeps its name): one with a control character is refused, and shown
/// with the character escaped.
#[test]
fn file_names_with_control_characters_are_refused() {
    let f = Fixture::new();
    f.file("content/\u{1b}]0;pwned\u{7}.md", "---\ntitle: A\n---\n");
    f.file("content/tin\u{1b}[2J/_index.md", "---\ntitle: Tin\n---\n");
    f.file("content/tin\u{1b}[2J/bai.md", "---\ntitle: Bài\n---\n");
    f.file("content/tin\u{1b}[2J/anh.png", "x");
    f.bytes("content/anh\u{9b}31m.png", b"x");
    f.file("content/del\u{7f}/a.pdf", "x");
    f.file("site.yaml", &format!("{SITE_YAML}theme: rieng\n"));
    f.file("themes/rieng/theme.yaml", "extends: default\n");
    f.file("themes/rieng/static/a\u{8}.css", "");
    let out = f.cli_en(&["build"]);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let hint = "= hint: rename it using letters, digits, spaces and `-`";
    for (path, name) in [
        (
            "content/\\u{1b}]0;pwned\\u{7}.md",
            "\\u{1b}]0;pwned\\u{7}.md",
        ),
        ("content/tin\\u{1b}[2J", "tin\\u{1b}[2J"),
        ("content/anh\\u{9b}31m.png", "anh\\u{9b}31m.png"),
        ("content/del\\u{7f}", "del\\u{7f}"),
        ("themes/rieng/static/a\\u{8}.css", "a\\u{8}.css"),
    ] {
        let at = format!("{path}:1:1: the name `{name}` contains a control character\n  {hint}");
        assert!(err.contains(&at), "{at}\n{err}");
    }
    // One problem for the folder, none for the files in it.
    assert!(!err.contains("bai.md"), "{err}");
    assert!(err.contains("5 errors"), "{err}");
    assert!(!f.exists(""));
}
