//! The command line: exit codes, summary line, `init`, `new`, `check`.

use crate::support::*;
use std::process::Command;

#[test]
fn build_prints_a_summary_unless_quiet() {
    let f = Fixture::new();
    let out = f.cli(&["build"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.starts_with("Đã xây dựng") && s.contains(" ms"), "{s}");
    let out = f.cli(&["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    let f = Fixture::new();
    assert_eq!(f.cli(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(f.cli(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(f.cli(&["build", "--help"]).status.code(), Some(0));
    // Said in Vietnamese, with clap's suggestion.
    let out = f.cli(&["build", "--drafs"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("lỗi: không có tùy chọn `--drafs`\n"),
        "{err}"
    );
    assert!(err.contains("= gợi ý: có phải là `--drafts`?"), "{err}");
    let out = f.cli(&["buld"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("lỗi: không có lệnh `buld`"), "{err}");
    assert_eq!(out.status.code(), Some(2));
    let out = f.cli_en(&["build", "--drafs"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("unexpected argument"));
}

#[test]
fn content_errors_exit_1_and_name_file_and_line() {
    let f = Fixture::new();
    f.file("content/x.md", "---\ntitle: A\nbogus: 1\n---\n");
    let out = f.cli(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("content/x.md:3:1: khóa `bogus` không dùng được ở đây"),
        "{err}"
    );
}

#[test]
fn init_makes_a_buildable_site() {
    let f = Fixture::empty();
    let out = f.cli(&["init", "xa-moi"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let site = f.root().join("xa-moi");
    assert!(site.join("themes/default/templates/page.html").is_file());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_congxa"))
        .args(["build", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        site.join("output/sipas/tiep-can-dich-vu-hanh-chinh-cong/index.html")
            .is_file()
    );
    // Git ignores the output, the build's lock file beside it and the image cache.
    assert!(site.join(".output.congxa-lock").is_file());
    let ignore = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    assert_eq!(
        ignore.lines().collect::<Vec<_>>(),
        ["output/", ".output.congxa-*", ".congxa-cache/"]
    );
    // Refuses a non-empty directory.
    assert_eq!(f.cli(&["init", "xa-moi"]).status.code(), Some(1));
}

#[test]
fn new_article_passes_check() {
    let f = Fixture::with_indices();
    let out = f.cli(&[
        "new",
        "tin-tuc/hoi-nghi.md",
        "--title",
        "Hội nghị: \"SIPAS\" #1",
        "--index",
        "sipas",
        "--area",
        "tiep-can-dich-vu",
        "thu-tuc-hanh-chinh",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(f.root().join("content/tin-tuc/hoi-nghi.md")).unwrap();
    assert!(text.starts_with("---\ntitle:"), "{text}");
    let out = f.cli(&["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!f.out("").exists(), "check writes nothing");
    assert_eq!(
        f.cli(&["new", "tin-tuc/hoi-nghi.md"]).status.code(),
        Some(1),
        "never overwrites"
    );
}

// ---- Language of messages (#22 point 1) -----------------------------------

/// A site with one unknown key and a warning (a title cut by ` #`).
fn site_with_a_mistake() -> Fixture {
    let f = Fixture::new();
    f.file("content/x.md", "---\ntitle: A\nbogus: 1\n---\n");
    f
}

#[test]
fn messages_are_vietnamese_whatever_the_machines_locale() {
    let f = site_with_a_mistake();
    let out = Command::new(env!("CARGO_BIN_EXE_congxa"))
        .arg("check")
        .current_dir(f.root())
        .env_remove("CONGXA_LANG")
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("content/x.md:3:1: khóa `bogus` không dùng được ở đây"),
        "{err}"
    );
    assert!(err.contains("\n  = gợi ý: "), "{err}");
    assert!(
        err.ends_with("1 lỗi — không ghi gì vào thư mục kết quả.\n"),
        "{err}"
    );
    assert!(!err.contains("hint") && !err.contains("error"), "{err}");
}

#[test]
fn lang_en_or_congxa_lang_en_speak_english() {
    let f = site_with_a_mistake();
    let flag = f.cli(&["check", "--lang", "en"]);
    let before_command = f.cli(&["--lang=en", "check"]);
    let env = Command::new(env!("CARGO_BIN_EXE_congxa"))
        .arg("check")
        .current_dir(f.root())
        .env("CONGXA_LANG", "en")
        .output()
        .unwrap();
    for out in [&flag, &before_command, &env] {
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("content/x.md:3:1: key `bogus` cannot be used here"),
            "{err}"
        );
        // Position, source line and caret as in Vietnamese.
        assert!(err.contains(" 3 | bogus: 1\n   | ^\n  = hint: "), "{err}");
        assert!(
            err.ends_with("1 error — nothing was written to the output folder.\n"),
            "{err}"
        );
    }
    // `--lang` wins over the environment.
    let vi = Command::new(env!("CARGO_BIN_EXE_congxa"))
        .args(["check", "--lang", "vi"])
        .current_dir(f.root())
        .env("CONGXA_LANG", "en")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&vi.stderr).contains("khóa `bogus`"));
    // Anything but `vi` and `en` is a usage error.
    assert_eq!(f.cli(&["check", "--lang", "fr"]).status.code(), Some(2));
}

#[test]
fn summaries_and_help_follow_the_language() {
    let f = Fixture::new();
    let vi = String::from_utf8_lossy(&f.cli(&["check"]).stdout).into_owned();
    assert!(vi.starts_with("Không có lỗi: đã kiểm tra "), "{vi}");
    let en = String::from_utf8_lossy(&f.cli_en(&["check"]).stdout).into_owned();
    assert!(en.starts_with("No errors: checked "), "{en}");
    let help = String::from_utf8_lossy(&f.cli(&["build", "--help"]).stdout).into_owned();
    assert!(
        help.contains("Cách dùng: congxa build [TÙY CHỌN]"),
        "{help}"
    );
    assert!(
        help.contains("Tùy chọn:") && help.contains("--lang"),
        "{help}"
    );
    assert!(
        !help.contains("Usage") && !help.contains("Print help"),
        "{help}"
    );
    let help = String::from_utf8_lossy(&f.cli_en(&["build", "--help"]).stdout).into_owned();
    assert!(help.contains("Usage: congxa build [OPTIONS]"), "{help}");
    assert!(
        help.contains("Build the site into the output folder"),
        "{help}"
    );
}
