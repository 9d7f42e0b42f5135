//! The editor's language (issue #22): Vietnamese dates, plain messages for
//! YAML mistakes, warnings for silent mistakes, `new` and `init` for a
//! commune official.

use crate::support::*;

/// A site with a news section holding `x.md` with this front matter.
fn news(front: &str) -> Fixture {
    let f = Fixture::with_indices();
    f.file(
        "content/tin-tuc/x.md",
        &format!("---\n{front}---\nNội dung.\n"),
    );
    f
}

#[test]
fn day_first_dates_are_read_and_shown_with_two_digits() {
    let f = Fixture::with_indices();
    for (name, date) in [
        ("a", "5/8/2024"),
        ("b", "06/08/2024"),
        ("c", "2024-08-07 08:30"),
        ("d", "8/8/2024 14:05"),
        ("e", "2024-08-09T10:00:00+07:00"),
    ] {
        f.file(
            &format!("content/tin-tuc/{name}.md"),
            &format!("---\ntitle: Bài {name}\ndate: {date}\n---\nNội dung.\n"),
        );
    }
    f.file(
        "content/van-ban/qd.md",
        "---\ntitle: Quyết định\ndate: 1/7/2024\ndocument:\n  number: 01/QĐ-UBND\n  issued: 1/7/2024\n  issuer: UBND xã\n  type: Quyết định\n---\nNội dung.\n",
    );
    f.build_ok();
    let list = f.read("tin-tuc/index.html");
    for shown in [
        r#"<time datetime="2024-08-05">05/08/2024</time>"#,
        r#"<time datetime="2024-08-06">06/08/2024</time>"#,
        r#"<time datetime="2024-08-07">07/08/2024</time>"#,
        r#"<time datetime="2024-08-08">08/08/2024</time>"#,
    ] {
        assert!(list.contains(shown), "{shown} in\n{list}");
    }
    // Newest first: the times of day order pages of neighbouring days.
    assert!(pos(&list, "Bài e") < pos(&list, "Bài d"));
    assert!(pos(&list, "Bài d") < pos(&list, "Bài c"));
    let page = f.read("tin-tuc/d/index.html");
    assert!(
        page.contains(r#"<time datetime="2024-08-08T14:05:00+07:00">Thứ Năm, 08/08/2024</time>"#),
        "{page}"
    );
    let register = f.read("van-ban/index.html");
    assert!(register.contains("01/07/2024"), "{register}");
}

#[test]
fn an_impossible_date_is_one_clear_error() {
    let f = news("title: A\ndate: 31/2/2024\n");
    let msg = f.build_err();
    assert!(
        msg.contains("content/tin-tuc/x.md:3:7: ngày `31/2/2024` không có thật: tháng 2 năm 2024 chỉ có 29 ngày"),
        "{msg}"
    );
    assert!(msg.contains(" 3 | date: 31/2/2024"), "{msg}");
    assert!(msg.contains("`date: 16/7/2024`"), "{msg}");
    assert!(!msg.contains("is required"), "{msg}");
    assert!(
        msg.ends_with("1 lỗi (error) — không ghi gì vào thư mục kết quả."),
        "{msg}"
    );
}

#[test]
fn bad_updated_and_issued_dates_are_errors() {
    let f = news(
        "title: A\ndate: 1/7/2024\nupdated: 32/7/2024\ndocument:\n  number: 1\n  issued: 7/15/2024\n  issuer: UBND xã\n  type: Quyết định\n",
    );
    let msg = f.build_err();
    assert!(
        msg.contains("x.md:4:10: ngày `32/7/2024` không có thật: tháng 7 năm 2024 chỉ có 31 ngày"),
        "{msg}"
    );
    assert!(
        msg.contains(
            "x.md:7:11: `document.issued`: ngày `7/15/2024` không có thật: không có tháng 15"
        ),
        "{msg}"
    );
    assert!(msg.contains("2 lỗi"), "{msg}");
}
