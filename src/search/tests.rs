//! Tests of the search index: word splitting, forms and terms, postings,
//! JSON escaping and shards, against their plain definitions.

use super::*;

fn doc<'a>(title: &'a str, text: &'a str) -> SearchDoc<'a> {
    SearchDoc {
        title,
        href: String::new(),
        date: None,
        lead: "",
        body: text,
        extra: String::new(),
    }
}

#[test]
fn word_characters_fast_path_agrees_with_unicode() {
    for c in (0u32..0x2000).filter_map(char::from_u32) {
        assert_eq!(
            is_word_char(c),
            c.is_alphabetic() || c.is_numeric() || is_combining_mark(c),
            "{c:?}"
        );
    }
}

#[test]
fn forms_and_terms() {
    let nfd: String = "Đường".nfd().collect();
    assert_eq!(form(&nfd), "đường");
    assert_eq!(term(&form(&nfd)), "duong");
    assert_eq!(term("hài lòng"), "hai long");
    assert_eq!(
        words("Đường dây-nóng: 1022!").collect::<Vec<_>>(),
        ["Đường", "dây", "nóng", "1022"]
    );
}

#[test]
fn index_of_many_documents_counts_as_one_would_by_hand() {
    // Enough documents for several runs of the parallel count: every
    // posting must be what counting each document on its own gives.
    let vocabulary = [
        "Đường",
        "đường",
        "ĐƯỜNG",
        "dương",
        "làng",
        "Làng",
        "xã",
        "1022",
    ];
    let mut next = crate::text::test_numbers(0x9e37_79b9_7f4a_7c15u64);
    let mut pick = |most: usize| -> String {
        let k = next(most);
        (0..k)
            .map(|_| vocabulary[next(vocabulary.len())])
            .collect::<Vec<_>>()
            .join(" ")
    };
    let texts: Vec<(String, String)> = (0..700).map(|_| (pick(3), pick(90))).collect();
    let docs: Vec<SearchDoc<'_>> = texts.iter().map(|(t, b)| doc(t, b)).collect();
    let mut expected: BTreeMap<String, Forms> = BTreeMap::new();
    for (n, d) in docs.iter().enumerate() {
        let mut counts: BTreeMap<String, (u32, u32)> = BTreeMap::new();
        for w in words(d.title) {
            counts.entry(form(w)).or_default().1 = 1;
        }
        for w in words(d.body) {
            counts.entry(form(w)).or_default().0 += 1;
        }
        for (f, (count, in_title)) in counts {
            let weight = count.min(MAX_TF) * 2 + in_title;
            let postings = expected.entry(term(&f)).or_default().entry(f).or_default();
            postings.push((n as u32, weight));
        }
    }
    assert_eq!(build_index(&docs), expected);
}

#[test]
fn index_keeps_forms_apart_under_one_term() {
    let idx = build_index(&[doc("Đường làng", "đường đường"), doc("Biển", "dương")]);
    let duong = &idx["duong"];
    assert_eq!(duong["đường"], vec![(0, 2 * 2 + 1)]);
    assert_eq!(duong["dương"], vec![(1, 2)]);
    let shards = shards(&idx);
    assert!(
        shards["du"].contains(r#""duong":[["dương",[1,2]],["đường",[0,5]]]"#),
        "{}",
        shards["du"]
    );
}

#[test]
fn big_shards_split_by_longer_keys() {
    let text: String = (0..4000).map(|i| format!("tha{i} thu{i} ")).collect();
    let idx = build_index(&[doc("th", &text)]);
    let shards = shards(&idx);
    assert!(
        shards.contains_key("th"),
        "the exact term keeps the short key"
    );
    assert!(shards.keys().any(|k| k.starts_with("tha") && k.len() > 2));
    assert!(shards.values().all(|s| s.len() <= SHARD_BYTES * 2));
}

#[test]
fn json_strings_escape_markup_for_scripts() {
    // JSON's escapes, `<`, `>` and `&` as `\u00XX`; other text as it is.
    assert_eq!(
        json_string("a\"b\\c\n\t\u{1}<x> & </script> ệ\u{2028}"),
        concat!(
            r#""a\"b\\c\n\t\u0001\u003cx\u003e \u0026 \u003c/script\u003e "#,
            "ệ\u{2028}\""
        )
    );
}

#[test]
fn shard_files_are_ascii() {
    assert_eq!(shard_file("du"), "du.js");
    assert_eq!(shard_file("中"), "_e4b8ad.js");
}
